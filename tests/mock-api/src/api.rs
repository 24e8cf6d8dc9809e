//! The mock EON Tuner API: routing, key check, fixtures per job, CORS, and fault scenarios.
//!
//! The behaviour is described in the crate documentation (“The mock API”); this module
//! implements it.

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tiny_http::{Header, Method, Request};

use crate::fixtures::{Bytes, Fixtures};
use crate::generate::{Generator, MAX_TRIALS};
use crate::jobs::{self, Source};
use crate::logs::{self, TrialStatus};
use crate::projects::{self, Runs};
use crate::server::{header, make_header, make_response, Ctx, Handler, Reply};
use crate::trials::{TrialIndex, TrialLog};
use crate::ApiOptions;

/// The body of a 502 from a reverse proxy (as nginx writes it).
const BAD_GATEWAY_HTML: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n\
    <body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
    </body>\r\n</html>\r\n";

/// A sign-in page a captive portal or an expired proxy session answers with, as HTTP 200.
const SIGN_IN_HTML: &str = "<!doctype html>\n<html><head><title>Sign in</title></head>\n\
    <body><h1>Sign in to continue</h1><form method=\"post\" action=\"/login\">\
    <input name=\"user\"><input name=\"password\" type=\"password\"></form></body></html>\n";

/// The near-empty state of issue 12: `success` and an empty trial list, nothing else.
const NEAR_EMPTY: &str = r#"{"success":true,"trials":[]}"#;

/// An empty log: no entries, `totalCount` 0.
const EMPTY_LOG: &str = r#"{"success":true,"stdout":[],"totalCount":0}"#;

/// How long a `stall`ed answer keeps its connection open: longer than any client timeout.
const STALL_HOLD: Duration = Duration::from_secs(60);

/// The `Retry-After` (seconds) of the `429` fault.
const RETRY_AFTER_429: u32 = 7;
/// The `Retry-After` (seconds) of the `503` fault.
const RETRY_AFTER_503: u32 = 5;

/// A fault scenario, picked by the path prefix `/fault/{name}/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    /// `truncated`: 200 with the first half of the body.
    Truncated,
    /// `html`: 502 with an HTML page, as from a reverse proxy.
    Html,
    /// `500`: internal server error.
    ServerError,
    /// `429`: too many requests, `Retry-After: 7`.
    TooManyRequests,
    /// `503`: service unavailable, `Retry-After: 5`.
    Unavailable,
    /// `slow-{ms}`: the normal answer after a delay.
    Slow(Duration),
    /// `nocors`: the normal answer without any `Access-Control-*` header.
    NoCors,
    /// `drop`: the connection is closed without an answer.
    Drop,
    /// `array`: 200 with body `[]`.
    Array,
    /// `401`: 401 with `errors/unauthorized.json`, whatever the key.
    Unauthorized,
    /// `404`: 404 with `errors/not-found.json`, whatever the ids.
    NotFound,
    /// `unsuccessful`: 200 `{"success":false,"error":…}`.
    Unsuccessful,
    /// `open`: no API key needed (as behind a proxy that adds it).
    Open,
    /// `flaky`: every other request (per project and job) is a 500, starting with the first.
    Flaky,
    /// `failfirst-{n}-{status}`: the first `n` requests (per project and job) fail with
    /// `status` (a JSON error body), then answers are normal: "down for a while, then back".
    FailFirst { count: u64, status: u16 },
    /// `outage-{ok}-{n}-{status}`: per (project, job), `ok` normal answers, then `n` failures
    /// with `status`, then normal again: "the server went down for a while and came back".
    Outage { ok: u64, count: u64, status: u16 },
    /// `echokey`: 401 whose error text repeats the key it was sent (whatever it is).
    EchoKey,
    /// `stall`: 200 headers and half the body at once, then nothing while the connection is
    /// held open for [`STALL_HOLD`]: only the client's timeout ends it.
    Stall,
    /// `goodbad-{ok}-{n}-{bad}`: per (project, job), `ok` normal answers, then `n` [`Bad`]
    /// answers, then normal again: "the answers went wrong for a while".
    GoodBad { ok: u64, count: u64, bad: Bad },
    /// `retryafter-{n}-{s}` / `retrydate-{n}-{s}`: per (project, job), the first `n` requests
    /// get 503 with `Retry-After` of `s` seconds, written as a number (`retryafter`) or as the
    /// HTTP-date `s` seconds (or up to one more) from now (`retrydate`); then normal answers.
    RetryAfter {
        count: u64,
        seconds: u32,
        date: bool,
    },
}

/// What a `goodbad-…` fault answers while it is bad.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bad {
    /// `empty`: 200 `{"success":true,"trials":[]}`.
    Empty,
    /// `truncated`: 200, the first half of the normal body.
    Truncated,
    /// `html`: 200 `text/html`, a sign-in page.
    Html,
    /// `unsuccessful`: 200 `{"success":false,"error":…}`.
    Unsuccessful,
    /// `array`: 200 `[]`.
    Array,
    /// `echokey`: as the `echokey` fault.
    EchoKey,
    /// `stall`: as the `stall` fault.
    Stall,
    /// `drop`: as the `drop` fault.
    Drop,
    /// A status from 400 to 599, with a JSON error.
    Status(u16),
}

