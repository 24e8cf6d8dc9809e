//! The generated states (`/gen/{trials}/{changed}/…`): size, unique ids, exactly `changed`
//! trials changed per snapshot, consistent counters, and parsing with the app's own model.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::HashSet;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{fixtures, get};
use mock_api::generate::Generator;
use mock_api::{start_api, ApiOptions};
use serde_json::Value;

const KEY: (&str, &str) = ("x-api-key", "test-key");
const ORIGIN: &str = "http://localhost:8080";

/// One generator for the whole file, so the source fixture is parsed once. Tests use
/// different job ids, so their streams don't interfere.
fn shared() -> &'static Generator {
    static GEN: OnceLock<Generator> = OnceLock::new();
    GEN.get_or_init(|| Generator::new(fixtures()))
}

fn parse(body: &[u8]) -> Value {
    serde_json::from_slice(body).expect("a generated state is JSON")
}

fn trials(state: &Value) -> &Vec<Value> {
    state["trials"].as_array().expect("trials is an array")
}

/// The trials of `a` and `b` (same length) that differ, by index.
fn differing(a: &Value, b: &Value) -> Vec<usize> {
    let (a, b) = (trials(a), trials(b));
    assert_eq!(a.len(), b.len());
    (0..a.len()).filter(|&i| a[i] != b[i]).collect()
}

/// Pins: the `status` counters and the workers agree with the trials.
fn assert_consistent(state: &Value) {
    let count = |s: &str| trials(state).iter().filter(|t| t["status"] == s).count() as u64;
    let status = &state["status"];
    assert_eq!(status["numPendingTrials"], count("pending"));
    assert_eq!(status["numRunningTrials"], count("running"));
    assert_eq!(status["numCompletedTrials"], count("completed"));
    assert_eq!(status["numFailedTrials"], count("failed"));
    assert_eq!(status["status"], "running");
    assert_eq!(state["tunerJobIsRunning"], true);
    let workers = state["workers"].as_array().unwrap();
    assert!(!workers.is_empty());
    let busy = workers.iter().filter(|w| w["status"] == "busy").count() as u64;
    assert_eq!(status["numBusyWorkers"], busy);
    assert_eq!(
        status["numReadyWorkers"].as_u64().unwrap() + busy,
        workers.len() as u64
    );
}

#[test]
fn makes_exactly_n_trials_with_unique_ids_and_consistent_counters() {
    let gen = shared();
    for n in [1, 2, 3, 100, 2_500] {
        let state = parse(&gen.next(n, 0, 10).unwrap());
        assert_eq!(trials(&state).len(), n);
        let ids: HashSet<&str> = trials(&state)
            .iter()
            .map(|t| t["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), n, "ids are unique");
        let names: HashSet<&str> = trials(&state)
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), n, "names are unique");
        assert_eq!(trials(&state)[0]["id"], "gen-00000");
        assert_consistent(&state);
    }
}

