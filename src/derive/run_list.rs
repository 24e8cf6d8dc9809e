//! What the run picker and the run switcher show of a project's runs: the order (newest
//! first), which are shown (hidden ones only on request), and the words of each row.
//! Pure: "now" is given, never read.

use super::format;
use crate::model::runs::{RunList, TunerRun};
use std::cmp::Ordering;

/// One run as a row of the picker, all text ready to render except "created … ago", which
/// depends on "now" ([`RunRow::created_ago`]): the rows stay equal while the clock ticks, so a
/// row is never rebuilt (nor loses focus) just because a minute passed.
#[derive(Clone, Debug, PartialEq)]
pub struct RunRow {
    pub job_id: u64,
    /// `jobStatus` as received (`data-status`); empty when absent.
    pub status: String,
    /// The run's name, else "Run #index", else "Tuner job {id}".
    pub title: String,
    /// `#6`, when the index is known.
    pub index: Option<String>,
    /// The status in words.
    pub status_words: String,
    /// `created` in ms since the epoch, when known.
    pub created_ms: Option<i64>,
    /// `2025-03-14 11:02:10 UTC`, when the date is known.
    pub created_at: Option<String>,
    /// Hidden in Studio (`visible: false`).
    pub hidden: bool,
    /// The run open right now (the switcher marks it).
    pub current: bool,
}

impl RunRow {
    /// `3 h ago` at `now_ms`, or "date unknown".
    pub fn created_ago(&self, now_ms: i64) -> String {
        self.created_ms
            .map(|t| format::ago(t, now_ms))
            .unwrap_or_else(|| "date unknown".into())
    }
}

/// The rows to show and what was left out.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RunRows {
    pub rows: Vec<RunRow>,
    /// Hidden runs in the list (shown or not).
    pub hidden: usize,
    /// Every run in the list.
    pub total: usize,
}

/// Newest first: `created` descending (runs without a date last), then `index` descending,
/// then job id descending, so the order is total and stable whatever the server sends.
pub fn newest_first(runs: &[TunerRun]) -> Vec<&TunerRun> {
    let mut sorted: Vec<&TunerRun> = runs.iter().collect();
    super::order::sort_items_by(&mut sorted, |a, b| {
        later_first(a.created_ms, b.created_ms)
            .then_with(|| later_first(a.index, b.index))
            .then_with(|| b.job_id.cmp(&a.job_id))
    });
    sorted
}

/// Descending, with `None` after every value.
fn later_first<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The rows of `list`, newest first; hidden runs only when `show_hidden`.
pub fn run_rows(list: &RunList, show_hidden: bool, current: Option<u64>) -> RunRows {
    let rows = newest_first(&list.runs)
        .into_iter()
        .filter(|r| show_hidden || r.visible)
        .map(|r| RunRow {
            job_id: r.job_id,
            status: r.status.clone().unwrap_or_default(),
            title: run_title(r),
            index: r.index.map(|i| format!("#{i}")),
            status_words: status_words(r.status.as_deref()),
            created_ms: r.created_ms,
            created_at: r.created_ms.map(format::timestamp),
            hidden: !r.visible,
            current: current == Some(r.job_id),
        })
        .collect();
    RunRows {
        rows,
        hidden: list.runs.iter().filter(|r| !r.visible).count(),
        total: list.runs.len(),
    }
}

/// What a run is called: its name, else its number in the project, else its job id.
pub fn run_title(run: &TunerRun) -> String {
    match (&run.name, run.index) {
        (Some(name), _) => name.clone(),
        (None, Some(index)) => format!("Run #{index}"),
        (None, None) => format!("Tuner job {}", run.job_id),
    }
}

/// `jobStatus` in words; a value this version does not know is shown as received.
pub fn status_words(status: Option<&str>) -> String {
    match status {
        Some("running") => "running".into(),
        Some("success") => "finished".into(),
        Some("failed") => "failed".into(),
        Some("cancelled") => "cancelled".into(),
        Some("creating") => "starting".into(),
        Some("pending") => "waiting to start".into(),
        Some(other) if !other.trim().is_empty() => other.to_owned(),
        _ => "state unknown".into(),
    }
}

/// The sentence shown instead of rows, when there are none to show (`None` otherwise).
pub fn empty_words(rows: &RunRows) -> Option<String> {
    if !rows.rows.is_empty() {
        return None;
    }
    Some(if rows.total == 0 {
        "This project has no tuner runs yet. Start one in Edge Impulse Studio (EON Tuner), then reload this list.".into()
    } else {
        format!(
            "This project's {} run{} hidden in Studio. Tick \"show hidden runs\" to list {}.",
            rows.total,
            if rows.total == 1 { " is" } else { "s are all" },
            if rows.total == 1 { "it" } else { "them" },
        )
    })
}

/// Said when entries of the answer could not be read (`None` when all could).
pub fn unreadable_words(list: &RunList) -> Option<String> {
    match list.unreadable {
        0 => None,
        1 => Some(
            "1 entry of the answer had no usable tuner job id (or repeated one) and is not listed."
                .into(),
        ),
        n => Some(format!(
            "{n} entries of the answer had no usable tuner job id (or repeated one) and are not listed."
        )),
    }
}
