//! Benchmark (not a test): the list work one poll of 10,000 trials does natively, step by
//! step, when 1 % of the trials changed. Prints a table; asserts nothing about time.
//!
//!   cargo test --release --test perf_list -- --ignored --nocapture
//!
//! The browser does the same work in wasm (about 1.5–3 × slower) plus the DOM; `.ci/bench`
//! measures that. This table says which step of `state::list` and `RunView` is worth cutting.

#![cfg(not(target_arch = "wasm32"))]

mod native_support;

use native_support::fixture_run;
use std::sync::Arc;
use std::time::Instant;
use tunerscope::charts::progress_curve::curve;
use tunerscope::charts::tradeoff::tradeoff;
use tunerscope::derive::diff::carry_forward;
use tunerscope::derive::evaluation::{EvalCache, LensId};
use tunerscope::derive::filter::{facets, TrialFilter};
use tunerscope::derive::list_view::shown_list;
use tunerscope::derive::order::{best_fit, resorted, sorted_indices};
use tunerscope::derive::progress::progress_counts;
use tunerscope::derive::run_summary::run_summary;
use tunerscope::derive::status_change::status_changes;
use tunerscope::model::{Run, Trial};
use tunerscope::view_state::ViewState;
use tunerscope::vocab::Axis;

const TRIALS: usize = 10_000;
const REPS: usize = 20;

/// The 2,000-trial fixture repeated to `TRIALS`, each copy with its own keys.
fn run_of(n: usize) -> Run {
    let mut run = fixture_run("large-2000.json.gz");
    let base = std::mem::take(&mut run.trials);
    run.trials = (0..n)
        .map(|i| {
            let mut t = base[i % base.len()].clone();
            t.key = format!("{}-{}", t.key, i / base.len());
            t.id = t.key.clone();
            t.index = i;
            t
        })
        .collect();
    run
}

/// Median wall time of `f` over [`REPS`] runs, in ms.
fn time<R>(mut f: impl FnMut() -> R) -> f64 {
    let mut times: Vec<f64> = (0..REPS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[REPS / 2]
}

#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn one_poll_of_ten_thousand_trials() {
    let run = run_of(TRIALS);
    let (first, _) = carry_forward(&[], run.trials.clone(), 1);
    // The next poll: the first 1 % of the trials advanced one epoch.
    let next: Vec<Trial> = run
        .trials
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut t = t.clone();
            if i < TRIALS / 100 {
                t.current_epoch = Some(t.current_epoch.unwrap_or(0) + 1);
            }
            t
        })
        .collect();
    let (second, counts) = carry_forward(&first, next.clone(), 2);
    assert_eq!(counts.changed, TRIALS / 100);
    let second = Arc::new(second);
    let trials: Vec<&Trial> = second.iter().map(|v| v.trial.as_ref()).collect();
    let lens = LensId::next(None, ViewState::default().lens(&run.config));
    let mut cache = EvalCache::default();
    let evals = cache.evaluate_all(&second, &lens);
    let previous_order = {
        let first_trials: Vec<&Trial> = first.iter().map(|v| v.trial.as_ref()).collect();
        let first_evals = EvalCache::default().evaluate_all(&first, &lens);
        sorted_indices(&first_trials, &first_evals, None, None)
    };
    let before = status_changes(None, 1, &Arc::new(first.clone()));

    let rows: Vec<(&str, f64)> = vec![
        (
            "diff by key (carry_forward; includes the clone of the input)",
            time(|| carry_forward(&first, next.clone(), 2)),
        ),
        ("clone of the input alone", time(|| next.clone())),
        (
            "evaluation, 1 % changed (EvalCache; half of going back and forth)",
            time(|| {
                cache.evaluate_all(&first, &lens);
                cache.evaluate_all(&second, &lens)
            }) / 2.0,
        ),
        ("best fit", time(|| best_fit(&trials, &evals))),
        (
            "sort (default order)",
            time(|| sorted_indices(&trials, &evals, None, None)),
        ),
        (
            "sort from the previous order (resorted)",
            time(|| resorted(&previous_order, &trials, &evals, None, None)),
        ),
        (
            "filters (none active)",
            time(|| {
                let order = sorted_indices(&trials, &evals, None, None);
                shown_list(
                    &trials,
                    evals.clone().into(),
                    None,
                    order,
                    &TrialFilter::default(),
                )
            }),
        ),
        ("facets", time(|| facets(&trials))),
        ("run summary", time(|| run_summary(&trials, &evals))),
        ("progress counts", time(|| progress_counts(&run, &trials))),
        (
            "status changes",
            time(|| status_changes(Some(&before), 2, &second)),
        ),
        (
            "trade-off chart data",
            time(|| tradeoff(&trials, &evals, &lens.lens, Axis::Latency, true)),
        ),
        ("progress curve data", time(|| curve(&trials, &evals, None))),
        (
            "one row key per shown trial (10,000 strings)",
            time(|| {
                second
                    .iter()
                    .map(|v| (v.trial.clone(), v.trial.key.clone(), v.version))
                    .collect::<Vec<_>>()
            }),
        ),
    ];
    println!("\n| step ({TRIALS} trials, 1 % changed; median of {REPS}) | ms |");
    println!("|---|---:|");
    for (name, ms) in rows {
        println!("| {name} | {ms:.2} |");
    }
}

#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn splitting_the_trials_of_ten_thousand() {
    let text = native_support::fixture_text("large-2000.json.gz");
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let trials = value["trials"].as_array().unwrap().clone();
    value["trials"] = serde_json::Value::Array(
        (0..TRIALS)
            .map(|i| trials[i % trials.len()].clone())
            .collect(),
    );
    let body = serde_json::to_string(&value).unwrap();
    let span = tunerscope::model::scan::top_level_field(&body, "trials").unwrap();
    let list = &body[span];
    let scanned = time(|| tunerscope::model::scan::array_items(list).unwrap().len());
    let serde = time(|| {
        serde_json::from_str::<Vec<&serde_json::value::RawValue>>(list)
            .unwrap()
            .len()
    });
    let find = time(|| tunerscope::model::scan::top_level_field(&body, "trials"));
    // What a poll does: find the list and split it in one pass.
    let both = time(|| {
        tunerscope::model::scan::top_level_array(&body, "trials")
            .unwrap()
            .1
            .len()
    });
    println!(
        "\n| splitting {} MB of {TRIALS} trials (median of {REPS}) | ms |\n|---|---:|\n| scan::array_items | {scanned:.2} |\n| serde `Vec<&RawValue>` | {serde:.2} |\n| scan::top_level_field (find the list) | {find:.2} |\n| scan::top_level_array (find and split in one pass, as a poll does) | {both:.2} |",
        body.len() / 1_000_000
    );
}
