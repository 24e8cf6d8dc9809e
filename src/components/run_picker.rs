//! `run-picker`: a project's runs to choose from (`?project=P` without `job`).

use crate::components::error_banner::ErrorBanner;
use crate::components::run_options::RunOptions;
use crate::model::ErrorKind;
use crate::state::runs::ProjectRuns;
use leptos::prelude::*;

/// The project's runs, newest first, hidden ones behind "show hidden runs" (in
/// [`RunOptions`]). Loading and
/// failures are said here (the same `error-banner` kinds as a run's).
#[component]
pub fn RunPicker(
    /// The project whose runs these are.
    project: u64,
    /// What was asked for, e.g. "the runs of project 1 at https://…" (shown with errors).
    #[prop(into)]
    target: Signal<Option<String>>,
    /// The list, its loading state, its error and reload (from `use_project_runs`).
    runs: ProjectRuns,
    /// "now" for "created … ago".
    #[prop(into)]
    now_ms: Signal<f64>,
    /// Called with the chosen run's job id and name.
    on_pick: Callback<(u64, Option<String>)>,
    /// "Enter the key again" after a refused key.
    on_reenter: Callback<()>,
) -> impl IntoView {
    // A memo: the rows below are built once per list shown, not once per answer (a reload
    // keeps them, their focus and the "show hidden runs" switch).
    let has_list = Memo::new(move |_| runs.runs.with(Option::is_some));
    let list = Signal::derive(move || runs.runs.get().unwrap_or_default());
    let not_found = move || {
        runs.error
            .with(|e| e.as_ref().map(|e| e.kind) == Some(ErrorKind::NotFound))
    };
    view! {
        <section class="run-picker" data-testid="run-picker" aria-label="Tuner runs of the project">
            <div class="run-picker-head">
                <h2>"Tuner runs of project " {project}</h2>
                <button type="button" class="reload-runs" on:click=move |_| runs.reload.run(())
                    disabled=move || runs.loading.get()>"Reload the list"</button>
            </div>
            {move || runs.loading.get().then(|| view! { <p class="muted" role="status">"Loading the project's runs…"</p> })}
            <ErrorBanner error=runs.error has_data=Signal::from(has_list) target=target on_reenter=on_reenter/>
            {move || not_found().then(|| view! {
                <p class="run-hint">"Edge Impulse answers 404 both for a project that does not exist and for a key that belongs to another project: check the project id and that the key is one of this project's keys."</p>
            })}
            {move || has_list.get().then(|| view! {
                <p class="muted">"Choose a run to open it. Back returns to this list."</p>
                <RunOptions list=list now_ms=now_ms on_pick=on_pick/>
            })}
        </section>
    }
}
