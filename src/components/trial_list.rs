//! The trials: list controls, the what-if budget, `trial-count` (shown of total, the truth
//! about the whole list) and one keyed card per shown trial. Keys change only for trials
//! that changed (or when the lens or best fit does), so the rest keep their DOM.

use super::list_controls::ListControls;
use super::trial_card::{TrialCard, TrialRow};
use super::what_if_budget::WhatIfBudget;
use crate::derive::filter::Facets;
use crate::derive::list_view::Lens;
use crate::view_state::ViewState;
use leptos::prelude::*;

/// The list of trial cards in display order, with its controls.
#[component]
pub fn TrialList(
    /// Shown trials in display order.
    #[prop(into)]
    rows: Signal<Vec<TrialRow>>,
    /// All trials of the run.
    #[prop(into)]
    total: Signal<usize>,
    /// The URL-backed view state the controls edit.
    view: RwSignal<ViewState>,
    #[prop(into)] lens: Signal<Lens>,
    #[prop(into)] facets: Signal<Facets>,
) -> impl IntoView {
    let shown = move || rows.with(Vec::len);
    let empty_text = move || match (total.get(), shown()) {
        (0, _) => Some("No trials yet: the tuner is still setting up."),
        (_, 0) => Some("No trial matches these filters."),
        _ => None,
    };
    view! {
        <section class="trials" aria-label="Trials">
            <h3>"Trials"</h3>
            <ListControls view=view lens=lens facets=facets/>
            <WhatIfBudget view=view lens=lens/>
            <p class="trial-count" data-testid="trial-count" data-shown=shown data-total=move || total.get() aria-live="polite">
                {move || format!("Showing {} of {} trials", shown(), total.get())}
            </p>
            {move || empty_text().map(|t| view! { <p class="empty">{t}</p> })}
            <div class="cards">
                <For each=move || rows.get() key=|row| row.key.clone() children=move |row| {
                    view! { <TrialCard row=row/> }
                }/>
            </div>
        </section>
    }
}
