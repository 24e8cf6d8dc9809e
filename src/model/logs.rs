//! A log answer (a trial's `/optimize/trial/{id}/stdout` or a job's `/jobs/{id}/stdout`) →
//! [`LogBody`] or a typed [`LoadError`], with the same error kinds as the state.
//!
//! Both endpoints share one shape: `{success, stdout: [{created, data, logLevel?}],
//! totalCount}` (`API.md`, "Around the state"). Log text is untrusted and kept verbatim
//! (control characters, markup, bidi overrides and all): the view renders it as text. Each
//! entry is read tolerantly: a missing or unknown `logLevel` is kept as received, a missing
//! `created` stays `None`, a `data` that is not a string becomes its JSON text. Only a body
//! without a `stdout` list is not a log.

use super::convert::{error_for_status, read_envelope};
use super::error::LoadError;
use super::lenient::{opt_string, opt_u64, LenientVec, ObjectLike};
use super::time::parse_rfc3339_ms;
use serde::Deserialize;
use serde_json::Value;

/// One log entry as the view reasons about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    /// `created` as received (for the copied text and the tooltip); `None` when absent.
    pub created: Option<String>,
    /// `created` in ms since the epoch, when it is a readable RFC 3339 time.
    pub created_ms: Option<i64>,
    /// The text, verbatim (may hold line breaks).
    pub data: String,
    /// `logLevel` as received (`error`, `warn`, `info`, `debug`, or anything else); `None`
    /// when absent.
    pub level: Option<String>,
}

/// A log answer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogBody {
    /// The lines returned (the API returns at most the last 1000), in the order received.
    pub entries: Vec<LogEntry>,
    /// `totalCount`: every line the log has. `None` when absent or not a usable count.
    pub total: Option<u64>,
    /// Items of `stdout` that were not objects (skipped).
    pub dropped: usize,
}

#[derive(Deserialize)]
struct WireEntry {
    #[serde(default, deserialize_with = "opt_string")]
    created: Option<String>,
    #[serde(default)]
    data: Value,
    #[serde(default, rename = "logLevel", deserialize_with = "opt_string")]
    log_level: Option<String>,
}
impl ObjectLike for WireEntry {}

#[derive(Deserialize)]
struct WireLog {
    #[serde(default)]
    stdout: LenientVec<WireEntry>,
    #[serde(default, rename = "totalCount", deserialize_with = "opt_u64")]
    total_count: Option<u64>,
}

/// Classifies a log answer: the status first (same kinds as the state), then the body.
pub fn read_log(status: u16, body: &str) -> Result<LogBody, LoadError> {
    if let Some(error) = error_for_status(status, body) {
        return Err(error);
    }
    let wire: WireLog = read_envelope(body)?;
    if !wire.stdout.present {
        return Err(LoadError::bad_response(
            "the answer has no `stdout` list of log lines",
        ));
    }
    Ok(LogBody {
        dropped: wire.stdout.dropped,
        total: wire.total_count,
        entries: wire.stdout.items.into_iter().map(entry).collect(),
    })
}

fn entry(wire: WireEntry) -> LogEntry {
    let data = match wire.data {
        Value::String(text) => text,
        Value::Null => String::new(),
        other => other.to_string(),
    };
    LogEntry {
        created_ms: wire.created.as_deref().and_then(parse_rfc3339_ms),
        created: wire.created,
        data,
        level: wire.log_level,
    }
}
