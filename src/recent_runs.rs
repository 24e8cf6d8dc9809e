//! The runs opened on this device, most recent first (project, job, API base, name, when).
//! Never keys. Pure list logic; the browser storage lives in `state::recent`.

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
    fn storage_text_round_trips_and_garbage_is_empty() {
        let list = vec![run(1, Some("a \"run\""), 1.0)];
        assert_eq!(from_json(&to_json(&list)), list);
        assert!(from_json("{broken").is_empty());
        assert!(!to_json(&list).contains("key"));
    }
}
