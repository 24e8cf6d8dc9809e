//! The compared runs' trade-off chart, natively, on the comparison fixture pair:
//! `completed.json` (run A, job 4: 200 ms, 128 KiB RAM, 1 MiB ROM) and `compare-board.json`
//! (run B, job 11: 400 ms, 256 KiB RAM, 1 MiB ROM), both int8 and every trial completed.
//!
//! Expectations were derived independently of this crate by a short Python script over the
//! fixture JSON that re-implements CONTRACT.md "Default order and fits" (int8, validation):
//! latency = Σ DSP `performance.latency` + `devicePerformance.int8.latency`; RAM = Σ DSP
//! `performance.ram` + `eon.ramRequired`; ROM = `eon.romRequired`; fits when every figure ≤
//! that run's own target; accuracy = `metrics.validation.int8.accuracy`. Each run's front was
//! found by the O(n²) definition (no point with ≤ cost and ≥ accuracy, one strict) over that
//! run's fitting trials only, listed by increasing cost. A: 30 points, 22 fit; B: 25 points,
//! 20 fit (on every axis).
#![cfg(not(target_arch = "wasm32"))]

mod native_support;
use native_support::{fixture_run, fixture_text};
use tunerscope::vocab::{Axis, Budget, Dataset, Precision};

use std::collections::HashSet;
use tunerscope::charts::plot::Shape;
use tunerscope::charts::runs_tradeoff::{
    legend_words, point_words, runs_tradeoff, ChartRun, RunsPlot,
};
use tunerscope::derive::budget::Fit;
use tunerscope::model::{parse_state, Run, Trial};

const A_JOB: u64 = 4;
const B_JOB: u64 = 11;

fn refs(run: &Run) -> Vec<&Trial> {
    run.trials.iter().collect()
}

fn chart_run<'a>(job: u64, run: &'a Run, trials: &'a [&'a Trial]) -> ChartRun<'a> {
    ChartRun {
        job,
        name: run.config.name.as_deref().unwrap_or(""),
        trials,
        precision: Precision::Int8,
        dataset: Dataset::Validation,
        budget: Budget::of_config(&run.config),
    }
}

/// The pair on `axis`, each run under its own budget.
fn pair(axis: Axis) -> RunsPlot {
    let (a, b) = (
        fixture_run("completed.json"),
        fixture_run("compare-board.json"),
    );
    let (ta, tb) = (refs(&a), refs(&b));
    runs_tradeoff(
        &[chart_run(A_JOB, &a, &ta), chart_run(B_JOB, &b, &tb)],
        axis,
    )
}

/// The front of run `job`, as its trial ids in the order its line joins them.
fn front(p: &RunsPlot, job: u64) -> Vec<&str> {
    let e = p.legend.iter().find(|e| e.job == job).unwrap();
    e.front
        .iter()
        .map(|&i| p.points[i].trial.as_str())
        .collect()
}

/// The trial ids of run `job` marked optimal, sorted.
fn optimal(p: &RunsPlot, job: u64) -> Vec<&str> {
    let mut ids: Vec<&str> = p
        .points
        .iter()
        .filter(|q| q.job == job && q.optimal)
        .map(|q| q.trial.as_str())
        .collect();
    ids.sort();
    ids
}

fn sorted<'a>(ids: &[&'a str]) -> Vec<&'a str> {
    let mut v = ids.to_vec();
    v.sort();
    v
}

/// Pins: one point per completed trial with the figure, per run, each run in its own shape
/// and colour; legend counts match; mark ids are unique and name the run's job.
#[test]
fn every_completed_trial_of_each_run_is_a_point_of_its_series() {
    for axis in Axis::ALL {
        let p = pair(axis);
        assert_eq!(p.plot.marks.len(), 55, "{axis:?}");
        assert_eq!(p.points.len(), p.plot.marks.len());
        for (job, n, fitting, shape) in [
            (A_JOB, 30, 22, Shape::Circle),
            (B_JOB, 25, 20, Shape::Square),
        ] {
            let mine: Vec<usize> = (0..p.points.len())
                .filter(|&i| p.points[i].job == job)
                .collect();
            assert_eq!(mine.len(), n, "{axis:?} job {job}");
            assert!(mine.iter().all(|&i| p.plot.marks[i].shape == shape));
            let classes: HashSet<&str> = mine.iter().map(|&i| p.plot.marks[i].class).collect();
            assert_eq!(classes.len(), 1, "one colour per run");
            assert_eq!(
                mine.iter()
                    .filter(|&&i| p.points[i].fit == Fit::Fits)
                    .count(),
                fitting
            );
            let e = p.legend.iter().find(|e| e.job == job).unwrap();
            assert_eq!(
                (e.completed, e.points, e.fitting, e.without_figures, e.shape),
                (n, n, fitting, 0, shape)
            );
            for &i in &mine {
                assert!(p.plot.marks[i].id.starts_with(&format!("{job}:")));
                assert_eq!(p.plot.marks[i].id, format!("{job}:{}", p.points[i].trial));
            }
        }
        let a_class = p.plot.marks[0].class;
        assert!(p.plot.marks.iter().any(|m| m.class != a_class));
        let ids: HashSet<&str> = p.plot.marks.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids.len(), 55, "mark ids are unique");
        assert_eq!(p.legend[0].name, "Keyword spotting sweep #3");
        assert_eq!(p.legend[1].name, "Keyword spotting on nRF52840 #4");
    }
}

