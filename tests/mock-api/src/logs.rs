//! Trial and job logs: `{success, stdout: [{created, data, logLevel?}], totalCount}`, as
//! `GET …/optimize/trial/{trialId}/stdout` and `GET …/jobs/{jobId}/stdout` answer.
//!
//! Besides the fixture logs (`trial-logs.json`, `job-logs.json`), logs are made here: a short
//! healthy log per trial status, a coordinator log per mock job, a log of any length
//! (`generated`) and a hostile one (`hostile`). All are deterministic.

use serde_json::Value;

/// At most this many entries are returned (the last ones); `totalCount` counts all.
pub const MAX_LINES: u64 = 1000;

/// The longest generated log, in entries (only the last [`MAX_LINES`] are ever made).
pub const MAX_GENERATED: u64 = 1_000_000_000_000;

/// A fake Edge Impulse API key that appears in the hostile log (the page must mask it).
pub const HOSTILE_LOG_EI_KEY: &str =
    "ei_5eed5eed0123456789abcdef0123456789abcdef0123456789abcdef5eed5eed";

/// Seconds since the epoch of 2025-03-10T08:00:00Z, where made-up logs start.
const LOG_EPOCH: u64 = 1_741_593_600;

/// One log entry.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    /// `created`; `None` leaves the field out.
    pub(crate) created: Option<String>,
    pub(crate) data: String,
    /// `logLevel`; `None` leaves the field out.
    pub(crate) level: Option<String>,
}

impl Entry {
    fn at(secs: u64, level: Option<&str>, data: impl Into<String>) -> Entry {
        Entry {
            created: Some(iso_time(secs * 1000)),
            data: data.into(),
            level: level.map(str::to_owned),
        }
    }

    fn to_json(&self) -> Value {
        let mut entry = serde_json::Map::new();
        if let Some(created) = &self.created {
            entry.insert("created".into(), created.clone().into());
        }
        entry.insert("data".into(), self.data.clone().into());
        if let Some(level) = &self.level {
            entry.insert("logLevel".into(), level.clone().into());
        }
        Value::Object(entry)
    }
}

/// A log body of `entries` with `totalCount` = `total`.
pub(crate) fn body(entries: &[Entry], total: u64) -> Vec<u8> {
    // Written by hand to keep the API's field order (`success` first), which a `json!` object
    // would sort away.
    let stdout: Vec<Value> = entries.iter().map(Entry::to_json).collect();
    let stdout = serde_json::to_string(&stdout).unwrap_or_else(|_| "[]".to_owned());
    format!("{{\"success\":true,\"stdout\":{stdout},\"totalCount\":{total}}}").into_bytes()
}

/// The entries of a log body (as read from a fixture), `None` if it is not one.
pub(crate) fn parse(body: &[u8]) -> Option<Vec<Entry>> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let entries = value.get("stdout")?.as_array()?;
    entries
        .iter()
        .map(|e| {
            Some(Entry {
                created: e.get("created").and_then(Value::as_str).map(str::to_owned),
                data: e.get("data")?.as_str()?.to_owned(),
                level: e.get("logLevel").and_then(Value::as_str).map(str::to_owned),
            })
        })
        .collect()
}

/// The status of a trial as the state fixtures give it, for its log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TrialStatus {
    Pending,
    Running,
    Completed,
    Failed,
}

impl TrialStatus {
    pub(crate) fn parse(status: &str) -> Option<TrialStatus> {
        Some(match status {
            "pending" => TrialStatus::Pending,
            "running" => TrialStatus::Running,
            "completed" => TrialStatus::Completed,
            "failed" => TrialStatus::Failed,
            _ => return None,
        })
    }
}

/// The made-up log of a trial that is pending (nothing yet), running (training, not finished)
/// or completed (trained and finished). Failed trials get the `trial-logs.json` fixture.
pub(crate) fn trial(status: TrialStatus) -> Vec<Entry> {
    let t = LOG_EPOCH;
    let mut log = match status {
        TrialStatus::Pending | TrialStatus::Failed => return Vec::new(),
        TrialStatus::Running | TrialStatus::Completed => vec![
            Entry::at(t, Some("info"), "Scheduling job in cluster..."),
            Entry::at(t + 2, Some("info"), "Job started"),
            Entry::at(t + 3, Some("debug"), "Creating features (DSP)..."),
            Entry::at(t + 9, Some("info"), "Creating features OK"),
        ],
    };
    let epochs: u32 = if status == TrialStatus::Running {
        4
    } else {
        10
    };
    for epoch in 1..=epochs {
        let loss = 0.9 / f64::from(epoch);
        let accuracy = 0.5 + 0.04 * f64::from(epoch);
        log.push(Entry::at(
            t + 10 + u64::from(epoch),
            Some("info"),
            format!("Epoch {epoch}/10 - loss: {loss:.4} - accuracy: {accuracy:.4}"),
        ));
    }
    if status == TrialStatus::Completed {
        log.push(Entry::at(t + 25, Some("info"), "Finished training"));
        log.push(Entry::at(
            t + 26,
            Some("info"),
            "Profiling int8 and float32 models...",
        ));
        log.push(Entry::at(t + 30, None, "Job completed"));
    }
    log
}

