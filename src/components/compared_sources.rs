//! `ComparedSources`: keeps every compared run (`vs`) loaded from the live API, each with its
//! own poller ([`use_compared_polling`]); renders nothing. Keyed by job, so adding or removing a
//! run starts or stops only that run's poller.

use crate::state::api_key::use_current_key;
use crate::state::compare::{use_compared_polling, use_compared_runs, ComparedRun};
use crate::view_state::ViewState;
use leptos::prelude::*;

/// Polls the compared runs with the page's key while the live source is shown.
#[component]
pub fn ComparedSources(view: RwSignal<ViewState>) -> impl IntoView {
    let key = use_current_key().0;
    use_compared_runs().map(|compared| {
        view! {
            <For each=move || compared.runs.get() key=|run: &ComparedRun| (run.job, run.store.snapshot) children=move |run| {
                use_compared_polling(run, view, key.into());
            }/>
        }
    })
}