/// Pins each run's front on each axis: only its own fitting trials, non-dominated among
/// them, by increasing cost; exactly those are marked optimal, and the line per run joins
/// them (so the two runs' fronts never merge into one).
#[test]
fn each_run_has_its_own_front_among_its_fitting_trials() {
    let cases: [(Axis, &[&str], &[&str]); 3] = [
        (
            Axis::Latency,
            &[
                "1983af4eace6",
                "56f60e4c4ed3",
                "3e0394de829b",
                "c96cd62b4faf",
            ],
            &[
                "80fa16b5135d",
                "cd6d75b3b54a",
                "a57a0b45f902",
                "30d34d92b616",
            ],
        ),
        (
            Axis::Ram,
            &["efbae74386cd", "bbe7556440b5", "c96cd62b4faf"],
            &["56215ebafd34", "225eccdbb72c", "30d34d92b616"],
        ),
        (
            Axis::Rom,
            &[
                "efbae74386cd",
                "7aaa26212aaa",
                "13f600b31c28",
                "c96cd62b4faf",
            ],
            &[
                "56215ebafd34",
                "05476b82d5da",
                "225eccdbb72c",
                "8a6d772a839f",
                "30d34d92b616",
            ],
        ),
    ];
    for (axis, a, b) in cases {
        let p = pair(axis);
        assert_eq!(front(&p, A_JOB), a, "{axis:?} A");
        assert_eq!(front(&p, B_JOB), b, "{axis:?} B");
        assert_eq!(optimal(&p, A_JOB), sorted(a), "{axis:?}");
        assert_eq!(optimal(&p, B_JOB), sorted(b), "{axis:?}");
        assert!(p
            .points
            .iter()
            .filter(|q| q.optimal)
            .all(|q| q.fit == Fit::Fits));
        assert_eq!(
            (p.legend[0].on_front, p.legend[1].on_front),
            (a.len(), b.len())
        );
        // One front line per run, through its front's points by increasing cost.
        assert_eq!(p.plot.lines.len(), 2);
        for (line, e) in p.plot.lines.iter().zip(&p.legend) {
            let want: Vec<(f64, f64)> = e
                .front
                .iter()
                .map(|&i| (p.points[i].x, p.points[i].accuracy))
                .collect();
            assert_eq!(line.points, want);
            assert!(line.points.windows(2).all(|w| w[0].0 <= w[1].0));
        }
        assert_ne!(p.plot.lines[0].class, p.plot.lines[1].class);
    }
    // The fronts' ends, by hand from the fixtures: A's cheapest 48 ms at 80.97 %, B's
    // dearest 195 ms at 98.36 %.
    let p = pair(Axis::Latency);
    let a0 = &p.points[p.legend[0].front[0]];
    assert_eq!((a0.x, (a0.accuracy * 1e4).round()), (48.0, 8097.0));
    let b3 = &p.points[p.legend[1].front[3]];
    assert_eq!((b3.x, (b3.accuracy * 1e4).round()), (195.0, 9836.0));
}

