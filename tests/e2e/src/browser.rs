//! The browser side of the harness: a scratch directory, a `chromedriver` process on a free port,
//! and a headless Chromium session with the console log enabled.

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use thirtyfour::prelude::*;
use thirtyfour::LoggingPrefsLogLevel;

/// Chromium flags: headless as root in a container, quiet, reproducible size, measurable memory.
const CHROME_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--window-size=1280,900",
    // Memory readings for the soak test and the benchmark: exact heap sizes and `gc()`.
    "--enable-precise-memory-info",
    "--js-flags=--expose-gc",
];

/// How long `chromedriver` may take to answer `/status`.
const DRIVER_START_TIMEOUT: Duration = Duration::from_secs(20);

/// How long closing the browser may take.
const SESSION_END_TIMEOUT: Duration = Duration::from_secs(15);

/// A directory under the system temp dir, removed (best effort) on drop.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    /// Creates a fresh, uniquely named directory.
    pub fn new(prefix: &str) -> io::Result<Self> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "{prefix}-{}-{nanos}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path)?;
        Ok(Self(path))
    }

    /// Where the directory is.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A running `chromedriver`. On drop it ends the browser session it owns (closing Chromium) and
/// is then killed and reaped.
///
/// Session teardown lives here rather than in `thirtyfour`: its fallback for a `WebDriver`
/// dropped without `quit` (e.g. when a flow panics) sends `DELETE /session` through the test's
/// own runtime, which is blocked in that very drop, so it hangs for two minutes and leaves
/// Chromium running.
#[derive(Debug)]
pub(crate) struct ChromeDriver {
    child: Child,
    port: u16,
    log: PathBuf,
    /// The session to end before the driver is killed.
    session: Option<String>,
}

impl ChromeDriver {
    /// Starts `binary` on a free local port, logging to `log`, and waits until it is ready.
    ///
    /// Picking a port (bind to port 0, then release it) can race with another process; a driver
    /// that exits right away is retried on a new port a few times.
    pub(crate) fn start(binary: &Path, log: &Path) -> io::Result<Self> {
        let mut last_error = None;
        for _ in 0..3 {
            let port = free_port()?;
            let child = Command::new(binary)
                .arg(format!("--port={port}"))
                .arg(format!("--log-path={}", log.display()))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| {
                    io::Error::new(e.kind(), format!("cannot run {}: {e}", binary.display()))
                })?;
            let mut driver = Self {
                child,
                port,
                log: log.to_owned(),
                session: None,
            };
            match driver.wait_ready(DRIVER_START_TIMEOUT) {
                Ok(()) => return Ok(driver),
                Err(e) if e.kind() == io::ErrorKind::TimedOut => return Err(e),
                Err(e) => last_error = Some(e),
            }
        }
        Err(last_error.expect("at least one attempt"))
    }

    /// The WebDriver endpoint, e.g. `http://127.0.0.1:9515`.
    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Takes over ending `session`: `thirtyfour` will no longer try to, and dropping `self` will.
    pub(crate) fn own_session(&mut self, session: &WebDriver) {
        self.session = Some(session.session_id().to_string());
        // Marks the session as quit for every clone of the handle.
        let _ = session.clone().leak();
    }

    /// Ends the owned session now (Chromium exits), if it has not ended yet.
    pub(crate) fn end_session(&mut self) -> io::Result<()> {
        match self.session.take() {
            Some(id) => http(
                self.port,
                "DELETE",
                &format!("/session/{id}"),
                SESSION_END_TIMEOUT,
            )
            .map(drop),
            None => Ok(()),
        }
    }

    /// The last lines of the driver's log, for failure messages.
    pub(crate) fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    /// Polls `GET /status` until the driver reports `ready`, or fails if it exits or times out.
    fn wait_ready(&mut self, timeout: Duration) -> io::Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Err(io::Error::other(format!(
                    "chromedriver exited early ({status}); log:\n{}",
                    self.log_tail()
                )));
            }
            if http(self.port, "GET", "/status", Duration::from_secs(2))
                .is_ok_and(|r| r.replace(' ', "").contains("\"ready\":true"))
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "chromedriver did not become ready within {timeout:?}; log:\n{}",
                        self.log_tail()
                    ),
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.end_session();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago.
fn free_port() -> io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

/// One plain HTTP/1.1 request without a body to the local driver; returns the response body.
///
/// Blocking on purpose: it also runs in `Drop`, where no async runtime can be relied on.
fn http(port: u16, method: &str, path: &str, timeout: Duration) -> io::Result<String> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_millis(500))?;
    stream.set_read_timeout(Some(timeout))?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\
         Connection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes())?;
    // chromedriver keeps the socket open despite `Connection: close`: read up to the end of the
    // body its `Content-Length` announces.
    let mut response = Vec::new();
    let mut chunk = [0_u8; 1024];
    loop {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        response.extend_from_slice(&chunk[..n]);
        if let Some(body) = complete_body(&response) {
            return Ok(String::from_utf8_lossy(body).into_owned());
        }
    }
    Ok(String::from_utf8_lossy(&response).into_owned())
}

/// The body of an HTTP response once all of it (per `Content-Length`) has arrived.
fn complete_body(response: &[u8]) -> Option<&[u8]> {
    let end = response.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&response[..end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))?
        .trim()
        .parse()
        .ok()?;
    let body = &response[end..];
    (body.len() >= length).then(|| &body[..length])
}

/// Opens a headless Chromium session on `driver` with a fresh profile in `profile`, the window
/// at 1280×900 and every browser console entry kept for [`crate::Harness::console_errors`].
pub(crate) async fn new_session(
    driver: &ChromeDriver,
    chrome: &Path,
    profile: &Path,
) -> WebDriverResult<WebDriver> {
    let mut caps = DesiredCapabilities::chrome();
    caps.set_binary(&chrome.to_string_lossy())?;
    for arg in CHROME_ARGS {
        caps.add_arg(arg)?;
    }
    caps.add_arg(&format!("--user-data-dir={}", profile.display()))?;
    caps.set_browser_log_level(LoggingPrefsLogLevel::All)?;
    WebDriver::new(driver.url(), caps).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_complete_once_content_length_bytes_arrived() {
        let head = b"HTTP/1.1 200 OK\r\nContent-Length:14\r\nConnection:close\r\n\r\n";
        let mut response = head.to_vec();
        response.extend_from_slice(b"{\"ready\":");
        assert_eq!(complete_body(&response), None);
        response.extend_from_slice(b"true}");
        assert_eq!(complete_body(&response), Some(&b"{\"ready\":true}"[..]));
        assert_eq!(complete_body(b"HTTP/1.1 200 OK\r\n"), None);
    }
}
