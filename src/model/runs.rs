//! A project's tuner runs (`GET {api}/api/{project}/optimize/runs`): wire reading and the
//! domain type the run picker shows.
//!
//! Tolerant like the state: a run without a name, with a `jobStatus` this version does not
//! know, or with a missing or unreadable `created` is kept (the status as received, the date
//! as unknown). Only an entry that cannot be opened (no usable `tunerCoordinatorJobId`, or not
//! an object at all) is left out, and counted so the page can say so. A job id the answer
//! repeats is listed once (the first entry) and the repeats are counted the same way: the
//! picker keys its rows by job id, and two rows opening the same run would be one too many. A body whose `runs` is
//! missing or not a list is a `bad-response`: reading it as "no runs" would tell the user
//! their project is empty when the server said nothing of the kind.

use super::convert::read_envelope;
use super::error::LoadError;
use super::lenient;
use super::time::parse_rfc3339_ms;
use serde::Deserialize;
use serde_json::Value;

/// One run of a project, as the picker shows it. Text fields are kept verbatim (they are
/// untrusted and rendered as text).
#[derive(Clone, Debug, PartialEq)]
pub struct TunerRun {
    /// `tunerCoordinatorJobId`: the `job` of this app.
    pub job_id: u64,
    /// `tunerJobId`.
    pub tuner_job_id: Option<u64>,
    /// `index`: the run's number within the project (Studio's "#6").
    pub index: Option<u64>,
    /// `name`, when present and not blank.
    pub name: Option<String>,
    /// `created` in ms since the epoch, when it is a readable RFC 3339 date.
    pub created_ms: Option<i64>,
    /// `jobStatus` exactly as received (`None` when absent).
    pub status: Option<String>,
    /// `visible` (Studio hides runs with `false`); a missing value counts as visible.
    pub visible: bool,
    /// `continuationJobId`: the run this one was continued in.
    pub continuation_job_id: Option<u64>,
}

/// The runs of one answer, and how many entries could not be read.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RunList {
    pub runs: Vec<TunerRun>,
    /// Entries left out (not an object, without a usable `tunerCoordinatorJobId`, or repeating
    /// one listed already). Job ids in `runs` are unique.
    pub unreadable: usize,
}

#[derive(Deserialize)]
struct WireRuns {
    /// `None` when missing; a non-list is rejected by [`parse_runs`].
    #[serde(default)]
    runs: Option<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireRun {
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    tuner_coordinator_job_id: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    tuner_job_id: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    index: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    created: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    job_status: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    visible: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    continuation_job_id: Option<u64>,
}

/// Reads a 2xx body of the runs endpoint (classify the status first with
/// [`super::convert::error_for_status`]).
pub fn parse_runs(body: &str) -> Result<RunList, LoadError> {
    let wire: WireRuns = read_envelope(body)?;
    let items = match wire.runs {
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(LoadError::bad_response(format!(
                "`runs` is {} where a list of runs was expected",
                json_kind(&other)
            )))
        }
        None => {
            return Err(LoadError::bad_response(
                "the answer has no `runs` list (is the API base right?)",
            ))
        }
    };
    let mut list = RunList::default();
    let mut seen = std::collections::HashSet::new();
    for item in items {
        match read_run(item) {
            Some(run) if seen.insert(run.job_id) => list.runs.push(run),
            _ => list.unreadable += 1,
        }
    }
    Ok(list)
}

fn read_run(item: Value) -> Option<TunerRun> {
    if !item.is_object() {
        return None;
    }
    let wire = WireRun::deserialize(item).ok()?;
    let job_id = wire.tuner_coordinator_job_id.filter(|id| *id > 0)?;
    Some(TunerRun {
        job_id,
        tuner_job_id: wire.tuner_job_id,
        index: wire.index,
        name: wire.name.filter(|n| !n.trim().is_empty()),
        created_ms: wire.created.as_deref().and_then(parse_rfc3339_ms),
        status: wire.job_status,
        visible: wire.visible.unwrap_or(true),
        continuation_job_id: wire.continuation_job_id,
    })
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Classifies an HTTP answer of the runs endpoint: status first, then the body.
pub fn parse_runs_response(status: u16, body: &str) -> Result<RunList, LoadError> {
    match super::convert::error_for_status(status, body) {
        Some(error) => Err(error),
        None => parse_runs(body),
    }
}
