//! The trial list's pure core against the public fixtures and hand-made trials (natively):
//! filters and sort orders with exact results, budget bars, what-if budgets, URL round trips.
//!
//! Expected counts and ids were computed independently of this crate, with a short Python
//! script over `/work/shared/fixtures/*.json` that re-implements CONTRACT.md's rules
//! ("Default order and fits": DSP+model sums, EON else TFLite, limits inclusive; default order
//! fits → unknown → over, accuracy desc with missing last, then name, id) and the filter
//! semantics of `derive/filter.rs` (AND of all filters; free text = every word in name, id or
//! a block type, case-insensitive). Each expectation says which query it pins.
#![cfg(not(target_arch = "wasm32"))]

mod native_support;
use native_support::fixture_run as fixture;
use tunerscope::vocab::{Budget, Precision};

use tunerscope::derive::budget::{assess, figures, Fit};
use tunerscope::derive::budget_bars::{bars, Level};
use tunerscope::model::{
    DevicePerformance, ImpulseBlock, Memory, PrecisionPerformance, Reading, Run, Trial,
};
use tunerscope::view_state::ViewState;

/// (shown count, first ids, last id) for `query` over `run`.
fn shown(run: &Run, query: &str, first: usize) -> (usize, Vec<String>, Option<String>) {
    let view = ViewState::from_query(query);
    let list = view.list_view(&run.trials, &run.config);
    let ids: Vec<String> = list
        .shown
        .iter()
        .map(|&i| run.trials[i].id.clone())
        .collect();
    (
        ids.len(),
        ids.iter().take(first).cloned().collect(),
        ids.last().cloned(),
    )
}

fn check(run: &Run, query: &str, count: usize, first: &[&str], last: Option<&str>) {
    let (n, ids, tail) = shown(run, query, first.len());
    assert_eq!(n, count, "count for ?{query}");
    assert_eq!(ids, first, "first ids for ?{query}");
    assert_eq!(tail.as_deref(), last, "last id for ?{query}");
}

/// Pins filtering and ordering of completed.json (30 trials, int8 budget 200 ms / 128 KiB /
/// 1 MiB): fits-only, DSP type, round, free text, combinations, and what-if budgets.
#[test]
fn completed_filters_have_exact_results() {
    let run = fixture("completed.json");
    check(
        &run,
        "",
        30,
        &["c96cd62b4faf", "13f600b31c28", "3e0394de829b"],
        Some("2d64a1eed011"),
    );
    check(
        &run,
        "fits=1",
        22,
        &["c96cd62b4faf", "13f600b31c28", "3e0394de829b"],
        Some("df8ce2e33033"),
    );
    // float32 figures are larger: 19 fit; the order changes with the precision's accuracy.
    check(
        &run,
        "fits=1&precision=float32",
        19,
        &["13f600b31c28", "c96cd62b4faf", "3e0394de829b"],
        Some("df8ce2e33033"),
    );
    check(
        &run,
        "dsp=mfe",
        16,
        &["13f600b31c28", "3e0394de829b", "2ef8278bddcb"],
        Some("cc5c651a979f"),
    );
    check(
        &run,
        "dsp=mfcc,spectrogram",
        14,
        &["c96cd62b4faf", "7aaa26212aaa", "bbe7556440b5"],
        Some("2d64a1eed011"),
    );
    check(
        &run,
        "round=0",
        5,
        &["bbe7556440b5", "1983af4eace6", "efbae74386cd"],
        Some("2d64a1eed011"),
    );
    check(
        &run,
        "round=1,2",
        6,
        &["13f600b31c28", "74ba19cf8391", "07df8080adc6"],
        Some("add859e05674"),
    );
    check(
        &run,
        "q=conv2d",
        7,
        &["c96cd62b4faf", "2ef8278bddcb", "07df8080adc6"],
        Some("9ed0f41b6e63"),
    );
    check(
        &run,
        "q=MFE%20conv1d",
        14,
        &["13f600b31c28", "3e0394de829b", "8935ac232b53"],
        Some("cc5c651a979f"),
    );
    check(&run, "q=13f600", 1, &["13f600b31c28"], Some("13f600b31c28"));
    check(&run, "status=failed", 0, &[], None);
    check(
        &run,
        "fits=1&dsp=mfcc",
        5,
        &["c96cd62b4faf", "bbe7556440b5", "efbae74386cd"],
        Some("df8ce2e33033"),
    );
    // What-if budgets: a 100 ms target leaves 9; 64 KiB of RAM leaves 19; all three tighter, 15.
    check(
        &run,
        "fits=1&budget=lat:100",
        9,
        &["56f60e4c4ed3", "7aaa26212aaa", "74ba19cf8391"],
        Some("b851502f46c3"),
    );
    check(
        &run,
        "fits=1&budget=ram:65536",
        19,
        &["c96cd62b4faf", "13f600b31c28", "3e0394de829b"],
        Some("df8ce2e33033"),
    );
    check(
        &run,
        "fits=1&budget=lat:150,ram:65536,rom:65536",
        15,
        &["c96cd62b4faf", "3e0394de829b", "11843e3635ab"],
        Some("df8ce2e33033"),
    );
    check(
        &run,
        "fits=1&budget=lat:1000,ram:1000000000,rom:1000000000",
        30,
        &["c96cd62b4faf", "13f600b31c28", "3e0394de829b"],
        Some("df8ce2e33033"),
    );
}

