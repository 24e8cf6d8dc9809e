//! Comparing runs (`derive::run_compare`, `runs_csv`, snapshots of a comparison) on the
//! fixture pair: `completed.json` (job 4) and `compare-board.json` (the same project's next
//! run on another board, here job 11; `tests/fixtures/SOURCE.md` lists what differs).
//!
//! Expected trial ids and counts were worked out by hand from the fixture JSON with a short
//! throwaway Python script (not the app): int8 figures = Σ DSP `performance.latency`/`.ram` +
//! `devicePerformance.int8` latency and EON RAM/ROM, fit = each ≤ its limit, best = highest
//! int8 validation accuracy among the fitting trials.
#![cfg(not(target_arch = "wasm32"))]

mod native_support;
use native_support::{csv_records, fixture_run, fixture_text};
use tunerscope::vocab::{Budget, Dataset, Precision};

use tunerscope::derive::csv_export::{runs_csv, COLUMNS, RUN_COLUMN};
use tunerscope::derive::run_compare::{
    basis, compare_row, config_differences, Basis, CompareRow, NOT_SET,
};
use tunerscope::model::snapshot_file::{
    comparison_parts, open_snapshot, snapshot_json, state_skip,
};
use tunerscope::model::{Config, Run, Trial};
use tunerscope::view_state::ViewState;

const A: u64 = 4;
const B: u64 = 11;

fn pair() -> (Run, Run) {
    (
        fixture_run("completed.json"),
        fixture_run("compare-board.json"),
    )
}

/// Both rows as the comparison shows them for the URL `query` (`job=4&vs=11&…`).
fn rows(query: &str) -> (CompareRow, CompareRow) {
    let (a, b) = pair();
    let view = ViewState::from_query(query);
    assert_eq!(view.compared_jobs(), [A, B], "{query}");
    let basis = basis(view.common, &[(A, &a.config), (B, &b.config)], view.budget);
    let row = |job, run: &Run| {
        let trials: Vec<&Trial> = run.trials.iter().collect();
        compare_row(
            job,
            run,
            &trials,
            view.precision,
            view.dataset.unwrap_or_default(),
            basis,
        )
    };
    (row(A, &a), row(B, &b))
}

fn best(row: &CompareRow) -> Option<&str> {
    row.summary.best.as_ref().map(|p| p.id.as_str())
}

fn fit_over(row: &CompareRow) -> (usize, usize) {
    (row.summary.counts.fits, row.summary.counts.over)
}

const BUDGET_A: Budget = Budget {
    latency_ms: Some(200.0),
    ram: Some(131072.0),
    rom: Some(1048576.0),
};
const BUDGET_B: Budget = Budget {
    latency_ms: Some(400.0),
    ram: Some(262144.0),
    rom: Some(1048576.0),
};

#[test]
fn the_fixture_pair_differs_in_every_listed_way() {
    let (a, b) = pair();
    let words: Vec<String> = config_differences(&a.config, &b.config)
        .into_iter()
        .map(|d| d.words)
        .collect();
    // SOURCE.md: nordic-nrf52840-64mhz (256 KiB RAM, 1 MiB ROM: the ROM is the same),
    // targetLatency 400, hyperband, 60 training cycles, tuningMaxTrials 24, objectives
    // accuracy 0.7 / latency 0.3 (was 0.6 / 0.25 / ram 0.15), spectrogram removed from the
    // search space, keras-transfer-kws added. Both optimise for int8.
    assert_eq!(
        words,
        [
            "Target device: cortex-m4f-80mhz → nordic-nrf52840-64mhz",
            "RAM budget: 128 KiB → 256 KiB",
            "Latency budget: 200 ms → 400 ms",
            "Algorithm: bayesian → hyperband",
            "Max trials: 29 → 24",
            "Training cycles: 100 → 60",
            "Objectives: accuracy weight 0.6 → 0.7",
            "Objectives: latency weight 0.25 → 0.3",
            "Objectives: removes ram (weight 0.15)",
            "Search space: removes DSP block spectrogram",
            "Search space: adds learn block keras-transfer-kws",
        ]
    );
    // The other way round, every change reads the other way round.
    let back: Vec<String> = config_differences(&b.config, &a.config)
        .into_iter()
        .map(|d| d.words)
        .collect();
    assert!(back.contains(&"Max trials: 24 → 29".to_owned()), "{back:?}");
    assert!(back.contains(&"Objectives: adds ram (weight 0.15)".to_owned()));
    assert!(back.contains(&"Search space: adds DSP block spectrogram".to_owned()));
    assert!(back.contains(&"Search space: removes learn block keras-transfer-kws".to_owned()));
    assert!(config_differences(&a.config, &a.config.clone()).is_empty());
    assert!(config_differences(&b.config, &b.config.clone()).is_empty());
}

