//! The charts' pure core against the public fixtures (natively): the Pareto front with exact
//! ids, the quantization gap list, the progress staircase, stall flags, ETA, effects and the
//! compare diff.
//!
//! Expected ids were derived independently of this crate by a short Python script over
//! `/work/shared/fixtures/*.json` that re-implements CONTRACT.md "Default order and fits"
//! (int8, validation): latency = Σ DSP `performance.latency` + `devicePerformance.int8.latency`;
//! RAM = Σ DSP `performance.ram` + `eon.ramRequired` (else `tflite`); ROM = `eon.romRequired`
//! (else `tflite`); fits when every known figure ≤ the run's target (200 ms, 128 KiB,
//! 1 MiB in completed.json); accuracy = `trials[].metrics.validation.int8.accuracy`, else the
//! first learn block's. The front was found by the O(n²) definition (no point with ≤ cost
//! and ≥ accuracy, one strict) over completed trials that fit (or all completed ones), and
//! listed by increasing cost.
#![cfg(not(target_arch = "wasm32"))]

mod native_support;
use native_support::fixture_run as fixture;
use tunerscope::vocab::{Axis, ColorBy, Dataset};

use std::time::Instant;
use tunerscope::charts::compare::compare;
use tunerscope::charts::effects::{effects, Kind};
use tunerscope::charts::eta::{eta, input_for, Eta};
use tunerscope::charts::gap::gap;
use tunerscope::charts::plot::{project, Frame};
use tunerscope::charts::progress_curve::curve;
use tunerscope::charts::timeline::{lanes, STALL_AFTER_MS};
use tunerscope::charts::tradeoff::{plot_data, tradeoff, Tradeoff};
use tunerscope::derive::evaluation::evaluate_each;
use tunerscope::derive::list_view::Lens;
use tunerscope::model::{Run, Trial};
use tunerscope::view_state::ViewState;

fn lens(run: &Run, query: &str) -> Lens {
    ViewState::from_query(query).lens(&run.config)
}

fn front_ids(t: &Tradeoff) -> Vec<&str> {
    t.front.iter().map(|&i| t.points[i].id.as_str()).collect()
}

fn front_of(run: &Run, axis: Axis, infeasible: bool) -> Tradeoff {
    let trials: Vec<&Trial> = run.trials.iter().collect();
    let lens = lens(run, "");
    tradeoff(
        &trials,
        &evaluate_each(&trials, &lens),
        &lens,
        axis,
        infeasible,
    )
}

/// Pins the Pareto chart of completed.json: 30 points (every trial completed and placed),
/// the exact fitting front on each axis, and `infeasible=1` adding the over-budget
/// ca8ac01489b1 (ROM 1 trades ROM for accuracy, but it is over the latency budget).
#[test]
fn pareto_front_of_completed_json() {
    let run = fixture("completed.json");
    let lat = front_of(&run, Axis::Latency, false);
    assert_eq!(
        (lat.completed, lat.points.len(), lat.unplaced.len()),
        (30, 30, 0)
    );
    assert_eq!(
        front_ids(&lat),
        [
            "1983af4eace6",
            "56f60e4c4ed3",
            "3e0394de829b",
            "c96cd62b4faf"
        ]
    );
    // 72de82740ee5 ties 1983af4eace6 on latency (48 ms) with less accuracy: dominated.
    assert!(!lat
        .points
        .iter()
        .any(|p| p.id == "72de82740ee5" && p.optimal));
    assert_eq!(
        front_ids(&front_of(&run, Axis::Latency, true)),
        front_ids(&lat)
    );
    assert_eq!(
        front_ids(&front_of(&run, Axis::Ram, false)),
        ["efbae74386cd", "bbe7556440b5", "c96cd62b4faf"]
    );
    assert_eq!(
        front_ids(&front_of(&run, Axis::Rom, false)),
        [
            "efbae74386cd",
            "7aaa26212aaa",
            "13f600b31c28",
            "c96cd62b4faf"
        ]
    );
    assert_eq!(
        front_ids(&front_of(&run, Axis::Rom, true)),
        [
            "efbae74386cd",
            "ca8ac01489b1",
            "13f600b31c28",
            "c96cd62b4faf"
        ]
    );
    // Every optimal point fits (infeasible off), and the budget line is drawn at 200 ms.
    assert!(lat
        .points
        .iter()
        .filter(|p| p.optimal)
        .all(|p| p.fit.as_str() == "true"));
    let data = plot_data(&lat, Axis::Latency, ColorBy::Fits, &lens(&run, ""));
    assert_eq!(data.rules[0].value, 200.0);
    assert_eq!(
        data.marks
            .iter()
            .filter(|m| m.fits == Some("false"))
            .count(),
        8
    );
}

