//! How long the state parser takes on a big run, against a plain `serde_json::Value` parse of
//! the same text and a bare scan (`IgnoredAny`, the floor of any parse; natively the `Value`
//! tree with `preserve_order` is far slower than the browser's `JSON.parse`, so the scan is
//! the steadier yardstick). Prints, never asserts a time: run by hand with a state written by
//! the mock API's generator (`cargo run -p mock-api`), e.g.
//!
//! ```text
//! curl -H 'x-api-key: test-key' -o /tmp/state.json \
//!   http://127.0.0.1:8787/gen/10000/0/x/api/1/optimize/1/state
//! TUNERSCOPE_STATE=/tmp/state.json cargo test --release --test model_parse_timing -- --ignored --nocapture
//! ```
#![cfg(not(target_arch = "wasm32"))]

use std::time::Instant;
use tunerscope::model::convert::{parse_state_reusing, KnownTrials};
use tunerscope::model::parse_state;

/// The fastest of `rounds` timings of each job, run in turn (the machine is shared: the
/// minimum is the least disturbed run).
fn best_ms<const N: usize>(rounds: usize, jobs: [&dyn Fn(); N]) -> [f64; N] {
    let mut best = [f64::INFINITY; N];
    for _ in 0..rounds {
        for (job, best) in jobs.iter().zip(&mut best) {
            let start = Instant::now();
            job();
            *best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    best
}

#[test]
#[ignore = "timing, run by hand with TUNERSCOPE_STATE set"]
fn parse_time_against_a_plain_json_parse() {
    let path = std::env::var("TUNERSCOPE_STATE").expect("TUNERSCOPE_STATE: a state file");
    let text = std::fs::read_to_string(&path).expect("readable state");
    let known = KnownTrials::new();
    let [scan, value, first, plain] = best_ms(
        7,
        [
            &|| {
                std::hint::black_box(serde_json::from_str::<serde::de::IgnoredAny>(&text).unwrap());
            },
            &|| {
                std::hint::black_box(serde_json::from_str::<serde_json::Value>(&text).unwrap());
            },
            &|| {
                std::hint::black_box(parse_state_reusing(&text, &known).unwrap());
            },
            &|| {
                std::hint::black_box(parse_state(&text).unwrap());
            },
        ],
    );
    let (_, trials) = parse_state_reusing(&text, &known).unwrap();
    // The generated run reads as the fixtures do: nothing unreadable, and the list's
    // accuracies are the details' (see tests/model_details.rs).
    for read in &trials {
        let (t, d) = (&read.trial, read.trial.details());
        assert!(d.notes.is_empty(), "{}: {:?}", t.id, d.notes);
        for (s, f) in [
            (&t.metrics.validation, &d.metrics.validation),
            (&t.metrics.test, &d.metrics.test),
        ] {
            let acc = |m: &Option<tunerscope::model::Metrics>| m.as_ref().map(|m| m.accuracy);
            assert_eq!(
                (acc(&s.float32), acc(&s.int8)),
                (acc(&f.float32), acc(&f.int8))
            );
        }
    }
    println!(
        "{} trials, {:.1} MB: scan {scan:.1} ms, Value {value:.1} ms, \
         first load {first:.1} ms ({:.2}× Value, {:.1}× scan), parse_state {plain:.1} ms",
        trials.len(),
        text.len() as f64 / 1e6,
        first / value,
        first / scan,
    );
}