impl Bad {
    fn parse(name: &str) -> Option<Bad> {
        Some(match name {
            "empty" => Bad::Empty,
            "truncated" => Bad::Truncated,
            "html" => Bad::Html,
            "unsuccessful" => Bad::Unsuccessful,
            "array" => Bad::Array,
            "echokey" => Bad::EchoKey,
            "stall" => Bad::Stall,
            "drop" => Bad::Drop,
            status => Bad::Status(error_status(status)?),
        })
    }
}

/// A status from 400 to 599 written in decimal.
fn error_status(text: &str) -> Option<u16> {
    let status: u16 = text.parse().ok()?;
    (400..600).contains(&status).then_some(status)
}

impl Fault {
    /// The fault named `name`, if any.
    fn parse(name: &str) -> Option<Fault> {
        let fault = match name {
            "truncated" => Fault::Truncated,
            "html" => Fault::Html,
            "500" => Fault::ServerError,
            "429" => Fault::TooManyRequests,
            "503" => Fault::Unavailable,
            "nocors" => Fault::NoCors,
            "drop" => Fault::Drop,
            "array" => Fault::Array,
            "401" => Fault::Unauthorized,
            "404" => Fault::NotFound,
            "unsuccessful" => Fault::Unsuccessful,
            "open" => Fault::Open,
            "flaky" => Fault::Flaky,
            "echokey" => Fault::EchoKey,
            "stall" => Fault::Stall,
            _ if name.starts_with("goodbad-") => {
                let mut parts = name["goodbad-".len()..].splitn(3, '-');
                let ok = parts.next()?.parse().ok()?;
                let count = parts.next()?.parse().ok()?;
                let bad = Bad::parse(parts.next()?)?;
                Fault::GoodBad { ok, count, bad }
            }
            _ if name.starts_with("retryafter-") || name.starts_with("retrydate-") => {
                let date = name.starts_with("retrydate-");
                let (_, rest) = name.split_once('-')?;
                let (count, seconds) = rest.split_once('-')?;
                Fault::RetryAfter {
                    count: count.parse().ok()?,
                    seconds: seconds.parse().ok()?,
                    date,
                }
            }
            _ if name.starts_with("outage-") => {
                let mut parts = name["outage-".len()..].splitn(3, '-');
                let ok = parts.next()?.parse().ok()?;
                let count = parts.next()?.parse().ok()?;
                let status: u16 = parts.next()?.parse().ok()?;
                if !(400..600).contains(&status) {
                    return None;
                }
                Fault::Outage { ok, count, status }
            }
            _ if name.starts_with("failfirst-") => {
                let mut parts = name["failfirst-".len()..].splitn(2, '-');
                let count = parts.next()?.parse().ok()?;
                let status: u16 = parts.next()?.parse().ok()?;
                if !(400..600).contains(&status) {
                    return None;
                }
                Fault::FailFirst { count, status }
            }
            _ => {
                let ms = name.strip_prefix("slow-")?;
                if ms.is_empty() || !ms.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                Fault::Slow(Duration::from_millis(ms.parse().ok()?))
            }
        };
        Some(fault)
    }
}

/// What an API path asks for. Ids are not validated yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target<'a> {
    /// `…/api/{project}/optimize/{job}/state`.
    State { project: &'a str, job: &'a str },
    /// `…/api/{project}/optimize/state`: the state of the project's latest run.
    LatestState { project: &'a str },
    /// `…/api/{project}/optimize/runs`.
    Runs { project: &'a str },
    /// `…/api/{project}/optimize/trial/{trial}/stdout` (`trial` still percent-encoded).
    TrialLog { project: &'a str, trial: &'a str },
    /// `…/api/{project}/jobs/{job}/stdout`.
    JobLog { project: &'a str, job: &'a str },
}

/// A parsed request path.
#[derive(Debug, PartialEq, Eq)]
enum Route<'a> {
    /// `GET /__health`.
    Health,
    /// `{prefix}{target}`, with the fault name of a prefix `/fault/{name}/…` and the log kind of
    /// a prefix `/genlog/{kind}/…` (in either order, before the rest of the prefix).
    Api {
        fault: Option<&'a str>,
        genlog: Option<&'a str>,
        target: Target<'a>,
    },
    /// `/gen/{trials}/{changed}/{prefix}/api/{project}/optimize/{job}/state`: a generated
    /// state (see [`crate::generate`]). Nothing is validated yet.
    Generated {
        trials: &'a str,
        changed: &'a str,
        project: &'a str,
        job: &'a str,
    },
    /// Anything else.
    Unknown,
}

/// Parses `path` (without query string).
fn route(path: &str) -> Route<'_> {
    if path == "/__health" {
        return Route::Health;
    }
    let Some(rest) = path.strip_prefix('/') else {
        return Route::Unknown;
    };
    let segments: Vec<&str> = rest.split('/').collect();
    let (target, used) = match segments.as_slice() {
        [.., "api", project, "optimize", job, "state"] => (Target::State { project, job }, 5),
        [.., "api", project, "optimize", "state"] => (Target::LatestState { project }, 4),
        [.., "api", project, "optimize", "runs"] => (Target::Runs { project }, 4),
        [.., "api", project, "optimize", "trial", trial, "stdout"] => {
            (Target::TrialLog { project, trial }, 6)
        }
        [.., "api", project, "jobs", job, "stdout"] => (Target::JobLog { project, job }, 5),
        _ => return Route::Unknown,
    };
    let mut prefix = &segments[..segments.len() - used];
    if let (["gen", trials, changed, ..], Target::State { project, job }) = (prefix, target) {
        return Route::Generated {
            trials,
            changed,
            project,
            job,
        };
    }
    let (mut fault, mut genlog) = (None, None);
    loop {
        match prefix {
            ["fault", name, rest @ ..] if fault.is_none() => {
                fault = Some(*name);
                prefix = rest;
            }
            ["genlog", kind, rest @ ..] if genlog.is_none() => {
                genlog = Some(*kind);
                prefix = rest;
            }
            _ => break,
        }
    }
    Route::Api {
        fault,
        genlog,
        target,
    }
}

