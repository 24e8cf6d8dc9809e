//! `trial-card`: one trial at a glance, answering "could I ship this?": status and timing,
//! the pipeline in words, accuracy beside the other precision, budget bars (with words, not
//! colour alone), live training, post-processing and "added to project" links. Expanding it
//! (`trial=<id>` in the URL) shows [`TrialDetails`].
//!
//! A card is built once per row key (trial version, view version, best fit) and only its
//! cheap per-card bits stay reactive: relative time, expanded state, the "just changed" mark.
//! A failed trial points at its log ("See the log": expands it with the log opened).

use super::budget_bars::BudgetBars;
use super::pipeline_row::PipelineRow;
use super::training_bar::TrainingBar;
use super::trial_details::TrialDetails;
use super::trial_links::TrialLinks;
use crate::derive::budget_bars::bars;
use crate::derive::format;
use crate::derive::list_view::Lens;
use crate::derive::order::Evaluated;
use crate::derive::pipeline_text::steps;
use crate::derive::trial_facts::{accuracy_text, failure, timing, training};
use crate::model::{Trial, TrialStatus};
use crate::state::api_key::use_live_api;
use crate::state::logs::use_trial_logs;
use crate::view_state::ViewState;
use leptos::either::Either;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// Everything a card needs; a card is rebuilt only when its row key changes.
#[derive(Clone, Debug)]
pub struct TrialRow {
    pub trial: Arc<Trial>,
    pub eval: Evaluated,
    pub best: bool,
    /// Changes whenever the card must be rebuilt: trial key, trial version, view version, best.
    pub key: (String, u64, u64, bool),
}

impl PartialEq for TrialRow {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && Arc::ptr_eq(&self.trial, &other.trial)
    }
}

/// What every card reads besides its own row. Provided once by `RunView`.
#[derive(Clone)]
pub struct CardContext {
    pub view: RwSignal<ViewState>,
    pub now: RwSignal<f64>,
    pub lens: Memo<Lens>,
    /// The run's `trainingCycles`.
    pub run_cycles: Memo<Option<u64>>,
    /// Keys of trials whose status changed in the latest snapshot.
    pub changed: Memo<Arc<HashSet<String>>>,
    /// The expanded trial (`trial` in the URL); O(1) per card when it changes.
    pub selected: Selector<Option<String>>,
}

/// The `trial` URL value that selects `trial`: its id, else its list key.
pub fn selection_id(trial: &Trial) -> String {
    if trial.id.is_empty() {
        trial.key.clone()
    } else {
        trial.id.clone()
    }
}