/// Pins every sort key and direction on completed.json (ties broken by the default order).
#[test]
fn completed_sort_orders_are_exact() {
    let run = fixture("completed.json");
    let cases: [(&str, [&str; 4], &str); 10] = [
        (
            "sort=latency&dir=asc",
            [
                "1983af4eace6",
                "72de82740ee5",
                "4b853d8445a2",
                "56f60e4c4ed3",
            ],
            "ca8ac01489b1",
        ),
        (
            "sort=latency&dir=desc",
            [
                "ca8ac01489b1",
                "add859e05674",
                "e319697934e5",
                "cc5c651a979f",
            ],
            "72de82740ee5",
        ),
        (
            "sort=accuracy",
            [
                "c96cd62b4faf",
                "13f600b31c28",
                "3e0394de829b",
                "2ef8278bddcb",
            ],
            "df8ce2e33033",
        ),
        (
            "sort=rom&dir=desc",
            [
                "cc5c651a979f",
                "3640f9f6480c",
                "8935ac232b53",
                "2ef8278bddcb",
            ],
            "df8ce2e33033",
        ),
        (
            "sort=ram&dir=asc",
            [
                "efbae74386cd",
                "546b0e22f36e",
                "df8ce2e33033",
                "bbe7556440b5",
            ],
            "9ed0f41b6e63",
        ),
        (
            "sort=name&dir=asc",
            [
                "2d64a1eed011",
                "efbae74386cd",
                "bbe7556440b5",
                "df8ce2e33033",
            ],
            "07df8080adc6",
        ),
        (
            "sort=name&dir=desc",
            [
                "07df8080adc6",
                "7aaa26212aaa",
                "09ca326399fe",
                "b851502f46c3",
            ],
            "2d64a1eed011",
        ),
        (
            "sort=finished",
            [
                "2ef8278bddcb",
                "9ed0f41b6e63",
                "7aaa26212aaa",
                "cc5c651a979f",
            ],
            "2d64a1eed011",
        ),
        (
            "sort=order&dir=desc",
            [
                "2ef8278bddcb",
                "9ed0f41b6e63",
                "7aaa26212aaa",
                "cc5c651a979f",
            ],
            "2d64a1eed011",
        ),
        (
            "sort=bogus",
            [
                "c96cd62b4faf",
                "13f600b31c28",
                "3e0394de829b",
                "2ef8278bddcb",
            ],
            "2d64a1eed011",
        ),
    ];
    for (query, first, last) in cases {
        check(&run, query, 30, &first, Some(last));
    }
    // The best fit is the default order's first, whatever the sort.
    let list = ViewState::from_query("sort=name").list_view(&run.trials, &run.config);
    assert_eq!(run.trials[list.best.unwrap()].id, "c96cd62b4faf");
}