/// What every log looks like under a prefix `/genlog/{kind}/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LogKind {
    /// `genlog/{n}`: the generated log of `n` entries (see [`logs::generated`]).
    Lines(u64),
    /// `genlog/hostile`: the hostile log (see [`logs::hostile`]).
    Hostile,
}

impl LogKind {
    fn parse(kind: &str) -> Option<LogKind> {
        if kind == "hostile" {
            return Some(LogKind::Hostile);
        }
        let lines = if kind == "0" { 0 } else { positive_int(kind)? };
        (lines <= logs::MAX_GENERATED).then_some(LogKind::Lines(lines))
    }
}

/// Decodes `%XX` escapes of a path segment; `None` if they are malformed or not UTF-8.
fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The value of `name` in the query string of `url`, percent-decoded.
fn query_param(url: &str, name: &str) -> Option<String> {
    let (_, query) = url.split_once('?')?;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| *key == name)
        .and_then(|(_, value)| percent_decode(&value.replace('+', " ")))
}

/// Parses a positive decimal integer (digits only: no sign, no spaces).
fn positive_int(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|&n| n > 0)
}

/// An answer before it becomes a `tiny_http` response.
struct Answer {
    status: u16,
    content_type: &'static str,
    body: Bytes,
    /// The `Retry-After` header's value, if any.
    retry_after: Option<String>,
    /// Whether to send the CORS headers (all answers but those of the `nocors` fault).
    cors: bool,
}

impl Answer {
    /// An answer with CORS headers and no `Retry-After`.
    fn new(status: u16, content_type: &'static str, body: impl Into<Bytes>) -> Answer {
        Answer {
            status,
            content_type,
            body: body.into(),
            retry_after: None,
            cors: true,
        }
    }

    /// An answer of type `application/json`.
    fn json(status: u16, body: impl Into<Bytes>) -> Answer {
        Answer::new(status, "application/json", body)
    }

    /// `{"success":false,"error":message}` with `status`.
    fn error(status: u16, message: &str) -> Answer {
        let body = format!(
            "{{\"success\":false,\"error\":\"{}\"}}",
            escape_json(message)
        );
        Answer::json(status, body.into_bytes())
    }

    /// The answer for a fixture file that could not be read.
    fn fixture_error(err: &std::io::Error) -> Answer {
        eprintln!("mock-api: cannot read fixture: {err}");
        Answer::error(500, &format!("mock-api: cannot read fixture: {err}"))
    }

    fn with_retry_after(mut self, seconds: u32) -> Answer {
        self.retry_after = Some(seconds.to_string());
        self
    }
}

/// The outcome of a request.
enum Outcome {
    Answer(Answer),
    HangUp,
    /// Send the head and half the body of this answer, then nothing.
    Stall(Answer),
}

impl From<Answer> for Outcome {
    fn from(answer: Answer) -> Outcome {
        Outcome::Answer(answer)
    }
}

/// Which request counter a request advances: the per-(project, job) counters of the sequence
/// faults and of the timeline, generalised to every route (`"job 4"`, `"runs"`, `"trial {id}"`,
/// `"log 5"`). The state of a job and the project's latest state share the job's counter.
type Slot = (u64, String);

/// What a valid request is answered with, once the faults have had their say.
enum Content {
    /// The state of a mock job.
    Job(Source),
    /// A ready answer.
    Ready(Answer),
}

/// The mock API: see the crate documentation.
pub(crate) struct ApiHandler {
    api_key: String,
    fixtures: Fixtures,
    /// Requests served so far per slot of the timeline job.
    timeline: Mutex<HashMap<Slot, usize>>,
    /// Requests seen so far per slot under the `flaky` fault.
    flaky: Mutex<HashMap<Slot, u64>>,
    /// Requests seen so far per slot under a `failfirst-…` or `outage-…` fault.
    fail_first: Mutex<HashMap<Slot, u64>>,
    /// Requests seen so far per slot under a `goodbad-…` or `retry…` fault.
    sequence: Mutex<HashMap<Slot, u64>>,
    /// Generated states and the position of each of their streams.
    generator: Generator,
    /// The trial ids of the fixtures, for their logs.
    trials: TrialIndex,
}

impl ApiHandler {
    pub(crate) fn new(opts: ApiOptions) -> Self {
        ApiHandler {
            api_key: opts.api_key,
            generator: Generator::new(opts.fixtures.clone()),
            fixtures: Fixtures::new(opts.fixtures),
            timeline: Mutex::default(),
            flaky: Mutex::default(),
            fail_first: Mutex::default(),
            sequence: Mutex::default(),
            trials: TrialIndex::new(),
        }
    }

