//! `RunView`: everything shown about the current snapshot: header, progress, config,
//! workers and the trial list, with the run's summary (the answer) right under the header,
//! and above it all the comparison with other runs when `vs` names some.
//! Reads the page's one evaluated list ([`crate::state::list::SharedList`]: lens, evaluation,
//! order, filters, best fit) and derives the rows, summary, facets and status changes from
//! it; components below only render.
//!
//! Order of building: the answer (header, summary, progress, counts and cards) in the first
//! frame after a state arrives; the configuration, workers and charts in the task after that
//! frame is painted ([`crate::state::first_paint`]), for every size of run.
//!
//! Logs: `RunView` keeps every trial's log ([`provide_trial_logs`]) and the run's own log
//! ([`use_run_log`]), so they outlive the cards and the two places the run log can sit: right
//! under the header with the reason when the run has `jobError` or failed trials, else beside
//! the configuration.

use crate::components::charts::analysis_panel::AnalysisPanel;
use crate::components::config_summary::ConfigSummary;
use crate::components::progress_bar::ProgressBar;
use crate::components::response_note::ResponseNote;
use crate::components::run_compare::RunCompare;
use crate::components::run_header::RunHeader;
use crate::components::run_log::RunLog;
use crate::components::run_summary::RunSummary;
use crate::components::trial_list::TrialList;
use crate::components::worker_list::WorkerList;
use crate::derive::filter::facets;
use crate::derive::log_view::run_log_reason;
use crate::derive::run_summary::run_summary;
use crate::derive::status_change::{status_changes, StatusChanges};
use crate::derive::trial_card::Rows;
use crate::model::{Trial, TrialStatus};
use crate::state::api_key::use_live_api;
use crate::state::context::{provide_run_contexts, CardContext};
use crate::state::expanded::Expanded;
use crate::state::first_paint::painted_after_build;
use crate::state::list::use_shared_list;
use crate::state::logs::{provide_trial_logs, use_run_log};
use crate::state::run_store::RunStore;
use crate::view_state::ViewState;
use leptos::prelude::*;

/// Everything shown about the current snapshot.
/// Reads the [`RunStore`] from context and provides the view state, the clock and the
/// cards' [`CardContext`] to everything below ([`provide_run_contexts`]).
#[component]
pub fn RunView(
    /// The URL-backed view state (precision, dataset, budget, sort, filters, selection).
    view: RwSignal<ViewState>,
    /// The shared clock.
    now: RwSignal<f64>,
) -> impl IntoView {
    let store = expect_context::<RunStore>();
    crate::state::keys::use_escape_closes(view);
    let run = Memo::new(move |_| store.snapshot.with(|s| s.as_ref().map(|s| s.run.clone())));
    // The page's one evaluation of every trial under the lens: the list, the summary and the
    // charts read it (see `state::list`).
    let shared = use_shared_list(view);
    let lens = shared.lens();
    let list = shared.list;
    // Rows are made per chunk on screen, from the shared list (see `Rows`).
    let rows = Memo::new(move |_| {
        let lens_id = shared.lens.with(|l| l.id);
        list.with(|list| {
            shared
                .with_evaluation(|e| Rows::new(e.snapshot.trials.clone(), list, lens_id))
                .unwrap_or_default()
        })
    });
    let summary = Memo::new(move |_| {
        shared
            .with_evaluation(|e| run_summary(&e.trials(), &e.evals))
            .unwrap_or_else(|| run_summary::<&Trial>(&[], &[]))
    });
    let facets = Memo::new(move |_| {
        store.snapshot.with(|s| {
            s.as_ref()
                .map(|s| {
                    facets(
                        &s.trials
                            .iter()
                            .map(|v| v.trial.as_ref())
                            .collect::<Vec<_>>(),
                    )
                })
                .unwrap_or_default()
        })
    });
    let changes = Memo::new(move |previous: Option<&StatusChanges>| {
        store.snapshot.with(|s| match s {
            Some(s) => status_changes(previous, s.seq, &s.trials),
            None => StatusChanges::default(),
        })
    });
    provide_run_contexts(
        view,
        now.into(),
        CardContext {
            lens,
            run_cycles: Memo::new(move |_| {
                run.with(|r| r.as_ref().and_then(|r| r.config.training_cycles))
            }),
            changed: Memo::new(move |_| changes.with(|c| c.changed.clone())),
            expanded: Expanded::new(move || view.with(|v| v.trial.clone())),
        },
    );

    let total = Signal::derive(move || {
        store
            .snapshot
            .with(|s| s.as_ref().map_or(0, |s| s.trials.len()))
    });
    let running = Signal::derive(move || {
        store.snapshot.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.trials
                        .iter()
                        .filter(|v| v.trial.status == Some(TrialStatus::Running))
                        .filter_map(|v| Some((v.trial.worker_id.clone()?, v.trial.display_name())))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let counts = shared.counts;

    // Branch on presence only: a new snapshot must update the parts below in place, not
    // rebuild the whole subtree (which would throw away every card's DOM).
    provide_trial_logs();
    let run_log = use_run_log(view.into());
    let job = Signal::derive(move || view.with(|v| v.job));
    // The run log is offered only for a run shown from the API (not the demo or a file): the
    // same `LiveApi` check the log request itself makes.
    let has_api = use_live_api();
    let log_reason = Memo::new(move |_| {
        let job_error = run.with(|r| r.as_ref().is_some_and(|r| r.job_error.is_some()));
        run_log_reason(job_error, counts.with(|c| c.failed))
    });
    let prominent_log = move || {
        (has_api.get() && log_reason.with(Option::is_some))
            .then(|| view! { <RunLog log=run_log job=job reason=log_reason/> })
    };
    let modest_log = move || {
        (has_api.get() && log_reason.with(Option::is_none))
            .then(|| view! { <RunLog log=run_log job=job reason=log_reason/> })
    };

    let has_run = Memo::new(move |_| run.with(Option::is_some));
    let run_signal = Signal::derive(move || run.get().unwrap_or_default());
    let own = move || {
        if !has_run.get() {
            return view! {
                <p class="placeholder">{move || if store.loading.get() { "Loading the run…" } else { "No run loaded yet." }}</p>
            }
            .into_any();
        }
        // The answer first, for every size of run: the header, summary, counts and cards are
        // built and painted in the first frame; the configuration, workers and charts in the
        // task after that frame is on screen (`state::first_paint`).
        let rest = painted_after_build();
        view! {
            <RunHeader run=run_signal last_ok_ms=store.last_ok_ms now_ms=now/>
            <RunSummary summary=summary lens=lens view=view/>
            <ResponseNote run=run_signal/>
            {prominent_log}
            <ProgressBar counts=counts/>
            {move || rest.get().then(|| view! {
                <div class="columns">
                    <ConfigSummary run=run_signal/>
                    {modest_log}
                    <WorkerList run=run_signal running=running/>
                </div>
                <AnalysisPanel view=view now=now/>
            })}
            <TrialList rows=rows total=total facets=facets/>
        }
        .into_any()
    };
    // The comparison (when `vs` names other runs) comes first: it is the question asked.
    view! {
        <RunCompare view=view/>
        {own}
    }
}
