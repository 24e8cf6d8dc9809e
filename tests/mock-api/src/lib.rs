//! A mock of the Edge Impulse EON Tuner state endpoint, plus a static file server, for
//! Tunerscope's browser tests.
//!
//! [`start_api`] answers like `GET {api}/api/{projectId}/optimize/{jobId}/state` from the
//! fixture files in `tests/fixtures/`; [`start_static`] serves a directory (the built app) under
//! a URL prefix, and [`start_static_with`] does the same with faults on purpose ([`StaticFault`]:
//! a file answering 404 or with the wrong `Content-Type`). Both return a [`Server`] that runs on its own worker threads, records every
//! request it sees ([`Server::requests`]) and shuts down when dropped.
//!
//! ```no_run
//! use mock_api::{jobs, start_api, ApiOptions};
//!
//! let api = start_api(ApiOptions::new("tests/fixtures")).unwrap();
//! let url = format!("{}/v1/api/1/optimize/{}/state", api.base_url(), jobs::COMPLETED);
//! // … point the browser at `url` with header `x-api-key: test-key` …
//! assert!(api.requests().iter().all(|r| r.api_key.as_deref() == Some("test-key")));
//! ```
//!
//! # The mock API
//!
//! - **Paths**, where `{prefix}` is anything (normally `/v1`); `GET /__health` answers `200 ok`;
//!   any other path: 404 `{"success":false,"error":"Not found"}`:
//!
//! | path | answer |
//! |---|---|
//! | `{prefix}/api/{project}/optimize/{job}/state` | the state of mock job `job` (see [`jobs`]), any positive `project` |
//! | `{prefix}/api/{project}/optimize/runs` | `{success, runs}` of a mock project (see [`projects`]) |
//! | `{prefix}/api/{project}/optimize/state` | the state of the first run of the project's list (project 1: job 3, project 3: job 10, project 4: job 11); 404 for a project without runs |
//! | `{prefix}/api/{project}/optimize/trial/{trialId}/stdout` | the trial's log (below), any positive `project` |
//! | `{prefix}/api/{project}/jobs/{jobId}/stdout?limit=N&logLevel=L` | the job's log (below), any positive `project` |
//!
//!   The query string is ignored except `limit` and `logLevel` of job logs.
//! - **CORS**: `OPTIONS` on any path is a preflight: 204 with `Access-Control-Allow-Origin` (the
//!   request's `Origin`, or `*`), `-Allow-Methods: GET, OPTIONS`,
//!   `-Allow-Headers: x-api-key, content-type`, `-Max-Age: 600`, `Vary: Origin`; no key needed.
//!   Every other answer, errors included, has `Access-Control-Allow-Origin`,
//!   `Access-Control-Expose-Headers: Retry-After`, `Vary: Origin`, `Cache-Control: no-store` and
//!   (unless said otherwise) `Content-Type: application/json`.
//! - **Key**: `x-api-key` must equal [`ApiOptions::api_key`], else 401 with
//!   `errors/unauthorized.json`.
//! - **Ids**: `project` must be a positive integer (for `runs` and the latest state, one of
//!   [`projects`]) and `job` one of [`jobs`], else 404 with `errors/not-found.json`. Each job
//!   id serves one fixture (see [`jobs`]); [`jobs::TIMELINE`] serves the next
//!   `timeline/NNN.json` on each request.
//! - **Faults**: a prefix `/fault/{name}/…` (e.g. `/fault/429/v1/api/1/optimize/4/state`) makes
//!   the server misbehave, after the key check (except `open`). Unknown names get 404.
//!
//! | fault | answer |
//! |---|---|
//! | `truncated` | 200, the first half of the normal body |
//! | `html` | 502, `Content-Type: text/html`, an nginx "502 Bad Gateway" page |
//! | `500` | 500 `{"success":false,"error":"Internal server error"}` |
//! | `429` | 429 `{"success":false,"error":"Too many requests"}`, `Retry-After: 7` |
//! | `503` | 503 `{"success":false,"error":…}`, `Retry-After: 5` |
//! | `slow-{ms}` | the normal answer, after `ms` milliseconds |
//! | `nocors` | the normal answer without any `Access-Control-*` header (browsers refuse it) |
//! | `drop` | the connection is closed without any HTTP answer |
//! | `array` | 200 `[]` |
//! | `401` | 401 `errors/unauthorized.json`, even with the right key |
//! | `404` | 404 `errors/not-found.json`, whatever the ids |
//! | `unsuccessful` | 200 `{"success":false,"error":…}` |
//! | `open` | the normal answer, without needing a key (as behind a proxy that adds it) |
//! | `flaky` | per (project, job): the 1st, 3rd, 5th… request get the `500` answer, the others the normal one |
//! | `outage-{ok}-{n}-{status}` | per (project, job): `ok` normal answers, then `n` failures with `status`, then normal again |
//! | `failfirst-{n}-{status}` | per (project, job): the first `n` requests fail with `status` and a JSON error, later ones are normal |
//! | `goodbad-{ok}-{n}-{bad}` | per (project, job): `ok` normal answers, then `n` bad ones, then normal again; `bad` is `empty` (200 `{"success":true,"trials":[]}`), `truncated` (200, half the body), `html` (200 sign-in page), `unsuccessful` (200 `success:false`), `array`, `echokey`, `stall`, `drop`, or a status 400–599 |
//! | `echokey` | 401 `{"success":false,"error":"API key '<the key sent>' is not valid"}`, key or not |
//! | `stall` | 200 head (full `Content-Length`) and half the body at once, then nothing for 60 s: only a client timeout ends it |
//! | `retryafter-{n}-{s}` | per (project, job): the first `n` requests get 503 with `Retry-After: {s}`, then normal |
//! | `retrydate-{n}-{s}` | as `retryafter`, with `Retry-After` as the HTTP-date `s` s (up to `s`+1) ahead |
//!
//! Faults work on every API route. `html`, `500`, `429`, `503`, `array`, `drop`, `echokey`,
//! `401`, `404` and `unsuccessful` apply whatever the ids. The per-(project, job) counts are kept
//! per (project, route): the state of a job and the project's latest state share the job's count;
//! the runs, each trial's log and each job's log have their own. `goodbad-…-empty` answers an
//! empty list of runs or an empty log on those routes. Requests record when they arrived ([`RequestRecord::received_at`]).
//!
//! - **Logs** (`{success, stdout: [{created, data, logLevel?}], totalCount}`, at most the last
//!   [`logs::MAX_LINES`] = 1000 entries, `totalCount` counting all). Trial ids (percent-decoded):
//!   a trial of `running-mid.json`, `job-error.json`, `completed.json`, `compare-board.json`,
//!   `running-early.json`, `creating.json`, `timeline/*.json` or `large-2000.json.gz` gets, by its
//!   status (the furthest one it reaches): failed → `trial-logs.json` (an out-of-memory failure,
//!   34 of 1380 lines, a traceback, a line without level); completed → a short healthy log ending
//!   in "Job completed";
//!   running → the same, cut short; pending → no entries, `totalCount` 0. Trial ids found only in
//!   `hostile.json`, and the id `hostile`, get the hostile log (markup,
//!   `<script>`, entities, the fake key [`logs::HOSTILE_LOG_EI_KEY`] and the `x-api-key` the
//!   request sent, a 20,000-character line, bidi and zero-width characters, a markup level, no
//!   level, no `created`). `genlog-{n}` (0 ≤ n ≤ 10¹²) is a generated log of `n` entries: the last
//!   1000 are returned, each `line {i} of {n}: …`, with `info`, `debug`, `warn`, multi-line
//!   `error` tracebacks, no level, and the unknown level `verbose`. Other trial ids: 404.
//!   Job logs: job 5 (`job-error`) → `job-logs.json`; job 10 → the hostile log; job 9 → 200
//!   `errors/success-false.json`; other mock jobs → a short coordinator log; unknown jobs → 404.
//!   `limit=N` keeps the last `N` (≤ 1000, default 1000; `totalCount` unchanged), `logLevel=L`
//!   keeps entries at least as severe as `L` (error > warn > info, also no or unknown level >
//!   debug; `totalCount` counts those); a bad `limit` or `logLevel` gets 400. A prefix
//!   `/genlog/{n}/…` or `/genlog/hostile/…` (before or after `/fault/{name}/`) makes *every* log
//!   under it that generated or hostile log, while states and runs stay normal: point the app's
//!   API base at `{mock}/genlog/5000/v1` to see 5000-line logs in any trial.
//!
//! - **Generated states**: `GET /gen/{trials}/{changed}/v1/api/{project}/optimize/{job}/state`
//!   (same key check and CORS; any positive project and job id) answers with a *running* run of
//!   exactly `{trials}` trials (1 to [`generate::MAX_TRIALS`] = 20,000), cloned from
//!   `large-2000.json.gz` with ids `gen-00000`, `gen-00001`, … and varied figures. Each request
//!   for the same `(trials, changed, job)` gets the next snapshot, in which exactly `{changed}`
//!   trials differ from the previous answer (a different set each time); `changed = 0` gives the
//!   same state every time. Deterministic, and fast (the base state of each size is made once).
//!   [`Server::reset`] starts every stream over. Other values get 404. See [`generate`].