    /// The outcome of anything but a CORS preflight.
    fn outcome(&self, request: &Request, ctx: &Ctx) -> Outcome {
        let path = request.url().split('?').next().unwrap_or_default();
        let (fault, genlog, target) = match route(path) {
            Route::Health => {
                return Answer::new(200, "text/plain; charset=utf-8", b"ok".as_slice()).into()
            }
            Route::Unknown => return Answer::error(404, "Not found").into(),
            Route::Generated {
                trials,
                changed,
                project,
                job,
            } => {
                return self
                    .generated(request, trials, changed, project, job)
                    .into()
            }
            Route::Api {
                fault,
                genlog,
                target,
            } => (fault, genlog, target),
        };
        let fault = match fault.map(|name| (name, Fault::parse(name))) {
            None => None,
            Some((_, Some(fault))) => Some(fault),
            Some((name, None)) => {
                return Answer::error(404, &format!("Unknown fault: {name}")).into();
            }
        };
        let genlog = match genlog.map(|kind| (kind, LogKind::parse(kind))) {
            None => None,
            Some((_, Some(kind))) => Some(kind),
            Some((kind, None)) => {
                return Answer::error(404, &format!("Unknown generated log: {kind}")).into();
            }
        };
        let outcome = if matches!(request.method(), Method::Get | Method::Head) {
            self.answer(request, ctx, fault, genlog, target)
        } else {
            Answer::error(405, "Method not allowed").into()
        };
        match outcome {
            Outcome::Answer(answer) if fault == Some(Fault::NoCors) => Answer {
                cors: false,
                ..answer
            }
            .into(),
            outcome => outcome,
        }
    }

    /// The answer to a `GET` of `target` under `fault`, with every log made as `genlog` says.
    fn answer(
        &self,
        request: &Request,
        ctx: &Ctx,
        fault: Option<Fault>,
        genlog: Option<LogKind>,
        target: Target,
    ) -> Outcome {
        let key = header(request, "x-api-key");
        if fault == Some(Fault::EchoKey) {
            return echo_key(key.as_deref()).into();
        }
        if fault != Some(Fault::Open) && key.as_deref() != Some(self.api_key.as_str()) {
            return self.fixture(401, "errors/unauthorized.json").into();
        }

        // Faults standing for a failing server or proxy, whatever the ids.
        match fault {
            Some(Fault::Html) => {
                return Answer::new(502, "text/html", BAD_GATEWAY_HTML.as_bytes()).into()
            }
            Some(Fault::ServerError) => return Answer::error(500, "Internal server error").into(),
            Some(Fault::TooManyRequests) => {
                return Answer::error(429, "Too many requests")
                    .with_retry_after(RETRY_AFTER_429)
                    .into()
            }
            Some(Fault::Unavailable) => {
                return Answer::error(503, "Service temporarily unavailable, please try again")
                    .with_retry_after(RETRY_AFTER_503)
                    .into()
            }
            Some(Fault::Array) => return Answer::json(200, b"[]".as_slice()).into(),
            Some(Fault::Drop) => return Outcome::HangUp,
            Some(Fault::Unauthorized) => {
                return self.fixture(401, "errors/unauthorized.json").into()
            }
            Some(Fault::NotFound) => return self.fixture(404, "errors/not-found.json").into(),
            Some(Fault::Unsuccessful) => return unsuccessful(target).into(),
            _ => {}
        }

        let (slot, content) = match self.resolve(request, genlog, target) {
            Ok(resolved) => resolved,
            Err(answer) => return answer.into(),
        };

        if fault == Some(Fault::Flaky) {
            let mut counts = self.flaky.lock().unwrap_or_else(PoisonError::into_inner);
            let count = counts.entry(slot.clone()).or_default();
            *count += 1;
            if *count % 2 == 1 {
                return Answer::error(500, "Internal server error").into();
            }
        }
        if let Some(Fault::FailFirst { count, status }) = fault {
            let mut counts = self
                .fail_first
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let seen = counts.entry(slot.clone()).or_default();
            *seen += 1;
            if *seen <= count {
                return Answer::error(status, "Injected failure").into();
            }
        }
        if let Some(Fault::Outage { ok, count, status }) = fault {
            let mut counts = self
                .fail_first
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let seen = counts.entry(slot.clone()).or_default();
            *seen += 1;
            if *seen > ok && *seen <= ok + count {
                return Answer::error(status, "Injected outage").into();
            }
        }
        if let Some(Fault::Slow(delay)) = fault {
            ctx.sleep(delay);
        }
        let mut bad = None;
        if let Some(Fault::GoodBad {
            ok,
            count,
            bad: kind,
        }) = fault
        {
            let seen = self.next_in_sequence(&slot);
            if seen > ok && seen <= ok + count {
                bad = Some(kind);
            }
        }
        if let Some(Fault::RetryAfter {
            count,
            seconds,
            date,
        }) = fault
        {
            if self.next_in_sequence(&slot) <= count {
                let mut answer = Answer::error(503, "Service temporarily unavailable");
                answer.retry_after = Some(if date {
                    http_date_in(seconds)
                } else {
                    seconds.to_string()
                });
                return answer.into();
            }
        }
        match bad {
            Some(Bad::Empty) => return Answer::json(200, empty_body(target).as_bytes()).into(),
            Some(Bad::Html) => {
                return Answer::new(200, "text/html; charset=utf-8", SIGN_IN_HTML.as_bytes()).into()
            }
            Some(Bad::Unsuccessful) => return unsuccessful(target).into(),
            Some(Bad::Array) => return Answer::json(200, b"[]".as_slice()).into(),
            Some(Bad::EchoKey) => return echo_key(key.as_deref()).into(),
            Some(Bad::Drop) => return Outcome::HangUp,
            Some(Bad::Status(status)) => return Answer::error(status, "Injected failure").into(),
            Some(Bad::Truncated | Bad::Stall) | None => {}
        }

        let mut answer = match content {
            Content::Ready(answer) => answer,
            Content::Job(Source::File(name)) => self.fixture(200, name),
            Content::Job(Source::Timeline) => {
                let mut counts = self.timeline.lock().unwrap_or_else(PoisonError::into_inner);
                let count = counts.entry(slot).or_default();
                let answer = self.fixture(200, &self.fixtures.timeline_file(*count));
                *count += 1;
                answer
            }
        };
        let truncated = fault == Some(Fault::Truncated) || bad == Some(Bad::Truncated);
        if truncated && answer.status == 200 {
            answer.body = answer.body[..answer.body.len() / 2].into();
        }
        if fault == Some(Fault::Stall) || bad == Some(Bad::Stall) {
            return Outcome::Stall(answer);
        }
        answer.into()
    }