/// Pins the budget rules: the runs' latency (200 vs 400 ms) and RAM (128 vs 256 KiB)
/// budgets differ, so there is one rule per run, named after it; their ROM budgets are both
/// 1 MiB, so one shared rule; a common budget given to both runs gives one rule too.
#[test]
fn one_budget_rule_when_shared_else_one_per_run() {
    let lat = pair(Axis::Latency);
    assert!(!lat.shared_budget);
    let values: Vec<f64> = lat.plot.rules.iter().map(|r| r.value).collect();
    assert_eq!(values, [200.0, 400.0]);
    assert!(lat.plot.rules[0]
        .label
        .contains("Keyword spotting sweep #3"));
    assert!(lat.plot.rules[0].label.contains("200 ms"));
    assert!(lat.plot.rules[1]
        .label
        .contains("Keyword spotting on nRF52840"));
    assert!(lat.plot.rules[1].label.contains("400 ms"));
    assert_ne!(lat.plot.rules[0].class, lat.plot.rules[1].class);

    let ram = pair(Axis::Ram);
    let values: Vec<f64> = ram.plot.rules.iter().map(|r| r.value).collect();
    assert_eq!(values, [131072.0, 262144.0]);

    let rom = pair(Axis::Rom);
    assert!(rom.shared_budget);
    assert_eq!(rom.plot.rules.len(), 1);
    assert_eq!(rom.plot.rules[0].value, 1048576.0);
    assert!(!rom.plot.rules[0].label.contains("Keyword"));

    // A common budget (A's) for both runs: one rule, and B judged by it (none of its
    // trials over 200 ms fits any more).
    let (a, b) = (
        fixture_run("completed.json"),
        fixture_run("compare-board.json"),
    );
    let (ta, tb) = (refs(&a), refs(&b));
    let mut rb = chart_run(B_JOB, &b, &tb);
    rb.budget = Budget::of_config(&a.config);
    let common = runs_tradeoff(&[chart_run(A_JOB, &a, &ta), rb], Axis::Latency);
    assert!(common.shared_budget);
    let values: Vec<f64> = common.plot.rules.iter().map(|r| r.value).collect();
    assert_eq!(values, [200.0]);
    assert!(common
        .points
        .iter()
        .filter(|q| q.job == B_JOB && q.x > 200.0)
        .all(|q| q.fit != Fit::Fits));
}

/// Pins: a run's trials are judged under its own precision (B as float32: 80fa16b5135d is
/// 85 ms at 84.28 %, by hand from `devicePerformance.float32` and the float32 metrics) and
/// the axis titles stop naming one precision when the runs differ.
#[test]
fn each_run_uses_its_own_precision() {
    let (a, b) = (
        fixture_run("completed.json"),
        fixture_run("compare-board.json"),
    );
    let (ta, tb) = (refs(&a), refs(&b));
    let mut rb = chart_run(B_JOB, &b, &tb);
    rb.precision = Precision::Float32;
    let p = runs_tradeoff(&[chart_run(A_JOB, &a, &ta), rb], Axis::Latency);
    let q = p
        .points
        .iter()
        .find(|q| q.job == B_JOB && q.trial == "80fa16b5135d")
        .unwrap();
    assert_eq!((q.x, (q.accuracy * 1e4).round()), (85.0, 8428.0));
    assert!(!p.plot.x.label.contains("int8"), "{}", p.plot.x.label);
    assert!(pair(Axis::Latency).plot.x.label.contains("int8"));
}

/// Pins: trials not completed are not points, completed ones without the figure are
/// counted apart (and said in words), and the same run given twice under two jobs still
/// has unique mark ids.
#[test]
fn unfinished_and_figureless_trials_and_repeated_ids() {
    let mut json: serde_json::Value =
        serde_json::from_str(&fixture_text("compare-board.json")).unwrap();
    let trials = json["trials"].as_array_mut().unwrap();
    trials[0]["status"] = "running".into();
    trials[1]
        .as_object_mut()
        .unwrap()
        .remove("devicePerformance");
    let b = parse_state(&json.to_string()).unwrap();
    let a = fixture_run("completed.json");
    let (ta, tb) = (refs(&a), refs(&b));
    let p = runs_tradeoff(
        &[chart_run(A_JOB, &a, &ta), chart_run(B_JOB, &b, &tb)],
        Axis::Latency,
    );
    let e = &p.legend[1];
    assert_eq!((e.completed, e.points, e.without_figures), (24, 23, 1));
    assert!(!p
        .points
        .iter()
        .any(|q| q.trial == "94db18554788" || q.trial == "5a80d0e0ab5c"));
    let words = legend_words(e, Axis::Latency);
    assert!(
        words.starts_with("23 completed trials, 4 on its front"),
        "{words}"
    );
    assert!(words.contains("1 more lacks"), "{words}");

    let twice = runs_tradeoff(
        &[chart_run(A_JOB, &a, &ta), chart_run(5, &a, &ta)],
        Axis::Latency,
    );
    let ids: HashSet<&str> = twice.plot.marks.iter().map(|m| m.id.as_str()).collect();
    assert_eq!((twice.plot.marks.len(), ids.len()), (60, 60));
    let pick = twice.point("5:c96cd62b4faf").unwrap();
    assert_eq!((pick.job, pick.trial.as_str()), (5, "c96cd62b4faf"));
    let words = point_words(&twice, pick, Axis::Latency);
    assert!(words[1].contains("job 5"), "{words:?}");
    assert!(
        words[2].contains("96.86 %") || words[2].contains("96.9 %"),
        "{words:?}"
    );
}
