//! The trials: list controls, the what-if budget, `trial-count` (shown of total, the truth
//! about the whole list) and one keyed card per shown trial. Keys change only for trials
//! that changed (or when the lens or best fit does), so the rest keep their DOM.
//!
//! Past 500 shown trials only the chunks of cards near the viewport are rendered
//! ([`crate::derive::card_window`]); the text filter and sort reach every trial.

use super::card_chunk::CardChunk;
use super::list_controls::ListControls;
use super::what_if_budget::WhatIfBudget;
use crate::derive::card_window::{chunk_count, chunk_of, windowed};
use crate::derive::filter::Facets;
use crate::derive::list_view::Lens;
use crate::derive::selection::has_selection_id;
use crate::derive::trial_card::Rows;
use crate::state::card_window::CardWindow;
use crate::state::context::{CardContext, ViewCtx};
use crate::state::run_store::RunStore;
use leptos::prelude::*;

/// The list of trial cards in display order, with its controls.
#[component]
pub fn TrialList(
    /// Shown trials in display order.
    rows: Memo<Rows>,
    /// All trials of the run.
    #[prop(into)]
    total: Signal<usize>,
    #[prop(into)] facets: Signal<Facets>,
) -> impl IntoView {
    // The URL-backed view state the controls edit, and the lens the cards show.
    let view = ViewCtx::expect();
    let lens: Signal<Lens> = CardContext::expect().lens.into();
    let shown = move || rows.with(Rows::len);
    let empty_text = move || match (total.get(), shown()) {
        (0, _) => Some("No trials yet: the tuner is still setting up."),
        (_, 0) => Some("No trial matches these filters."),
        _ => None,
    };
    let store = expect_context::<RunStore>();
    // What the latest poll changed, in words (not announced: it changes with every poll).
    let diff_text = Memo::new(move |_| {
        store
            .snapshot
            .with(|s| s.as_ref().and_then(|s| s.diff.describe(s.seq)))
    });
    let window = CardWindow::start();
    let painted = crate::state::first_paint::painted_after_build();
    let is_windowed = Memo::new(move |_| windowed(shown()));
    let chunks = Memo::new(move |_| chunk_count(shown()));
    // The expanded trial's cards stay rendered wherever it is, so links and chart picks
    // that select it can scroll to it.
    // (Through a memo of the selection alone: a keystroke in the filter box scans nothing.)
    let selected = Memo::new(move |_| view.with(|v| v.trial.clone()));
    let selected_chunk = Memo::new(move |_| {
        selected.with(|id| {
            let id = id.as_deref()?;
            rows.with(|r| r.position(|t| has_selection_id(t, id)))
                .map(chunk_of)
        })
    });
    view! {
        <section class="trials" aria-label="Trials">
            <h3>"Trials"</h3>
            <ListControls view=view lens=lens facets=facets/>
            <WhatIfBudget view=view lens=lens/>
            <p class="trial-count" data-testid="trial-count" data-shown=shown data-total=move || total.get() aria-live="polite">
                {move || format!("Showing {} of {} trials", shown(), total.get())}
            </p>
            {move || diff_text.get().map(|t| view! { <p class="snapshot-diff" data-testid="snapshot-diff">{t}</p> })}
            {move || empty_text().map(|t| view! { <p class="empty">{t}</p> })}
            <div class="card-chunks" data-windowed=move || is_windowed.get().to_string()>
                <For each=move || 0..chunks.get() key=|i| *i children=move |index| {
                    view! { <CardChunk index=index rows=rows windowed=is_windowed selected_chunk=selected_chunk window=window painted=painted/> }
                }/>
            </div>
        </section>
    }
}
