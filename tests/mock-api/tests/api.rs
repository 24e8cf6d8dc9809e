//! End-to-end tests of the mock API over real HTTP.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use common::{fixture, fixtures, get, request, send_raw, HttpResponse};
use mock_api::{jobs, start_api, ApiOptions, RequestRecord, Server};

const KEY: (&str, &str) = ("x-api-key", "test-key");
const ORIGIN: &str = "http://localhost:8080";

fn api() -> Server {
    start_api(ApiOptions::new(fixtures())).unwrap()
}

fn state_path(job: u64) -> String {
    format!("/v1/api/1/optimize/{job}/state")
}

fn fault_path(fault: &str, job: u64) -> String {
    format!("/fault/{fault}/v1/api/1/optimize/{job}/state")
}

/// GET with the right key and an `Origin`.
fn get_ok(server: &Server, path: &str) -> HttpResponse {
    get(server.port(), path, &[KEY, ("Origin", ORIGIN)])
}

/// Asserts the CORS headers every non-preflight answer carries.
fn assert_cors(response: &HttpResponse, origin: &str) {
    assert_eq!(response.header("access-control-allow-origin"), Some(origin));
    assert_eq!(
        response.header("access-control-expose-headers"),
        Some("Retry-After")
    );
    assert_eq!(response.header("vary"), Some("Origin"));
}

#[test]
fn health_needs_no_key() {
    let server = api();
    let response = get(server.port(), "/__health", &[]);
    assert_eq!(response.status, 200);
    assert_eq!(response.text(), "ok");
}

#[test]
fn base_url_and_port() {
    let server = api();
    assert_eq!(
        server.base_url(),
        format!("http://127.0.0.1:{}", server.port())
    );
}

