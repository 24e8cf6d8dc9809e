//! `run-log-load` / `run-log`: the tuner coordinator's own log (why a run failed or
//! stopped), loaded only when asked. Offered prominently, with the reason, when the run has
//! `jobError` or failed trials; otherwise as a modest button beside the configuration.

use super::log_box::LogBox;
use crate::derive::log_view::run_file_stem;
use crate::state::api_key::use_live_api;
use crate::state::logs::UseLogReturn;
use leptos::prelude::*;

/// The run log's button and box. `RunView` owns `log` (so it survives moving between the
/// prominent and the modest place) and places this where it belongs. Renders nothing unless
/// the run is shown from the API ([`use_live_api`]): not in the demo, not over a snapshot.
#[component]
pub fn RunLog(
    /// The run log's state ([`crate::state::logs::use_run_log`]).
    log: UseLogReturn,
    /// The run's job id, for the download's name.
    #[prop(into)]
    job: Signal<Option<u64>>,
    /// Why the log is worth reading; `None` shows the modest form.
    #[prop(into)]
    reason: Signal<Option<String>>,
) -> impl IntoView {
    let live = use_live_api();
    let on_load = move |_| {
        if log.shown.get_untracked() {
            log.load.run(());
        } else {
            log.open();
        }
    };
    let stem = Signal::derive(move || {
        job.get()
            .map(run_file_stem)
            .unwrap_or_else(|| "tunerscope-run".into())
    });
    move || {
        live.get().then(|| view! {
        <section class="run-log" class:prominent=move || reason.with(Option::is_some)>
            {move || reason.get().map(|r| view! { <p class="run-log-reason" role="note">{r}</p> })}
            <button type="button" data-testid="run-log-load" on:click=on_load disabled=move || log.loading.get()>
                {move || if log.shown.get() { "Refresh the tuner's log" } else { "Show the tuner's log" }}
            </button>
            {move || log.shown.get().then(|| view! {
                <LogBox testid="run-log" label="The tuner's log" body=log.body error=log.error
                    loading=log.loading file_stem=stem/>
            })}
        </section>
    })
    }
}