/// Pins filtering and ordering at scale: large-2000.json (1,874 completed, 50 running, 51
/// pending, 25 failed; 126 without figures are "unknown", none over the 25 ms target).
#[test]
fn large_run_filters_and_sorts_exactly() {
    let run = fixture("large-2000.json.gz");
    check(
        &run,
        "",
        2000,
        &["5f84c8336be8", "b7e951f3ca31", "3bde28e18c40"],
        Some("61a5375a7e79"),
    );
    check(
        &run,
        "fits=1",
        1874,
        &["5f84c8336be8", "b7e951f3ca31", "3bde28e18c40"],
        Some("87ee0ca3aa7f"),
    );
    check(
        &run,
        "status=failed",
        25,
        &["23181bc56e3b", "dd2497aef393", "a3f992e50ae1"],
        Some("61a5375a7e79"),
    );
    check(
        &run,
        "status=running,pending",
        101,
        &["0358883471b7", "ee1c4a0968fd", "9cc6f804df04"],
        Some("5075fd1c24e0"),
    );
    check(
        &run,
        "round=0",
        5,
        &["0e6ae49f809b", "99ab0127a915", "9a6544749671"],
        Some("b943cf71c1e8"),
    );
    check(
        &run,
        "round=40",
        45,
        &["c00fc14493bf", "ca56ae28c8df", "90162305a3f9"],
        Some("5075fd1c24e0"),
    );
    check(
        &run,
        "q=mobilenetv1",
        500,
        &["18dd2f99627b", "dba96d9c7c1e", "7381e6ecac3c"],
        Some("cc6896c8a2b8"),
    );
    check(
        &run,
        "q=v2+A35",
        508,
        &["ad5be611c450", "5c14bb578ff3", "c81eacf47b5d"],
        Some("61a5375a7e79"),
    );
    check(
        &run,
        "fits=1&round=7,8",
        99,
        &["bac02b367302", "108dc84ea329", "07fbdd67c1d3"],
        Some("7a37e0ca2696"),
    );
    check(
        &run,
        "learn=keras-transfer-image",
        2000,
        &["5f84c8336be8", "b7e951f3ca31", "3bde28e18c40"],
        Some("61a5375a7e79"),
    );
    check(&run, "dsp=mfe", 0, &[], None);
    check(
        &run,
        "fits=1&budget=lat:10",
        1872,
        &["5f84c8336be8", "b7e951f3ca31", "3bde28e18c40"],
        Some("87ee0ca3aa7f"),
    );
    check(
        &run,
        "fits=1&budget=lat:5",
        1584,
        &["b7e951f3ca31", "424422225858", "d89ff0e72fbf"],
        Some("87ee0ca3aa7f"),
    );
    check(
        &run,
        "sort=latency&dir=asc",
        2000,
        &["e4c5d11a349f", "c524bfcaba2a", "6ba688043f44"],
        Some("61a5375a7e79"),
    );
    check(
        &run,
        "sort=finished",
        2000,
        &["203ab3fc2170", "bc156b089517", "6ab39b901b67"],
        Some("61a5375a7e79"),
    );
    check(
        &run,
        "sort=status",
        2000,
        &["0358883471b7", "ee1c4a0968fd", "9cc6f804df04"],
        Some("61a5375a7e79"),
    );
    check(
        &run,
        "sort=rom&dir=desc",
        2000,
        &["5f84c8336be8", "b7e951f3ca31", "1a099b39f6e1"],
        Some("61a5375a7e79"),
    );
}

fn hand_made(dsp: &[(f64, f64)], perf: Option<PrecisionPerformance>) -> Trial {
    Trial {
        dsp: dsp
            .iter()
            .map(|&(latency, ram)| ImpulseBlock {
                latency_ms: Reading::of(latency),
                ram: Reading::of(ram),
                ..Default::default()
            })
            .collect(),
        device: DevicePerformance {
            int8: perf,
            float32: None,
        },
        ..Default::default()
    }
}

fn memory(ram: f64, rom: f64) -> Option<Memory> {
    Some(Memory {
        ram: Reading::of(ram),
        rom: Reading::of(rom),
        ..Default::default()
    })
}