#[test]
fn preflight_allows_the_key_header_without_a_key() {
    let server = api();
    let response = request(
        server.port(),
        "OPTIONS",
        &state_path(jobs::COMPLETED),
        &[
            ("Origin", ORIGIN),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "x-api-key"),
        ],
    );
    assert_eq!(response.status, 204);
    assert_eq!(response.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(
        response.header("access-control-allow-methods"),
        Some("GET, OPTIONS")
    );
    assert_eq!(
        response.header("access-control-allow-headers"),
        Some("x-api-key, content-type")
    );
    assert_eq!(response.header("access-control-max-age"), Some("600"));
    assert_eq!(response.header("vary"), Some("Origin"));
    assert!(response.body.is_empty());

    // Without an Origin: `*`. Any path.
    let response = request(server.port(), "OPTIONS", "/anything", &[]);
    assert_eq!(response.status, 204);
    assert_eq!(response.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn missing_or_wrong_key_is_401() {
    let server = api();
    let path = state_path(jobs::COMPLETED);
    for headers in [
        vec![("Origin", ORIGIN)],
        vec![("Origin", ORIGIN), ("x-api-key", "wrong")],
    ] {
        let response = get(server.port(), &path, &headers);
        assert_eq!(response.status, 401);
        assert_eq!(response.body, fixture("errors/unauthorized.json"));
        assert_eq!(response.header("content-type"), Some("application/json"));
        assert_cors(&response, ORIGIN);
    }
}

#[test]
fn completed_with_key_is_the_fixture() {
    let server = api();
    let response = get_ok(&server, &state_path(jobs::COMPLETED));
    assert_eq!(response.status, 200);
    assert_eq!(response.body, fixture("completed.json"));
    assert_eq!(response.header("content-type"), Some("application/json"));
    assert_eq!(response.header("cache-control"), Some("no-store"));
    assert_cors(&response, ORIGIN);

    // Header names are case-insensitive; no Origin gives `*`; the query is ignored.
    let response = get(
        server.port(),
        &format!("{}?t=123", state_path(jobs::COMPLETED)),
        &[("X-Api-Key", "test-key")],
    );
    assert_eq!(response.status, 200);
    assert_eq!(response.body, fixture("completed.json"));
    assert_cors(&response, "*");
}

#[test]
fn every_job_serves_its_fixture() {
    let server = api();
    for (job, file) in [
        (jobs::CREATING, "creating.json"),
        (jobs::RUNNING_EARLY, "running-early.json"),
        (jobs::RUNNING_MID, "running-mid.json"),
        (jobs::JOB_ERROR, "job-error.json"),
        (jobs::SEED_EXAMPLE, "seed-example.json"),
        (jobs::SUCCESS_FALSE, "errors/success-false.json"),
    ] {
        let response = get_ok(&server, &state_path(job));
        assert_eq!(response.status, 200, "job {job}");
        assert_eq!(response.body, fixture(file), "job {job}");
    }
    // Any prefix before `/api/` works, and any positive project.
    let response = get_ok(&server, "/proxy/v1/api/614203/optimize/6/state");
    assert_eq!(response.body, fixture("seed-example.json"));
}

#[test]
fn large_2000_is_decompressed() {
    let server = api();
    for _ in 0..2 {
        let response = get_ok(&server, &state_path(jobs::LARGE_2000));
        assert_eq!(response.status, 200);
        assert_eq!(response.body.len(), 9_737_190);
        assert_eq!(response.body.first(), Some(&b'{'));
        assert!(response.body.ends_with(b"}") || response.body.ends_with(b"}\n"));
    }
}

#[test]
fn unknown_job_or_bad_ids_are_404() {
    let server = api();
    for path in [
        "/v1/api/1/optimize/99/state",
        "/v1/api/1/optimize/0/state",
        "/v1/api/abc/optimize/4/state",
        "/v1/api/0/optimize/4/state",
        "/v1/api/-1/optimize/4/state",
        "/v1/api/1/optimize/4x/state",
    ] {
        let response = get_ok(&server, path);
        assert_eq!(response.status, 404, "{path}");
        assert_eq!(response.body, fixture("errors/not-found.json"), "{path}");
        assert_cors(&response, ORIGIN);
    }
    for path in [
        "/",
        "/v1/api/1/optimize/4",
        "/v1/api/1/optimize/4/state/extra",
        "/fault/bogus/v1/api/1/optimize/4/state",
        "/fault/slow-x/v1/api/1/optimize/4/state",
    ] {
        let response = get_ok(&server, path);
        assert_eq!(response.status, 404, "{path}");
        assert!(response.text().starts_with("{\"success\":false,\"error\":"));
        assert_cors(&response, ORIGIN);
    }
    let response = get_ok(&server, "/nope");
    assert_eq!(response.text(), r#"{"success":false,"error":"Not found"}"#);
}

#[test]
fn timeline_advances_sticks_and_resets() {
    let server = api();
    let path = state_path(jobs::TIMELINE);
    for i in 0..14 {
        let response = get_ok(&server, &path);
        assert_eq!(response.status, 200);
        let file = format!("timeline/{:03}.json", i.min(11));
        assert_eq!(response.body, fixture(&file), "request {i}");
    }
    // Another project has its own position.
    let other = get_ok(&server, "/v1/api/2/optimize/8/state");
    assert_eq!(other.body, fixture("timeline/000.json"));

    server.reset();
    assert!(server.requests().is_empty());
    assert_eq!(get_ok(&server, &path).body, fixture("timeline/000.json"));
    assert_eq!(get_ok(&server, &path).body, fixture("timeline/001.json"));
}

#[test]
fn truncated_is_a_strict_prefix() {
    let server = api();
    let full = fixture("completed.json");
    let response = get_ok(&server, &fault_path("truncated", jobs::COMPLETED));
    assert_eq!(response.status, 200);
    assert!(!response.body.is_empty() && response.body.len() < full.len());
    assert_eq!(response.body.len(), full.len() / 2);
    assert!(full.starts_with(&response.body));
    assert_cors(&response, ORIGIN);
}

#[test]
fn html_is_a_502_page() {
    let server = api();
    let response = get_ok(&server, &fault_path("html", jobs::COMPLETED));
    assert_eq!(response.status, 502);
    assert_eq!(response.header("content-type"), Some("text/html"));
    assert!(response.text().contains("502 Bad Gateway"));
    assert_cors(&response, ORIGIN);
}

#[test]
fn server_errors_and_rate_limits() {
    let server = api();
    let response = get_ok(&server, &fault_path("500", jobs::COMPLETED));
    assert_eq!(response.status, 500);
    assert_eq!(
        response.text(),
        r#"{"success":false,"error":"Internal server error"}"#
    );
    assert_cors(&response, ORIGIN);

    let response = get_ok(&server, &fault_path("429", jobs::COMPLETED));
    assert_eq!(response.status, 429);
    assert_eq!(response.header("retry-after"), Some("7"));
    assert_eq!(
        response.text(),
        r#"{"success":false,"error":"Too many requests"}"#
    );
    assert_cors(&response, ORIGIN);

    let response = get_ok(&server, &fault_path("503", jobs::COMPLETED));
    assert_eq!(response.status, 503);
    assert_eq!(response.header("retry-after"), Some("5"));
    assert!(response.text().starts_with(r#"{"success":false,"error":""#));
    assert_cors(&response, ORIGIN);

    // Faults come after the key check.
    let response = get(
        server.port(),
        &fault_path("429", jobs::COMPLETED),
        &[("Origin", ORIGIN)],
    );
    assert_eq!(response.status, 401);
}

#[test]
fn nocors_has_no_access_control_headers() {
    let server = api();
    let response = get_ok(&server, &fault_path("nocors", jobs::COMPLETED));
    assert_eq!(response.status, 200);
    assert_eq!(response.body, fixture("completed.json"));
    assert!(
        response
            .headers
            .iter()
            .all(|(name, _)| !name.to_ascii_lowercase().starts_with("access-control-")),
        "{:?}",
        response.headers
    );
}

#[test]
fn drop_closes_the_connection_without_an_answer() {
    let server = api();
    let path = fault_path("drop", jobs::COMPLETED);
    // A keep-alive request, as a browser sends it: the server must close the connection itself.
    let raw = format!(
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nx-api-key: test-key\r\nOrigin: {ORIGIN}\r\n\r\n"
    );
    let started = Instant::now();
    match send_raw(server.port(), &raw) {
        Ok(bytes) => assert!(
            bytes.is_empty(),
            "got {:?}",
            String::from_utf8_lossy(&bytes)
        ),
        // A reset is a closed connection too; a timeout is not.
        Err(err) => assert!(
            !matches!(
                err.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
            "{err}"
        ),
    }
    assert!(started.elapsed() < Duration::from_secs(10));

    // The server goes on answering, and logs the dropped request with status 0.
    assert_eq!(get_ok(&server, &state_path(jobs::COMPLETED)).status, 200);
    let log = server.requests();
    assert_eq!(log[0].path, path);
    assert_eq!(log[0].status, 0);
    assert_eq!(log[1].status, 200);
}

#[test]
fn array_is_an_empty_json_array() {
    let server = api();
    let response = get_ok(&server, &fault_path("array", jobs::COMPLETED));
    assert_eq!(response.status, 200);
    assert_eq!(response.text(), "[]");
}

#[test]
fn open_needs_no_key() {
    let server = api();
    let response = get(
        server.port(),
        &fault_path("open", jobs::COMPLETED),
        &[("Origin", ORIGIN)],
    );
    assert_eq!(response.status, 200);
    assert_eq!(response.body, fixture("completed.json"));
    assert_cors(&response, ORIGIN);
}

#[test]
fn flaky_fails_every_other_request() {
    let server = api();
    let path = fault_path("flaky", jobs::TIMELINE);
    let statuses: Vec<u16> = (0..4).map(|_| get_ok(&server, &path).status).collect();
    assert_eq!(statuses, [500, 200, 500, 200]);
    // Failed requests do not advance the timeline.
    assert_eq!(
        get_ok(&server, &state_path(jobs::TIMELINE)).body,
        fixture("timeline/002.json")
    );
}

#[test]
fn failfirst_fails_n_times_then_recovers() {
    let server = api();
    let path = fault_path("failfirst-3-503", jobs::COMPLETED);
    let statuses: Vec<u16> = (0..5).map(|_| get_ok(&server, &path).status).collect();
    assert_eq!(statuses, [503, 503, 503, 200, 200]);
    server.reset();
    assert_eq!(
        get_ok(&server, &path).status,
        503,
        "reset() starts the count again"
    );
}

#[test]
fn outage_fails_in_the_middle() {
    let server = api();
    let path = fault_path("outage-1-3-500", jobs::COMPLETED);
    let statuses: Vec<u16> = (0..6).map(|_| get_ok(&server, &path).status).collect();
    assert_eq!(statuses, [200, 500, 500, 500, 200, 200]);
}

#[test]
fn slow_answers_late_without_blocking_others() {
    let server = api();
    let port = server.port();
    let path = fault_path("slow-1500", jobs::COMPLETED);
    let started = Instant::now();
    let slow = thread::spawn(move || get(port, &path, &[KEY]));
    thread::sleep(Duration::from_millis(200));

    let quick = get_ok(&server, &state_path(jobs::CREATING));
    assert_eq!(quick.status, 200);
    assert!(started.elapsed() < Duration::from_millis(1400));
    // Meanwhile the slow request is logged, without a status yet.
    let pending = server
        .requests()
        .into_iter()
        .find(|r| r.path.starts_with("/fault/slow-1500/"))
        .unwrap();
    assert_eq!(pending.status, 0);

    let slow = slow.join().unwrap();
    assert!(started.elapsed() >= Duration::from_millis(1500));
    assert_eq!(slow.status, 200);
    assert_eq!(slow.body, fixture("completed.json"));
}

#[test]
fn requests_are_recorded() {
    let server = api();
    let path = format!("{}?poll=1", state_path(jobs::COMPLETED));
    let before = Instant::now();
    get(server.port(), &path, &[KEY, ("Origin", ORIGIN)]);
    request(server.port(), "OPTIONS", &path, &[("Origin", ORIGIN)]);
    get(server.port(), "/v1/api/1/optimize/99/state", &[]);
    let seen = server.requests();
    assert_eq!(seen.len(), 3, "{seen:#?}");
    // Received in order, each after the test started.
    assert!(seen[0].received_at >= before);
    assert!(seen
        .windows(2)
        .all(|w| w[0].received_at <= w[1].received_at));
    let at = |i: usize| seen[i].received_at;
    assert_eq!(
        seen,
        vec![
            RequestRecord {
                method: "GET".into(),
                path: path.clone(),
                api_key: Some("test-key".into()),
                origin: Some(ORIGIN.into()),
                status: 200,
                received_at: at(0),
            },
            RequestRecord {
                method: "OPTIONS".into(),
                path,
                api_key: None,
                origin: Some(ORIGIN.into()),
                status: 204,
                received_at: at(1),
            },
            RequestRecord {
                method: "GET".into(),
                path: "/v1/api/1/optimize/99/state".into(),
                api_key: None,
                origin: None,
                status: 401,
                received_at: at(2),
            },
        ]
    );
}

#[test]
fn custom_key() {
    let server = start_api(ApiOptions {
        api_key: "ei_secret".into(),
        ..ApiOptions::new(fixtures())
    })
    .unwrap();
    let path = state_path(jobs::CREATING);
    assert_eq!(get(server.port(), &path, &[KEY]).status, 401);
    assert_eq!(
        get(server.port(), &path, &[("x-api-key", "ei_secret")]).status,
        200
    );
}

#[test]
fn missing_fixture_is_a_500() {
    let server = start_api(ApiOptions::new("/nonexistent/fixtures")).unwrap();
    let response = get_ok(&server, &state_path(jobs::COMPLETED));
    assert_eq!(response.status, 500);
    assert!(response.text().contains("completed.json"));
}

#[test]
fn dropping_the_server_stops_it() {
    let server = api();
    let port = server.port();
    assert_eq!(get(port, "/__health", &[]).status, 200);
    drop(server);
    // The listener closes shortly after the drop.
    let deadline = Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(("127.0.0.1", port)).is_ok() {
        assert!(Instant::now() < deadline, "still listening on {port}");
        thread::sleep(Duration::from_millis(20));
    }
}

// ---------------------------------------------------------------------------------------------
// Issue 12: good-then-bad answers, an echoed key, a stalled answer, Retry-After in both forms.
// ---------------------------------------------------------------------------------------------

/// `goodbad-1-2-{bad}`: one normal answer, two bad ones of that kind, then normal again.
#[test]
fn goodbad_serves_good_then_bad_then_good() {
    let normal = fixture("running-mid.json");
    let server = api();
    let check = |bad: &str, expect: &dyn Fn(&HttpResponse)| {
        server.reset();
        let path = fault_path(&format!("goodbad-1-2-{bad}"), jobs::RUNNING_MID);
        let first = get_ok(&server, &path);
        assert_eq!((first.status, &first.body), (200, &normal), "{bad}: first");
        for n in 2..=3 {
            let answer = get_ok(&server, &path);
            assert_cors(&answer, ORIGIN);
            expect(&answer);
            assert_ne!(answer.body, normal, "{bad}: answer {n} should be bad");
        }
        let after = get_ok(&server, &path);
        assert_eq!(
            (after.status, &after.body),
            (200, &normal),
            "{bad}: good again"
        );
    };
    check("empty", &|r| {
        assert_eq!(r.status, 200);
        assert_eq!(r.text(), r#"{"success":true,"trials":[]}"#);
    });
    check("truncated", &|r| {
        assert_eq!(r.status, 200);
        assert_eq!(r.body, normal[..normal.len() / 2]);
    });
    check("html", &|r| {
        assert_eq!(r.status, 200);
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        assert!(r.text().starts_with("<!doctype html>"), "{}", r.text());
    });
    check("unsuccessful", &|r| {
        assert_eq!(r.status, 200);
        assert!(
            r.text().starts_with(r#"{"success":false,"error":"#),
            "{}",
            r.text()
        );
    });
    check("array", &|r| {
        assert_eq!((r.status, r.text().as_str()), (200, "[]"))
    });
    check("echokey", &|r| {
        assert_eq!(r.status, 401);
        assert!(
            r.text().contains("API key 'test-key' is not valid"),
            "{}",
            r.text()
        );
    });
    check("404", &|r| assert_eq!(r.status, 404));
    // Counted per (project, job): another job starts its own sequence.
    server.reset();
    let a = fault_path("goodbad-1-1-500", jobs::RUNNING_MID);
    let b = fault_path("goodbad-1-1-500", jobs::COMPLETED);
    assert_eq!(get_ok(&server, &a).status, 200);
    assert_eq!(get_ok(&server, &b).status, 200);
    assert_eq!(get_ok(&server, &a).status, 500);
    assert_eq!(get_ok(&server, &b).status, 500);
    assert_eq!(get_ok(&server, &a).status, 200);
}

/// `echokey`: a 401 repeating whatever key was sent, key or not.
#[test]
fn echokey_repeats_the_key_it_was_sent() {
    let server = api();
    let key = "ei_0123456789abcdef0123456789abcdef";
    let answer = get(
        server.port(),
        &fault_path("echokey", jobs::COMPLETED),
        &[("x-api-key", key), ("Origin", ORIGIN)],
    );
    assert_eq!(answer.status, 401);
    assert_cors(&answer, ORIGIN);
    let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(body["success"], false);
    assert_eq!(body["error"], format!("API key '{key}' is not valid"));
    let without = get(server.port(), &fault_path("echokey", jobs::COMPLETED), &[]);
    assert_eq!(without.status, 401);
}

/// `stall`: the head (200, the full Content-Length, CORS) and half the body arrive at once,
/// then nothing more: the rest never comes while the client waits.
#[test]
fn stall_sends_headers_then_never_finishes() {
    let server = api();
    let path = fault_path("stall", jobs::COMPLETED);
    let full = fixture("completed.json");
    let mut stream = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(1500)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nx-api-key: test-key\r\nOrigin: {ORIGIN}\r\n\r\n"
    )
    .unwrap();
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 65536];
    let ended = loop {
        match stream.read(&mut buf) {
            Ok(0) => break "closed",
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                break "still open"
            }
            Err(e) => panic!("{e}"),
        }
    };
    assert_eq!(ended, "still open", "the stalled answer must not end");
    assert!(started.elapsed() >= Duration::from_millis(1400));
    let head_end = got.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let head = common::parse(&got[..head_end], true).unwrap();
    assert_eq!(head.status, 200);
    assert_eq!(
        head.header("content-length"),
        Some(full.len().to_string().as_str())
    );
    assert_cors(&head, ORIGIN);
    assert_eq!(got[head_end..], full[..full.len() / 2]);
    assert_eq!(server.requests()[0].status, 200, "recorded as answered");
    drop(stream);
    // The server still answers others meanwhile, and shuts down promptly while holding it.
    assert_eq!(get_ok(&server, &state_path(jobs::COMPLETED)).status, 200);
    let stopping = Instant::now();
    drop(server);
    assert!(stopping.elapsed() < Duration::from_secs(5));
}

/// `retryafter-1-6` and `retrydate-1-6`: a 503 whose `Retry-After` says 6 s (as a number, or as
/// an HTTP-date at least 6 s ahead), readable by the page; then normal answers.
#[test]
fn retry_after_in_seconds_and_as_an_http_date() {
    let server = api();
    let seconds = get_ok(&server, &fault_path("retryafter-1-6", jobs::COMPLETED));
    assert_eq!(seconds.status, 503);
    assert_cors(&seconds, ORIGIN);
    assert_eq!(seconds.header("retry-after"), Some("6"));
    assert_eq!(
        get_ok(&server, &fault_path("retryafter-1-6", jobs::COMPLETED)).status,
        200
    );

    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let dated = get_ok(&server, &fault_path("retrydate-1-6", jobs::RUNNING_MID));
    assert_eq!(dated.status, 503);
    assert_cors(&dated, ORIGIN);
    let date = dated.header("retry-after").unwrap();
    // `Www, DD Mon YYYY HH:MM:SS GMT`, 6 or 7 s from now (the next whole second + 6).
    let at = tunerscope::derive::refresh::retry_after_s(date, now as f64 * 1000.0)
        .unwrap_or_else(|| panic!("not an HTTP-date: {date:?}"));
    assert!((6..=8).contains(&at), "{date} is {at} s away");
    assert!(date.ends_with(" GMT") && date.len() == 29, "{date:?}");
    assert_eq!(
        get_ok(&server, &fault_path("retrydate-1-6", jobs::RUNNING_MID)).status,
        200
    );
}

// ---------------------------------------------------------------------------------------------
// Issue 13: the runs list, the latest state, trial logs and job logs.
// ---------------------------------------------------------------------------------------------

use mock_api::{logs, projects};
use serde_json::Value;

fn json(response: &HttpResponse) -> Value {
    serde_json::from_slice(&response.body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", response.text()))
}

fn runs_path(project: u64) -> String {
    format!("/v1/api/{project}/optimize/runs")
}

fn trial_log_path(trial: &str) -> String {
    format!("/v1/api/1/optimize/trial/{trial}/stdout")
}

fn job_log_path(job: u64, query: &str) -> String {
    format!("/v1/api/1/jobs/{job}/stdout{query}")
}

/// A trial id of `file` with `status`.
fn trial_with(file: &str, status: &str) -> String {
    let state: Value = serde_json::from_slice(&fixture(file)).unwrap();
    state["trials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["status"] == status)
        .unwrap_or_else(|| panic!("no {status} trial in {file}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Asserts the shape of a log body and returns (entries, totalCount).
fn log_of(response: &HttpResponse) -> (Vec<Value>, u64) {
    assert_eq!(response.status, 200, "{}", response.text());
    let body = json(response);
    assert_eq!(body["success"], true);
    let entries = body["stdout"].as_array().expect("stdout").clone();
    for entry in &entries {
        assert!(entry["data"].is_string(), "{entry}");
    }
    (entries, body["totalCount"].as_u64().expect("totalCount"))
}

#[test]
fn runs_of_the_normal_project_open_mock_jobs() {
    let server = api();
    let response = get_ok(&server, &runs_path(projects::NORMAL));
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), Some("application/json"));
    assert_cors(&response, ORIGIN);
    assert_eq!(response.body, fixture("runs.json"));
    let body = json(&response);
    assert_eq!(body["success"], true);
    let runs = body["runs"].as_array().unwrap();
    let field = |name: &str| -> Vec<Value> { runs.iter().map(|r| r[name].clone()).collect() };
    assert_eq!(
        field("tunerCoordinatorJobId"),
        [
            jobs::RUNNING_MID,
            jobs::COMPLETED,
            jobs::JOB_ERROR,
            jobs::TIMELINE
        ]
        .map(Value::from)
    );
    assert_eq!(
        field("jobStatus"),
        ["running", "success", "failed", "cancelled"].map(Value::from)
    );
    assert_eq!(field("visible"), [true, true, true, false].map(Value::from));
    assert!(runs[1]["space"].is_array());
    assert_eq!(runs[3]["continuationJobId"], jobs::JOB_ERROR);
    // Every run opens: its state is served, and is the state of that job.
    for run in runs {
        let job = run["tunerCoordinatorJobId"].as_u64().unwrap();
        let state = get_ok(&server, &state_path(job));
        assert_eq!(state.status, 200, "job {job}");
        assert_eq!(json(&state)["success"], true, "job {job}");
    }
    // Each run's name is its state's name.
    for (run, file) in runs
        .iter()
        .zip(["running-mid.json", "completed.json", "job-error.json"])
    {
        let state: Value = serde_json::from_slice(&fixture(file)).unwrap();
        assert_eq!(run["name"], state["config"]["name"], "{file}");
    }
}

#[test]
fn a_project_without_runs_and_an_unknown_project() {
    let server = api();
    let empty = get_ok(&server, &runs_path(projects::NO_RUNS));
    assert_eq!(empty.status, 200);
    assert_eq!(empty.text(), r#"{"success":true,"runs":[]}"#);
    assert_cors(&empty, ORIGIN);
    // No latest run either.
    let latest = get_ok(&server, "/v1/api/2/optimize/state");
    assert_eq!(latest.status, 404);
    assert_eq!(latest.body, fixture("errors/not-found.json"));

    for path in [
        runs_path(99),
        "/v1/api/0/optimize/runs".to_owned(),
        "/v1/api/abc/optimize/runs".to_owned(),
        "/v1/api/99/optimize/state".to_owned(),
    ] {
        let response = get_ok(&server, &path);
        assert_eq!(response.status, 404, "{path}");
        assert_eq!(response.body, fixture("errors/not-found.json"), "{path}");
        assert_cors(&response, ORIGIN);
    }
}

#[test]
fn hostile_runs_are_served_as_they_are() {
    let server = api();
    let response = get_ok(&server, &runs_path(projects::HOSTILE_RUNS));
    assert_eq!(response.status, 200);
    assert_eq!(response.body, fixture("runs-hostile.json"));
    let body = json(&response);
    let runs = body["runs"].as_array().unwrap();
    assert!(runs.iter().any(|r| r.get("name").is_none()));
    assert!(runs.iter().any(|r| r.get("created").is_none()));
    assert!(runs.iter().any(|r| r["jobStatus"] == "paused"));
    assert!(runs
        .iter()
        .any(|r| r["name"].as_str().is_some_and(|n| n.contains("<script>"))));
    assert!(runs
        .iter()
        .any(|r| r["name"].as_str().is_some_and(|n| n.contains('\u{202e}'))));
    // Not in API order: the newest run is not first.
    assert_ne!(runs[0]["index"], 12);
    // Every run still opens a mock job.
    for run in runs {
        let job = run["tunerCoordinatorJobId"].as_u64().unwrap();
        assert_eq!(get_ok(&server, &state_path(job)).status, 200, "job {job}");
    }
}

#[test]
fn the_latest_state_is_the_first_run_of_the_list() {
    let server = api();
    let response = get_ok(&server, "/v1/api/1/optimize/state");
    assert_eq!(response.status, 200);
    assert_cors(&response, ORIGIN);
    assert_eq!(response.body, fixture("running-mid.json"));
    let hostile = get_ok(&server, "/proxy/v1/api/3/optimize/state");
    assert_eq!(hostile.body, fixture("hostile.json"));
}

#[test]
fn new_routes_check_the_key_and_answer_preflights() {
    let server = api();
    for path in [
        runs_path(1),
        "/v1/api/1/optimize/state".to_owned(),
        trial_log_path(&trial_with("running-mid.json", "failed")),
        job_log_path(jobs::JOB_ERROR, "?limit=1000"),
    ] {
        for headers in [
            vec![("Origin", ORIGIN)],
            vec![("Origin", ORIGIN), ("x-api-key", "wrong")],
        ] {
            let response = get(server.port(), &path, &headers);
            assert_eq!(response.status, 401, "{path}");
            assert_eq!(response.body, fixture("errors/unauthorized.json"), "{path}");
            assert_cors(&response, ORIGIN);
        }
        let preflight = request(
            server.port(),
            "OPTIONS",
            &path,
            &[
                ("Origin", ORIGIN),
                ("Access-Control-Request-Method", "GET"),
                ("Access-Control-Request-Headers", "x-api-key"),
            ],
        );
        assert_eq!(preflight.status, 204, "{path}");
        assert_eq!(
            preflight.header("access-control-allow-origin"),
            Some(ORIGIN)
        );
        assert_eq!(
            preflight.header("access-control-allow-headers"),
            Some("x-api-key, content-type")
        );
        let ok = get_ok(&server, &path);
        assert_eq!(ok.status, 200, "{path}");
        assert_cors(&ok, ORIGIN);
    }
    // Recorded like any request, key included.
    let seen = server.requests();
    assert!(seen.iter().any(|r| r.path == runs_path(1)
        && r.status == 200
        && r.api_key.as_deref() == Some("test-key")));
}

#[test]
fn faults_apply_to_the_new_routes() {
    let server = api();
    let failed = trial_with("running-mid.json", "failed");
    for (tail, list) in [
        ("v1/api/1/optimize/runs".to_owned(), "runs"),
        ("v1/api/1/optimize/state".to_owned(), "trials"),
        (format!("v1/api/1/optimize/trial/{failed}/stdout"), "stdout"),
        ("v1/api/1/jobs/5/stdout?limit=10".to_owned(), "stdout"),
    ] {
        let at = |fault: &str| format!("/fault/{fault}/{tail}");
        let normal = get_ok(&server, &format!("/{tail}"));
        assert_eq!(normal.status, 200, "{tail}");

        let r = get_ok(&server, &at("500"));
        assert_eq!(r.status, 500, "{tail}");
        assert_cors(&r, ORIGIN);
        let r = get_ok(&server, &at("404"));
        assert_eq!(
            (r.status, r.body.clone()),
            (404, fixture("errors/not-found.json")),
            "{tail}"
        );
        let r = get_ok(&server, &at("401"));
        assert_eq!(r.status, 401, "{tail}");
        let r = get_ok(&server, &at("unsuccessful"));
        assert_eq!(r.status, 200, "{tail}");
        assert_eq!(json(&r)["success"], false, "{tail}");
        assert!(json(&r)["error"].is_string(), "{tail}");
        let r = get_ok(&server, &at("truncated"));
        assert_eq!(r.body, normal.body[..normal.body.len() / 2], "{tail}");
        let r = get_ok(&server, &at("html"));
        assert_eq!(r.status, 502, "{tail}");
        let r = get_ok(&server, &at("goodbad-0-1-empty"));
        let empty = json(&r);
        assert_eq!(empty["success"], true, "{tail}");
        assert_eq!(empty[list], Value::Array(Vec::new()), "{tail}: {empty}");
        // Faults still come after the key check.
        assert_eq!(get(server.port(), &at("500"), &[]).status, 401, "{tail}");
    }
}

#[test]
fn slow_and_dropped_new_routes() {
    let server = api();
    let started = Instant::now();
    let r = get_ok(&server, "/fault/slow-400/v1/api/1/optimize/runs");
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(r.body, fixture("runs.json"));

    let path = "/fault/drop/v1/api/1/optimize/trial/x/stdout";
    let raw = format!("GET {path} HTTP/1.1\r\nHost: x\r\nx-api-key: test-key\r\n\r\n");
    match send_raw(server.port(), &raw) {
        Ok(bytes) => assert!(bytes.is_empty(), "{:?}", String::from_utf8_lossy(&bytes)),
        Err(err) => assert!(
            !matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
            "{err}"
        ),
    }
    assert_eq!(server.requests().last().unwrap().status, 0);
}

#[test]
fn failed_trials_have_the_fixture_log_others_a_fitting_one() {
    let server = api();
    for file in ["running-mid.json", "job-error.json"] {
        let failed = get_ok(&server, &trial_log_path(&trial_with(file, "failed")));
        assert_eq!(failed.body, fixture("trial-logs.json"), "{file}");
        assert_cors(&failed, ORIGIN);
    }
    let (entries, total) = log_of(&get_ok(
        &server,
        &trial_log_path(&trial_with("completed.json", "completed")),
    ));
    assert!(entries.len() > 5 && total == entries.len() as u64);
    assert!(entries.iter().all(|e| e["created"].is_string()));
    assert!(entries.last().unwrap()["data"]
        .as_str()
        .unwrap()
        .contains("completed"));

    let (running, _) = log_of(&get_ok(
        &server,
        &trial_log_path(&trial_with("running-mid.json", "running")),
    ));
    assert!(!running.is_empty() && running.len() < entries.len());

    let (pending, total) = log_of(&get_ok(
        &server,
        &trial_log_path(&trial_with("running-mid.json", "pending")),
    ));
    assert_eq!((pending.len(), total), (0, 0));

    // A trial of the timeline that ends up failed.
    let (_, total) = log_of(&get_ok(
        &server,
        &trial_log_path(&trial_with("timeline/011.json", "failed")),
    ));
    assert_eq!(total, 1380);

    for unknown in ["nope", "0000deadbeef", "genlog-x", "%zz"] {
        let r = get_ok(&server, &trial_log_path(unknown));
        assert_eq!(r.status, 404, "{unknown}");
        assert_eq!(r.body, fixture("errors/not-found.json"));
    }
}

#[test]
fn generated_trial_logs_of_any_length() {
    let server = api();
    for (path, total) in [
        (trial_log_path("genlog-5000"), 5000),
        (
            "/genlog/1500/v1/api/1/optimize/trial/anything/stdout".to_owned(),
            1500,
        ),
        (trial_log_path("genlog-12"), 12),
        (trial_log_path("genlog-0"), 0),
        (trial_log_path("genlog-1000000000000"), 1_000_000_000_000),
    ] {
        let (entries, count) = log_of(&get_ok(&server, &path));
        assert_eq!(count, total, "{path}");
        assert_eq!(entries.len() as u64, total.min(1000), "{path}");
        if let Some(last) = entries.last() {
            let data = last["data"].as_str().unwrap();
            assert!(
                data.starts_with(&format!("line {total} of {total}: ")),
                "{data}"
            );
        }
    }
    let (entries, _) = log_of(&get_ok(&server, &trial_log_path("genlog-1000")));
    let levels: std::collections::BTreeSet<String> = entries
        .iter()
        .map(|e| {
            e.get("logLevel")
                .map_or("(none)".to_owned(), |l| l.as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(
        levels.into_iter().collect::<Vec<_>>(),
        ["(none)", "debug", "error", "info", "verbose", "warn"]
    );
    assert!(entries
        .iter()
        .any(|e| e["data"].as_str().unwrap().contains('\n')));
    // Too long, or not a number.
    assert_eq!(
        get_ok(&server, &trial_log_path("genlog-1000000000001")).status,
        404
    );
    assert_eq!(
        get_ok(&server, "/genlog/x/v1/api/1/optimize/trial/a/stdout").status,
        404
    );
}

#[test]
fn the_hostile_log_has_markup_keys_and_long_lines() {
    let server = start_api(ApiOptions {
        api_key: "ei_0123456789abcdef0123456789abcdef".into(),
        ..ApiOptions::new(fixtures())
    })
    .unwrap();
    let key = ("x-api-key", "ei_0123456789abcdef0123456789abcdef");
    let hostile_trial = percent_encode("<b>id</b>");
    for path in [
        trial_log_path("hostile"),
        trial_log_path(&hostile_trial),
        "/genlog/hostile/v1/api/1/optimize/trial/bd5068fc631c/stdout".to_owned(),
        job_log_path(jobs::HOSTILE, ""),
    ] {
        let (entries, total) = log_of(&get(server.port(), &path, &[key]));
        assert_eq!(total, entries.len() as u64, "{path}");
        let text: Vec<&str> = entries
            .iter()
            .map(|e| e["data"].as_str().unwrap())
            .collect();
        let has = |needle: &str| text.iter().any(|t| t.contains(needle));
        assert!(has("<script>"), "{path}");
        assert!(has("&lt;b&gt;"), "{path}");
        assert!(has(logs::HOSTILE_LOG_EI_KEY), "{path}");
        assert!(
            has("ei_0123456789abcdef0123456789abcdef"),
            "the key sent: {path}"
        );
        assert!(has("\u{202e}") && has("\u{200b}"), "{path}");
        assert!(text.iter().any(|t| t.len() > 10_000), "{path}");
        assert!(entries.iter().any(|e| e.get("logLevel").is_none()));
        assert!(entries.iter().any(|e| e.get("created").is_none()));
        assert!(entries.iter().any(|e| e["logLevel"] == "<b>error</b>"));
    }
}

#[test]
fn job_logs_honour_limit_and_log_level() {
    let server = api();
    let full = get_ok(&server, &job_log_path(jobs::JOB_ERROR, ""));
    let (entries, total) = log_of(&full);
    assert_cors(&full, ORIGIN);
    let fixture_log: Value = serde_json::from_slice(&fixture("job-logs.json")).unwrap();
    assert_eq!(Value::from(entries.clone()), fixture_log["stdout"]);
    assert_eq!(total, 3);

    let (last_two, total) = log_of(&get_ok(&server, &job_log_path(jobs::JOB_ERROR, "?limit=2")));
    assert_eq!(last_two, entries[1..]);
    assert_eq!(total, 3, "totalCount counts all lines");

    let (errors, total) = log_of(&get_ok(
        &server,
        &job_log_path(jobs::JOB_ERROR, "?limit=1000&logLevel=error"),
    ));
    assert_eq!((errors.len(), total), (1, 1));
    assert_eq!(errors[0]["logLevel"], "error");

    // Generated: the last N, and a level filter over the whole log.
    let (last, total) = log_of(&get_ok(
        &server,
        "/genlog/5000/v1/api/1/jobs/4/stdout?limit=10",
    ));
    assert_eq!((last.len(), total), (10, 5000));
    assert!(last[9]["data"]
        .as_str()
        .unwrap()
        .starts_with("line 5000 of 5000"));
    let (warned, total) = log_of(&get_ok(
        &server,
        "/genlog/5000/v1/api/1/jobs/4/stdout?limit=1000&logLevel=warn",
    ));
    assert!(warned
        .iter()
        .all(|e| e["logLevel"] == "warn" || e["logLevel"] == "error"));
    assert_eq!(warned.len() as u64, total.min(1000));
    assert!(total > 500 && total < 5000, "{total}");

    // Every mock job has a log; the success-false job answers success:false.
    for job in [
        jobs::CREATING,
        jobs::RUNNING_MID,
        jobs::COMPLETED,
        jobs::TIMELINE,
    ] {
        let (entries, _) = log_of(&get_ok(&server, &job_log_path(job, "?limit=1000")));
        assert!(!entries.is_empty(), "job {job}");
    }
    let r = get_ok(&server, &job_log_path(jobs::SUCCESS_FALSE, ""));
    assert_eq!(
        (r.status, r.body.clone()),
        (200, fixture("errors/success-false.json"))
    );

    for path in [job_log_path(99, ""), "/v1/api/0/jobs/5/stdout".to_owned()] {
        let r = get_ok(&server, &path);
        assert_eq!(
            (r.status, r.body.clone()),
            (404, fixture("errors/not-found.json")),
            "{path}"
        );
    }
    for query in ["?limit=0", "?limit=x", "?logLevel=loud"] {
        let r = get_ok(&server, &job_log_path(jobs::JOB_ERROR, query));
        assert_eq!(r.status, 400, "{query}");
        assert_eq!(json(&r)["success"], false);
    }
}

/// Percent-encodes every byte but ASCII letters and digits.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Under `/genlog/{n}/`, states and runs are as usual (so the app can run with that API base),
/// and the sequence faults count each route apart.
#[test]
fn genlog_prefix_keeps_states_and_runs_and_faults_count_per_route() {
    let server = api();
    let base = "/genlog/5000/v1/api/1";
    assert_eq!(
        get_ok(&server, &format!("{base}/optimize/4/state")).body,
        fixture("completed.json")
    );
    assert_eq!(
        get_ok(&server, &format!("{base}/optimize/runs")).body,
        fixture("runs.json")
    );
    assert_eq!(
        get_ok(&server, &format!("{base}/optimize/state")).body,
        fixture("running-mid.json")
    );
    let (_, total) = log_of(&get_ok(
        &server,
        &format!("{base}/jobs/5/stdout?limit=1000"),
    ));
    assert_eq!(total, 5000);

    let runs = "/fault/failfirst-1-503/v1/api/1/optimize/runs";
    let state = "/fault/failfirst-1-503/v1/api/1/optimize/3/state";
    let latest = "/fault/failfirst-1-503/v1/api/1/optimize/state";
    assert_eq!(get_ok(&server, runs).status, 503);
    assert_eq!(get_ok(&server, runs).status, 200);
    // The state of job 3 is a route of its own; the latest state (job 3) shares its count.
    assert_eq!(get_ok(&server, state).status, 503);
    assert_eq!(get_ok(&server, latest).status, 200);
    let log = |trial: &str| format!("/fault/retryafter-1-4/v1/api/1/optimize/trial/{trial}/stdout");
    let first = get_ok(&server, &log("genlog-10"));
    assert_eq!(
        (first.status, first.header("retry-after")),
        (503, Some("4"))
    );
    assert_eq!(get_ok(&server, &log("genlog-10")).status, 200);
    assert_eq!(
        get_ok(&server, &log("genlog-20")).status,
        503,
        "another trial counts apart"
    );
}

// ---------------------------------------------------------------------------------------------
// Issue 16: comparing runs (job 11 and project 4).
// ---------------------------------------------------------------------------------------------

#[test]
fn the_compare_board_job_is_a_finished_run() {
    let server = api();
    let response = get_ok(&server, &state_path(jobs::COMPARE_BOARD));
    assert_eq!(response.status, 200);
    assert_cors(&response, ORIGIN);
    assert_eq!(response.body, fixture("compare-board.json"));
    let state = json(&response);
    assert_eq!(state["tunerJobIsRunning"], false);
    assert_eq!(state["status"]["status"], "completed");
    // Any positive project, as for every job.
    let other = get_ok(&server, "/v1/api/77/optimize/11/state");
    assert_eq!(other.body, fixture("compare-board.json"));
}

#[test]
fn the_compare_project_lists_three_runs_that_open() {
    let server = api();
    let response = get_ok(&server, &runs_path(projects::COMPARE));
    assert_eq!(response.status, 200);
    assert_cors(&response, ORIGIN);
    assert_eq!(response.body, fixture("runs-compare.json"));
    let body = json(&response);
    assert_eq!(body["success"], true);
    let runs = body["runs"].as_array().unwrap();
    let field = |name: &str| -> Vec<Value> { runs.iter().map(|r| r[name].clone()).collect() };
    assert_eq!(
        field("tunerCoordinatorJobId"),
        [jobs::COMPARE_BOARD, jobs::COMPLETED, jobs::RUNNING_MID].map(Value::from)
    );
    assert_eq!(
        field("jobStatus"),
        ["success", "success", "running"].map(Value::from)
    );
    assert_eq!(field("visible"), [true, true, true].map(Value::from));
    // Newest first, as the API lists them: `created` and `index` both go down.
    let created = field("created");
    let created: Vec<&str> = created.iter().map(|c| c.as_str().unwrap()).collect();
    assert!(created.windows(2).all(|w| w[0] > w[1]), "{created:?}");
    let index = field("index");
    assert!(
        index
            .windows(2)
            .all(|w| w[0].as_u64().unwrap() > w[1].as_u64().unwrap()),
        "{index:?}"
    );
    // Each run is the state it opens: same name and tuner job id.
    for (run, file) in runs
        .iter()
        .zip(["compare-board.json", "completed.json", "running-mid.json"])
    {
        let job = run["tunerCoordinatorJobId"].as_u64().unwrap();
        let served = get_ok(&server, &state_path(job));
        assert_eq!(served.status, 200, "job {job}");
        assert_eq!(served.body, fixture(file), "job {job}");
        let state = json(&served);
        assert_eq!(run["name"], state["config"]["name"], "{file}");
        assert_eq!(run["tunerJobId"], state["tunerJobId"], "{file}");
    }
    // The project's latest run is the newest: job 11.
    let latest = get_ok(&server, "/v1/api/4/optimize/state");
    assert_eq!(latest.status, 200);
    assert_eq!(latest.body, fixture("compare-board.json"));
}

#[test]
fn compare_board_trials_and_job_have_logs() {
    let server = api();
    let trial = trial_with("compare-board.json", "completed");
    // Its trial ids are its own, not `completed.json`'s.
    let completed: Value = serde_json::from_slice(&fixture("completed.json")).unwrap();
    assert!(completed["trials"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["id"] != trial.as_str()));
    let (entries, _) = log_of(&get_ok(&server, &trial_log_path(&trial)));
    assert!(entries.last().unwrap()["data"]
        .as_str()
        .unwrap()
        .contains("completed"));
    let (job_log, _) = log_of(&get_ok(
        &server,
        &job_log_path(jobs::COMPARE_BOARD, "?limit=100"),
    ));
    assert!(!job_log.is_empty());
}

/// What the browser tests count to tell a polled run from one fetched once: the state requests
/// of each job, told apart by path in the request log.
#[test]
fn the_request_log_tells_state_requests_per_job() {
    let server = api();
    for job in [
        jobs::COMPLETED,
        jobs::COMPARE_BOARD,
        jobs::RUNNING_MID,
        jobs::RUNNING_MID,
    ] {
        get_ok(&server, &format!("{}?t=1", state_path(job)));
    }
    get_ok(&server, "/v1/api/4/optimize/99/state");
    let count = |job: u64| {
        let suffix = format!("/optimize/{job}/state");
        server
            .requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path.split('?').next().unwrap().ends_with(&suffix))
            .count()
    };
    assert_eq!(
        [jobs::COMPLETED, jobs::COMPARE_BOARD, jobs::RUNNING_MID, 99].map(count),
        [1, 1, 2, 1]
    );
    let unknown = server.requests().last().unwrap().clone();
    assert_eq!(unknown.status, 404);
}
