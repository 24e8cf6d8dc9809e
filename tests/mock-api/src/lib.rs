//! A mock of the Edge Impulse EON Tuner state endpoint, plus a static file server, for
//! Tunerscope's browser tests.
//!
//! [`start_api`] answers `GET {prefix}/api/{projectId}/optimize/{jobId}/state` from the fixture
//! files in `tests/fixtures/` (see [`jobs`] for which job id serves which file), checks the
//! `x-api-key` header, speaks CORS like a real cross-origin API, and can misbehave on request:
//! a path prefix `/fault/{name}/…` picks a fault (`truncated`, `html`, `500`, `429`, `503`,
//! `slow-{ms}`, `nocors`, `drop`, `array`, `open`, `flaky`). See the [`api`](crate::api) module
//! for the exact behaviour of each.
//!
//! [`start_static`] serves a directory (the built app) under a URL prefix.
//!
//! Both return a [`Server`] that runs on its own threads, records every request it sees
//! ([`Server::requests`]) and shuts down when dropped.
//!
//! ```no_run
//! use mock_api::{jobs, start_api, ApiOptions};
//!
//! let api = start_api(ApiOptions::new("tests/fixtures")).unwrap();
//! let url = format!("{}/v1/api/1/optimize/{}/state", api.base_url(), jobs::COMPLETED);
//! // … point the browser at `url` with header `x-api-key: test-key` …
//! assert!(api.requests().iter().all(|r| r.api_key.as_deref() == Some("test-key")));
//! ```

mod api;
mod fixtures;
mod hangup;
pub mod jobs;
mod server;
mod static_files;

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

pub use server::{RequestRecord, Server};

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
    Server::start(
        addr,
        Arc::new(static_files::StaticHandler::new(root.into(), mount)),
    )
}