/// Pins the front of large-2000.json (1,874 completed) and that 10,000 points (five copies)
/// stay fast: copies are exact duplicates, so each front point appears five times.
#[test]
fn pareto_front_at_scale() {
    let run = fixture("large-2000.json.gz");
    let expected = [
        "e4c5d11a349f",
        "afa6c95f03ea",
        "51cc59c86065",
        "18dd2f99627b",
        "5c14bb578ff3",
        "ad5be611c450",
        "a0d7db4ce143",
        "47368ee81ca3",
        "922e2c53b836",
        "a61c9297ab55",
        "d89ff0e72fbf",
        "b7e951f3ca31",
        "5f84c8336be8",
    ];
    let t = front_of(&run, Axis::Latency, false);
    assert_eq!(t.completed, 1874);
    assert_eq!(front_ids(&t), expected);

    let many: Vec<&Trial> = (0..5).flat_map(|_| run.trials.iter()).collect();
    let started = Instant::now();
    let l = lens(&run, "");
    let evals = evaluate_each(&many, &l);
    let t = tradeoff(&many, &evals, &l, Axis::Latency, false);
    let projected = project(
        Frame::WIDE,
        &plot_data(&t, Axis::Latency, ColorBy::Round, &lens(&run, "")),
    );
    println!(
        "10,000 trials: front + projection in {:?}",
        started.elapsed()
    );
    assert_eq!(t.points.len(), 5 * 1874);
    assert_eq!(t.front.len(), 5 * expected.len());
    assert_eq!(
        projected.drawn.len(),
        t.points.len(),
        "the Pareto chart never thins"
    );
}

/// Pins the quantization gap of completed.json (validation): float32 − int8 above 2 points,
/// worst first, and a wider tolerance leaving only the worst.
#[test]
fn quantization_gap_of_completed_json() {
    let run = fixture("completed.json");
    let trials: Vec<&Trial> = run.trials.iter().collect();
    let l = lens(&run, "");
    let evals = evaluate_each(&trials, &l);
    let g = gap(&trials, &evals, &l, None);
    assert_eq!(g.points.len(), 30);
    let over: Vec<&str> = g.over.iter().map(|&i| g.points[i].id.as_str()).collect();
    assert_eq!(
        over,
        [
            "72de82740ee5",
            "2d64a1eed011",
            "1983af4eace6",
            "cc5c651a979f",
            "b851502f46c3",
            "bbe7556440b5",
            "efbae74386cd",
            "ca8ac01489b1",
            "09ca326399fe",
            "7aaa26212aaa",
            "546b0e22f36e",
            "11843e3635ab",
        ]
    );
    assert!((g.points[g.over[0]].drop_pp - 7.38).abs() < 1e-6);
    assert_eq!(gap(&trials, &evals, &l, Some(5.0)).over.len(), 1);
}

/// Pins the progress staircase of completed.json (fitting trials by `lastCompletedTraining`)
/// and the stall hint: 13 completed trials since the last improvement, threshold 8 of 30.
#[test]
fn progress_of_completed_json() {
    let run = fixture("completed.json");
    let trials: Vec<&Trial> = run.trials.iter().collect();
    let c = curve(&trials, &evaluate_each(&trials, &lens(&run, "")), None);
    let by_id = |id: &str| {
        run.trials
            .iter()
            .find(|t| t.id == id)
            .unwrap()
            .last_completed_training_ms
            .unwrap()
    };
    let stairs: Vec<i64> = [
        "efbae74386cd",
        "1983af4eace6",
        "bbe7556440b5",
        "13f600b31c28",
        "c96cd62b4faf",
    ]
    .iter()
    .map(|id| by_id(id))
    .collect();
    assert_eq!(c.best.iter().map(|b| b.0).collect::<Vec<_>>(), stairs);
    let stall = c.stall.expect("the run stopped improving");
    assert_eq!((stall.since_ms, stall.trials_since), (stairs[4], 13));
}

