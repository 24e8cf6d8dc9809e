//! The state request: gloo-net `fetch` with an abort signal and a timeout, classified
//! into a [`Run`] or a typed [`LoadError`] by the pure [`crate::model::parse_response`].

use crate::api::key::ApiKey;
use crate::derive::refresh::retry_after_s;
use crate::model::convert::{parse_response_reusing, KnownTrials, ReadTrial};
use crate::model::secret::{mask_in_message, mask_keys};
use crate::model::{parse_response, ErrorKind, LoadError, Run};
use gloo_net::http::{Request, RequestBuilder};
use std::borrow::Cow;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::AbortController;

/// Default request timeout (`CONTRACT.md`: requests time out and count as failures).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// What a successful or failed request produced.
pub struct Fetched {
    /// The run (without `trials`) and its trials, unchanged ones reused from `known`.
    pub result: Result<(Run, Vec<ReadTrial>), LoadError>,
    /// The body of a good answer (UTF-8 bytes), kept to save it as a snapshot unchanged.
    /// Kept in the browser's heap: 50 MB held in wasm memory for a rarely used download
    /// would also fragment it, since wasm memory never shrinks.
    pub text: Option<js_sys::Uint8Array>,
    /// `Retry-After` in seconds (either form), when the browser may read it (429/503).
    pub retry_after_s: Option<u32>,
}

/// An in-flight request that can be cancelled (view change, page going away).
#[derive(Clone)]
pub struct Abort(AbortController);

impl Abort {
    pub fn new() -> Option<Self> {
        AbortController::new().ok().map(Abort)
    }
    pub fn abort(&self) {
        self.0.abort();
    }
    /// Whether both handles control the same request.
    pub fn same(&self, other: &Abort) -> bool {
        self.0 == other.0
    }
}

/// The handle of a request started elsewhere (`index.html`'s early request, `api::prefetch`).
impl From<AbortController> for Abort {
    fn from(controller: AbortController) -> Self {
        Abort(controller)
    }
}

/// GETs `url`, sending `x-api-key` only when `key` is non-empty. The key is never logged
/// or put into an error: errors are built from the status and body only, and the body has
/// `key` and anything shaped like an Edge Impulse key masked ([`mask_keys`]) before it is
/// read, so no server text (error detail, `jobError`, names, a saved snapshot) can carry it.
/// With `early` (the same request, already sent by `index.html`: `api::prefetch::take`,
/// whose abort handle `abort` must be), its answer is read instead of sending another; the
/// checks, the timeout and the reading are the same.
pub async fn fetch_state(
    url: &str,
    key: &ApiKey,
    abort: &Abort,
    timeout: Duration,
    known: impl FnOnce() -> KnownTrials,
    early: Option<js_sys::Promise>,
) -> Fetched {
    let (request, deadline) = match start_get(url, key, abort, timeout) {
        Ok(started) => started,
        Err(refused) => {
            return Fetched {
                result: Err(refused),
                text: None,
                retry_after_s: None,
            }
        }
    };
    let key = key.secret();
    let sent = match early {
        Some(response) => wasm_bindgen_futures::JsFuture::from(response)
            .await
            .ok()
            .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
            .map(gloo_net::http::Response::from)
            .ok_or(()),
        None => request.send().await.map_err(|_| ()),
    };
    let mut outcome = match sent {
        Ok(response) => {
            let status = response.status();
            let retry_after_s = response
                .headers()
                .get("retry-after")
                .and_then(|v| retry_after_s(&v, js_sys::Date::now()));
            match read_bytes(response).await {
                Some(bytes) => {
                    crate::state::perf::mark(crate::state::perf::RECEIVED);
                    let (result, masked) = with_body_text(&bytes, |body| {
                        let masked = mask_keys(body, Some(key));
                        let result = parse_response_reusing(status, &masked, &known());
                        // Keep the masked text only when masking changed it (rare).
                        let masked = match masked {
                            Cow::Owned(text) if result.is_ok() => Some(text),
                            _ => None,
                        };
                        (result, masked)
                    });
                    crate::state::perf::parsed();
                    let text = match masked {
                        Some(masked) => Some(js_sys::Uint8Array::from(masked.as_bytes())),
                        None => result.is_ok().then_some(bytes),
                    };
                    Fetched {
                        result,
                        text,
                        retry_after_s,
                    }
                }
                // The headers came, the body never finished within the timeout.
                None if deadline.passed() => Fetched {
                    result: Err(LoadError::new(
                        ErrorKind::Network,
                        None,
                        format!(
                            "the answer started but did not finish within {} s",
                            timeout.as_secs()
                        ),
                    )),
                    text: None,
                    retry_after_s: None,
                },
                None if status >= 400 => Fetched {
                    result: parse_response(status, "").map(|run| (run, Vec::new())),
                    text: None,
                    retry_after_s,
                },
                None => Fetched {
                    result: Err(LoadError::new(
                        ErrorKind::Network,
                        Some(status),
                        "the connection dropped while the answer was being read",
                    )),
                    text: None,
                    retry_after_s,
                },
            }
        }
        Err(_) if deadline.passed() => Fetched {
            result: Err(LoadError::new(
                ErrorKind::Network,
                None,
                format!("no answer within {} s", timeout.as_secs()),
            )),
            text: None,
            retry_after_s: None,
        },
        Err(_) => Fetched {
            // The browser hides why (offline, DNS, CORS refusal, reset): say what it could be.
            result: Err(LoadError::new(
                ErrorKind::Network,
                None,
                "no readable answer (offline, blocked by CORS, or the connection was dropped)",
            )),
            text: None,
            retry_after_s: None,
        },
    };
    deadline.clear();
    if let Err(error) = &mut outcome.result {
        error.detail = mask_in_message(&error.detail, key);
    }
    outcome
}