#[test]
fn the_spread_is_realistic() {
    let gen = shared();
    let state = parse(&gen.next(1_000, 0, 11).unwrap());
    let statuses: HashSet<&str> = trials(&state)
        .iter()
        .map(|t| t["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.len(), 4, "every status appears: {statuses:?}");
    let run = tunerscope::model::parse_response(
        200,
        &String::from_utf8_lossy(&gen.next(1_000, 0, 11).unwrap()),
    )
    .expect("the app parses a generated state");
    let budget = run.config.target_latency_ms;
    assert!(budget.is_some());
    // Accuracy and latency vary from trial to trial.
    let accuracies: HashSet<String> = trials(&state)
        .iter()
        .map(|t| t["metrics"]["validation"]["int8"]["accuracy"].to_string())
        .collect();
    assert!(
        accuracies.len() > 200,
        "{} distinct accuracies",
        accuracies.len()
    );
}

#[test]
fn each_snapshot_changes_exactly_changed_trials_and_rotates() {
    let gen = shared();
    let (n, changed) = (100, 7);
    let mut previous = parse(&gen.next(n, changed, 12).unwrap());
    let mut touched = HashSet::new();
    // 15 steps cover every trial once, the rest take trials through several changes.
    for step in 0..40 {
        let next = parse(&gen.next(n, changed, 12).unwrap());
        let diff = differing(&previous, &next);
        assert_eq!(diff.len(), changed, "step {step}: {diff:?}");
        touched.extend(diff);
        assert_consistent(&next);
        let ids = |s: &Value| -> Vec<Value> { trials(s).iter().map(|t| t["id"].clone()).collect() };
        assert_eq!(ids(&previous), ids(&next), "ids and order stay");
        previous = next;
    }
    assert_eq!(touched.len(), n, "every trial gets its turn");
}

#[test]
fn streams_are_deterministic_and_separate() {
    let a = shared();
    let b = Generator::new(fixtures());
    let first = a.next(50, 5, 13).unwrap();
    // Another job's stream does not move job 13's.
    let other = a.next(50, 5, 14).unwrap();
    assert_eq!(b.next(50, 5, 13).unwrap(), first);
    let second = a.next(50, 5, 13).unwrap();
    assert_eq!(b.next(50, 5, 13).unwrap(), second);
    assert_ne!(first, second);
    assert_eq!(parse(&other)["tunerCoordinatorJobId"], 14);
    // changed = 0: the same state every time.
    let still = a.next(50, 0, 13).unwrap();
    assert_eq!(a.next(50, 0, 13).unwrap(), still);
    // reset starts over.
    b.reset();
    assert_eq!(b.next(50, 5, 13).unwrap(), first);
}

#[test]
fn rejects_sizes_out_of_range() {
    let gen = shared();
    assert!(gen.next(0, 0, 1).is_err());
    assert!(gen.next(20_001, 0, 1).is_err());
    assert!(gen.next(10, 11, 1).is_err());
}

/// Pins: the app's own model reads a 10,000-trial state (and a changed snapshot of it) without
/// complaint. (Which trials change is checked on smaller states above: parsing 10,000 trials
/// twice is slow in debug builds.)
#[test]
fn ten_thousand_trials_parse_with_the_app_model() {
    let gen = shared();
    gen.next(10_000, 100, 15).unwrap();
    let body = gen.next(10_000, 100, 15).unwrap();
    let text = std::str::from_utf8(&body).unwrap();
    let run = tunerscope::model::parse_response(200, text).expect("parses");
    assert_eq!(run.trials.len(), 10_000);
    assert!(run.missing.is_empty(), "missing: {:?}", run.missing);
    assert_eq!(run.skipped_items, 0);
    assert_eq!(run.trials[9_999].id, "gen-09999");
}

/// Pins: the route, its key check and CORS, and its validation, through HTTP.
#[test]
fn serves_generated_states_over_http() {
    let api = start_api(ApiOptions::new(fixtures())).unwrap();
    let port = api.port();
    let with_key = |path: &str| get(port, path, &[KEY, ("Origin", ORIGIN)]);
    let path = "/gen/120/3/v1/api/1/optimize/77/state";
    let answer = with_key(path);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let first = parse(&answer.body);
    assert_eq!(trials(&first).len(), 120);
    assert_eq!(differing(&first, &parse(&with_key(path).body)).len(), 3);

    assert_eq!(get(port, path, &[("Origin", ORIGIN)]).status, 401);
    assert_eq!(get(port, path, &[("x-api-key", "nope")]).status, 401);
    for bad in ["0/0", "20001/0", "10/11", "10/x", "x/1"] {
        let path = format!("/gen/{bad}/v1/api/1/optimize/7/state");
        assert_eq!(with_key(&path).status, 404, "{path}");
    }
    assert_eq!(with_key("/gen/10/1/v1/api/0/optimize/7/state").status, 404);
}

/// How long the mock may take to make the next 10,000-trial answer, in any build. Why there is
/// a bound at all: the e2e soak and scale tests poll the (debug-built) mock every 2 s, the app's
/// shortest interval; an answer that took a sizeable part of that would make those tests measure
/// the mock instead of the app, and one slower than the interval would stall their polling. Half
/// the interval keeps the mock out of their figures with room for a loaded CI machine (measured
/// here in a debug build: ~70 ms).
const NEXT_ANSWER_BOUND: Duration = Duration::from_millis(1_000);

/// Pins: the next answer of a 10,000-trial run (base state cached, 100 changed) changes exactly
/// 100 trials, keeps ids and order, keeps its counters consistent, and is made within
/// [`NEXT_ANSWER_BOUND`] in every build. The time itself is printed (`--nocapture`), as a
/// measurement rather than a verdict.
#[test]
fn ten_thousand_trials_next_answer_is_right_and_prompt() {
    let gen = shared();
    let previous = parse(&gen.next(10_000, 100, 16).unwrap());
    let start = Instant::now();
    let body = gen.next(10_000, 100, 16).unwrap();
    let took = start.elapsed();
    eprintln!("10,000 trials: next answer made in {took:?}");

    let next = parse(&body);
    assert_eq!(trials(&next).len(), 10_000);
    assert_eq!(differing(&previous, &next).len(), 100, "trials changed");
    let ids = |s: &Value| -> Vec<Value> { trials(s).iter().map(|t| t["id"].clone()).collect() };
    assert!(ids(&previous) == ids(&next), "ids and order stay");
    assert_consistent(&next);
    assert!(
        took <= NEXT_ANSWER_BOUND,
        "the next 10,000-trial answer took {took:?} (at most {NEXT_ANSWER_BOUND:?}: the e2e \
         tests poll the mock every 2 s)"
    );
}