/// Pins stall flags on running-mid.json with an injected "now" 9 min 57 s after its newest
/// timestamp: the two trials whose running block has been silent > 10 min (one in DSP, one
/// in learn) are flagged; 903f000f5590 is saved by a recent epoch, a6528ba23e73 is not yet
/// silent long enough. At the newest timestamp itself nothing is stalled. Retries come
/// through (84818326df42 failed after 3).
#[test]
fn stalls_and_retries_in_running_mid() {
    let run = fixture("running-mid.json");
    let trials: Vec<&Trial> = run.trials.iter().collect();
    let newest = run.newest_ms().unwrap();
    let stalled = |now: i64| {
        let l = lanes(&trials, &run.workers, now, STALL_AFTER_MS);
        l.bars
            .iter()
            .filter(|b| b.stalled)
            .map(|b| b.id.clone())
            .collect::<Vec<_>>()
    };
    assert!(stalled(newest).is_empty());
    assert_eq!(stalled(newest + 597_000), ["241d65ca8746", "f60a6fed355c"]);
    let l = lanes(&trials, &run.workers, newest, STALL_AFTER_MS);
    assert_eq!(l.names.len(), 4);
    let failed = l.bars.iter().find(|b| b.id == "84818326df42").unwrap();
    assert_eq!((failed.retries, failed.open), (3, false));
    assert_eq!(
        l.bars.iter().filter(|b| b.open).count(),
        4,
        "the running trials"
    );
    assert_eq!(l.unplaced, 1, "the pending trial has not started");
}

/// Pins ETA on fixtures: running-mid (24 max, 19 finished, 5 listed unfinished) gives a
/// range for 5 trials; completed.json is finished; running-early has no finish: unknown.
#[test]
fn eta_on_fixtures() {
    let run = fixture("running-mid.json");
    let trials: Vec<&Trial> = run.trials.iter().collect();
    match eta(&input_for(&run, &trials, run.newest_ms().unwrap())) {
        Eta::Range {
            remaining,
            low_ms,
            high_ms,
            ..
        } => {
            assert_eq!(remaining, 5);
            assert!(0.0 < low_ms && low_ms < high_ms);
        }
        other => panic!("{other:?}"),
    }
    let done = fixture("completed.json");
    let trials: Vec<&Trial> = done.trials.iter().collect();
    assert_eq!(
        eta(&input_for(&done, &trials, done.newest_ms().unwrap())),
        Eta::Finished
    );
    let early = fixture("running-early.json");
    let trials: Vec<&Trial> = early.trials.iter().collect();
    assert!(matches!(
        eta(&input_for(&early, &trials, early.newest_ms().unwrap())),
        Eta::Unknown(_)
    ));
}

/// Pins which hyperparameters vary in completed.json (from `model`), that DSP block choice
/// is categorical, learning rate numeric, and that the unexplored mfcc frame_stride 0.01
/// (in the search space, never tried) is charted with it listed as untried.
#[test]
fn parameter_effects_of_completed_json() {
    let run = fixture("completed.json");
    let trials: Vec<&Trial> = run.trials.iter().collect();
    let e = effects(
        &trials,
        &evaluate_each(&trials, &lens(&run, "")),
        &run.config,
    );
    let mut names: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "DSP block",
            "keras: convBaseFilters",
            "keras: convLayers",
            "keras: dimension",
            "keras: dropout",
            "keras: learningRate",
            "mfcc: frame_stride",
            "mfcc: num_filters",
            "mfe: fft_length",
            "mfe: frame_length",
            "mfe: frame_stride",
            "mfe: low_frequency",
            "mfe: noise_floor_db",
            "mfe: num_filters",
            "spectrogram: fft_length",
            "spectrogram: frame_length",
            "spectrogram: frame_stride",
            "time-series: window.windowIncreaseMs",
        ]
    );
    let find = |n: &str| e.iter().find(|e| e.name == n).unwrap();
    assert!(
        matches!(&find("DSP block").kind, Kind::Categorical { categories } if categories == &["mfcc", "mfe", "spectrogram"])
    );
    assert_eq!(find("DSP block").points.len(), 30);
    assert!(matches!(
        find("keras: learningRate").kind,
        Kind::Numeric { log: false }
    ));
    assert_eq!(find("mfcc: frame_stride").untried, ["0.01"]);
    assert!(find("mfe: num_filters").untried.is_empty());
}

/// Pins the compare diff of two completed.json trials (mfcc-conv1d-1 vs mfe-conv1d-1):
/// the DSP block type differs, the learn blocks share their type, results differ.
#[test]
fn compare_two_fixture_trials() {
    let run = fixture("completed.json");
    let pick = |id: &str| run.trials.iter().find(|t| t.id == id).unwrap();
    let (a, b) = (pick("2d64a1eed011"), pick("1983af4eace6"));
    let s = compare(&[a, b], Dataset::Validation, lens(&run, "").budget);
    let titles: Vec<&str> = s.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Input block 1", "DSP block 1", "Learn block 1", "Results"]
    );
    assert!(s[1].rows[0].differs, "mfcc vs mfe");
    assert_eq!(s[1].rows[0].values, ["mfcc", "mfe"]);
    assert!(!s[2].rows[0].differs, "both keras");
    let fit = s[3]
        .rows
        .iter()
        .find(|r| r.label == "fits the budget (int8)")
        .unwrap();
    assert_eq!(fit.values, ["no", "yes"]);
}
