//! `trial-card`: one trial at a glance, answering "could I ship this?": status and timing,
//! the pipeline in words, accuracy beside the other precision, budget bars (with words, not
//! colour alone), live training, post-processing and "added to project" links. Expanding it
//! (`trial=<id>` in the URL) shows [`TrialDetails`].
//!
//! A card is built once per row key (trial version, lens number, best fit), so what cannot
//! change for a key is written once; only the expanded state, the relative time (a finished
//! trial's on the minute clock, see [`clock_need`]) and a "just changed" mark (only on a card
//! built with it) stay reactive.
//! A failed trial points at its log ("See the log": expands it with the log opened).

use super::budget_bars::BudgetBars;
use super::pipeline_row::PipelineRow;
use super::training_bar::TrainingBar;
use super::trial_details::TrialDetails;
use super::trial_links::TrialLinks;
use crate::derive::budget_bars::bars;
use crate::derive::pipeline_text::steps;
use crate::derive::selection::selection_id;
use crate::derive::trial_card::{clock_need, meta, ClockNeed, TrialRow};
use crate::derive::trial_facts::{accuracy_text, failure, timing, training};
use crate::model::{Trial, TrialStatus};
use crate::state::api_key::use_live_api;
use crate::state::context::{CardContext, Clock, ViewCtx};
use crate::state::logs::use_trial_logs;
use leptos::either::Either;
use leptos::prelude::*;
use std::sync::Arc;

/// One trial. Reads [`CardContext`], [`ViewCtx`] and the [`Clock`] from context.
#[component]
pub fn TrialCard(
    /// The trial, its evaluation under the current lens, and whether it is the best fit.
    row: TrialRow,
) -> impl IntoView {
    let ctx = CardContext::expect();
    let view = ViewCtx::expect();
    let clock = Clock::expect();
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
        let (expanded, sel) = (ctx.expanded, sel.clone());
        on_cleanup({
            let sel = sel.clone();
            move || expanded.release(&sel)
        });
        Memo::new(move |_| expanded.is_open(&sel))
    };
    let toggle = {
        let sel = sel.clone();
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
    // A trial whose status changes is a new version, so a new card: only a card built as
    // "just changed" can lose the mark (on the next poll); the others never gain it.
    let changed = {
        let (changed, key) = (ctx.changed, t.key.clone());
        if changed.with_untracked(|c| c.contains(&key)) {
            Signal::derive(move || changed.with(|c| c.contains(&key)))
        } else {
            Signal::stored(false)
        }
    };
    let timing_text = timing_text(t.clone(), clock);
    let meta = meta(&t);
    let details_trial = t.clone();
    // Only where there is an API to ask (not the demo or a snapshot file). Read once: the
    // source does not change under a card, and a card that subscribed to the page-wide flag
    // would stay in its subscriber list after it is gone (the flag almost never changes).
    let live = use_live_api().get_untracked();
    let see_log = (t.status == Some(TrialStatus::Failed) && !t.id.is_empty()).then(|| {
        let (sel, id, logs) = (sel.clone(), t.id.clone(), use_trial_logs());
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
                {meta.into_iter().map(|m| view! { <span class="text">{m}</span> }).collect_view()}
                <span class="timing">{timing_text}</span>
            </p>
            {failed.map(|f| view! {
                <p class="failure" role="note">
                    {f}
                    {see_log.filter(|_| live).map(|on_click| view! {
                        " " <button type="button" class="see-log" on:click=on_click>"See the log"</button>
                    })}
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

/// The card's timing text, following no finer a clock than it needs ([`clock_need`]): a
/// pending trial's is written once; a finished trial's ("finished 5 min ago") follows the
/// minute; a running one's, or one that still counts seconds, every tick. The need is asked
/// again on each re-render, so a trial that has just finished moves to the minute clock.
fn timing_text(t: Arc<Trial>, clock: Clock) -> impl IntoView {
    let now = clock.now.get_untracked() as i64;
    let mut first = Some(clock_need(&t, now));
    if first == Some(ClockNeed::Never) {
        return Either::Right(timing(&t, now));
    }
    Either::Left(move || {
        // The first run (when the card is built) already knows the need.
        let need = first
            .take()
            .unwrap_or_else(|| clock_need(&t, clock.now.get_untracked() as i64));
        let now = match need {
            ClockNeed::Tick => clock.now.get(),
            ClockNeed::Minute => {
                // Read, not just tracked: a memo nobody reads is never computed, so it would
                // never hear the clock.
                clock.minute.get();
                clock.now.get_untracked()
            }
            ClockNeed::Never => clock.now.get_untracked(),
        };
        timing(&t, now as i64)
    })
}
