//! The run summary's pure core (`derive::run_summary`) against the fixtures, natively.
//!
//! Expected ids and counts are checked two ways: pinned values (computed with a short Python
//! script over the fixture JSON that re-implements CONTRACT.md's figure sums and fit rule),
//! and [`independent`], which recomputes them in this file from the raw JSON (`serde_json`,
//! not the app's model or `evaluate`).
#![cfg(not(target_arch = "wasm32"))]

mod native_support;
use native_support::{fixture_run, fixture_text};

use serde_json::Value;
use tunerscope::derive::run_summary::{run_summary, RunSummary};
use tunerscope::model::{Run, TrialStatus};
use tunerscope::view_state::ViewState;

fn summary_of(run: &Run, query: &str) -> RunSummary {
    let list = ViewState::from_query(query).list_view(&run.trials, &run.config);
    run_summary(&run.trials, &list.evals)
}

/// (best, fastest, smallest ids, fits, over) as the app computes them.
fn answer(s: &RunSummary) -> (Option<String>, Option<String>, Option<String>, usize, usize) {
    (
        s.best.as_ref().map(|b| b.id.clone()),
        s.fastest.as_ref().map(|a| a.pick.id.clone()),
        s.smallest.as_ref().map(|a| a.pick.id.clone()),
        s.counts.fits,
        s.counts.over,
    )
}

/// The same answer from the raw JSON: latency = Σ DSP `performance.latency` +
/// `devicePerformance[p].latency`, RAM = Σ DSP `performance.ram` + EON (else TFLite)
/// `ramRequired`, ROM = EON (else TFLite) `romRequired`; fits when each is ≤ its limit;
/// best = highest accuracy (then name, id), fastest = least latency, smallest = least RAM +
/// ROM (ties: accuracy desc, name, id). Only for well-formed fixtures (every figure a number).
fn independent(
    fixture: &str,
    precision: &str,
    dataset: &str,
    latency: Option<f64>,
) -> (Option<String>, Option<String>, Option<String>, usize, usize) {
    let json: Value = serde_json::from_str(&fixture_text(fixture)).unwrap();
    let config = &json["config"];
    let lat_limit = latency.unwrap_or_else(|| config["targetLatency"].as_f64().unwrap());
    let ram_limit = config["targetDevice"]["ram"].as_f64().unwrap();
    let rom_limit = config["targetDevice"]["rom"].as_f64().unwrap();
    // (id, name, accuracy, latency, ram + rom)
    let mut fitting: Vec<(String, String, f64, f64, f64)> = Vec::new();
    let mut over = 0;
    for t in json["trials"].as_array().unwrap() {
        let perf = &t["devicePerformance"][precision];
        if perf.is_null() {
            continue;
        }
        let memory = if perf["eon"].is_null() {
            &perf["tflite"]
        } else {
            &perf["eon"]
        };
        let lat = dsp_sum(t, "latency") + perf["latency"].as_f64().unwrap();
        let ram = dsp_sum(t, "ram") + memory["ramRequired"].as_f64().unwrap();
        let rom = memory["romRequired"].as_f64().unwrap();
        if lat > lat_limit || ram > ram_limit || rom > rom_limit {
            over += 1;
            continue;
        }
        let accuracy = t["metrics"][dataset][precision]["accuracy"]
            .as_f64()
            .unwrap();
        fitting.push((
            t["id"].as_str().unwrap().to_owned(),
            t["name"].as_str().unwrap().to_owned(),
            accuracy,
            lat,
            ram + rom,
        ));
    }
    let tie = |a: &(String, String, f64, f64, f64), b: &(String, String, f64, f64, f64)| {
        b.2.total_cmp(&a.2)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.0.cmp(&b.0))
    };
    let best = fitting.iter().min_by(|a, b| tie(a, b)).map(|t| t.0.clone());
    let fastest = fitting
        .iter()
        .min_by(|a, b| a.3.total_cmp(&b.3).then_with(|| tie(a, b)))
        .map(|t| t.0.clone());
    let smallest = fitting
        .iter()
        .min_by(|a, b| a.4.total_cmp(&b.4).then_with(|| tie(a, b)))
        .map(|t| t.0.clone());
    (best, fastest, smallest, fitting.len(), over)
}

