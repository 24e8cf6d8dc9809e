//! The server machinery shared by the API and the static file server: a `tiny_http` listener, a
//! few worker threads, the request log, and shutdown on drop.

use std::io::{self, Read};
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use tiny_http::{Request, Response};

use crate::hangup;

/// Worker threads per server, so that a slow or held request does not block the others.
const WORKERS: usize = 8;

/// The body type of every response.
pub(crate) type Body = Box<dyn Read + Send>;

/// What a handler wants done with a request.
pub(crate) enum Reply {
    /// Send this response.
    Send(Response<Body>),
    /// Close the connection without any HTTP answer.
    HangUp,
    /// Send the head of an answer and the first part of its body, then nothing more while the
    /// connection is held open for `hold` (see [`hangup::stall`]).
    Stall {
        /// The full answer: status line, headers and body, as bytes on the wire.
        head: Vec<u8>,
        /// The part of the body that is sent.
        partial_body: Vec<u8>,
        status: u16,
        hold: Duration,
    },
}

/// The behaviour of a server: turns requests into replies.
pub(crate) trait Handler: Send + Sync + 'static {
    /// Answers `request`. Long waits should use [`Ctx::sleep`], which ends early on shutdown.
    fn handle(&self, request: &Request, ctx: &Ctx) -> Reply;

    /// Forgets per-run state (e.g. timeline positions). Called by [`Server::reset`].
    fn reset(&self) {}
}

/// What a handler may ask of the server while answering.
pub(crate) struct Ctx<'a> {
    stopping: &'a AtomicBool,
}

impl Ctx<'_> {
    /// Sleeps for `duration`, or less if the server is shutting down.
    pub(crate) fn sleep(&self, duration: Duration) {
        let end = Instant::now() + duration;
        loop {
            let now = Instant::now();
            if now >= end || self.stopping.load(Ordering::Relaxed) {
                return;
            }
            thread::sleep((end - now).min(Duration::from_millis(50)));
        }
    }
}

/// One request as the server saw it, for [`Server::requests`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestRecord {
    /// The HTTP method, e.g. `"GET"` or `"OPTIONS"`.
    pub method: String,
    /// The request target: path and query string, e.g. `"/v1/api/1/optimize/4/state?x=1"`.
    pub path: String,
    /// The value of the `x-api-key` header, if sent.
    pub api_key: Option<String>,
    /// The value of the `Origin` header, if sent.
    pub origin: Option<String>,
    /// The HTTP status sent back; `0` while the answer is still pending (e.g. during a `slow-…`
    /// fault) and for connections closed without an answer (the `drop` fault). A `stall`ed
    /// answer counts as sent (its headers were).
    pub status: u16,
    /// When the server received the request (to measure the gaps between requests).
    pub received_at: Instant,
}

/// The request log. Entries carry an id so that a worker can fill in the status of its own
/// entry even if [`Server::reset`] cleared the log in the meantime.
#[derive(Default)]
struct Log {
    next_id: u64,
    entries: Vec<(u64, RequestRecord)>,
}

/// State shared by a [`Server`] and its worker threads.
struct Shared {
    http: tiny_http::Server,
    handler: Arc<dyn Handler>,
    log: Mutex<Log>,
    stopping: AtomicBool,
    addr: SocketAddr,
}

impl Shared {
    fn log(&self) -> MutexGuard<'_, Log> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running server (mock API or static files). It serves on background threads until it is
/// dropped; dropping it stops the workers and closes the listening socket.
pub struct Server {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
}

impl Server {
    /// Binds `addr` and starts the worker threads.
    pub(crate) fn start(addr: &str, handler: Arc<dyn Handler>) -> io::Result<Server> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let http = tiny_http::Server::from_listener(listener, None).map_err(io::Error::other)?;
        let shared = Arc::new(Shared {
            http,
            handler,
            log: Mutex::default(),
            stopping: AtomicBool::new(false),
            addr,
        });
        let workers = (0..WORKERS)
            .map(|i| {
                let shared = Arc::clone(&shared);
                thread::Builder::new()
                    .name(format!("mock-api-{}-{i}", addr.port()))
                    .spawn(move || work(&shared))
            })
            .collect::<io::Result<Vec<_>>>()?;
        Ok(Server { shared, workers })
    }