#[test]
fn a_config_with_nothing_set_reads_not_set() {
    let (a, _) = pair();
    let empty = Config::default();
    let words: Vec<String> = config_differences(&a.config, &empty)
        .into_iter()
        .map(|d| d.words)
        .collect();
    for expected in [
        "Target device: cortex-m4f-80mhz → not set",
        "RAM budget: 128 KiB → not set",
        "ROM budget: 1 MiB → not set",
        "Latency budget: 200 ms → not set",
        "Precision: int8 → not set",
        "Algorithm: bayesian → not set",
        "Max trials: 29 → not set",
        "Training cycles: 100 → not set",
        "Objectives: removes ram (weight 0.15)",
        "Search space: removes input block time-series",
        "Search space: removes DSP block mfe",
        "Search space: removes learn block keras",
    ] {
        assert!(
            words.contains(&expected.to_owned()),
            "{expected}: {words:?}"
        );
    }
    let forth = config_differences(&empty, &a.config);
    assert_eq!(forth.len(), words.len());
    assert!(forth[0]
        .words
        .starts_with(&format!("Target device: {NOT_SET} → ")));
    assert!(config_differences(&empty, &Config::default()).is_empty());
}

/// Every pair of small fixtures (hostile texts, placeholders, missing fields) compares
/// without a panic and never reads NaN or infinity.
#[test]
fn any_two_fixtures_compare_in_words() {
    let names = [
        "creating.json",
        "running-early.json",
        "running-mid.json",
        "completed.json",
        "job-error.json",
        "seed-example.json",
        "hostile.json",
        "compare-board.json",
    ];
    let runs: Vec<Run> = names.iter().map(|n| fixture_run(n)).collect();
    for a in &runs {
        for b in &runs {
            for d in config_differences(&a.config, &b.config) {
                assert!(d.words.starts_with(d.topic), "{d:?}");
                assert!(
                    !d.words.contains("NaN") && !d.words.contains("inf"),
                    "{d:?}"
                );
            }
        }
        let trials: Vec<&Trial> = a.trials.iter().collect();
        let row = compare_row(1, a, &trials, None, Dataset::Test, Basis::Own);
        for words in [row.budget_words(), row.duration_words(), row.trials_words()] {
            assert!(!words.is_empty() && !words.contains("NaN"), "{words}");
        }
    }
}