mod api;
mod fixtures;
pub mod generate;
mod hangup;
pub mod jobs;
pub mod logs;
pub mod projects;
mod server;
mod static_files;
mod trials;

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

pub use server::{RequestRecord, Server};
pub use static_files::{StaticFault, StaticOptions};

/// The API key [`ApiOptions::new`] expects in `x-api-key`.
pub const DEFAULT_API_KEY: &str = "test-key";

/// Settings of the mock API server.
#[derive(Clone, Debug)]
pub struct ApiOptions {
    /// Directory holding the fixture files (`completed.json`, `errors/`, `timeline/`, …).
    pub fixtures: PathBuf,
    /// The only value of `x-api-key` the server accepts.
    pub api_key: String,
}

impl ApiOptions {
    /// Options serving the fixtures in `fixtures`, accepting the key [`DEFAULT_API_KEY`]
    /// (`"test-key"`).
    pub fn new(fixtures: impl Into<PathBuf>) -> Self {
        ApiOptions {
            fixtures: fixtures.into(),
            api_key: DEFAULT_API_KEY.to_owned(),
        }
    }
}

/// Starts the mock API on `127.0.0.1` with a port chosen by the OS.
pub fn start_api(opts: ApiOptions) -> io::Result<Server> {
    start_api_on("127.0.0.1:0", opts)
}

