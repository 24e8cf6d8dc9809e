//! The project ids the mock API knows for `GET …/api/{project}/optimize/runs` and
//! `…/optimize/state` (the project's latest run), and the runs each one lists.
//!
//! The state of one run (`…/optimize/{job}/state`) and the logs answer for any positive project
//! id, as before; only the two project-level routes tell projects apart. Any other project id
//! gets 404 with `errors/not-found.json` there.
//!
//! Every `tunerCoordinatorJobId` listed is a mock job id of [`crate::jobs`], so that picking a run
//! opens a state the mock serves.

/// The normal project: `runs.json`, the four runs of the shared sample with their ids mapped to
/// mock jobs, newest first as the API lists them:
///
/// | index | name | `jobStatus` | `tunerCoordinatorJobId` | notes |
/// |---|---|---|---|---|
/// | 6 | Gesture search #4 | running | 3 ([`RUNNING_MID`](crate::jobs::RUNNING_MID)) | the latest run: `…/optimize/state` serves it |
/// | 5 | Keyword spotting sweep #3 | success | 4 ([`COMPLETED`](crate::jobs::COMPLETED)) | has `space` |
/// | 4 | Vision transfer learning #5 | failed | 5 ([`JOB_ERROR`](crate::jobs::JOB_ERROR)) | |
/// | 3 | Gesture search #6 | cancelled | 8 ([`TIMELINE`](crate::jobs::TIMELINE)) | `visible: false`, `continuationJobId: 5` |
///
/// The names are the `config.name` of each run's state fixture.
pub const NORMAL: u64 = 1;

/// A project without any run: `{"success":true,"runs":[]}`; its `…/optimize/state` is a 404.
pub const NO_RUNS: u64 = 2;

/// `runs-hostile.json`: seven runs, not in API order, full of hostile text: names with markup,
/// entities, bidi overrides and zero-width characters, a 3,000-character name, an unknown
/// `jobStatus` (`"paused"`) and an empty one, a run without `name`, one without `created`, one
/// with `created: "not a date"`, two with the same `created` (index 12 and 11), an unknown extra
/// field, a hidden run with `continuationJobId`. Job ids: 10 ([`HOSTILE`](crate::jobs::HOSTILE),
/// listed first, so the project's `…/optimize/state` is `hostile.json`), 6, 7, 1, 9, 4, 2.
pub const HOSTILE_RUNS: u64 = 3;

/// `runs-compare.json`: the runs of the comparison fixture, newest first, each named by its
/// state's `config.name`:
///
/// | index | name | `jobStatus` | `tunerCoordinatorJobId` | notes |
/// |---|---|---|---|---|
/// | 6 | Keyword spotting on nRF52840 #4 | success | 11 ([`COMPARE_BOARD`](crate::jobs::COMPARE_BOARD)) | the latest run: `…/optimize/state` serves it |
/// | 5 | Keyword spotting sweep #3 | success | 4 ([`COMPLETED`](crate::jobs::COMPLETED)) | has `space`, as in `runs.json` |
/// | 4 | Gesture search #4 | running | 3 ([`RUNNING_MID`](crate::jobs::RUNNING_MID)) | a live run to compare with |
pub const COMPARE: u64 = 4;

/// The body of a project without runs.
pub(crate) const NO_RUNS_BODY: &str = "{\"success\":true,\"runs\":[]}";

/// What `…/optimize/runs` serves for a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Runs {
    /// A fixture file with `{success, runs}`.
    File(&'static str),
    /// [`NO_RUNS_BODY`].
    Empty,
}

/// The runs of `project`, or `None` for an unknown project.
pub(crate) fn runs(project: u64) -> Option<Runs> {
    match project {
        NORMAL => Some(Runs::File("runs.json")),
        NO_RUNS => Some(Runs::Empty),
        HOSTILE_RUNS => Some(Runs::File("runs-hostile.json")),
        COMPARE => Some(Runs::File("runs-compare.json")),
        _ => None,
    }
}

/// The `tunerCoordinatorJobId` of the first run of a runs body, if there is one.
pub(crate) fn first_job(body: &[u8]) -> Option<u64> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    value["runs"][0]["tunerCoordinatorJobId"].as_u64()
}