#[test]
fn each_run_is_judged_by_its_own_budget() {
    let (ra, rb) = rows("project=1&job=4&vs=11");
    assert_eq!((ra.own_budget, ra.budget), (BUDGET_A, BUDGET_A));
    assert_eq!((rb.own_budget, rb.budget), (BUDGET_B, BUDGET_B));
    assert_eq!(ra.budget_words(), "200 ms · 128 KiB RAM · 1 MiB ROM");
    assert_eq!(rb.budget_words(), "400 ms · 256 KiB RAM · 1 MiB ROM");
    assert_eq!(
        (ra.name.as_str(), rb.name.as_str()),
        (
            "Keyword spotting sweep #3",
            "Keyword spotting on nRF52840 #4"
        )
    );
    assert_eq!(rb.device.as_deref(), Some("nordic-nrf52840-64mhz"));
    assert_eq!(rb.algorithm.as_deref(), Some("hyperband"));
    assert_eq!(
        (ra.precision, rb.precision),
        (Precision::Int8, Precision::Int8)
    );
    // A: 30 trials, 22 fit and 8 over (SOURCE.md). The most accurate fitting one is
    // mfcc-conv2d-2 (c96cd62b4faf, 96.86 %, 122 ms, 16 KiB + 40 KiB).
    assert_eq!(best(&ra), Some("c96cd62b4faf"));
    assert_eq!(fit_over(&ra), (22, 8));
    assert_eq!(ra.trials_words(), "30 completed · 22 fit · 8 over");
    // B: 25 trials; under its own 400 ms / 256 KiB, 20 fit and 5 over; its mfcc-conv2d-2
    // (30d34d92b616, 98.36 %, 195 ms) is the best.
    assert_eq!(best(&rb), Some("30d34d92b616"));
    assert_eq!(fit_over(&rb), (20, 5));
    assert_eq!(rb.trials_words(), "25 completed · 20 fit · 5 over");
    // The row's best is the trial run A's own view marks.
    let (a, _) = pair();
    let view = ViewState::from_query("job=4").list_view(&a.trials, &a.config);
    assert_eq!(
        view.best.map(|i| a.trials[i].id.as_str()),
        best(&ra),
        "same judge as the run view"
    );
    // Trial activity spans 10:37:48.101 to 12:10:56.016 in both (B is A six days later).
    assert_eq!(ra.duration_words(), "1 h 33 min");
    assert_eq!(rb.duration_words(), "1 h 33 min");
    assert!(!ra.live && !rb.live);
}

#[test]
fn a_common_budget_judges_every_run_alike() {
    // Under A's tighter budget (200 ms, 128 KiB), B's trials slowed ×1.6 go over: 13 fit,
    // 12 over (e.g. mfe-conv1d-2 at 289 ms, B's runner-up under its own budget). Its best
    // (195 ms, 16 KiB + 40 KiB) still fits, so it stays.
    let (ra, rb) = rows("project=1&job=4&vs=11&common=4");
    assert_eq!((ra.budget, rb.budget), (BUDGET_A, BUDGET_A));
    assert_eq!(rb.own_budget, BUDGET_B, "the own budget is still known");
    assert_eq!(fit_over(&ra), (22, 8));
    assert_eq!(fit_over(&rb), (13, 12));
    assert_eq!(best(&rb), Some("30d34d92b616"));

    // Under B's budget, A's run gains 4 fitting trials (26 fit, 4 over); its best stays.
    let (ra, rb) = rows("project=1&job=4&vs=11&common=11");
    assert_eq!((ra.budget, rb.budget), (BUDGET_B, BUDGET_B));
    assert_eq!(fit_over(&ra), (26, 4));
    assert_eq!(best(&ra), Some("c96cd62b4faf"));
    assert_eq!(fit_over(&rb), (20, 5));

    // What-if 190 ms on A's budget: A's best (122 ms) stays, B's 195 ms best is over, so
    // B's best becomes mfe-conv1d-13 (a57a0b45f902, 163 ms, 93.37 %).
    let (ra, rb) = rows("project=1&job=4&vs=11&common=whatif&budget=lat:190");
    let what_if = Budget {
        latency_ms: Some(190.0),
        ..BUDGET_A
    };
    assert_eq!((ra.budget, rb.budget), (what_if, what_if));
    assert_eq!(best(&ra), Some("c96cd62b4faf"));
    assert_eq!(best(&rb), Some("a57a0b45f902"));
    assert_eq!(fit_over(&rb), (12, 13));

    // What-if 100 ms: both bests change to their mfe-conv1d-6 (53 ms in A, 85 ms in B).
    let (ra, rb) = rows("project=1&job=4&vs=11&common=whatif&budget=lat:100");
    assert_eq!(best(&ra), Some("56f60e4c4ed3"));
    assert_eq!(best(&rb), Some("cd6d75b3b54a"));
    assert_eq!((fit_over(&ra), fit_over(&rb)), ((9, 21), (4, 21)));

    // Without `common`, a what-if budget is run A's view's business, not the table's.
    let (ra, _) = rows("project=1&job=4&vs=11&budget=lat:100");
    assert_eq!(ra.budget, BUDGET_A);
}