/// One trial. Reads [`CardContext`] from context.
#[component]
pub fn TrialCard(
    /// The trial, its evaluation under the current lens, and whether it is the best fit.
    row: TrialRow,
) -> impl IntoView {
    let ctx = expect_context::<CardContext>();
    let t = row.trial.clone();
    let lens = ctx.lens.get_untracked();
    let status = t
        .status
        .as_ref()
        .map_or_else(|| "unknown".to_owned(), |s| s.as_str().to_owned());
    let name = t.display_name();
    let fit = row.eval.fit();
    // "fit unknown: DSP cost unknown": the card says which part is unknown, not just that.
    let fit_text = row.eval.assessment.verdict_words();
    let steps = steps(&t);
    let failed = failure(&t, &steps);
    let accuracy = accuracy_text(&t, lens.dataset, lens.precision);
    let training = training(&t, ctx.run_cycles.get_untracked());
    let source = row.eval.assessment.figures.memory_source.map(|s| s.label());

    let sel = selection_id(&t);
    // A memo: four places below read it, and it changes only when this card opens or closes.
    let open = {
        let (selected, sel) = (ctx.selected.clone(), sel.clone());
        Memo::new(move |_| selected.selected(&Some(sel.clone())))
    };
    let toggle = {
        let (view, sel) = (ctx.view, sel.clone());
        move |_| {
            view.update(|v| {
                v.trial = if open.get_untracked() {
                    None
                } else {
                    Some(sel.clone())
                }
            })
        }
    };
    let changed = {
        let (changed, key) = (ctx.changed, t.key.clone());
        move || changed.with(|c| c.contains(&key))
    };
    // Only a text that reads the clock follows it: a pending trial, or one without the
    // times the text needs, is written once.
    let timing_text = {
        let now = ctx.now.get_untracked() as i64;
        let follows_clock = timing(&t, now) != timing(&t, now + 3_600_000);
        let (t, now) = (t.clone(), ctx.now);
        if follows_clock {
            Either::Left(move || timing(&t, now.get() as i64))
        } else {
            Either::Right(timing(&t, now.get_untracked() as i64))
        }
    };
    let meta = [
        t.round.map(|r| format!("round {r}")),
        t.worker_id.clone(),
        t.retries.filter(|r| *r > 0).map(|r| retries_text(Some(r))),
    ];
    let details_trial = t.clone();
    // Only where there is an API to ask (not the demo or a snapshot file): `live` below.
    let live = use_live_api();
    let see_log = (t.status == Some(TrialStatus::Failed) && !t.id.is_empty()).then(|| {
        let (view, sel, id, logs) = (ctx.view, sel.clone(), t.id.clone(), use_trial_logs());
        move |_| {
            if let Some(log) = view.with_untracked(|v| logs.for_trial(v, &id)) {
                log.open();
            }
            view.update(|v| v.trial = Some(sel.clone()));
        }
    });

    view! {
        <article class=format!("trial-card fit-{}", fit.as_str())
            id=format!("trial-{}", t.key)
            class:best=row.best
            class:open=open
            class:just-changed=changed
            data-testid="trial-card"
            data-trial-id=t.id.clone()
            data-status=status.clone()
            data-fits=fit.as_str()
            data-best-fit=row.best.then_some("true")>
            <header>
                <h4 class="trial-name" title=name.clone()>{name.clone()}</h4>
                <span class=format!("badge status-{status}")>{status.clone()}</span>
                {row.best.then(|| view! { <span class="badge best">"★ best fit"</span> })}
                {t.post_processing.then(|| view! { <span class="badge post">"post-processing re-train"</span> })}
                <button type="button" class="expand" aria-expanded=move || open.get().to_string() on:click=toggle>
                    {move || if open.get() { "Hide details" } else { "Details" }}
                </button>
            </header>
            <p class="meta">
                {meta.into_iter().flatten().map(|m| view! { <span class="text">{m}</span> }).collect_view()}
                <span class="timing">{timing_text}</span>
            </p>
            {failed.map(|f| view! {
                <p class="failure" role="note">
                    {f}
                    {see_log.map(|on_click| move || live.get().then(|| view! {
                        " " <button type="button" class="see-log" on:click=on_click.clone()>"See the log"</button>
                    }))}
                </p>
            })}
            <PipelineRow steps=steps/>
            <p class="accuracy">
                <strong>{accuracy.main}</strong>
                {accuracy.other.map(|o| view! { <span class="other">" (" {o} ")"</span> })}
                <span class="which">{format!(" {} set", lens.dataset.as_str())}</span>
            </p>
            <BudgetBars bars=bars(&row.eval.assessment) source=source/>
            {training.map(|tr| view! { <TrainingBar training=tr/> })}
            <TrialLinks trial=t.clone()/>
            <footer>
                <span class=format!("fit fit-{}", fit.as_str())>{fit_text}</span>
                {lens.is_what_if().then(|| view! { <span class="what-if-note">"(what-if budget)"</span> })}
                <span class="trial-id" title=t.id.clone()>{t.id.clone()}</span>
            </footer>
            {move || open.get().then(|| view! { <TrialDetails trial=details_trial.clone()/> })}
        </article>
    }
}

/// "3 retries"-style count, used by the details too.
pub fn retries_text(retries: Option<u64>) -> String {
    match retries {
        Some(1) => "1 retry".into(),
        Some(n) => format!("{n} retries"),
        None => format::MISSING.into(),
    }
}
