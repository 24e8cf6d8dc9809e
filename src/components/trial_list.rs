//! The trials: `trial-count` and one keyed card per trial (keys change only for trials
//! that changed, so the rest keep their DOM across snapshots).

use super::trial_card::{TrialCard, TrialRow};
use crate::derive::budget::{Dataset, Precision};
use leptos::prelude::*;

/// The list of trial cards in display order.
#[component]
pub fn TrialList(
    #[prop(into)] rows: Signal<Vec<TrialRow>>,
    #[prop(into)] total: Signal<usize>,
    #[prop(into)] precision: Signal<Precision>,
    #[prop(into)] dataset: Signal<Dataset>,
) -> impl IntoView {
    let shown = move || rows.with(Vec::len);
    view! {
        <section class="trials" aria-label="Trials">
            <h3>"Trials"</h3>
            <p class="trial-count" data-testid="trial-count" data-shown=shown data-total=move || total.get()>
                {move || format!("Showing {} of {} trials", shown(), total.get())}
            </p>
            {move || (total.get() == 0).then(|| view! { <p class="empty">"No trials yet: the tuner is still setting up."</p> })}
            <div class="cards">
                <For each=move || rows.get() key=|row| row.key.clone() children=move |row| {
                    view! { <TrialCard row=row precision=precision.get_untracked() dataset=dataset.get_untracked()/> }
                }/>
            </div>
        </section>
    }
}
