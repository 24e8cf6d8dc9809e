//! Recent runs in `localStorage` (never keys). See [`crate::recent_runs`] for the rules.

use crate::model::runs::RunList;
use crate::recent_runs::{from_json, remember, to_json, with_names, RecentRun};
use crate::view_state::ViewState;
use leptos::prelude::*;

const STORAGE_KEY: &str = "tunerscope.recentRuns";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered runs, most recent first.
pub fn load() -> Vec<RecentRun> {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|t| from_json(&t))
        .unwrap_or_default()
}

/// Records that `run` was opened; returns the new list. Storage failures are ignored (the
/// list is a convenience).
pub fn record(run: RecentRun) -> Vec<RecentRun> {
    let list = remember(load(), run);
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, &to_json(&list));
    }
    list
}

/// Forgets every remembered run.
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

/// The remembered runs as the page shows them (the "Recent runs" menu), shared by whoever
/// opens or names runs. Provided by `App`.
#[derive(Clone, Copy)]
pub struct RecentList(pub RwSignal<Vec<RecentRun>>);

/// Provides the page's [`RecentList`], read from storage (call once, in `App`).
pub fn provide_recent_list() -> RecentList {
    let list = RecentList(RwSignal::new(load()));
    provide_context(list);
    list
}

/// Gives remembered runs of `project` at `api` the names from its run list (stored and
/// shown). Storage failures are ignored, as in [`record`].
pub fn learn_names(project: u64, api: Option<&str>, runs: &RunList) {
    let names: Vec<(u64, String)> = runs
        .runs
        .iter()
        .filter_map(|r| Some((r.job_id, r.name.clone()?)))
        .collect();
    let Some(list) = with_names(&load(), project, api, &names) else {
        return;
    };
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, &to_json(&list));
    }
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
