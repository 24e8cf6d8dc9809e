//! The job ids the mock API knows, and the fixture each one serves.
//!
//! Any positive project id works with any of these job ids. Other job ids get 404 with
//! `errors/not-found.json`.

/// `creating.json`: the run just started, no trials yet.
pub const CREATING: u64 = 1;
/// `running-early.json`: first trials a few epochs in.
pub const RUNNING_EARLY: u64 = 2;
/// `running-mid.json`: mid-run, with running, pending and failed trials.
pub const RUNNING_MID: u64 = 3;
/// `completed.json`: finished run of 30 trials.
pub const COMPLETED: u64 = 4;
/// `job-error.json`: a run that died (`jobError` set).
pub const JOB_ERROR: u64 = 5;
/// `seed-example.json`: the example response of the public endpoint documentation.
pub const SEED_EXAMPLE: u64 = 6;
/// `large-2000.json.gz`, decompressed (9,737,190 bytes): 2,000 trials.
pub const LARGE_2000: u64 = 7;
/// `timeline/000.json`, `001.json`, …: the next file on each request for the same
/// (project, job) pair, then the last file forever. [`Server::reset`](crate::Server::reset)
/// starts over.
pub const TIMELINE: u64 = 8;
/// `errors/success-false.json` with HTTP **200**: `{success: false, error}`.
pub const SUCCESS_FALSE: u64 = 9;
/// `hostile.json`: 8 trials full of hostile text (script tags, bidi overrides, huge names…).
pub const HOSTILE: u64 = 10;
/// `compare-board.json`: a finished run of 25 trials, the next run of `completed.json`'s project
/// on another board (`nordic-nrf52840-64mhz`, `hyperband`); with [`COMPLETED`], the comparison
/// fixture (listed by [`projects::COMPARE`](crate::projects::COMPARE)).
pub const COMPARE_BOARD: u64 = 11;

/// What a job id serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// One fixture file (relative to the fixtures directory), always with HTTP 200.
    File(&'static str),
    /// The files of `timeline/`, one per request.
    Timeline,
}

/// The source of `job`, or `None` for an unknown job id.
pub(crate) fn source(job: u64) -> Option<Source> {
    let file = match job {
        CREATING => "creating.json",
        RUNNING_EARLY => "running-early.json",
        RUNNING_MID => "running-mid.json",
        COMPLETED => "completed.json",
        JOB_ERROR => "job-error.json",
        SEED_EXAMPLE => "seed-example.json",
        LARGE_2000 => "large-2000.json.gz",
        TIMELINE => return Some(Source::Timeline),
        SUCCESS_FALSE => "errors/success-false.json",
        HOSTILE => "hostile.json",
        COMPARE_BOARD => "compare-board.json",
        _ => return None,
    };
    Some(Source::File(file))
}
