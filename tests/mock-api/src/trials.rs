//! Which log each trial id gets: the trial ids of the state fixtures, with their status.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::fixtures::Fixtures;
use crate::logs::TrialStatus;

/// The state fixtures whose trials have logs. A trial found in several keeps its furthest status
/// (pending < running < completed < failed), so a timeline trial has the log of how it ends.
const STATE_FILES: [&str; 6] = [
    "creating.json",
    "running-early.json",
    "running-mid.json",
    "completed.json",
    "job-error.json",
    "compare-board.json",
];

/// The large fixture, indexed apart and only when a trial id is not in the others: parsing its
/// 9.7 MB takes long enough to slow down the first log request of every test.
const LARGE_FILE: &str = "large-2000.json.gz";

/// The fixture whose trial ids (those no other fixture has) get the hostile log.
const HOSTILE_FILE: &str = "hostile.json";

/// What log a trial id gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TrialLog {
    /// The log of a trial with this status.
    Status(TrialStatus),
    /// The hostile log.
    Hostile,
}

/// The trial ids of the fixtures, read on first use.
pub(crate) struct TrialIndex {
    index: OnceLock<HashMap<String, TrialLog>>,
    large: OnceLock<HashMap<String, TrialLog>>,
}

impl TrialIndex {
    pub(crate) fn new() -> Self {
        TrialIndex {
            index: OnceLock::new(),
            large: OnceLock::new(),
        }
    }

    /// The log of trial `id`, or `None` if no fixture has it.
    pub(crate) fn get(&self, fixtures: &Fixtures, id: &str) -> Option<TrialLog> {
        let small = self.index.get_or_init(|| build(fixtures));
        small.get(id).copied().or_else(|| {
            self.large
                .get_or_init(|| {
                    let mut index = HashMap::new();
                    add(&mut index, fixtures, LARGE_FILE);
                    index
                })
                .get(id)
                .copied()
        })
    }
}

fn build(fixtures: &Fixtures) -> HashMap<String, TrialLog> {
    let mut index: HashMap<String, TrialLog> = HashMap::new();
    let timeline = (0..).map(|i| fixtures.timeline_file(i)).take_while({
        let mut last = None;
        move |name| {
            let new = last.as_ref() != Some(name);
            last = Some(name.clone());
            new
        }
    });
    let files: Vec<String> = STATE_FILES
        .iter()
        .map(|s| (*s).to_owned())
        .chain(timeline)
        .collect();
    for file in &files {
        add(&mut index, fixtures, file);
    }
    for (id, _) in trials_of(fixtures, HOSTILE_FILE) {
        index.entry(id).or_insert(TrialLog::Hostile);
    }
    index
}

/// Adds the trials of the state fixture `file` to `index`, keeping the furthest status.
fn add(index: &mut HashMap<String, TrialLog>, fixtures: &Fixtures, file: &str) {
    for (id, status) in trials_of(fixtures, file) {
        let Some(status) = TrialStatus::parse(&status) else {
            continue;
        };
        let entry = index.entry(id).or_insert(TrialLog::Status(status));
        if let TrialLog::Status(old) = entry {
            *old = (*old).max(status);
        }
    }
}

/// (id, status) of each trial of the state fixture `file`; nothing if it cannot be read.
fn trials_of(fixtures: &Fixtures, file: &str) -> Vec<(String, String)> {
    let Ok(bytes) = fixtures.get(file) else {
        return Vec::new();
    };
    let Ok(state) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Vec::new();
    };
    let Some(trials) = state["trials"].as_array() else {
        return Vec::new();
    };
    trials
        .iter()
        .filter_map(|t| {
            Some((
                t["id"].as_str()?.to_owned(),
                t["status"].as_str()?.to_owned(),
            ))
        })
        .collect()
}