/// Pins the bars: DSP + model sums split into parts, EON before TFLite (named), near at 90 %,
/// over scaled to a full bar, missing or zero budgets as "no budget", missing figures as
/// "unknown", and a what-if budget overriding the run's target field by field.
#[test]
fn budget_bars_on_hand_made_trials() {
    let run_budget = Budget {
        latency_ms: Some(100.0),
        ram: Some(10_240.0),
        rom: Some(20_480.0),
    };
    let eon = hand_made(
        &[(30.0, 2048.0), (20.0, 1024.0)],
        Some(PrecisionPerformance {
            latency_ms: Reading::Number(40.0),
            eon: memory(6144.0, 30_000.0),
            tflite: memory(1.0, 1.0),
            eon_ram_optimized: memory(1.0, 1.0),
        }),
    );
    let f = figures(&eon, Precision::Int8);
    assert_eq!(f.memory_source.map(|s| s.label()), Some("EON"));
    let a = assess(f, run_budget);
    assert_eq!(a.fit, Fit::Over, "ROM 30000 > 20480");
    let [lat, ram, rom] = bars(&a);
    assert_eq!(
        (lat.level, lat.text.as_str()),
        (Level::Near, "90 ms of 100 ms (90 %)")
    );
    assert_eq!((lat.dsp_width, lat.model_width), (50.0, 40.0));
    assert_eq!(lat.parts.as_deref(), Some("DSP 50 ms + model 40 ms"));
    assert_eq!(
        (ram.level, ram.text.as_str()),
        (Level::Near, "9 KiB of 10 KiB (90 %)")
    );
    assert_eq!(ram.parts.as_deref(), Some("DSP 3 KiB + model 6 KiB"));
    assert_eq!(rom.level, Level::Over);
    assert!((rom.model_width - 100.0).abs() < 1e-9 && rom.dsp_width == 0.0);

    // What-if: a roomier ROM and a tighter latency, field by field over the run's target.
    let what_if = run_budget.overridden_by(Budget {
        latency_ms: Some(80.0),
        rom: Some(40_960.0),
        ram: None,
    });
    let a = assess(f, what_if);
    assert_eq!(a.fit, Fit::Over, "latency 90 > 80 now");
    let [lat, ram, rom] = bars(&a);
    assert_eq!(
        (lat.level, ram.level, rom.level),
        (Level::Over, Level::Near, Level::Fits)
    );
    let roomy = run_budget.overridden_by(Budget {
        latency_ms: Some(1000.0),
        rom: Some(40_960.0),
        ram: None,
    });
    assert_eq!(assess(f, roomy).fit, Fit::Fits);

    // TFLite when EON has no memory figures; missing/zero budgets constrain nothing.
    let tflite = hand_made(
        &[],
        Some(PrecisionPerformance {
            latency_ms: Reading::Number(5.0),
            eon: Some(Memory::default()),
            tflite: memory(4096.0, 8192.0),
            eon_ram_optimized: None,
        }),
    );
    let f = figures(&tflite, Precision::Int8);
    assert_eq!(f.memory_source.map(|s| s.label()), Some("TFLite"));
    assert_eq!((f.ram, f.rom), (Some(4096.0), Some(8192.0)));
    let a = assess(f, Budget::default());
    assert_eq!(a.fit, Fit::Fits);
    for b in bars(&a) {
        assert_eq!(b.level, Level::NoBudget);
        assert!(b.text.ends_with("(no budget)"), "{}", b.text);
        assert_eq!((b.dsp_width, b.model_width), (0.0, 0.0));
    }

    // No device figures at all: unknown, never NaN, and each bar says which part is missing.
    let a = assess(
        figures(&hand_made(&[(3.0, 10.0)], None), Precision::Int8),
        run_budget,
    );
    assert_eq!(a.fit, Fit::Unknown);
    let texts: Vec<(Level, String)> = bars(&a).into_iter().map(|b| (b.level, b.text)).collect();
    assert_eq!(
        texts,
        [
            (Level::Unknown, "latency not reported".to_owned()),
            (Level::Unknown, "RAM not reported".to_owned()),
            (Level::Unknown, "ROM not reported".to_owned()),
        ]
    );
    for b in bars(&a) {
        assert!(b.dsp_width.is_finite() && b.model_width.is_finite());
        assert_eq!(b.parts, None, "no DSP/model split of an unknown figure");
    }
    assert_eq!(
        a.verdict_words(),
        "fit unknown: latency not reported, RAM not reported, ROM not reported"
    );
}

