//! The run switcher in a run's header: the project's other runs (the same `run-option`s as
//! the picker), loaded when it is first opened and never polled; each can be opened, or
//! compared with the open run ("Compare": adds it to `vs`).

use crate::components::run_options::{CompareOffer, RunOptions};
use crate::state::api_key::use_current_key;
use crate::state::recent::use_learned_names;
use crate::state::runs::use_project_runs;
use crate::view_state::ViewState;
use leptos::prelude::*;

/// What the header needs to offer other runs; provided by `App` for a live run only.
#[derive(Clone, Copy)]
pub struct SwitchRuns {
    pub view: RwSignal<ViewState>,
    /// Whether a live run is shown (not the demo, not a snapshot).
    pub live: Signal<bool>,
    /// Opens the run with this job id (and name, when known).
    pub on_open: Callback<(u64, Option<String>)>,
    /// "now" for "created … ago".
    pub now_ms: Signal<f64>,
    /// Adds the run with this job id to the comparison (`vs`).
    pub on_compare: Callback<u64>,
}

/// "Other runs of this project", shown while [`SwitchRuns::live`].
#[component]
pub fn RunSwitcher(switch: SwitchRuns) -> impl IntoView {
    let SwitchRuns {
        view,
        live,
        on_open,
        now_ms,
        on_compare,
    } = switch;
    let offer = CompareOffer {
        on_compare,
        blocked: Signal::derive(move || view.with(|v| v.vs.clone())),
        full: Signal::derive(move || view.with(|v| v.vs.len() >= crate::view_state::MAX_VS)),
    };
    let opened = RwSignal::new(false);
    let url = Signal::derive(move || view.with(ViewState::runs_url));
    let runs = use_project_runs(url, opened.into());
    let key = use_current_key().0;
    // Without a key (e.g. after "Forget key") nothing is asked: say why the list is empty.
    let no_key = Memo::new(move |_| key.with(Option::is_none));
    let has_list = Memo::new(move |_| runs.runs.with(Option::is_some));
    let list = Signal::derive(move || runs.runs.get().unwrap_or_default());
    let current = Signal::derive(move || view.with(|v| v.job));
    use_learned_names(view, runs.runs);
    move || {
        live.get().then(|| view! {
            <details class="run-switcher">
                // Opening the list loads it (a click also comes from Enter/Space on a summary).
                <summary on:click=move |_| opened.set(true)>"Other runs of this project"</summary>
                <div class="run-switcher-body">
                    {move || runs.loading.get().then(|| view! { <p class="muted" role="status">"Loading the project's runs…"</p> })}
                    {move || runs.error.get().map(|e| view! {
                        <p class="run-problem" role="alert">{format!("Could not list the runs: {e}")}</p>
                        <button type="button" on:click=move |_| runs.reload.run(())>"Try again"</button>
                    })}
                    {move || no_key.get().then(|| view! {
                        <p class="run-problem" role="status">"Enter an API key to list this project's runs."</p>
                    })}
                    {move || has_list.get().then(|| view! {
                        <RunOptions list=list current=current now_ms=now_ms on_pick=on_open compare=offer/>
                    })}
                </div>
            </details>
        })
    }
}
