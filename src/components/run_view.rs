//! `RunView`: everything shown about the current snapshot: header, progress, config,
//! workers and the trial list. Derives rows (evaluation, order, best fit) from the store and
//! the view state via memos; components below only render.

use crate::components::config_summary::ConfigSummary;
use crate::components::progress_bar::ProgressBar;
use crate::components::response_note::ResponseNote;
use crate::components::run_header::RunHeader;
use crate::components::trial_card::TrialRow;
use crate::components::trial_list::TrialList;
use crate::components::worker_list::WorkerList;
use crate::derive::budget::{Budget, Dataset, Precision};
use crate::derive::order::{best_fit, evaluate, sorted_indices, Evaluated};
use crate::derive::progress::progress_counts;
use crate::model::{Trial, TrialStatus};
use crate::state::run_store::RunStore;
use crate::view_state::ViewState;
use leptos::prelude::*;
use std::hash::{Hash, Hasher};

/// Everything shown about the current snapshot.
/// Reads the [`RunStore`] from context.
#[component]
pub fn RunView(
    /// The URL-backed view state (precision, dataset, budget, sort).
    view: RwSignal<ViewState>,
    /// The shared clock.
    now: RwSignal<f64>,
) -> impl IntoView {
    let store = expect_context::<RunStore>();
    let run = Memo::new(move |_| store.snapshot.with(|s| s.as_ref().map(|s| s.run.clone())));
    let precision = Memo::new(move |_| {
        view.with(|v| v.precision).unwrap_or_else(|| {
            run.with(|r| {
                r.as_ref().and_then(|r| {
                    r.config
                        .optimization_precision
                        .as_deref()
                        .and_then(Precision::parse)
                })
            })
            .unwrap_or_default()
        })
    });
    let dataset = Memo::new(move |_| view.with(|v| v.dataset).unwrap_or_default());
    let budget = Memo::new(move |_| {
        let what_if = view.with(|v| v.budget);
        run.with(|r| {
            r.as_ref()
                .map(|r| Budget::of_config(&r.config))
                .unwrap_or_default()
        })
        .overridden_by(what_if)
    });
    let sort = Memo::new(move |_| view.with(|v| (v.sort, v.dir)));

    let rows = Memo::new(move |_| {
        let (precision, dataset, budget, (key, dir)) =
            (precision.get(), dataset.get(), budget.get(), sort.get());
        let view_version = view_version(precision, dataset, budget);
        store.snapshot.with(|s| {
            let Some(s) = s else { return Vec::new() };
            let trials: Vec<&Trial> = s.trials.iter().map(|v| v.trial.as_ref()).collect();
            let evals: Vec<Evaluated> = trials
                .iter()
                .map(|t| evaluate(t, dataset, precision, budget))
                .collect();
            let best = best_fit(&trials, &evals);
            sorted_indices(&trials, &evals, key, dir)
                .into_iter()
                .map(|i| {
                    let v = &s.trials[i];
                    let is_best = best == Some(i);
                    TrialRow {
                        trial: v.trial.clone(),
                        eval: evals[i],
                        best: is_best,
                        key: (v.trial.key.clone(), v.version, view_version, is_best),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
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
    let counts = Signal::derive(move || {
        store.snapshot.with(|s| match s {
            Some(s) => {
                let trials: Vec<&Trial> = s.trials.iter().map(|v| v.trial.as_ref()).collect();
                progress_counts(&s.run, &trials)
            }
            None => Default::default(),
        })
    });

    // Branch on presence only: a new snapshot must update the parts below in place, not
    // rebuild the whole subtree (which would throw away every card's DOM).
    let has_run = Memo::new(move |_| run.with(Option::is_some));
    let run_signal = Signal::derive(move || run.get().unwrap_or_default());
    move || {
        if !has_run.get() {
            return view! {
                <p class="placeholder">{move || if store.loading.get() { "Loading the run…" } else { "No run loaded yet." }}</p>
            }
            .into_any();
        }
        view! {
            <RunHeader run=run_signal last_ok_ms=store.last_ok_ms now_ms=now/>
            <ResponseNote run=run_signal/>
            <ProgressBar counts=counts/>
            <div class="columns">
                <ConfigSummary run=run_signal/>
                <WorkerList run=run_signal running=running/>
            </div>
            <TrialList rows=rows total=total precision=precision dataset=dataset/>
        }
        .into_any()
    }
}

/// A number that changes whenever what the cards show for every trial changes.
fn view_version(precision: Precision, dataset: Dataset, budget: Budget) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (precision, dataset, format!("{budget:?}")).hash(&mut h);
    h.finish()
}