/// Pins the URL: every view setting survives a round trip, filters included; garbage in any
/// list-related parameter falls back to its default without disturbing the others.
#[test]
fn every_view_setting_round_trips_through_the_url() {
    let q = "project=7&job=9&interval=30&sort=rom&dir=desc&status=completed,failed&dsp=mfe,mfcc&learn=keras,anomaly&round=0,3,12&q=conv%26%3D%23+%E2%9C%93&fits=1&precision=float32&dataset=test&budget=lat:150,ram:90112,rom:65536.5&trial=2ef8278bddcb&compare=a,b,c&axis=rom&infeasible=1&color=round&tol=1.5&embed=1&origins=https://a.example&theme=light";
    let v = ViewState::from_query(q);
    assert_eq!(v.status, ["completed", "failed"]);
    assert_eq!(v.dsp, ["mfe", "mfcc"]);
    assert_eq!(v.learn, ["keras", "anomaly"]);
    assert_eq!(v.round, [0, 3, 12]);
    assert_eq!(v.q.as_deref(), Some("conv&=# ✓"));
    assert!(v.fits);
    assert_eq!(v.budget.rom, Some(65536.5));
    assert_eq!(v.trial.as_deref(), Some("2ef8278bddcb"));
    let again = ViewState::from_query(&v.to_query());
    assert_eq!(again, v);
    assert_eq!(again.to_query(), v.to_query(), "serialising is stable");

    let garbage = ViewState::from_query(
        "sort=fastest&dir=sideways&round=x,-1,2.5&fits=yes&precision=int4&dataset=train&budget=lat:0,ram:lots,rom:-1,bogus&status=,,&q=%20&trial=",
    );
    assert_eq!((garbage.sort, garbage.dir), (None, None));
    assert!(garbage.round.is_empty() && garbage.status.is_empty());
    assert!(!garbage.fits);
    assert_eq!((garbage.precision, garbage.dataset), (None, None));
    assert_eq!(garbage.budget, Budget::default());
    assert_eq!(
        (garbage.q.as_deref(), garbage.trial.as_deref()),
        (None, None)
    );
    assert_eq!(garbage.to_query(), "");
}

/// The snapshot diff on every consecutive pair of the recorded timeline (and one pair read
/// backwards, which removes trials): added / removed / changed / unchanged agree with a
/// comparison of the raw JSON trial objects by id, unchanged trials keep their shared
/// `Arc` (so their cards keep their DOM) and changed ones get the new snapshot's version.
#[test]
fn snapshot_diff_on_timeline_pairs_matches_the_raw_json() {
    use std::collections::HashMap;
    use std::sync::Arc;
    use tunerscope::derive::diff::{carry_forward, DiffCounts};

    fn raw_trials(name: &str) -> HashMap<String, serde_json::Value> {
        let json: serde_json::Value =
            serde_json::from_str(&native_support::fixture_text(name)).unwrap();
        json["trials"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["id"].as_str().unwrap().to_owned(), t.clone()))
            .collect()
    }
    let names: Vec<String> = (0..12).map(|i| format!("timeline/{i:03}.json")).collect();
    let mut pairs: Vec<(&str, &str)> = names
        .windows(2)
        .map(|w| (w[0].as_str(), w[1].as_str()))
        .collect();
    pairs.push((names[11].as_str(), names[3].as_str()));
    let mut seen_kinds = DiffCounts::default();
    for (before, after) in pairs {
        let (old_raw, new_raw) = (raw_trials(before), raw_trials(after));
        let expected = DiffCounts {
            added: new_raw.keys().filter(|k| !old_raw.contains_key(*k)).count(),
            removed: old_raw.keys().filter(|k| !new_raw.contains_key(*k)).count(),
            changed: new_raw
                .iter()
                .filter(|(k, v)| old_raw.get(*k).is_some_and(|o| o != *v))
                .count(),
            unchanged: new_raw
                .iter()
                .filter(|(k, v)| old_raw.get(*k) == Some(*v))
                .count(),
        };
        let (first, _) = carry_forward(&[], fixture(before).trials, 1);
        let (second, counts) = carry_forward(&first, fixture(after).trials, 2);
        assert_eq!(counts, expected, "{before} → {after}");
        for v in &second {
            let old = first.iter().find(|o| o.trial.key == v.trial.key);
            let same_json = old_raw.get(&v.trial.id) == new_raw.get(&v.trial.id);
            match old {
                Some(old) if same_json => {
                    assert!(Arc::ptr_eq(&old.trial, &v.trial), "{after}: {}", v.trial.id);
                    assert_eq!(v.version, 1);
                }
                _ => assert_eq!(v.version, 2, "{after}: {}", v.trial.id),
            }
        }
        seen_kinds.added += counts.added;
        seen_kinds.removed += counts.removed;
        seen_kinds.changed += counts.changed;
        seen_kinds.unchanged += counts.unchanged;
    }
    // The pairs exercise every kind. Totals from a Python comparison of the same files:
    // forwards 12 added / 62 changed / 22 unchanged; 011 → 003: 4 removed, 8 changed.
    assert_eq!(
        seen_kinds,
        DiffCounts {
            added: 12,
            removed: 4,
            changed: 70,
            unchanged: 22,
        }
    );
}