    /// Validates the ids of `target` and finds what it serves, and which counter it advances;
    /// an error answer (404 for unknown ids, 400 for a bad query) if the ids are wrong.
    fn resolve(
        &self,
        request: &Request,
        genlog: Option<LogKind>,
        target: Target,
    ) -> Result<(Slot, Content), Answer> {
        let not_found = || self.fixture(404, "errors/not-found.json");
        let project = |id: &str| positive_int(id).ok_or_else(not_found);
        let job_slot = |project: u64, job: u64| (project, format!("job {job}"));
        match target {
            Target::State { project: p, job } => {
                let p = project(p)?;
                let (job, source) = positive_int(job)
                    .and_then(|job| Some((job, jobs::source(job)?)))
                    .ok_or_else(not_found)?;
                Ok((job_slot(p, job), Content::Job(source)))
            }
            Target::Runs { project: p } => {
                let p = project(p)?;
                let answer = match projects::runs(p).ok_or_else(not_found)? {
                    Runs::File(name) => self.fixture(200, name),
                    Runs::Empty => Answer::json(200, projects::NO_RUNS_BODY.as_bytes()),
                };
                Ok(((p, "runs".to_owned()), Content::Ready(answer)))
            }
            Target::LatestState { project: p } => {
                let p = project(p)?;
                let Runs::File(name) = projects::runs(p).ok_or_else(not_found)? else {
                    return Err(not_found());
                };
                let runs = self
                    .fixtures
                    .get(name)
                    .map_err(|err| Answer::fixture_error(&err))?;
                let (job, source) = projects::first_job(&runs)
                    .and_then(|job| Some((job, jobs::source(job)?)))
                    .ok_or_else(not_found)?;
                Ok((job_slot(p, job), Content::Job(source)))
            }
            Target::TrialLog { project: p, trial } => {
                let p = project(p)?;
                let trial = percent_decode(trial).ok_or_else(not_found)?;
                let key = header(request, "x-api-key").unwrap_or_default();
                let answer = match genlog {
                    Some(kind) => log_answer(kind.entries(&key, logs::MAX_LINES)),
                    None => self.trial_log(&trial, &key).ok_or_else(not_found)?,
                };
                Ok(((p, format!("trial {trial}")), Content::Ready(answer)))
            }
            Target::JobLog { project: p, job } => {
                let p = project(p)?;
                let job = positive_int(job)
                    .filter(|&job| jobs::source(job).is_some())
                    .ok_or_else(not_found)?;
                let filter = LogFilter::from_url(request.url())?;
                let key = header(request, "x-api-key").unwrap_or_default();
                let answer = match (genlog, job) {
                    (Some(kind), _) => log_answer(filter.apply_to(kind, &key)),
                    (None, jobs::SUCCESS_FALSE) => self.fixture(200, "errors/success-false.json"),
                    (None, jobs::HOSTILE) => log_answer(filter.apply(logs::hostile(&key))),
                    (None, jobs::JOB_ERROR) => {
                        let body = self
                            .fixtures
                            .get("job-logs.json")
                            .map_err(|err| Answer::fixture_error(&err))?;
                        let entries = logs::parse(&body).ok_or_else(|| {
                            Answer::error(500, "mock-api: job-logs.json is not a log")
                        })?;
                        log_answer(filter.apply(entries))
                    }
                    (None, job) => {
                        let entries = logs::coordinator(job).ok_or_else(not_found)?;
                        log_answer(filter.apply(entries))
                    }
                };
                Ok(((p, format!("log {job}")), Content::Ready(answer)))
            }
        }
    }

