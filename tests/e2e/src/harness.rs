//! [`Harness`]: the servers, the driver and the browser session behind one user flow.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use mock_api::{ApiOptions, RequestRecord, Server, StaticOptions};
use thirtyfour::prelude::*;
use thirtyfour::BrowserLogEntry;

use crate::browser::{self, ChromeDriver, TempDir};
use crate::console;

/// The sub-path the app is served under, so it is never tested only at `/`.
pub const MOUNT: &str = "/tools/tunerscope/";

/// How long page-object waits poll before failing.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// Everything one user flow runs against: mock API, static host for the built app,
/// `chromedriver` and a browser session with a fresh profile.
///
/// Start one per flow with [`Harness::start`] and end it with [`Harness::finish`]. If a flow
/// panics before `finish`, dropping the harness still quits the browser, stops the driver and the
/// servers, and removes the profile.
pub struct Harness {
    // Field order is drop order: `chromedriver` closes the browser before the servers stop, and
    // the profile directory goes last.
    pub(crate) driver: WebDriver,
    /// Owns the session's teardown (see [`ChromeDriver`]).
    chromedriver: ChromeDriver,
    api: Server,
    site: Server,
    /// Servers started by [`Harness::serve_page`] (other origins, e.g. a portal's page).
    pages: Mutex<Vec<Server>>,
    /// Every console entry drained from the browser so far (reading the log empties it).
    console: Mutex<Vec<BrowserLogEntry>>,
    /// Console text the flow provokes on purpose (see [`Harness::expect_console`]).
    expected: Mutex<Vec<String>>,
    scratch: TempDir,
}

impl Harness {
    /// Starts the mock API, the static server for the built app, `chromedriver` and a browser.
    ///
    /// # Panics
    /// If the app is not built (`dist/index.html` missing), a binary is missing, or a server or
    /// the browser does not start; the message says which.
    pub async fn start() -> Self {
        Self::start_with(StaticOptions::new()).await
    }