/// Entry `i` (0-based) of the generated log of `total` entries: mostly `info` epochs, with
/// `debug`, `warn`, entries without a level, entries with the unknown level `verbose`, and
/// multi-line `error` tracebacks. Each says `line {i+1} of {total}`.
pub(crate) fn generated_entry(i: u64, total: u64) -> Entry {
    let n = i + 1;
    let secs = LOG_EPOCH + i;
    let (level, text) = if i % 50 == 49 {
        (
            Some("error"),
            format!(
                "Traceback (most recent call last):\n  File \"/app/train.py\", line {}, in <module>\n    model.fit(...)\nValueError: synthetic failure",
                100 + i % 400
            ),
        )
    } else if i % 40 == 19 {
        (Some("verbose"), "Memory use: 61 %".to_owned())
    } else if i % 25 == 11 {
        (None, "stdout of a subprocess".to_owned())
    } else if i % 10 == 3 {
        (Some("warn"), "WARNING: input pipeline is slow".to_owned())
    } else if i % 10 == 7 {
        (Some("debug"), "Batch queue at 12/32".to_owned())
    } else {
        (
            Some("info"),
            format!("Epoch {}/1000 - loss: 0.2500", i % 1000 + 1),
        )
    };
    Entry::at(secs, level, format!("line {n} of {total}: {text}"))
}

/// The last `min(limit, total)` entries of the generated log of `total` entries.
pub(crate) fn generated(total: u64, limit: u64) -> Vec<Entry> {
    let first = total.saturating_sub(limit);
    (first..total).map(|i| generated_entry(i, total)).collect()
}

/// The last `limit` entries of the generated log of `total` entries that are at least as
/// severe as `min` (see [`severity`]), and how many entries of the whole log are.
pub(crate) fn generated_at_least(total: u64, min: u8, limit: u64) -> (Vec<Entry>, u64) {
    // Levels repeat every CYCLE entries (the lcm of the moduli in `generated_entry`).
    const CYCLE: u64 = 200;
    let passes = |i: u64| severity(generated_entry(i, total).level.as_deref()) >= min;
    let per_cycle = (0..CYCLE).filter(|&i| passes(i)).count() as u64;
    let count = total / CYCLE * per_cycle
        + (total / CYCLE * CYCLE..total)
            .filter(|&i| passes(i))
            .count() as u64;
    let mut entries: Vec<Entry> = (0..total)
        .rev()
        .filter(|&i| passes(i))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|i| generated_entry(i, total))
        .collect();
    entries.reverse();
    (entries, count)
}

/// A log full of hostile text: markup and `<script>`, entities, a fake `ei_` key
/// ([`HOSTILE_LOG_EI_KEY`]) and `key_sent` (the request's own `x-api-key`), a 20,000-character
/// line, bidi overrides and zero-width characters, terminal escapes, a markup `logLevel`, an
/// entry without `logLevel`, one with `created: "not a date"` and one without `created`.
pub(crate) fn hostile(key_sent: &str) -> Vec<Entry> {
    let t = LOG_EPOCH;
    let long = format!("long line: {}", "0123456789abcdef".repeat(1250));
    let mut log = vec![
        Entry::at(t, Some("info"), "<script>window.__pwned=1</script>"),
        Entry::at(t + 1, Some("warn"), "<img src=x onerror=\"window.__pwned=1\">"),
        Entry::at(t + 2, Some("info"), "&lt;b&gt;not bold&lt;/b&gt; &amp; &#x3C;i&#x3E; &nbsp;"),
        Entry::at(
            t + 3,
            Some("info"),
            format!("Authenticating with API key {HOSTILE_LOG_EI_KEY}"),
        ),
        Entry::at(
            t + 4,
            Some("error"),
            format!("Request failed: x-api-key: {key_sent} (key={key_sent})"),
        ),
        Entry::at(t + 5, Some("info"), long),
        Entry::at(
            t + 6,
            Some("info"),
            "\u{202e}evil-rtl\u{202c} \u{2067}isolate\u{2069} שלום עולם",
        ),
        Entry::at(t + 7, Some("info"), "zero\u{200b}width\u{200d}joiner\u{feff}bom"),
        Entry::at(t + 8, Some("<b>error</b>"), "the level is markup"),
        Entry::at(t + 9, None, "javascript:window.__pwned=1"),
        Entry::at(
            t + 10,
            Some("error"),
            "Traceback (most recent call last):\n  <module>\n</pre><script>window.__pwned=1</script>\n    ValueError: <b>bad</b>",
        ),
        Entry::at(t + 11, Some("info"), "\u{1b}[31mred\u{1b}[0m and a bell \u{7}"),
        Entry::at(t + 12, Some("debug"), "{{ template }} ${injection} %s %n"),
    ];
    log.push(Entry {
        created: Some("not a date".into()),
        data: "created is not a date".into(),
        level: Some("warn".into()),
    });
    log.push(Entry {
        created: None,
        data: "created is missing".into(),
        level: Some("info".into()),
    });
    log
}