    /// The server's root URL, `http://127.0.0.1:PORT` (no trailing slash).
    pub fn base_url(&self) -> String {
        let addr = self.shared.addr;
        let host = if addr.ip().is_unspecified() {
            "127.0.0.1".to_owned()
        } else if addr.is_ipv6() {
            format!("[{}]", addr.ip())
        } else {
            addr.ip().to_string()
        };
        format!("http://{host}:{}", addr.port())
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.shared.addr.port()
    }

    /// Every request seen so far (since the start or the last [`reset`](Server::reset)), in the
    /// order they arrived.
    pub fn requests(&self) -> Vec<RequestRecord> {
        let log = self.shared.log();
        log.entries
            .iter()
            .map(|(_, record)| record.clone())
            .collect()
    }

    /// Clears the request log and the per-(project, job) counters of the timeline and `flaky`
    /// fault, so that the next timeline request gets `timeline/000.json` again.
    pub fn reset(&self) {
        let mut log = self.shared.log();
        log.entries.clear();
        self.shared.handler.reset();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        for _ in &self.workers {
            self.shared.http.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("base_url", &self.base_url())
            .finish_non_exhaustive()
    }
}

/// A worker thread: answers requests until the server shuts down.
fn work(shared: &Shared) {
    while !shared.stopping.load(Ordering::SeqCst) {
        // `recv` fails when unblocked by `Server::drop` (and on accept errors: just go on).
        if let Ok(request) = shared.http.recv() {
            serve(shared, request);
        }
    }
}

/// Logs `request`, lets the handler answer it, and records the status sent.
fn serve(shared: &Shared, request: Request) {
    let id = {
        let mut log = shared.log();
        let id = log.next_id;
        log.next_id += 1;
        let record = RequestRecord {
            method: request.method().as_str().to_owned(),
            path: request.url().to_owned(),
            api_key: header(&request, "x-api-key"),
            origin: header(&request, "origin"),
            status: 0,
            received_at: Instant::now(),
        };
        log.entries.push((id, record));
        id
    };
    let ctx = Ctx {
        stopping: &shared.stopping,
    };
    let reply = shared.handler.handle(&request, &ctx);
    // Record the status before answering, so that a client that has read the answer also sees
    // it in `Server::requests`.
    let sent_status = match &reply {
        Reply::Send(response) => Some(response.status_code().0),
        Reply::Stall { status, .. } => Some(*status),
        Reply::HangUp => None,
    };
    if let Some(status) = sent_status {
        let mut log = shared.log();
        if let Some((_, record)) = log.entries.iter_mut().rev().find(|(i, _)| *i == id) {
            record.status = status;
        }
    }
    match reply {
        Reply::Send(response) => {
            // The client may have gone away; nothing to do about it.
            let _ = request.respond(response);
        }
        Reply::HangUp => hangup::hang_up(request, shared.addr.port()),
        Reply::Stall {
            head,
            partial_body,
            hold,
            ..
        } => hangup::stall(
            request,
            shared.addr.port(),
            &[head.as_slice(), partial_body.as_slice()],
            &ctx,
            hold,
        ),
    }
}

/// The value of header `name` (case-insensitive), if present.
pub(crate) fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str().to_owned())
}

/// Builds a header; `name` and `value` must be ASCII (they come from this crate or from the
/// request's own headers, which `tiny_http` only accepts in ASCII).
pub(crate) fn make_header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name, value)
        .unwrap_or_else(|()| panic!("invalid header {name}: {value:?}"))
}

/// A response with a body of known length, sent with `Content-Length` (never chunked).
pub(crate) fn make_response(
    status: u16,
    headers: Vec<tiny_http::Header>,
    body: Body,
    len: usize,
) -> Response<Body> {
    Response::new(status.into(), headers, body, Some(len), None).with_chunked_threshold(usize::MAX)
}
