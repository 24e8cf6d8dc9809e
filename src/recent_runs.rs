//! The runs opened on this device, most recent first (project, job, API base, name, when).
//! Never keys. Pure list logic; the browser storage lives in `state::recent`.

use crate::view_state::ViewState;
use serde::{Deserialize, Serialize};

/// How many runs are remembered.
pub const CAPACITY: usize = 12;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecentRun {
    pub project: u64,
    pub job: u64,
    /// `None` = the default API.
    #[serde(default)]
    pub api: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    pub opened_ms: f64,
}

impl RecentRun {
    fn same_run(&self, other: &RecentRun) -> bool {
        self.project == other.project && self.job == other.job && self.api == other.api
    }

    /// The view that opens this run from `current`: filters, lens and comparison reset (it
    /// is a different run); the reader's theme and polling interval kept.
    pub fn view_from(&self, current: &ViewState) -> ViewState {
        ViewState {
            project: Some(self.project),
            job: Some(self.job),
            api: self.api.clone(),
            theme: current.theme,
            interval_s: current.interval_s,
            ..ViewState::default()
        }
    }
}

/// Puts `run` first (replacing an older entry of the same run; keeping a known name if the
/// new entry has none) and caps the list.
pub fn remember(mut list: Vec<RecentRun>, mut run: RecentRun) -> Vec<RecentRun> {
    if let Some(pos) = list.iter().position(|r| r.same_run(&run)) {
        let old = list.remove(pos);
        if run.name.is_none() {
            run.name = old.name;
        }
    }
    list.insert(0, run);
    list.truncate(CAPACITY);
    list
}

/// Gives remembered runs of `project` at `api` the names the project's run list has for them
/// (Studio's current names: a rename shows here too). `None` when nothing changed.
pub fn with_names(
    list: &[RecentRun],
    project: u64,
    api: Option<&str>,
    names: &[(u64, String)],
) -> Option<Vec<RecentRun>> {
    let mut changed = false;
    let named = list
        .iter()
        .map(|run| {
            let mut run = run.clone();
            if run.project == project && run.api.as_deref() == api {
                if let Some((_, name)) = names.iter().find(|(job, _)| *job == run.job) {
                    if run.name.as_ref() != Some(name) {
                        run.name = Some(name.clone());
                        changed = true;
                    }
                }
            }
            run
        })
        .collect();
    changed.then_some(named)
}

/// Reads the stored list; anything unreadable is an empty list.
pub fn from_json(text: &str) -> Vec<RecentRun> {
    serde_json::from_str(text).unwrap_or_default()
}

pub fn to_json(list: &[RecentRun]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(project: u64, name: Option<&str>, at: f64) -> RecentRun {
        RecentRun {
            project,
            job: 1,
            api: None,
            name: name.map(str::to_owned),
            opened_ms: at,
        }
    }

    #[test]
    fn most_recent_first_without_duplicates_and_capped() {
        let mut list = Vec::new();
        for p in 0..20 {
            list = remember(list, run(p, Some("x"), p as f64));
        }
        assert_eq!(list.len(), CAPACITY);
        assert_eq!(list[0].project, 19);
        list = remember(list, run(15, None, 99.0));
        assert_eq!(
            (list[0].project, list[0].name.as_deref(), list[0].opened_ms),
            (15, Some("x"), 99.0)
        );
        assert_eq!(list.iter().filter(|r| r.project == 15).count(), 1);
    }

    #[test]
    fn names_from_the_run_list_fill_in_and_follow_renames() {
        let mut other_api = run(1, None, 3.0);
        other_api.api = Some("/proxy/v1".into());
        let list = vec![run(1, None, 1.0), run(2, None, 2.0), other_api];
        let names = [(1, "Gesture search".to_owned())];
        let named = with_names(&list, 1, None, &names).unwrap();
        assert_eq!(named[0].name.as_deref(), Some("Gesture search"));
        assert_eq!(named[1].name, None, "another project");
        assert_eq!(
            named[2].name, None,
            "the same ids at another API are another run"
        );
        assert_eq!(with_names(&named, 1, None, &names), None, "nothing new");
        let renamed = with_names(&named, 1, None, &[(1, "v2".to_owned())]).unwrap();
        assert_eq!(renamed[0].name.as_deref(), Some("v2"));
    }

    #[test]
    fn opening_a_recent_run_resets_the_view_but_keeps_theme_and_interval() {
        let current = ViewState::from_query(
            "project=9&job=9&q=conv&fits=1&vs=4&theme=dark&interval=30&sort=latency",
        );
        let mut recent = run(3, Some("Old run"), 1.0);
        recent.api = Some("/proxy/v1".into());
        assert!(current.fits && current.q.is_some() && !current.vs.is_empty());
        let next = recent.view_from(&current);
        assert_eq!((next.project, next.job), (Some(3), Some(1)));
        assert_eq!(next.api.as_deref(), Some("/proxy/v1"));
        assert_eq!((next.theme, next.interval_s), (current.theme, Some(30)));
        assert_ne!(current.theme, ViewState::default().theme, "dark was read");
        assert_eq!((next.q, next.fits, next.sort), (None, false, None));
        assert!(
            next.vs.is_empty(),
            "another run's comparison is not carried over"
        );
    }

    #[test]
    fn storage_text_round_trips_and_garbage_is_empty() {
        let list = vec![run(1, Some("a \"run\""), 1.0)];
        assert_eq!(from_json(&to_json(&list)), list);
        assert!(from_json("{broken").is_empty());
        assert!(!to_json(&list).contains("key"));
    }
}
