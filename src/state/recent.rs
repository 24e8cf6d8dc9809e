//! Recent runs on this device (`localStorage`, never keys): the list the "Recent runs" menu
//! shows, recording a run once it loads, and learning runs' names from a project's run list.
//! See [`crate::recent_runs`] for the list's rules.

use crate::model::runs::RunList;
use crate::recent_runs::{from_json, remember, to_json, with_names, RecentRun};
use crate::state::run_store::RunStore;
use crate::state::storage::{self, Kept};
use crate::view_state::ViewState;
use leptos::prelude::*;

const STORAGE_NAME: &str = "tunerscope.recentRuns";

/// The remembered runs, most recent first.
fn load() -> Vec<RecentRun> {
    storage::read(Kept::Device, STORAGE_NAME)
        .map(|t| from_json(&t))
        .unwrap_or_default()
}

/// The remembered runs as the page shows them (the "Recent runs" menu), shared by whoever
/// opens or names runs. Provided by `App`.
#[derive(Clone, Copy)]
pub struct RecentList(pub RwSignal<Vec<RecentRun>>);

impl RecentList {
    /// Records that `run` was opened, stored and shown. Storage failures are ignored (the
    /// list is a convenience).
    pub fn record(self, run: RecentRun) {
        let list = remember(load(), run);
        storage::write(Kept::Device, STORAGE_NAME, &to_json(&list));
        self.0.try_set(list);
    }

    /// Forgets every remembered run.
    pub fn clear(self) {
        storage::remove(Kept::Device, STORAGE_NAME);
        self.0.set(Vec::new());
    }
}

/// Provides the page's [`RecentList`], read from storage (call once, in `App`).
pub fn provide_recent_list() -> RecentList {
    let list = RecentList(RwSignal::new(load()));
    provide_context(list);
    list
}

/// The page's [`RecentList`]; a fresh one outside `App` (e.g. a component test).
pub fn use_recent_list() -> RecentList {
    use_context::<RecentList>().unwrap_or_else(provide_recent_list)
}

/// Gives remembered runs of `project` at `api` the names from its run list (stored and
/// shown). Storage failures are ignored, as in [`RecentList::record`].
pub fn learn_names(project: u64, api: Option<&str>, runs: &RunList) {
    let names: Vec<(u64, String)> = runs
        .runs
        .iter()
        .filter_map(|r| Some((r.job_id, r.name.clone()?)))
        .collect();
    let Some(list) = with_names(&load(), project, api, &names) else {
        return;
    };
    storage::write(Kept::Device, STORAGE_NAME, &to_json(&list));
    if let Some(shown) = use_context::<RecentList>() {
        shown.0.try_set(list);
    }
}

/// Keeps remembered runs' names in step with `runs` whenever a list of `view`'s project loads
/// (the picker's and the switcher's lists alike).
pub fn use_learned_names(view: RwSignal<ViewState>, runs: Signal<Option<RunList>>) {
    Effect::new(move |_| {
        runs.with(|list| {
            if let (Some(list), Some(project)) = (list, view.with_untracked(|v| v.project)) {
                learn_names(
                    project,
                    view.with_untracked(|v| v.api.clone()).as_deref(),
                    list,
                );
            }
        })
    });
}

/// Remembers the run `view` names once its state has loaded into `store` (and again when its
/// name is known).
pub fn use_recent_recording(store: RunStore, view: RwSignal<ViewState>) {
    let recent = use_recent_list();
    let loaded = Memo::new(move |_| {
        store
            .snapshot
            .with(|s| s.as_ref().map(|s| s.run.config.name.clone()))
    });
    Effect::new(move |_| {
        let Some(name) = loaded.get() else { return };
        let Some((project, job, api)) =
            view.with_untracked(|v| Some((v.project?, v.job?, v.api.clone())))
        else {
            return;
        };
        recent.record(RecentRun {
            project,
            job,
            api,
            name,
            opened_ms: js_sys::Date::now(),
        });
    });
}