/// GETs a small API answer (a project's runs, a log) with the same rules as the state: the
/// key only in `x-api-key`, an abort handle, a timeout, and the body's keys masked
/// ([`mask_keys`]) before anyone reads it. Returns the HTTP status and the masked body; errors
/// are only those where no answer could be read (`network`). Classify the answer with
/// [`crate::model::convert::error_for_status`] and the endpoint's own reader.
pub async fn get_text(
    url: &str,
    key: &ApiKey,
    abort: &Abort,
    timeout: Duration,
) -> Result<(u16, String), LoadError> {
    let (request, deadline) = start_get(url, key, abort, timeout)?;
    let key = key.secret();
    let no_answer = |timed_out: bool| {
        LoadError::new(
            ErrorKind::Network,
            None,
            if timed_out {
                format!("no complete answer within {} s", timeout.as_secs())
            } else {
                "no readable answer (offline, blocked by CORS, or the connection was dropped)"
                    .to_owned()
            },
        )
    };
    let outcome = match request.send().await {
        Ok(response) => {
            let status = response.status();
            match response.text().await {
                Ok(body) => Ok((status, mask_keys(&body, Some(key)).into_owned())),
                Err(_) => Err(no_answer(deadline.passed())),
            }
        }
        Err(_) => Err(no_answer(deadline.passed())),
    };
    deadline.clear();
    outcome
}

/// `error` with `key` masked in its detail, however short the key (see
/// [`mask_in_message`]): for errors an endpoint's reader built from a body.
pub fn without_key(mut error: LoadError, key: &ApiKey) -> LoadError {
    error.detail = mask_in_message(&error.detail, key.secret());
    error
}

/// A GET with the key in `x-api-key` (only when non-empty) and `abort`'s signal, and the timer
/// that aborts it after `timeout`. Refused, with nothing sent, when `url` is not under the base
/// the key was entered for (`CONTRACT.md`: a key goes only to its own API base); every request
/// passes here, so no caller can forget the check.
fn start_get(
    url: &str,
    key: &ApiKey,
    abort: &Abort,
    timeout: Duration,
) -> Result<(RequestBuilder, Deadline), LoadError> {
    if !url.starts_with(&format!("{}/api/", key.base().trim_end_matches('/'))) {
        return Err(LoadError::new(
            ErrorKind::Auth,
            None,
            "nothing was sent: the key in use was entered for another API base; enter a key for this one",
        ));
    }
    let passed = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = {
        let abort = abort.clone();
        let passed = passed.clone();
        leptos::prelude::set_timeout_with_handle(
            move || {
                passed.set(true);
                abort.abort();
            },
            timeout,
        )
        .ok()
    };
    let mut request = Request::get(url).abort_signal(Some(&abort.0.signal()));
    if !key.is_empty() {
        request = request.header("x-api-key", key.secret());
    }
    Ok((request, Deadline { passed, timer }))
}

/// The timeout of one request: whether it fired (the abort was ours, not the browser's).
struct Deadline {
    passed: std::rc::Rc<std::cell::Cell<bool>>,
    timer: Option<leptos::prelude::TimeoutHandle>,
}

impl Deadline {
    fn passed(&self) -> bool {
        self.passed.get()
    }
    /// Stops the timer once the request has ended, however it ended.
    fn clear(self) {
        if let Some(timer) = self.timer {
            timer.clear();
        }
    }
}

/// The response body's bytes; `None` if it could not be read.
async fn read_bytes(response: gloo_net::http::Response) -> Option<js_sys::Uint8Array> {
    let raw: web_sys::Response = response.into();
    let buffer = wasm_bindgen_futures::JsFuture::from(raw.array_buffer().ok()?)
        .await
        .ok()?;
    buffer
        .dyn_into::<js_sys::ArrayBuffer>()
        .ok()
        .map(|b| js_sys::Uint8Array::new(&b))
}

thread_local! {
    /// The buffer the response body is copied into for parsing, kept between polls. Wasm
    /// memory never shrinks, so the buffer costs nothing that one poll did not already take;
    /// allocating a fresh 10–50 MB block every poll instead fragments the heap, and the
    /// memory then grows by a response size whenever the next body does not fit the old hole.
    static BODY: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` on the body as text. The bytes are copied as they are (a memcpy and a UTF-8
/// check), several times faster than having the browser decode them to a string and encode
/// that again.
fn with_body_text<R>(bytes: &js_sys::Uint8Array, f: impl FnOnce(&str) -> R) -> R {
    BODY.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        let len = bytes.length() as usize;
        if buffer.capacity() < len {
            // Grow once with room for later, slightly larger answers; never double (a
            // 50 MB body would leave a 100 MB block), and free the old block first.
            *buffer = Vec::new();
            buffer.reserve_exact(len + len / 8);
        }
        buffer.clear();
        buffer.resize(len, 0);
        bytes.copy_to(&mut buffer);
        match std::str::from_utf8(&buffer) {
            Ok(text) => f(text),
            Err(_) => f(&String::from_utf8_lossy(&buffer)),
        }
    })
}

/// Text from bytes as a browser decodes them: invalid UTF-8 becomes U+FFFD.
pub fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Fetches a same-origin static file (demo snapshots) as text.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|_| LoadError::new(ErrorKind::Network, None, format!("could not load {url}")))?;
    if !response.ok() {
        return Err(LoadError::new(
            ErrorKind::NotFound,
            Some(response.status()),
            format!("could not load {url}"),
        ));
    }
    response
        .text()
        .await
        .map_err(|_| LoadError::new(ErrorKind::Network, None, format!("could not read {url}")))
}