/// Σ of one DSP `performance` figure over a raw trial's DSP blocks.
fn dsp_sum(trial: &Value, key: &str) -> f64 {
    trial["impulse"]["dspBlocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["performance"][key].as_f64().unwrap())
        .sum()
}

fn some(id: &str) -> Option<String> {
    Some(id.to_owned())
}

/// Pins completed.json under the run's budget (200 ms, 128 KiB, 1 MiB): int8 and float32
/// validation, int8 test, and a 100 ms what-if budget, each against [`independent`].
#[test]
fn completed_answers_follow_precision_dataset_and_budget() {
    let run = fixture_run("completed.json");
    let cases = [
        (
            "",
            ("int8", "validation", None),
            (
                some("c96cd62b4faf"),
                some("1983af4eace6"),
                some("efbae74386cd"),
                22,
                8,
            ),
        ),
        (
            "precision=float32",
            ("float32", "validation", None),
            (
                some("13f600b31c28"),
                some("72de82740ee5"),
                some("efbae74386cd"),
                19,
                11,
            ),
        ),
        (
            "dataset=test",
            ("int8", "test", None),
            (
                some("13f600b31c28"),
                some("1983af4eace6"),
                some("efbae74386cd"),
                22,
                8,
            ),
        ),
        (
            "budget=lat:100",
            ("int8", "validation", Some(100.0)),
            (
                some("56f60e4c4ed3"),
                some("1983af4eace6"),
                some("72de82740ee5"),
                9,
                21,
            ),
        ),
    ];
    for (query, (precision, dataset, latency), pinned) in cases {
        let s = summary_of(&run, query);
        assert_eq!(answer(&s), pinned, "pinned answer for ?{query}");
        assert_eq!(
            answer(&s),
            independent("completed.json", precision, dataset, latency),
            "independent answer for ?{query}"
        );
        assert_eq!(
            (
                s.counts.total,
                s.counts.completed,
                s.counts.unknown,
                s.counts.unfinished
            ),
            (30, 30, 0, 0),
            "?{query}"
        );
    }
}

/// Pins the words of the default answer: figures against the budget and accuracy costs.
#[test]
fn completed_answer_in_words() {
    let s = summary_of(&fixture_run("completed.json"), "");
    let best = s.best.as_ref().unwrap();
    assert_eq!(
        (best.name.as_str(), best.accuracy_words()),
        ("mfcc-conv2d-2", "96.9 %".to_owned())
    );
    let figures: Vec<String> = best
        .figure_words()
        .iter()
        .map(|(n, t)| format!("{n}: {t}"))
        .collect();
    assert_eq!(
        figures,
        [
            "latency: 122 ms of 200 ms",
            "RAM: 16 KiB of 128 KiB",
            "ROM: 40 KiB of 1 MiB"
        ]
    );
    // 96.86 % − 80.97 % and − 79.06 %.
    assert_eq!(
        s.fastest.as_ref().unwrap().cost_words(),
        "−15.9 pp accuracy"
    );
    assert_eq!(
        s.smallest.as_ref().unwrap().cost_words(),
        "−17.8 pp accuracy"
    );
    assert_eq!(
        s.counts_words(),
        "22 fit · 8 over · 0 unknown of 30 trials (30 completed)"
    );
    assert_eq!(s.no_best_words(), None);
}

/// Pins "nothing fits": a 5 ms what-if budget leaves every completed trial over.
#[test]
fn nothing_fits_is_an_answer() {
    let s = summary_of(&fixture_run("completed.json"), "budget=lat:5");
    assert_eq!(answer(&s), (None, None, None, 0, 30));
    assert_eq!(
        answer(&s),
        independent("completed.json", "int8", "validation", Some(5.0))
    );
    assert_eq!(s.no_best_words(), Some("No trial fits the budget yet."));
}

/// Pins "no completed trial": running-early.json has 2 running and 5 pending trials, none
/// with figures, so none is judged; they count as not finished rather than unknown.
#[test]
fn a_run_without_completed_trials_says_so() {
    let run = fixture_run("running-early.json");
    assert!(run
        .trials
        .iter()
        .all(|t| t.status != Some(TrialStatus::Completed)));
    let s = summary_of(&run, "");
    assert_eq!(answer(&s), (None, None, None, 0, 0));
    assert_eq!(
        (s.counts.completed, s.counts.unfinished, s.counts.unknown),
        (0, 7, 0)
    );
    assert_eq!(
        s.no_best_words(),
        Some("The run has no completed trial yet.")
    );
    let empty = run_summary::<tunerscope::model::Trial>(&[], &[]);
    assert_eq!(
        empty.no_best_words(),
        Some("The run has no completed trial yet.")
    );
}

/// Pins a live run (timeline 009: 9 completed, 2 running, 1 pending) and its finish (011:
/// 10 completed, 2 failed, judged unknown): the best stays, the counts move.
#[test]
fn live_run_counts_unfinished_apart_from_unknown() {
    let s = summary_of(&fixture_run("timeline/009.json"), "");
    assert_eq!(
        answer(&s),
        (
            some("2a8c2362eb34"),
            some("30a674e6ea3d"),
            some("8bc61fbb1805"),
            9,
            0
        )
    );
    assert_eq!(
        answer(&s),
        independent("timeline/009.json", "int8", "validation", None)
    );
    assert_eq!((s.counts.unknown, s.counts.unfinished), (0, 3));
    let s = summary_of(&fixture_run("timeline/011.json"), "");
    assert_eq!(answer(&s).3, 10);
    assert_eq!((s.counts.unknown, s.counts.unfinished), (2, 0));
    assert_eq!(
        s.counts_words(),
        "10 fit · 0 over · 2 unknown of 12 trials (10 completed)"
    );
}