#[test]
fn the_csv_of_a_comparison_holds_both_runs() {
    let (a, b) = pair();
    let csv = runs_csv(&[
        (
            A,
            a.trials.iter().collect(),
            Budget::of_config(&a.config),
            Precision::Int8,
        ),
        (
            B,
            b.trials.iter().collect(),
            Budget::of_config(&b.config),
            Precision::Int8,
        ),
    ]);
    let records = csv_records(&csv);
    let header = &records[0];
    assert_eq!(header[0], RUN_COLUMN);
    assert_eq!(&header[1..], COLUMNS);
    assert_eq!(
        records.iter().filter(|r| r[0] == RUN_COLUMN).count(),
        1,
        "one header line"
    );
    let fits = COLUMNS.iter().position(|c| *c == "fits_budget").unwrap() + 1;
    let of_run =
        |job: &str| -> Vec<&Vec<String>> { records[1..].iter().filter(|r| r[0] == job).collect() };
    assert_eq!(records.len(), 1 + 30 + 25);
    for (job, total, fit) in [("4", 30, 22), ("11", 25, 20)] {
        let rows = of_run(job);
        assert_eq!(rows.len(), total, "run {job}");
        assert!(rows.iter().all(|r| r.len() == COLUMNS.len() + 1));
        // Each run's `fits_budget` under its own budget (the counts above).
        assert_eq!(rows.iter().filter(|r| r[fits] == "yes").count(), fit);
    }
    assert!(of_run("11").iter().any(|r| r[1] == "30d34d92b616"));
}

#[test]
fn a_snapshot_of_the_comparison_reopens_both_states() {
    let state_a = fixture_text("completed.json");
    let state_b = fixture_text("compare-board.json");
    let view = vec![
        ("vs".to_owned(), B.to_string()),
        ("common".to_owned(), "whatif".to_owned()),
    ];
    let parts = comparison_parts(&view, "2026-12-01T10:00:00Z", &[B]);
    assert_eq!(parts.len(), 3, "two states, three parts");
    let mut file = String::new();
    file.push_str(&parts[0]);
    file.push_str(&state_a[state_skip(state_a.as_bytes())..]);
    file.push_str(&parts[1]);
    file.push_str(&state_b[state_skip(state_b.as_bytes())..]);
    file.push_str(&parts[2]);

    let opened = open_snapshot(&file).unwrap();
    assert_eq!(opened.run.trials.len(), 30);
    assert_eq!(opened.view.len(), 2);
    assert_eq!(opened.compared.len(), 1);
    let compared = &opened.compared[0];
    assert_eq!(compared.job, B);
    let run_b = compared.run.as_ref().unwrap();
    assert_eq!(run_b.trials.len(), 25);
    assert_eq!(run_b, &fixture_run("compare-board.json"));
    assert_eq!(compared.state_text, state_b.trim());

    // A compared state that cannot be read keeps its error; run A still opens.
    let not_a_state = format!(
        "{}{}{}{}{}",
        parts[0], state_a, parts[1], r#"{"success":false,"error":"gone"}"#, parts[2]
    );
    let opened = open_snapshot(&not_a_state).unwrap();
    assert_eq!(opened.run.trials.len(), 30);
    let err = opened.compared[0].run.as_ref().unwrap_err();
    assert!(err.to_string().contains("gone"), "{err}");

    // An old single-state file still opens, with nothing compared.
    let old = snapshot_json(&state_a, &[], "2026-12-01T10:00:00Z");
    let opened = open_snapshot(&old).unwrap();
    assert_eq!(opened.run.trials.len(), 30);
    assert!(opened.compared.is_empty());
    let bare = open_snapshot(&state_b).unwrap();
    assert!(bare.compared.is_empty() && bare.run.trials.len() == 25);
}