/// Starts the mock API on `addr` (e.g. `"127.0.0.1:8787"`).
pub fn start_api_on(addr: &str, opts: ApiOptions) -> io::Result<Server> {
    Server::start(addr, Arc::new(api::ApiHandler::new(opts)))
}

/// Serves the files of `root` under the URL prefix `mount` (e.g. `"/"` or
/// `"/tools/tunerscope/"`) on `127.0.0.1` with a port chosen by the OS.
///
/// `GET {mount}` and any directory serve its `index.html`; paths outside `mount`, missing files
/// and paths with `..` segments get 404. Responses carry the right `Content-Type` (html, js,
/// `application/wasm`, css, json, png, svg, ico, …) and `Cache-Control: no-store`.
pub fn start_static(root: impl Into<PathBuf>, mount: &str) -> io::Result<Server> {
    start_static_on("127.0.0.1:0", root, mount)
}

/// Like [`start_static`], on the address `addr` (e.g. `"127.0.0.1:8080"`).
pub fn start_static_on(addr: &str, root: impl Into<PathBuf>, mount: &str) -> io::Result<Server> {
    start_static_with_on(addr, root, mount, StaticOptions::new())
}

/// Like [`start_static`], misbehaving on purpose as `opts` says: e.g. the `.wasm` answering 404
/// or served as `text/plain`, as badly configured hosts do.
///
/// ```no_run
/// use mock_api::{start_static_with, StaticFault, StaticOptions};
///
/// let opts = StaticOptions::new().fault(".wasm", StaticFault::NotFound);
/// let site = start_static_with("dist", "/", opts).unwrap();
/// ```
pub fn start_static_with(
    root: impl Into<PathBuf>,
    mount: &str,
    opts: StaticOptions,
) -> io::Result<Server> {
    start_static_with_on("127.0.0.1:0", root, mount, opts)
}

/// Like [`start_static_with`], on the address `addr`.
pub fn start_static_with_on(
    addr: &str,
    root: impl Into<PathBuf>,
    mount: &str,
    opts: StaticOptions,
) -> io::Result<Server> {
    Server::start(
        addr,
        Arc::new(static_files::StaticHandler::new(root.into(), mount, opts)),
    )
}