    /// Like [`Harness::start`], but the static host of the built app misbehaves as `site` says
    /// (e.g. its `.wasm` answering 404 or served as `text/plain`).
    ///
    /// # Panics
    /// As [`Harness::start`].
    pub async fn start_with(site: StaticOptions) -> Self {
        let dist = dist_dir();
        let index = dist.join("index.html");
        assert!(
            index.is_file(),
            "{} is missing: build the app first with `trunk build --release --offline` \
             (or set TUNERSCOPE_DIST to a built dist directory)",
            index.display()
        );
        let api = mock_api::start_api(ApiOptions::new(fixtures_dir()))
            .unwrap_or_else(|e| panic!("cannot start the mock API: {e}"));
        let site = mock_api::start_static_with(dist.clone(), MOUNT, site)
            .unwrap_or_else(|e| panic!("cannot serve {} under {MOUNT}: {e}", dist.display()));

        let scratch = TempDir::new("tunerscope-e2e")
            .unwrap_or_else(|e| panic!("cannot create a scratch directory: {e}"));
        let profile = scratch.path().join("profile");
        let chromedriver_bin = env_path("CHROMEDRIVER", "/usr/bin/chromedriver");
        let chrome_bin = env_path("CHROME", "/usr/bin/chromium");
        let mut chromedriver =
            ChromeDriver::start(&chromedriver_bin, &scratch.path().join("chromedriver.log"))
                .unwrap_or_else(|e| {
                    panic!(
                        "cannot start {} (install `chromium-driver`, or set CHROMEDRIVER): {e}",
                        chromedriver_bin.display()
                    )
                });
        let driver = browser::new_session(&chromedriver, &chrome_bin, &profile)
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "cannot open a browser session with {} (set CHROME to change it): {e}\n\
                     chromedriver log:\n{}",
                    chrome_bin.display(),
                    chromedriver.log_tail()
                )
            });
        chromedriver.own_session(&driver);

        Self {
            driver,
            chromedriver,
            api,
            site,
            pages: Mutex::new(Vec::new()),
            console: Mutex::new(Vec::new()),
            expected: Mutex::new(Vec::new()),
            scratch,
        }
    }

    /// The browser session, for anything the page-object helpers don't cover.
    pub fn driver(&self) -> &WebDriver {
        &self.driver
    }

    /// The last lines of `chromedriver`'s log, for diagnosing a flow.
    pub fn chromedriver_log(&self) -> String {
        self.chromedriver.log_tail()
    }

    /// The mock API server (its `requests()` tell what the page sent).
    pub fn api(&self) -> &Server {
        &self.api
    }

    /// How many times the page asked the mock API for the state of run `job`
    /// (`GET …/optimize/{job}/state`, whatever the project, prefix or query), e.g. to tell a
    /// run fetched once from a polled one.
    pub fn state_requests(&self, job: u64) -> usize {
        let suffix = format!("/optimize/{job}/state");
        self.api
            .requests()
            .iter()
            .filter(|r| {
                r.method == "GET" && r.path.split('?').next().unwrap_or("").ends_with(&suffix)
            })
            .count()
    }

    /// The `GET`s of `path` (query string ignored) the mock API has seen so far.
    pub fn gets(&self, path: &str) -> Vec<RequestRecord> {
        self.api
            .requests()
            .into_iter()
            .filter(|r| r.method == "GET" && r.path.split('?').next() == Some(path))
            .collect()
    }

    /// The static server hosting the built app (its `requests()` tell which assets were loaded).
    pub fn site(&self) -> &Server {
        &self.site
    }

    /// Serves `html` as a page of its own on a new static server (another origin than the
    /// app's, as a portal embedding it would be) and returns its address. The server lives as
    /// long as the harness.
    ///
    /// # Panics
    /// If the page cannot be written or its server does not start.
    pub fn serve_page(&self, html: &str) -> String {
        let mut pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        let dir = self.scratch.path().join(format!("page-{}", pages.len()));
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(dir.join("index.html"), html))
            .unwrap_or_else(|e| panic!("cannot write a page into {}: {e}", dir.display()));
        let server = mock_api::start_static(dir.clone(), "/")
            .unwrap_or_else(|e| panic!("cannot serve {}: {e}", dir.display()));
        let url = format!("{}/", server.base_url());
        pages.push(server);
        url
    }

    /// The app's address with `query` (already encoded, without `?`; see [`query`]),
    /// e.g. `http://127.0.0.1:PORT/tools/tunerscope/?demo=1`.
    pub fn app_url(&self, query: &str) -> String {
        let base = format!("{}{MOUNT}", self.site.base_url());
        if query.is_empty() {
            base
        } else {
            format!("{base}?{query}")
        }
    }

    /// The origin the page is served from (what the browser sends as `Origin`).
    pub fn app_origin(&self) -> String {
        self.site.base_url()
    }

    /// The API base to pass as the app's `api` parameter: `{mock}/v1`.
    pub fn api_base(&self) -> String {
        format!("{}/v1", self.api.base_url())
    }

    /// The API base of one of the mock's fault scenarios, e.g. `fault_base("truncated")` is
    /// `{mock}/fault/truncated/v1`.
    pub fn fault_base(&self, name: &str) -> String {
        format!("{}/fault/{name}/v1", self.api.base_url())
    }

    /// Tells [`Harness::console_errors`] (and so [`Harness::finish`]) that fatal-looking console
    /// entries containing `part` are expected: the flow provokes them on purpose (e.g. the test
    /// panic). Give the most specific text there is, so nothing else slips through.
    pub fn expect_console(&self, part: &str) {
        assert!(
            !part.trim().is_empty(),
            "an empty allowance would allow everything"
        );
        self.expected
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(part.to_owned());
    }

    /// Drains the browser console and returns every entry so far that [`console::is_fatal`]
    /// flags (panics, uncaught exceptions), except those [`Harness::expect_console`] allowed.
    /// Failed network requests are not included.
    ///
    /// # Panics
    /// If the browser log cannot be read.
    pub async fn console_errors(&self) -> Vec<BrowserLogEntry> {
        let expected = self
            .expected
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        self.console_log()
            .await
            .into_iter()
            .filter(console::is_fatal)
            .filter(|e| {
                !expected
                    .iter()
                    .any(|part| e.message.contains(part.as_str()))
            })
            .collect()
    }

    /// Drains the browser console and returns every entry seen so far in this session.
    ///
    /// # Panics
    /// If the browser log cannot be read.
    pub async fn console_log(&self) -> Vec<BrowserLogEntry> {
        let fresh = self
            .driver
            .browser_log()
            .await
            .unwrap_or_else(|e| panic!("cannot read the browser console log: {e}"));
        let mut seen = self.console.lock().unwrap_or_else(|p| p.into_inner());
        seen.extend(fresh);
        seen.clone()
    }

    /// Ends the flow: checks that the page never panicked nor threw an uncaught exception, and
    /// closes the browser (the driver, servers and profile go when the harness is dropped).
    ///
    /// # Panics
    /// If the console holds a fatal entry; the message lists them.
    pub async fn finish(mut self) {
        let fatal = self.console_errors().await;
        if let Err(e) = self.chromedriver.end_session() {
            eprintln!("warning: closing the browser failed: {e}");
        }
        assert!(
            fatal.is_empty(),
            "the page reported {} fatal console error(s):\n{}",
            fatal.len(),
            console::describe(&fatal)
        );
    }
}

/// Encodes `pairs` as a query string (`a=1&b=x%2Fy`), for [`Harness::app_url`].
pub fn query(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// The built app: `TUNERSCOPE_DIST`, else `<repo>/dist`.
fn dist_dir() -> PathBuf {
    std::env::var_os("TUNERSCOPE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_dir().join("dist"))
}

/// The state fixtures the mock API serves.
fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

/// The repository root (this crate lives in `tests/e2e`).
fn repo_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    dir.canonicalize().unwrap_or(dir)
}

/// A path from the environment variable `var`, else `default`.
fn env_path(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from(default), PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_encodes_urls() {
        assert_eq!(
            query(&[("project", "1"), ("api", "http://127.0.0.1:80/v1")]),
            "project=1&api=http%3A%2F%2F127.0.0.1%3A80%2Fv1"
        );
    }
}
