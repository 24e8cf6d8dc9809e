//! The expanded part of a trial card: every block with its status, retries, last activity
//! and full config as a key/value table; the metrics ([`TrialMetrics`]); the raw `model`
//! parameters flattened to `path = value`; job ids and timestamps; the trial's log on
//! demand ([`TrialLog`]). All remote text is
//! rendered as text (never HTML) and wraps instead of widening the card.

use super::kv_table::KvTable;
use super::trial_log::TrialLog;
use super::trial_metrics::TrialMetrics;
use crate::derive::format;
use crate::derive::pipeline_text::{kind_label, parameters, steps};
use crate::derive::trial_card::retries_text;
use crate::derive::trial_details::flatten;
use crate::model::Trial;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

fn config_rows(config: &[(String, Value)]) -> Vec<(String, String)> {
    config
        .iter()
        .map(|(k, v)| (k.clone(), format::value(v)))
        .collect()
}

/// Full details of one trial.
#[component]
pub fn TrialDetails(trial: Arc<Trial>) -> impl IntoView {
    let t = trial;
    let ms = |v: Option<i64>| {
        v.map(format::timestamp)
            .unwrap_or_else(|| format::MISSING.into())
    };
    let blocks = steps(&t).into_iter().map(|s| {
        let state = s.state.clone().unwrap_or_default();
        let status = s.status().map_or("unknown", |st| st.as_str()).to_owned();
        let config = config_rows(parameters(&t, &s));
        view! {
            <section class="block-detail">
                <h6>
                    {format!("{} · ", kind_label(&s.kind))}
                    <span class="text">{s.label.clone()}</span>
                    {s.type_name.clone().filter(|ty| *ty != s.label).map(|ty| view! { " " <code class="text">{ty}</code> })}
                    " " <span class=format!("badge status-{status}")>{status.clone()}</span>
                </h6>
                <p class="block-timing">
                    {format!("retries: {} · last active: {}", retries_text(state.retries), ms(state.last_active_ms))}
                </p>
                {if config.is_empty() {
                    view! { <p class="empty">"No parameters reported."</p> }.into_any()
                } else {
                    view! { <KvTable rows=config/> }.into_any()
                }}
            </section>
        }
    }).collect_view();

    let mut facts = vec![
        ("id".to_owned(), t.id.clone()),
        (
            "started (earliest block activity)".into(),
            ms(t.started_ms()),
        ),
        ("last completed epoch".into(), ms(t.last_completed_epoch_ms)),
        ("finished training".into(), ms(t.last_completed_training_ms)),
    ];
    for (k, v) in [
        ("experiment", t.experiment.clone()),
        (
            "DSP job (training)",
            t.dsp_job_training.map(|j| j.to_string()),
        ),
        (
            "DSP job (testing)",
            t.dsp_job_testing.map(|j| j.to_string()),
        ),
        ("learn job", t.learn_job_id.map(|j| j.to_string())),
    ] {
        if let Some(v) = v {
            facts.push((k.to_owned(), v));
        }
    }
    let (model_rows, left_out) = t.model.as_ref().map(flatten).unwrap_or_default();
    let notes = t.details().notes.clone();

    view! {
        <div class="trial-details">
            <h5>"Trial"</h5>
            {(!notes.is_empty()).then(|| view! {
                <ul class="detail-notes" data-testid="detail-notes">
                    {notes.into_iter().map(|n| view! { <li class="text">{n}</li> }).collect_view()}
                </ul>
            })}
            <KvTable rows=facts/>
            <TrialLog trial=t.clone()/>
            <h5>"Blocks"</h5>
            {blocks}
            <h5>"Metrics"</h5>
            <TrialMetrics trial=t.clone()/>
            <h5>"Model parameters"</h5>
            {if model_rows.is_empty() {
                view! { <p class="empty">"No model parameters reported."</p> }.into_any()
            } else {
                view! {
                    <div class="model-params" tabindex="0" role="region" aria-label="Model parameters">
                        <KvTable rows=model_rows/>
                        {(left_out > 0).then(|| view! { <p class="empty">{format!("… and {left_out} more")}</p> })}
                    </div>
                }.into_any()
            }}
        </div>
    }
}