/// The tuner coordinator's log of mock job `job` (a few lines fitting its state), or `None` if
/// the job has no made-up log (the job-error, success-false and hostile jobs have their own).
pub(crate) fn coordinator(job: u64) -> Option<Vec<Entry>> {
    use crate::jobs;
    let t = LOG_EPOCH;
    let start = Entry::at(
        t,
        Some("info"),
        "Starting EON Tuner coordinator (random search, 4 workers)",
    );
    let scheduling = Entry::at(
        t + 60,
        Some("info"),
        "Scheduling trials on tuner-worker-1..4",
    );
    let log = match job {
        jobs::CREATING => vec![start, Entry::at(t + 5, Some("info"), "Waiting for workers")],
        jobs::RUNNING_EARLY | jobs::TIMELINE | jobs::SEED_EXAMPLE | jobs::LARGE_2000 => {
            vec![start, scheduling]
        }
        jobs::RUNNING_MID => vec![
            start,
            scheduling,
            Entry::at(
                t + 900,
                Some("warn"),
                "Trial failed on worker tuner-worker-3, retrying (3/3)",
            ),
        ],
        jobs::COMPLETED => vec![
            start,
            scheduling,
            Entry::at(
                t + 5400,
                Some("info"),
                "Search finished: 30 of 30 trials completed",
            ),
            Entry::at(t + 5401, None, "Job completed"),
        ],
        jobs::COMPARE_BOARD => vec![
            start,
            scheduling,
            Entry::at(
                t + 4800,
                Some("info"),
                "Search finished: 25 of 25 trials completed",
            ),
            Entry::at(t + 4801, None, "Job completed"),
        ],
        _ => return None,
    };
    Some(log)
}

/// How severe a `logLevel` is, for the `logLevel` filter of job logs: `error` 3, `warn` 2,
/// `info` (and entries without a known level) 1, `debug` 0.
pub(crate) fn severity(level: Option<&str>) -> u8 {
    match level {
        Some("error") => 3,
        Some("warn") => 2,
        Some("debug") => 0,
        _ => 1,
    }
}

/// `millis` since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub(crate) fn iso_time(millis: u64) -> String {
    let secs = millis / 1000;
    let (year, month, day) = civil_date(secs / 86_400);
    let rem = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        millis % 1000
    )
}

/// The (year, month 1–12, day 1–31) of `days` since 1970-01-01 (H. Hinnant's algorithm).
pub(crate) fn civil_date(days: u64) -> (i64, u32, u32) {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_iso_times() {
        assert_eq!(iso_time(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_time(LOG_EPOCH * 1000 + 5), "2025-03-10T08:00:00.005Z");
        assert_eq!(iso_time(1_709_164_800_000), "2024-02-29T00:00:00.000Z");
    }

    #[test]
    fn generated_logs_are_the_last_lines() {
        let log = generated(5000, MAX_LINES);
        assert_eq!(log.len(), 1000);
        assert!(log[0].data.starts_with("line 4001 of 5000: "));
        assert!(log[999].data.starts_with("line 5000 of 5000: "));
        assert_eq!(generated(3, MAX_LINES).len(), 3);
        assert!(generated(0, MAX_LINES).is_empty());
        // Huge logs cost only their last lines.
        let huge = generated(MAX_GENERATED, 2);
        assert!(huge[1]
            .data
            .starts_with(&format!("line {MAX_GENERATED} of ")));
    }

    #[test]
    fn generated_logs_have_every_kind_of_entry() {
        let log = generated(1000, MAX_LINES);
        let levels: std::collections::BTreeSet<Option<&str>> =
            log.iter().map(|e| e.level.as_deref()).collect();
        for level in [
            None,
            Some("error"),
            Some("warn"),
            Some("info"),
            Some("debug"),
            Some("verbose"),
        ] {
            assert!(levels.contains(&level), "{level:?}");
        }
        assert!(log.iter().any(|e| e.data.contains('\n')));
    }
}
