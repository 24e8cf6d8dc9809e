//! What a log box shows, computed once per answer: each line's time and level words, which
//! lines stand out, the "last N of M lines" note, the plain text that "Copy" and "Download"
//! give, and the download's name. The box then renders a plain list with no per-line
//! reactive work (1,000 lines stay cheap).

use crate::derive::format;
use crate::model::logs::{LogBody, LogEntry};
use crate::model::time::format_rfc3339_ms;
use crate::model::{ErrorKind, LoadError};
use crate::vocab::word_enum;

word_enum! {
    /// The level classes a line can fall in (the word is the CSS class suffix). Only `Error`
    /// and `Warn` stand out.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Level {
        Error = "error",
        Warn = "warn",
        Info = "info",
        Debug = "debug",
        /// Absent, or a value this page does not know (still shown as received).
        Other = "other",
    }
}

impl Level {
    /// Reads `logLevel` case-insensitively (`WARNING`, `Error`, `fatal` count too).
    pub fn of(raw: Option<&str>) -> Level {
        let Some(raw) = raw else { return Level::Other };
        match raw.trim().to_ascii_lowercase().as_str() {
            "error" | "err" | "fatal" | "critical" => Level::Error,
            "warn" | "warning" => Level::Warn,
            "info" => Level::Info,
            "debug" | "trace" => Level::Debug,
            _ => Level::Other,
        }
    }

    /// Whether the line must catch the eye (it also gets a word, not only a colour).
    pub fn stands_out(self) -> bool {
        matches!(self, Level::Error | Level::Warn)
    }
}

/// One line ready to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    /// Position in the answer: the list key (entries have no id, and the list is replaced
    /// whole on each load, so the position is a stable key within one answer).
    pub index: usize,
    /// `HH:MM:SS` (UTC), the raw `created` when unreadable, `—` when absent.
    pub time: String,
    /// The full time for the tooltip: `2025-03-10 08:21:01 UTC`, or as received.
    pub time_title: String,
    /// `logLevel` as received, empty when absent (`data-level`).
    pub level_raw: String,
    /// The level word shown: as received, upper-cased; empty when absent.
    pub level_word: String,
    pub level: Level,
    /// The text, verbatim.
    pub data: String,
}

/// Every entry as a [`LogLine`].
pub fn log_lines(entries: &[LogEntry]) -> Vec<LogLine> {
    entries
        .iter()
        .enumerate()
        .map(|(index, e)| {
            let level_raw = e.level.clone().unwrap_or_default();
            LogLine {
                index,
                time: time_text(e),
                time_title: match (e.created_ms, &e.created) {
                    (Some(ms), _) => format::timestamp(ms),
                    (None, Some(raw)) => raw.clone(),
                    (None, None) => "no time given".into(),
                },
                level_word: level_raw.trim().to_uppercase(),
                level: Level::of(e.level.as_deref()),
                level_raw,
                data: e.data.clone(),
            }
        })
        .collect()
}

/// A line's time, short: `08:21:01` (UTC), the raw `created` when it is not a readable
/// time, `—` when there is none.
pub fn time_text(entry: &LogEntry) -> String {
    match (entry.created_ms, &entry.created) {
        (Some(ms), _) => format_rfc3339_ms(ms)[11..19].to_owned(),
        (None, Some(raw)) => raw.clone(),
        (None, None) => format::MISSING.into(),
    }
}

/// "last 1000 of 5230 lines" when the log has more lines than were returned; `None` when
/// every line is shown or the total is unknown.
pub fn shown_note(shown: usize, total: Option<u64>) -> Option<String> {
    let total = total?;
    (total > shown as u64).then(|| {
        format!(
            "last {} of {} lines",
            format::count(shown as u64),
            format::count(total)
        )
    })
}

/// How many lines, in words: "3 lines", "1 line", "no lines yet".
pub fn line_count(body: &LogBody) -> String {
    match body.entries.len() {
        0 => "no lines yet".into(),
        1 => "1 line".into(),
        n => format!("{} lines", format::count(n as u64)),
    }
}

/// The note above the lines: how many, "last N of M lines" when the API returned only the
/// tail, and how many entries could not be read: "34 lines: last 34 of 1,380 lines".
pub fn box_note(body: &LogBody) -> String {
    let mut words = line_count(body);
    if let Some(note) = shown_note(body.entries.len(), body.total) {
        words = format!("{words}: {note}");
    }
    match body.dropped {
        0 => {}
        1 => words.push_str(" (1 unreadable entry skipped)"),
        n => words.push_str(&format!(
            " ({} unreadable entries skipped)",
            format::count(n as u64)
        )),
    }
    words
}

/// The headline of a load error inside the box: the banner's words for its kind, with the
/// HTTP status when there was one ("Not found (HTTP 404)").
pub fn error_headline(error: &LoadError) -> String {
    match error.status {
        Some(status) => format!("{} (HTTP {status})", error.kind.headline()),
        None => error.kind.headline().to_owned(),
    }
}

/// What to do about a load error inside the box: the banner's next step, except for a 404,
/// which for a log usually means there is none (yet) rather than a wrong run.
pub fn error_hint(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => {
            "The log may not exist (yet), or the project id or API base is wrong."
        }
        kind => kind.next_step(),
    }
}

/// The log as plain text for "Copy" and "Download": one entry per line as
/// `<created> <LEVEL> <data>` (missing parts left out), the data verbatim so multi-line
/// entries keep their breaks; a first line says when only the last lines are included.
pub fn plain_text(body: &LogBody) -> String {
    let mut out = String::new();
    if let Some(note) = shown_note(body.entries.len(), body.total) {
        out.push_str(&format!("# {note}\n"));
    }
    for e in &body.entries {
        let time = match (e.created_ms, &e.created) {
            (Some(ms), _) => Some(format_rfc3339_ms(ms)),
            (None, raw) => raw.clone(),
        };
        let level = e.level.as_deref().map(|l| l.trim().to_uppercase());
        for part in [time, level].into_iter().flatten() {
            if !part.is_empty() {
                out.push_str(&part);
                out.push(' ');
            }
        }
        out.push_str(&e.data);
        out.push('\n');
    }
    out
}

/// The download's name before the file-name cleaning (`api::files::safe_file_name` adds
/// `.txt` and replaces anything but letters, digits, `-`, `_`, `.`): `tunerscope-trial-<name>`.
pub fn trial_file_stem(name_or_id: &str) -> String {
    format!("tunerscope-trial-{name_or_id}")
}

/// The run log download's name before cleaning: `tunerscope-run-<job>`.
pub fn run_file_stem(job: u64) -> String {
    format!("tunerscope-run-{job}")
}

/// Why the run's own log is worth reading, when it is: the run reported `jobError`, or
/// trials failed. `None` for a run without trouble (the log is then offered modestly).
pub fn run_log_reason(job_error: bool, failed_trials: u64) -> Option<String> {
    let failed = match failed_trials {
        0 => None,
        1 => Some("1 trial failed".to_owned()),
        n => Some(format!("{} trials failed", format::count(n))),
    };
    match (job_error, failed) {
        (true, Some(f)) => Some(format!(
            "The run reported an error and {f}: the tuner's log says why."
        )),
        (true, None) => Some("The run reported an error: the tuner's log says why.".into()),
        (false, Some(f)) => Some(format!(
            "{}: the tuner's log (and each failed trial's log) says why.",
            capitalized(&f)
        )),
        (false, None) => None,
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