    /// The log of trial `trial` (decoded), or `None` for an unknown trial id.
    fn trial_log(&self, trial: &str, key: &str) -> Option<Answer> {
        if trial == "hostile" {
            return Some(log_answer(LogKind::Hostile.entries(key, logs::MAX_LINES)));
        }
        if let Some(lines) = trial.strip_prefix("genlog-") {
            let kind = LogKind::parse(lines).filter(|k| *k != LogKind::Hostile)?;
            return Some(log_answer(kind.entries(key, logs::MAX_LINES)));
        }
        Some(match self.trials.get(&self.fixtures, trial)? {
            TrialLog::Hostile => log_answer(LogKind::Hostile.entries(key, logs::MAX_LINES)),
            TrialLog::Status(TrialStatus::Failed) => self.fixture(200, "trial-logs.json"),
            TrialLog::Status(status) => {
                let entries = logs::trial(status);
                let total = entries.len() as u64;
                log_answer((entries, total))
            }
        })
    }

    /// Counts a request of `slot` under a sequence fault; returns its number (1, 2, …).
    fn next_in_sequence(&self, slot: &Slot) -> u64 {
        let mut counts = self.sequence.lock().unwrap_or_else(PoisonError::into_inner);
        let seen = counts.entry(slot.clone()).or_default();
        *seen += 1;
        *seen
    }

    /// The answer to a request for a generated state (`/gen/{trials}/{changed}/…`).
    fn generated(
        &self,
        request: &Request,
        trials: &str,
        changed: &str,
        project: &str,
        job: &str,
    ) -> Answer {
        if !matches!(request.method(), Method::Get | Method::Head) {
            return Answer::error(405, "Method not allowed");
        }
        if header(request, "x-api-key").as_deref() != Some(self.api_key.as_str()) {
            return self.fixture(401, "errors/unauthorized.json");
        }
        let (Some(_), Some(job)) = (positive_int(project), positive_int(job)) else {
            return self.fixture(404, "errors/not-found.json");
        };
        let trials = positive_int(trials).filter(|&t| t <= MAX_TRIALS as u64);
        let changed = (changed == "0")
            .then_some(0)
            .or_else(|| positive_int(changed));
        let (Some(trials), Some(changed)) = (trials, changed.filter(|&c| Some(c) <= trials)) else {
            return Answer::error(
                404,
                &format!(
                    "Generated states need 1 to {MAX_TRIALS} trials and at most that many changed"
                ),
            );
        };
        match self.generator.next(trials as usize, changed as usize, job) {
            Ok(body) => Answer::json(200, body),
            Err(err) => Answer::fixture_error(&err),
        }
    }

    /// The fixture `name` as JSON with `status` (500 if it cannot be read).
    fn fixture(&self, status: u16, name: &str) -> Answer {
        match self.fixtures.get(name) {
            Ok(body) => Answer::json(status, body),
            Err(err) => Answer::fixture_error(&err),
        }
    }
}

impl Handler for ApiHandler {
    fn handle(&self, request: &Request, ctx: &Ctx) -> Reply {
        let origin = header(request, "origin");
        let allow_origin = origin.as_deref().unwrap_or("*");
        if *request.method() == Method::Options {
            let headers = vec![
                make_header("Access-Control-Allow-Origin", allow_origin),
                make_header("Access-Control-Allow-Methods", "GET, OPTIONS"),
                make_header("Access-Control-Allow-Headers", "x-api-key, content-type"),
                make_header("Access-Control-Max-Age", "600"),
                make_header("Vary", "Origin"),
            ];
            return Reply::Send(make_response(204, headers, Box::new(std::io::empty()), 0));
        }

        let (answer, stall) = match self.outcome(request, ctx) {
            Outcome::Answer(answer) => (answer, false),
            Outcome::Stall(answer) => (answer, true),
            Outcome::HangUp => return Reply::HangUp,
        };

        let mut fields: Vec<(&str, String)> = vec![
            ("Content-Type", answer.content_type.to_owned()),
            ("Cache-Control", "no-store".to_owned()),
        ];
        if answer.cors {
            fields.push(("Access-Control-Allow-Origin", allow_origin.to_owned()));
            fields.push(("Access-Control-Expose-Headers", "Retry-After".to_owned()));
            fields.push(("Vary", "Origin".to_owned()));
        }
        if let Some(value) = &answer.retry_after {
            fields.push(("Retry-After", value.clone()));
        }
        let len = answer.body.len();
        if stall {
            let mut head = format!("HTTP/1.1 {} OK\r\n", answer.status);
            for (name, value) in &fields {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str(&format!(
                "Content-Length: {len}\r\nConnection: close\r\n\r\n"
            ));
            return Reply::Stall {
                head: head.into_bytes(),
                partial_body: answer.body[..len / 2].to_vec(),
                status: answer.status,
                hold: STALL_HOLD,
            };
        }
        let headers: Vec<Header> = fields
            .iter()
            .map(|(name, value)| make_header(name, value))
            .collect();
        Reply::Send(make_response(
            answer.status,
            headers,
            Box::new(Cursor::new(answer.body)),
            len,
        ))
    }

    fn reset(&self) {
        self.timeline
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.flaky
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.fail_first
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.sequence
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.generator.reset();
    }
}

/// A 401 whose error text repeats `key`, as some servers and proxies do.
fn echo_key(key: Option<&str>) -> Answer {
    let shown = key.unwrap_or_default();
    Answer::error(401, &format!("API key '{shown}' is not valid"))
}

/// The HTTP-date (IMF-fixdate) at least `seconds` from now: the next whole second, plus
/// `seconds` (the format has no fractions, and rounding down would ask for less).
fn http_date_in(seconds: u32) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    http_date(now.as_secs() + 1 + u64::from(seconds))
}

