//! The runs compared with the shown one (`vs`, issue 16): one [`RunStore`] per compared job,
//! beside the page's own store (run A's), so each run keeps its last good state and its own
//! error, and a run that fails to load says so in its own row while the others stay.
//!
//! Live, the list follows the URL's `vs`: a job added gets a fresh store (and, through
//! [`use_compared_polling`], its own poller under the usual rules: a finished run is asked
//! once, a live one every interval); a job removed is dropped with its store. An opened
//! snapshot file fixes the list to the file's compared states instead, with no network.

use crate::api::key::ApiKey;
use crate::state::polling::use_polling;
use crate::state::run_store::RunStore;
use crate::view_state::ViewState;
use leptos::prelude::*;

/// One compared run other than run A.
#[derive(Clone, Copy)]
pub struct ComparedRun {
    pub job: u64,
    pub store: RunStore,
}

/// The same job in the same store.
impl PartialEq for ComparedRun {
    fn eq(&self, other: &Self) -> bool {
        (self.job, self.store.snapshot) == (other.job, other.store.snapshot)
    }
}

/// Context: the compared runs, in `vs` order (run A is the page's own [`RunStore`]).
#[derive(Clone, Copy)]
pub struct ComparedRuns {
    pub runs: RwSignal<Vec<ComparedRun>>,
    /// Set while a snapshot file's states are shown: `vs` no longer drives the list.
    pub from_file: RwSignal<bool>,
    /// The page's owner, where compared stores live: a store made inside an effect would be
    /// disposed when that effect runs again.
    owner: StoredValue<Option<Owner>>,
}

impl ComparedRuns {
    /// Shows the states of a snapshot file: `(job, store)` already filled by the caller.
    pub fn show_file(&self, runs: Vec<ComparedRun>) {
        self.from_file.set(true);
        self.runs.set(runs);
    }

    /// A new, empty store for `job`, owned by the page (not by whatever effect asks).
    pub fn new_run(&self, job: u64) -> ComparedRun {
        let store = match self.owner.get_value() {
            Some(owner) => owner.with(RunStore::new),
            None => RunStore::new(),
        };
        ComparedRun { job, store }
    }

    /// Takes `job` out of the comparison: out of `vs`, and out of a file's list.
    pub fn remove(&self, view: RwSignal<ViewState>, job: u64) {
        if self.from_file.get_untracked() {
            self.runs.update(|runs| runs.retain(|r| r.job != job));
        }
        view.update(|v| *v = v.without_compared(job));
    }

    /// Ends the comparison.
    pub fn close(&self, view: RwSignal<ViewState>) {
        if self.from_file.get_untracked() {
            self.runs.set(Vec::new());
        }
        view.update(|v| {
            v.vs.clear();
            v.common = None;
        });
    }

    /// Back to following `vs` (the snapshot file was closed).
    pub fn follow_url(&self) {
        // The file's stores hold the file's states: live runs start from fresh ones.
        self.runs.set(Vec::new());
        self.from_file.set(false);
    }
}

/// Provides [`ComparedRuns`], following `vs` unless a snapshot file is shown.
pub fn provide_compared_runs(view: RwSignal<ViewState>) -> ComparedRuns {
    let compared = ComparedRuns {
        runs: RwSignal::new(Vec::new()),
        from_file: RwSignal::new(false),
        owner: StoredValue::new(Owner::current()),
    };
    let sync = move |jobs: &[u64]| {
        let current = compared.runs.get_untracked();
        let next: Vec<ComparedRun> = jobs
            .iter()
            .map(|&job| {
                current
                    .iter()
                    .find(|r| r.job == job)
                    .copied()
                    .unwrap_or_else(|| compared.new_run(job))
            })
            .collect();
        if next != current {
            compared.runs.set(next);
        }
    };
    // At once, so the first render already has a row per compared run.
    // The demo has nothing to compare with, whatever the address says.
    let wanted_of = |v: &ViewState| {
        if v.is_demo() {
            Vec::new()
        } else {
            v.vs.clone()
        }
    };
    view.with_untracked(|v| sync(&wanted_of(v)));
    let wanted = Memo::new(move |_| view.with(wanted_of));
    Effect::new(move |_| {
        let jobs = wanted.get();
        if !compared.from_file.get() {
            sync(&jobs);
        }
    });
    provide_context(compared);
    compared
}

/// The compared runs, when provided.
pub fn use_compared_runs() -> Option<ComparedRuns> {
    use_context::<ComparedRuns>()
}

/// Polls one compared run with the page's key, at the page's interval, until the calling
/// component goes away (the run left the comparison, or the page shows something else).
pub fn use_compared_polling(
    run: ComparedRun,
    view: RwSignal<ViewState>,
    key: Signal<Option<ApiKey>>,
) {
    let url = Signal::derive(move || view.with(|v| v.state_url_of(run.job)));
    let interval = Signal::derive(move || view.with(ViewState::interval));
    use_polling(run.store, url, key, interval);
}
