//! Recent runs in `localStorage` (never keys). See [`crate::recent_runs`] for the rules.

use crate::recent_runs::{from_json, remember, to_json, RecentRun};

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