/// The reusing parser (what a live poll uses) gives the same run and trials as the plain
/// parser on every timeline pair, every fixture and the 2,000-trial run; it reuses exactly
/// the trials whose JSON text did not change, and its diff counts are the plain diff's.
#[test]
fn reusing_parser_matches_the_plain_parser() {
    use std::sync::Arc;
    use tunerscope::derive::diff::{carry_forward, carry_forward_read, known_trials};
    use tunerscope::model::convert::{parse_state_reusing, text_hash};
    use tunerscope::model::parse_state;

    let same_trials = |reused: &[Arc<Trial>], plain: &[Trial], what: &str| {
        assert_eq!(reused.len(), plain.len(), "{what}");
        for (a, b) in reused.iter().zip(plain) {
            assert_eq!(**a, *b, "{what}: {}", b.id);
        }
    };
    // Alone (nothing known): the same as the plain parser.
    let mut names: Vec<String> = [
        "completed.json",
        "running-mid.json",
        "hostile.json",
        "large-2000.json.gz",
    ]
    .map(String::from)
    .to_vec();
    names.extend((0..12).map(|i| format!("timeline/{i:03}.json")));
    for name in &names {
        let text = native_support::fixture_text(name);
        let plain = parse_state(&text).unwrap();
        let (run, read) = parse_state_reusing(&text, &Default::default()).unwrap();
        assert!(run.trials.is_empty());
        assert_eq!(
            Run {
                trials: plain.trials.clone(),
                ..run
            },
            plain,
            "{name}"
        );
        let read: Vec<Arc<Trial>> = read.into_iter().map(|r| r.trial).collect();
        same_trials(&read, &plain.trials, name);
    }
    // After a previous snapshot: unchanged trials are the previous `Arc`s, not parsed again.
    for pair in names[4..].windows(2) {
        let (before, after) = (pair[0].as_str(), pair[1].as_str());
        let old_text = native_support::fixture_text(before);
        let new_text = native_support::fixture_text(after);
        let (_, first_read) = parse_state_reusing(&old_text, &Default::default()).unwrap();
        let (first, _) = carry_forward_read(&[], first_read, 1);
        let (_, read) = parse_state_reusing(&new_text, &known_trials(&first)).unwrap();
        let old_json: serde_json::Value = serde_json::from_str(&old_text).unwrap();
        let new_json: serde_json::Value = serde_json::from_str(&new_text).unwrap();
        let unchanged_text = new_json["trials"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .filter(|(i, t)| old_json["trials"].get(*i) == Some(*t))
            .count();
        assert_eq!(
            read.iter().filter(|r| r.reused).count(),
            unchanged_text,
            "{after}"
        );
        for r in read.iter().filter(|r| r.reused) {
            assert!(first.iter().any(|v| Arc::ptr_eq(&v.trial, &r.trial)));
        }
        let plain = parse_state(&new_text).unwrap();
        let trials: Vec<Arc<Trial>> = read.iter().map(|r| r.trial.clone()).collect();
        same_trials(&trials, &plain.trials, after);
        let (_, counts) = carry_forward_read(&first, read, 2);
        let (plain_first, _) = carry_forward(&[], parse_state(&old_text).unwrap().trials, 1);
        let (_, plain_counts) = carry_forward(&plain_first, plain.trials, 2);
        assert_eq!(counts, plain_counts, "{before} → {after}");
    }
    // One changed byte changes the hash.
    assert_ne!(text_hash(r#"{"a":1}"#), text_hash(r#"{"a":2}"#));
    assert_ne!(text_hash("12345678x"), text_hash("12345678"));
}