/// `secs` since the epoch as an IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(secs: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (year, month, day) = logs::civil_date(days);
    format!(
        "{}, {day:02} {} {year} {:02}:{:02}:{:02} GMT",
        DAYS[(days % 7) as usize],
        MONTHS[(month - 1) as usize],
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Escapes `s` for use inside a JSON string literal.
fn escape_json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

impl LogKind {
    /// The last `limit` entries of this log, and its `totalCount`.
    fn entries(self, key: &str, limit: u64) -> (Vec<logs::Entry>, u64) {
        match self {
            LogKind::Lines(total) => (logs::generated(total, limit), total),
            LogKind::Hostile => {
                let entries = logs::hostile(key);
                let total = entries.len() as u64;
                (last(entries, limit), total)
            }
        }
    }
}

/// The last `limit` of `entries`.
fn last(mut entries: Vec<logs::Entry>, limit: u64) -> Vec<logs::Entry> {
    let keep = usize::try_from(limit).unwrap_or(usize::MAX);
    entries.drain(..entries.len().saturating_sub(keep));
    entries
}

/// A 200 log body of `entries` with `totalCount` = `total`.
fn log_answer((entries, total): (Vec<logs::Entry>, u64)) -> Answer {
    Answer::json(200, logs::body(&entries, total))
}

/// The query of a job log: `limit=N` (the last `N` entries, at most [`logs::MAX_LINES`]) and
/// `logLevel=L` (only entries at least as severe as `L`: see [`logs::severity`]).
struct LogFilter {
    limit: u64,
    min_severity: Option<u8>,
}

impl LogFilter {
    /// The filter of a request; 400 for a `limit` that is not a positive integer or an unknown
    /// `logLevel`.
    fn from_url(url: &str) -> Result<LogFilter, Answer> {
        let limit = match query_param(url, "limit") {
            None => logs::MAX_LINES,
            Some(text) => positive_int(&text)
                .ok_or_else(|| Answer::error(400, "limit must be a positive integer"))?
                .min(logs::MAX_LINES),
        };
        let min_severity = match query_param(url, "logLevel").as_deref() {
            None => None,
            Some(level @ ("error" | "warn" | "info" | "debug")) => {
                Some(logs::severity(Some(level)))
            }
            Some(_) => {
                return Err(Answer::error(
                    400,
                    "logLevel must be one of error, warn, info, debug",
                ))
            }
        };
        Ok(LogFilter {
            limit,
            min_severity,
        })
    }

    /// The entries of a whole log that pass the filter, and how many pass it.
    fn apply(&self, mut entries: Vec<logs::Entry>) -> (Vec<logs::Entry>, u64) {
        if let Some(min) = self.min_severity {
            entries.retain(|e| logs::severity(e.level.as_deref()) >= min);
        }
        let total = entries.len() as u64;
        (last(entries, self.limit), total)
    }

    /// The entries of the log `kind` that pass the filter, and how many pass it.
    fn apply_to(&self, kind: LogKind, key: &str) -> (Vec<logs::Entry>, u64) {
        match (kind, self.min_severity) {
            (LogKind::Hostile, _) => self.apply(logs::hostile(key)),
            (LogKind::Lines(total), None) => (logs::generated(total, self.limit), total),
            (LogKind::Lines(total), Some(min)) => logs::generated_at_least(total, min, self.limit),
        }
    }
}

/// A 200 `{success:false, error}` fitting `target`.
fn unsuccessful(target: Target) -> Answer {
    let what = match target {
        Target::State { .. } | Target::LatestState { .. } => "Tuner state",
        Target::Runs { .. } => "The list of tuner runs",
        Target::TrialLog { .. } | Target::JobLog { .. } => "This log",
    };
    Answer::error(200, &format!("{what} is not available right now"))
}

/// A successful answer with nothing in it, fitting `target`.
fn empty_body(target: Target) -> &'static str {
    match target {
        Target::State { .. } | Target::LatestState { .. } => NEAR_EMPTY,
        Target::Runs { .. } => projects::NO_RUNS_BODY,
        Target::TrialLog { .. } | Target::JobLog { .. } => EMPTY_LOG,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_state_paths_with_any_prefix() {
        let state = |fault, project, job| Route::Api {
            fault,
            genlog: None,
            target: Target::State { project, job },
        };
        assert_eq!(route("/v1/api/1/optimize/4/state"), state(None, "1", "4"));
        assert_eq!(route("/api/x/optimize/y/state"), state(None, "x", "y"));
        assert_eq!(
            route("/proxy/v1/api/1/optimize/4/state"),
            state(None, "1", "4")
        );
        assert_eq!(
            route("/fault/slow-200/v1/api/7/optimize/8/state"),
            state(Some("slow-200"), "7", "8")
        );
        assert_eq!(route("/__health"), Route::Health);
        assert_eq!(route("/v1/api/1/optimize/4/state/"), Route::Unknown);
        assert_eq!(route("/v1/api/1/optimize/4"), Route::Unknown);
        assert_eq!(route("/"), Route::Unknown);
        assert_eq!(route(""), Route::Unknown);
    }

    #[test]
    fn routes_the_runs_the_latest_state_and_logs() {
        let api = |fault, genlog, target| Route::Api {
            fault,
            genlog,
            target,
        };
        assert_eq!(
            route("/v1/api/1/optimize/runs"),
            api(None, None, Target::Runs { project: "1" })
        );
        assert_eq!(
            route("/v1/api/3/optimize/state"),
            api(None, None, Target::LatestState { project: "3" })
        );
        assert_eq!(
            route("/fault/500/genlog/5000/v1/api/1/optimize/trial/ab%20c/stdout"),
            api(
                Some("500"),
                Some("5000"),
                Target::TrialLog {
                    project: "1",
                    trial: "ab%20c"
                }
            )
        );
        assert_eq!(
            route("/genlog/hostile/fault/drop/v1/api/1/jobs/5/stdout"),
            api(
                Some("drop"),
                Some("hostile"),
                Target::JobLog {
                    project: "1",
                    job: "5"
                }
            )
        );
        assert_eq!(route("/v1/api/1/optimize/runs/x"), Route::Unknown);
        assert_eq!(route("/v1/api/1/jobs/5"), Route::Unknown);
        // `gen/…` only makes states.
        assert_eq!(
            route("/gen/10/1/v1/api/1/optimize/runs"),
            api(None, None, Target::Runs { project: "1" })
        );
    }

    #[test]
    fn decodes_percent_escapes_and_queries() {
        assert_eq!(
            percent_decode("a%3Cb%3E%E2%80%8B").as_deref(),
            Some("a<b>\u{200b}")
        );
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%FF"), None);
        let url = "/x?limit=20&logLevel=warn&flag";
        assert_eq!(query_param(url, "limit").as_deref(), Some("20"));
        assert_eq!(query_param(url, "logLevel").as_deref(), Some("warn"));
        assert_eq!(query_param(url, "flag").as_deref(), Some(""));
        assert_eq!(query_param(url, "nope"), None);
        assert_eq!(query_param("/x", "limit"), None);
    }

    #[test]
    fn routes_generated_states() {
        assert_eq!(
            route("/gen/10000/100/v1/api/1/optimize/4/state"),
            Route::Generated {
                trials: "10000",
                changed: "100",
                project: "1",
                job: "4"
            }
        );
    }

    #[test]
    fn parses_faults() {
        assert_eq!(Fault::parse("truncated"), Some(Fault::Truncated));
        assert_eq!(
            Fault::parse("slow-1500"),
            Some(Fault::Slow(Duration::from_millis(1500)))
        );
        assert_eq!(Fault::parse("slow-"), None);
        assert_eq!(Fault::parse("slow-+5"), None);
        assert_eq!(Fault::parse("nope"), None);
        assert_eq!(
            Fault::parse("failfirst-3-500"),
            Some(Fault::FailFirst {
                count: 3,
                status: 500
            })
        );
        assert_eq!(Fault::parse("failfirst-3-200"), None);
        assert_eq!(Fault::parse("failfirst-x-500"), None);
        assert_eq!(
            Fault::parse("outage-1-3-500"),
            Some(Fault::Outage {
                ok: 1,
                count: 3,
                status: 500
            })
        );
        assert_eq!(Fault::parse("outage-1-3"), None);
    }

    #[test]
    fn positive_ints_only() {
        assert_eq!(positive_int("42"), Some(42));
        assert_eq!(positive_int("0"), None);
        assert_eq!(positive_int("+4"), None);
        assert_eq!(positive_int("-4"), None);
        assert_eq!(positive_int("4a"), None);
        assert_eq!(positive_int(""), None);
    }

    #[test]
    fn parses_the_issue_12_faults() {
        assert_eq!(Fault::parse("echokey"), Some(Fault::EchoKey));
        assert_eq!(Fault::parse("stall"), Some(Fault::Stall));
        assert_eq!(
            Fault::parse("goodbad-1-2-empty"),
            Some(Fault::GoodBad {
                ok: 1,
                count: 2,
                bad: Bad::Empty
            })
        );
        assert_eq!(
            Fault::parse("goodbad-2-1-404"),
            Some(Fault::GoodBad {
                ok: 2,
                count: 1,
                bad: Bad::Status(404)
            })
        );
        assert_eq!(Fault::parse("goodbad-1-1-200"), None);
        assert_eq!(Fault::parse("goodbad-1-1-nope"), None);
        assert_eq!(Fault::parse("goodbad-1-empty"), None);
        assert_eq!(
            Fault::parse("retrydate-1-6"),
            Some(Fault::RetryAfter {
                count: 1,
                seconds: 6,
                date: true
            })
        );
        assert_eq!(
            Fault::parse("retryafter-2-5"),
            Some(Fault::RetryAfter {
                count: 2,
                seconds: 5,
                date: false
            })
        );
        assert_eq!(Fault::parse("retryafter-2"), None);
    }

    #[test]
    fn writes_http_dates() {
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(http_date(1_709_164_800), "Thu, 29 Feb 2024 00:00:00 GMT");
        assert_eq!(http_date(1_445_412_480), "Wed, 21 Oct 2015 07:28:00 GMT");
    }

    #[test]
    fn escapes_json() {
        assert_eq!(escape_json("a\"b\\c\n"), "a\\\"b\\\\c\\u000a");
    }
}
