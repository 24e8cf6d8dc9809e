//! The page's one evaluated trial list ([`SharedList`]), provided by `App` and read by the
//! list, the counts, the run summary, notifications, the tab title and every chart.
//!
//! Each step redoes only what its inputs changed: the lens is numbered
//! ([`LensId`]), every trial is evaluated once per version and lens
//! ([`EvalCache`]: a poll evaluates only the trials it changed), the order follows the
//! evaluation and the sort, and the shown trials follow the order and the filters (a
//! keystroke in the filter box does not evaluate or sort anything).

use crate::derive::evaluation::{EvalCache, LensId};
use crate::derive::list_view::{shown_list, Lens, ListView};
use crate::derive::order::{best_fit, resorted, sorted_indices, Evaluated};
use crate::derive::progress::{progress_counts, ProgressCounts};
use crate::model::{Config, Trial};
use crate::state::run_store::{RunStore, Snapshot};
use crate::view_state::ViewState;
use leptos::prelude::*;
use std::sync::Arc;

/// Every trial of one snapshot evaluated under one lens, and the best fit among them.
#[derive(Clone, Debug)]
pub struct Evaluation {
    pub snapshot: Snapshot,
    pub lens: LensId,
    /// One per trial of `snapshot.trials`, in the same order.
    pub evals: Arc<[Evaluated]>,
    /// The most accurate trial that fits ([`best_fit`]).
    pub best: Option<usize>,
}

/// The same snapshot under the same lens number is the same evaluation.
impl PartialEq for Evaluation {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot == other.snapshot && self.lens.id == other.lens.id
    }
}

impl Evaluation {
    /// The snapshot's trials, borrowed in order (what the pure functions take).
    pub fn trials(&self) -> Vec<&Trial> {
        self.snapshot
            .trials
            .iter()
            .map(|v| v.trial.as_ref())
            .collect()
    }
}

/// The shared list's memos. All fields are `Copy` handles.
#[derive(Clone, Copy)]
pub struct SharedList {
    /// Precision, dataset and budget with their number (changes only when the lens does).
    pub lens: Memo<LensId>,
    /// The latest snapshot evaluated under the lens; `None` before the first snapshot.
    pub evaluation: Memo<Option<Evaluation>>,
    /// The shown trials in display order.
    pub list: Memo<ListView>,
    /// The progress bar's counts (and the tab title's).
    pub counts: Memo<ProgressCounts>,
}

impl SharedList {
    /// The lens alone, for components that show it.
    pub fn lens(&self) -> Memo<Lens> {
        let lens = self.lens;
        Memo::new(move |_| lens.get().lens)
    }

    /// Runs `f` over the evaluation (tracked); `None` before the first snapshot.
    pub fn with_evaluation<R>(&self, f: impl FnOnce(&Evaluation) -> R) -> Option<R> {
        self.evaluation.with(|e| e.as_ref().map(f))
    }
}

/// Builds the shared list over the [`RunStore`] in context and provides it.
pub fn provide_shared_list(view: RwSignal<ViewState>) -> SharedList {
    let store = expect_context::<RunStore>();
    let lens = Memo::new(move |previous: Option<&LensId>| {
        let lens = view.with(|v| {
            store.snapshot.with(|s| match s {
                Some(s) => v.lens(&s.run.config),
                None => v.lens(&Config::default()),
            })
        });
        LensId::next(previous, lens)
    });
    // Kept across snapshots: what makes an unchanged trial free on a poll.
    let cache = StoredValue::new(EvalCache::default());
    let evaluation = Memo::new(move |_| {
        let lens = lens.get();
        let snapshot = store.snapshot.get()?;
        let evals: Arc<[Evaluated]> = cache
            .try_update_value(|c| c.evaluate_all(&snapshot.trials, &lens))?
            .into();
        let trials: Vec<&Trial> = snapshot.trials.iter().map(|v| v.trial.as_ref()).collect();
        let best = best_fit(&trials, &evals);
        drop(trials);
        Some(Evaluation {
            snapshot,
            lens,
            evals,
            best,
        })
    });
    let sort = Memo::new(move |_| view.with(|v| (v.sort, v.dir)));
    // Sorted from the previous order: after a poll it is nearly sorted already.
    let order = Memo::new(move |previous: Option<&Option<Arc<Vec<usize>>>>| {
        let (key, dir) = sort.get();
        let previous = previous.cloned().flatten();
        evaluation.with(|e| {
            e.as_ref().map(|e| {
                let trials = e.trials();
                Arc::new(match previous.as_deref() {
                    Some(p) => resorted(p, &trials, &e.evals, key, dir),
                    None => sorted_indices(&trials, &e.evals, key, dir),
                })
            })
        })
    });
    let filter = Memo::new(move |_| view.with(ViewState::filter));
    let list = Memo::new(move |_| {
        evaluation.with(|e| {
            let Some(e) = e else {
                return ListView::default();
            };
            order.with(|order| {
                let order = order.as_deref().cloned().unwrap_or_default();
                filter.with(|f| shown_list(&e.trials(), e.evals.clone(), e.best, order, f))
            })
        })
    });
    let counts = Memo::new(move |_| {
        store.snapshot.with(|s| match s {
            Some(s) => {
                let trials: Vec<&Trial> = s.trials.iter().map(|v| v.trial.as_ref()).collect();
                progress_counts(&s.run, &trials)
            }
            None => ProgressCounts::default(),
        })
    });
    let shared = SharedList {
        lens,
        evaluation,
        list,
        counts,
    };
    provide_context(shared);
    shared
}

/// The [`SharedList`] in context; a part mounted without `App` (a test, a component alone)
/// builds and provides its own.
pub fn use_shared_list(view: RwSignal<ViewState>) -> SharedList {
    use_context::<SharedList>().unwrap_or_else(|| provide_shared_list(view))
}
