//! The run's name and state (`run-header`).

use crate::components::run_switcher::{RunSwitcher, SwitchRuns};
use crate::derive::format;
use crate::derive::liveness::{liveness, Liveness};
use crate::model::Run;
use crate::state::run_store::RunStore;
use leptos::prelude::*;
use std::sync::Arc;

/// Run name, job state, live or finished, algorithm, target device, data type, `jobError`.
#[component]
pub fn RunHeader(
    /// The run to describe.
    #[prop(into)]
    run: Signal<Arc<Run>>,
    /// Last confirmed (ms since epoch), for "updated … ago".
    #[prop(into)]
    last_ok_ms: Signal<Option<f64>>,
    /// "now" for relative times.
    #[prop(into)]
    now_ms: Signal<f64>,
) -> impl IntoView {
    // Staleness comes from the store when there is one (the page); tests may mount without.
    let stale = use_context::<RunStore>()
        .map(|s| Signal::derive(move || s.is_stale()))
        .unwrap_or_default();
    let status = move || {
        run.with(|r| {
            r.status
                .as_ref()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default()
        })
    };
    let name = move || {
        run.with(|r| {
            r.config
                .name
                .clone()
                .unwrap_or_else(|| "Unnamed tuner run".into())
        })
    };
    let live = move || run.with(|r| liveness(r));
    let facts = move || {
        run.with(|r| {
            let mut facts: Vec<(&'static str, String)> = Vec::new();
            if let Some(a) = &r.algorithm {
                facts.push(("Algorithm", a.as_str().to_owned()));
            }
            if let Some(d) = r.config.device.as_ref().and_then(|d| d.name.clone()) {
                facts.push(("Target", d));
            }
            if let Some(t) = &r.data_type {
                facts.push(("Data", t.as_str().to_owned()));
            }
            if let Some(id) = r.tuner_coordinator_job_id {
                facts.push(("Job", id.to_string()));
            }
            facts
        })
    };
    let job_error = move || run.with(|r| r.job_error.clone());
    // The page offers the project's other runs; tests may mount the header without.
    let switch = use_context::<SwitchRuns>();
    view! {
        <section class="run-header" data-testid="run-header" data-status=status aria-label="Run">
            <div class="run-title">
                <h2 title=name>{name}</h2>
                <span class=move || format!("badge status-{}", status())>{move || {
                    let s = status();
                    if s.is_empty() { "unknown state".to_owned() } else { s }
                }}</span>
                <span class="live">{move || match live() {
                    Liveness::Live => "still running",
                    Liveness::Finished => "finished",
                    Liveness::Unclear => "state unclear",
                }}</span>
            </div>
            <dl class="facts">
                {move || facts().into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
                <div>
                    <dt>"Updated"</dt>
                    <dd data-testid="last-updated" data-epoch-ms=move || last_ok_ms.get().map(|v| (v as i64).to_string())>
                        {move || last_ok_ms.get().map(|t| format!("updated {}", format::ago(t as i64, now_ms.get() as i64))).unwrap_or_else(|| "never".into())}
                    </dd>
                    {move || stale.get().then(|| view! {
                        <dd class="stale" data-testid="stale-indicator">
                            {move || format!(
                                "⚠ stale: the last refresh failed; this data is {} old",
                                last_ok_ms.get().map(|t| format::duration_s(((now_ms.get() - t) / 1000.0).max(0.0))).unwrap_or_else(|| "unknown".into()),
                            )}
                        </dd>
                    })}
                </div>
            </dl>
            {switch.map(|switch| view! { <RunSwitcher switch=switch/> })}
            {move || job_error().map(|e| {
                // A 10,000-character error must not push the page down: show the start, and
                // the whole text on demand.
                let (short, cut) = format::truncate(&e, 400);
                view! {
                    <div class="job-error" role="alert">
                        <p><strong>"The tuner job failed: "</strong><span class="text">{short}</span></p>
                        {cut.then(|| view! { <details><summary>"Show the full error"</summary><p class="text">{e.clone()}</p></details> })}
                    </div>
                }
            })}
        </section>
    }
}
