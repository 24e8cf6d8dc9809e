//! Fit verdicts on irregular but realistic figures (issue 12, CONTRACT.md "Default order and
//! fits"): a figure is known only when every part is a finite number ≥ 0 (numeric text is
//! read as its number); a missing or invalid part makes the figure unknown, never 0.
//!
//! Every run here is JSON built in the test and read by the real parser
//! (`tunerscope::model::parse_state`), so the lenient reading of text, negatives and missing
//! `performance` is covered end to end, for int8 (EON figures) and for float32 with the
//! TFLite fallback (no shared fixture covers that path). Then every consumer of the verdict
//! is checked against the same answer: the card's words, fit counts, `fits=1`, the default
//! order, the best fit, the Pareto front, CSV `fits_budget` and the "new best" notification.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use tunerscope::charts::tradeoff::{describe, tradeoff};
use tunerscope::derive::budget::{assess, figures, Fit, Reading};
use tunerscope::derive::budget_bars::{bars, Level};
use tunerscope::derive::csv_export::{trials_csv, COLUMNS};
use tunerscope::derive::evaluation::evaluate_each;
use tunerscope::derive::notices::{notices, Digest};
use tunerscope::derive::order::best_fit;
use tunerscope::model::{parse_state, Run, Trial};
use tunerscope::view_state::ViewState;
use tunerscope::vocab::{Axis, Budget, Precision};

/// The run's target: 20 ms, 64 KiB RAM, 256 KiB ROM.
const LATENCY_BUDGET: f64 = 20.0;
const RAM_BUDGET: f64 = 65_536.0;
const ROM_BUDGET: f64 = 262_144.0;

/// Which precision a run is judged in, and where its model memory figures sit.
#[derive(Clone, Copy, Debug)]
struct Flavour {
    precision: Precision,
    /// "eon" for int8; "tflite" for float32, with `eon: null` so the fallback is taken.
    memory: &'static str,
}

const INT8_EON: Flavour = Flavour {
    precision: Precision::Int8,
    memory: "eon",
};
const FLOAT32_TFLITE: Flavour = Flavour {
    precision: Precision::Float32,
    memory: "tflite",
};

/// A completed trial: one DSP block (`dsp_performance` is its `performance`, or none when
/// `None`), the model's latency/RAM/ROM for the flavour's precision, and an accuracy.
fn trial(
    flavour: Flavour,
    id: &str,
    dsp_performance: Option<Value>,
    model: Value,
    accuracy: f64,
) -> Value {
    let p = flavour.precision.as_str();
    let mut dsp = json!({"block": {"id": 2, "type": "mfe", "title": "MFE"}, "config": {}});
    if let Some(perf) = dsp_performance {
        dsp["performance"] = perf;
    }
    let mut device = json!({ p: model });
    if flavour.memory == "tflite" {
        device[p]["eon"] = Value::Null;
    }
    json!({
        "id": id,
        "name": id,
        "status": "completed",
        "impulse": {
            "inputBlocks": [{"block": {"id": 1, "type": "time-series"}, "config": {}}],
            "dspBlocks": [dsp],
            "learnBlocks": [{"block": {"id": 3, "type": "keras"}, "config": {}}]
        },
        "devicePerformance": device,
        "metrics": {"validation": {p: {"accuracy": accuracy}}}
    })
}

/// The model's own figures for the flavour: `{latency, <memory>: {ramRequired, romRequired}}`.
fn model(flavour: Flavour, latency: Value, ram: Value, rom: Value) -> Value {
    json!({"latency": latency, flavour.memory: {"ramRequired": ram, "romRequired": rom}})
}

fn run_json(flavour: Flavour, trials: Vec<Value>) -> String {
    json!({
        "success": true,
        "config": {
            "name": "verdicts",
            "targetLatency": LATENCY_BUDGET,
            "targetDevice": {"name": "cortex-m4f-80mhz", "ram": RAM_BUDGET, "rom": ROM_BUDGET},
            "optimizationPrecision": flavour.precision.as_str(),
            "tuningMaxTrials": trials.len()
        },
        "status": {"numPendingTrials": 0, "numRunningTrials": 0,
                   "numCompletedTrials": trials.len(), "numFailedTrials": 0, "status": "completed"},
        "tunerJobIsRunning": false,
        "workers": [],
        "trials": trials
    })
    .to_string()
}

/// The six trials every consumer is checked on. The irregular ones are the most accurate,
/// so any consumer that mistakes them for fitting picks them first.
fn irregular_run(flavour: Flavour) -> Run {
    let m = |lat: Value| model(flavour, lat, json!(20_000), json!(100_000));
    let dsp = |lat: Value, ram: Value| Some(json!({"latency": lat, "ram": ram}));
    let trials = vec![
        // 5 + 10 ms, 1,000 + 20,000 B, 100,000 B: fits.
        trial(
            flavour,
            "fits",
            dsp(json!(5), json!(1000)),
            m(json!(10)),
            0.80,
        ),
        // The DSP block has no `performance`: DSP cost unknown, so latency and RAM unknown.
        trial(flavour, "no-dsp-perf", None, m(json!(10)), 0.95),
        // DSP latency sent as text: 500 + 10 = 510 ms, over a 20 ms budget.
        trial(
            flavour,
            "dsp-text-500",
            dsp(json!("500"), json!("1000")),
            m(json!(10)),
            0.94,
        ),
        // A negative model latency is invalid: latency unknown, not 5 − 15 = −10 ms.
        trial(
            flavour,
            "negative-model",
            dsp(json!(5), json!(1000)),
            m(json!(-15)),
            0.93,
        ),
        // The model's RAM is not sent (EON/TFLite still names its ROM): RAM unknown.
        trial(
            flavour,
            "no-model-ram",
            dsp(json!(5), json!(1000)),
            json!({"latency": 10, flavour.memory: {"romRequired": 100_000}}),
            0.91,
        ),
        // Known and over on RAM: 1,000 + 70,000 B > 64 KiB.
        trial(
            flavour,
            "over-ram",
            dsp(json!(5), json!(1000)),
            model(flavour, json!(10), json!(70_000), json!(100_000)),
            0.99,
        ),
    ];
    parse_state(&run_json(flavour, trials)).expect("the built run parses")
}

fn by_id<'a>(run: &'a Run, id: &str) -> &'a Trial {
    run.trials.iter().find(|t| t.id == id).unwrap()
}

fn verdict(run: &Run, id: &str, flavour: Flavour) -> Fit {
    assess(
        figures(by_id(run, id), flavour.precision),
        Budget::of_config(&run.config),
    )
    .fit
}

fn shown_ids(run: &Run, query: &str) -> Vec<String> {
    let list = ViewState::from_query(query).list_view(&run.trials, &run.config);
    list.shown
        .iter()
        .map(|&i| run.trials[i].id.clone())
        .collect()
}

const FLAVOURS: [Flavour; 2] = [INT8_EON, FLOAT32_TFLITE];

/// Pins the three wrong verdicts of issue 12 and the two right ones, in both flavours.
#[test]
fn each_irregular_figure_gets_the_contract_verdict() {
    for flavour in FLAVOURS {
        let run = irregular_run(flavour);
        let expected = [
            ("fits", Fit::Fits),
            ("no-dsp-perf", Fit::Unknown),
            ("dsp-text-500", Fit::Over),
            ("negative-model", Fit::Unknown),
            ("no-model-ram", Fit::Unknown),
            ("over-ram", Fit::Over),
        ];
        for (id, fit) in expected {
            assert_eq!(verdict(&run, id, flavour), fit, "{id} ({flavour:?})");
        }
        let text = figures(by_id(&run, "dsp-text-500"), flavour.precision);
        assert_eq!(
            (text.latency_ms, text.ram),
            (Some(510.0), Some(21_000.0)),
            "numeric text is read as its number ({flavour:?})"
        );
        let no_perf = figures(by_id(&run, "no-dsp-perf"), flavour.precision);
        assert_eq!(
            (no_perf.latency_ms, no_perf.ram, no_perf.rom),
            (None, None, Some(100_000.0)),
            "no DSP performance: latency and RAM unknown, ROM (model only) known ({flavour:?})"
        );
        let negative = figures(by_id(&run, "negative-model"), flavour.precision);
        assert_eq!(negative.latency_ms, None, "{flavour:?}");
    }
}

/// Pins fit counts, `fits=1`, the default order (fits → unknown → over, accuracy within) and
/// the best fit: the unknown and over trials are more accurate, and none of them wins.
#[test]
fn counts_filter_order_and_best_fit_follow_the_verdict() {
    for flavour in FLAVOURS {
        let run = irregular_run(flavour);
        let view = ViewState::from_query("");
        let list = view.list_view(&run.trials, &run.config);
        let count = |fit: Fit| list.evals.iter().filter(|e| e.fit() == fit).count();
        assert_eq!(
            (count(Fit::Fits), count(Fit::Unknown), count(Fit::Over)),
            (1, 3, 2),
            "{flavour:?}"
        );
        assert_eq!(shown_ids(&run, "fits=1"), ["fits"], "{flavour:?}");
        assert_eq!(
            shown_ids(&run, ""),
            [
                "fits",
                "no-dsp-perf",
                "negative-model",
                "no-model-ram",
                "over-ram",
                "dsp-text-500"
            ],
            "{flavour:?}"
        );
        let best = list.best.map(|i| run.trials[i].id.as_str());
        assert_eq!(best, Some("fits"), "{flavour:?}");
        assert_eq!(
            best_fit(&run.trials, &list.evals).map(|i| run.trials[i].id.as_str()),
            Some("fits")
        );
    }
}

/// Pins the Pareto front over fitting trials: on the ROM axis every trial is placed (ROM is
/// the model's own), and the more accurate unknown trials must not push "fits" off the front.
#[test]
fn pareto_front_counts_only_trials_that_fit() {
    for flavour in FLAVOURS {
        let run = irregular_run(flavour);
        let trials: Vec<&Trial> = run.trials.iter().collect();
        let lens = ViewState::default().lens(&run.config);
        let evals = evaluate_each(&trials, &lens);
        let chart = tradeoff(&trials, &evals, &lens, Axis::Rom, false);
        let optimal: Vec<&str> = chart
            .points
            .iter()
            .filter(|p| p.optimal)
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(optimal, ["fits"], "{flavour:?}");
        let fits_of = |id: &str| chart.points.iter().find(|p| p.id == id).map(|p| p.fit);
        assert_eq!(fits_of("no-dsp-perf"), Some(Fit::Unknown), "{flavour:?}");
        // On the latency axis a trial with unknown latency cannot be placed at all.
        let lat = tradeoff(&trials, &evals, &lens, Axis::Latency, true);
        let unplaced: Vec<&str> = lat
            .unplaced
            .iter()
            .map(|&i| run.trials[i].id.as_str())
            .collect();
        assert_eq!(unplaced, ["no-dsp-perf", "negative-model"], "{flavour:?}");
    }
}

/// Pins CSV `fits_budget` (and that an unknown figure is an empty cell, never 0).
#[test]
fn csv_fits_budget_follows_the_verdict() {
    for flavour in FLAVOURS {
        let run = irregular_run(flavour);
        let csv = trials_csv(
            &run.trials,
            Budget::of_config(&run.config),
            flavour.precision,
        );
        let column = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
        let rows: Vec<Vec<&str>> = csv
            .split("\r\n")
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(|l| l.split(',').collect())
            .collect();
        let cell = |id: &str, name: &str| {
            rows.iter().find(|r| r[0] == id).unwrap()[column(name)].to_owned()
        };
        let latency = format!("latency_ms_{}", flavour.precision.as_str());
        for (id, fits, lat) in [
            ("fits", "yes", "15"),
            ("no-dsp-perf", "unknown", ""),
            ("dsp-text-500", "no", "510"),
            ("negative-model", "unknown", ""),
            ("no-model-ram", "unknown", "15"),
            ("over-ram", "no", "15"),
        ] {
            assert_eq!(cell(id, "fits_budget"), fits, "{id} ({flavour:?})");
            assert_eq!(cell(id, &latency), lat, "{id} ({flavour:?})");
        }
    }
}

/// Pins the notification: "new best trial that fits" names the fitting trial, never the more
/// accurate one whose DSP cost is unknown. The digest is built as `live_source` builds it
/// (`best_fit` over the evaluated list).
#[test]
fn new_best_notification_names_only_a_fitting_trial() {
    for flavour in FLAVOURS {
        let run = irregular_run(flavour);
        let list = ViewState::default().list_view(&run.trials, &run.config);
        let digest = |best: Option<usize>| Digest {
            run_name: "verdicts".into(),
            live: true,
            failed: false,
            best: best.map(|i| {
                let t = &run.trials[i];
                (
                    t.key.clone(),
                    t.display_name(),
                    list.evals[i].accuracy.unwrap(),
                )
            }),
        };
        let news = notices(Some(&digest(None)), &digest(list.best));
        assert_eq!(news.len(), 1, "{flavour:?}");
        assert_eq!(news[0].body, "fits: 80 % (verdicts)", "{flavour:?}");
    }
}

/// Pins the card's words: each bar of an unknown figure says which part is unknown instead
/// of a number, the footer says why the fit is unknown, and known figures keep their numbers.
#[test]
fn the_card_says_which_part_is_unknown() {
    for flavour in FLAVOURS {
        let run = irregular_run(flavour);
        let lens = ViewState::default().lens(&run.config);
        let card = |id: &str| {
            let a = assess(figures(by_id(&run, id), flavour.precision), lens.budget);
            let texts: Vec<(Level, String)> =
                bars(&a).into_iter().map(|b| (b.level, b.text)).collect();
            (texts, a.verdict_words())
        };
        let (bars_no_perf, verdict) = card("no-dsp-perf");
        assert_eq!(
            bars_no_perf,
            [
                (Level::Unknown, "DSP cost unknown".to_owned()),
                (Level::Unknown, "DSP cost unknown".to_owned()),
                (Level::Fits, "98 KiB of 256 KiB (38.1 %)".to_owned()),
            ],
            "{flavour:?}"
        );
        assert_eq!(verdict, "fit unknown: DSP cost unknown", "{flavour:?}");

        let (bars_negative, verdict) = card("negative-model");
        assert_eq!(
            bars_negative[0],
            (Level::Unknown, "invalid latency".to_owned())
        );
        assert_eq!(bars_negative[1].0, Level::Fits, "RAM is still known");
        assert_eq!(verdict, "fit unknown: invalid latency", "{flavour:?}");

        let (bars_ram, verdict) = card("no-model-ram");
        assert_eq!(bars_ram[1], (Level::Unknown, "RAM not reported".to_owned()));
        assert_eq!(verdict, "fit unknown: RAM not reported", "{flavour:?}");

        let (bars_text, verdict) = card("dsp-text-500");
        assert_eq!(
            bars_text[0],
            (Level::Over, "510 ms of 20 ms (2550 %)".to_owned()),
            "{flavour:?}"
        );
        assert_eq!(verdict, "✕ over budget");

        // The chart tooltip gives the same verdict in the same words.
        let trial = by_id(&run, "no-dsp-perf");
        let tooltip = describe(trial, &evaluate_each(&[trial], &lens)[0], &lens);
        assert_eq!(
            tooltip.last().map(String::as_str),
            Some("fit unknown: DSP cost unknown")
        );
        assert!(tooltip[2].starts_with("latency —"), "{tooltip:?}");
    }
}

/// Where a budget part sits in a trial's JSON.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Slot {
    DspLatency,
    DspRam,
    ModelLatency,
    ModelRam,
    ModelRom,
}

const SLOTS: [Slot; 5] = [
    Slot::DspLatency,
    Slot::DspRam,
    Slot::ModelLatency,
    Slot::ModelRam,
    Slot::ModelRom,
];

/// A trial whose parts are all 1, except `slot`, which is `raw` (`None`: the key is absent).
fn trial_with(flavour: Flavour, slot: Slot, raw: Option<Value>) -> Trial {
    let mut t = trial(
        flavour,
        "t",
        Some(json!({"latency": 1, "ram": 1})),
        model(flavour, json!(1), json!(1), json!(1)),
        0.5,
    );
    let p = flavour.precision.as_str();
    let (object, key) = match slot {
        Slot::DspLatency => (&mut t["impulse"]["dspBlocks"][0]["performance"], "latency"),
        Slot::DspRam => (&mut t["impulse"]["dspBlocks"][0]["performance"], "ram"),
        Slot::ModelLatency => (&mut t["devicePerformance"][p], "latency"),
        Slot::ModelRam => (
            &mut t["devicePerformance"][p][flavour.memory],
            "ramRequired",
        ),
        Slot::ModelRom => (
            &mut t["devicePerformance"][p][flavour.memory],
            "romRequired",
        ),
    };
    let object = object.as_object_mut().unwrap();
    match raw {
        Some(v) => object.insert(key.to_owned(), v),
        None => object.remove(key),
    };
    let run = parse_state(&run_json(flavour, vec![t])).unwrap();
    run.trials.into_iter().next().unwrap()
}

/// The part the parser read into `slot`.
fn read(t: &Trial, flavour: Flavour, slot: Slot) -> Reading {
    let perf = match flavour.precision {
        Precision::Int8 => t.device.int8.as_ref(),
        Precision::Float32 => t.device.float32.as_ref(),
    }
    .unwrap();
    let memory = perf.eon.as_ref().or(perf.tflite.as_ref()).unwrap();
    match slot {
        Slot::DspLatency => t.dsp[0].latency_ms,
        Slot::DspRam => t.dsp[0].ram,
        Slot::ModelLatency => perf.latency_ms,
        Slot::ModelRam => memory.ram,
        Slot::ModelRom => memory.rom,
    }
}

/// Pins the lenient reading of every budget part, DSP (free-form impulse entries) and model
/// (`devicePerformance`) alike: numbers and numeric text are numbers; negatives, NaN,
/// infinities, other text, booleans and lists are invalid; absent and `null` are missing.
#[test]
fn every_budget_part_is_read_by_one_rule() {
    let cases: Vec<(Option<Value>, Reading)> = vec![
        (Some(json!(5)), Reading::Number(5.0)),
        (Some(json!(0)), Reading::Number(0.0)),
        (Some(json!(-0.0)), Reading::Number(0.0)),
        (Some(json!(2.5)), Reading::Number(2.5)),
        (Some(json!("500")), Reading::Number(500.0)),
        (Some(json!(" 7.5 ")), Reading::Number(7.5)),
        (Some(json!("1e3")), Reading::Number(1000.0)),
        (Some(json!(-15)), Reading::Invalid),
        (Some(json!(-0.001)), Reading::Invalid),
        (Some(json!("-15")), Reading::Invalid),
        (Some(json!("NaN")), Reading::Invalid),
        (Some(json!("inf")), Reading::Invalid),
        (Some(json!("-Infinity")), Reading::Invalid),
        (Some(json!("12 ms")), Reading::Invalid),
        (Some(json!("")), Reading::Invalid),
        (Some(json!(true)), Reading::Invalid),
        (Some(json!([5])), Reading::Invalid),
        (Some(json!({"value": 5})), Reading::Invalid),
        (Some(Value::Null), Reading::Missing),
        (None, Reading::Missing),
    ];
    for flavour in FLAVOURS {
        for slot in SLOTS {
            for (raw, expected) in &cases {
                let t = trial_with(flavour, slot, raw.clone());
                assert_eq!(
                    read(&t, flavour, slot),
                    *expected,
                    "{raw:?} at {slot:?} ({flavour:?})"
                );
            }
        }
    }
}

/// How a part goes wrong in the property below.
#[derive(Clone, Debug)]
enum Flaw {
    /// The key is absent.
    MissingKey,
    Null,
    Negative(f64),
    /// Text that is not a finite number ≥ 0: "NaN", "inf", "12 ms", …
    Text(&'static str),
    Bool,
    /// The whole object is absent: the DSP block's `performance`, or the model's
    /// `devicePerformance[precision]`.
    MissingObject,
}

fn flaw() -> impl Strategy<Value = Flaw> {
    prop_oneof![
        Just(Flaw::MissingKey),
        Just(Flaw::Null),
        (1e-9f64..1e9).prop_map(|v| Flaw::Negative(-v)),
        prop::sample::select(vec![
            "NaN", "nan", "inf", "-inf", "Infinity", "12 ms", "", "five", "-3", "1e999"
        ])
        .prop_map(Flaw::Text),
        Just(Flaw::Bool),
        Just(Flaw::MissingObject),
    ]
}

/// A valid part: a number, or the same number as text (both must be read alike).
fn valid_part() -> impl Strategy<Value = Value> {
    (0u32..100, any::<bool>()).prop_map(
        |(v, text)| {
            if text {
                json!(v.to_string())
            } else {
                json!(v)
            }
        },
    )
}

/// A run of one completed trial with `dsp_blocks` DSP blocks; every part valid and well
/// within the budget (1 s, 1 GB, 1 GB), except `flaw` (if any) at `slot` of block `which`.
fn property_trial(
    flavour: Flavour,
    dsp_parts: &[(Value, Value)],
    model_parts: (Value, Value, Value),
    flawed: Option<(Slot, usize, Flaw)>,
) -> (Run, Trial) {
    let p = flavour.precision.as_str();
    let blocks: Vec<Value> = dsp_parts
        .iter()
        .map(|(lat, ram)| {
            json!({"block": {"type": "mfe"}, "config": {}, "performance": {"latency": lat, "ram": ram}})
        })
        .collect();
    let (lat, ram, rom) = model_parts;
    let mut t = trial(flavour, "t", None, model(flavour, lat, ram, rom), 0.5);
    t["impulse"]["dspBlocks"] = Value::Array(blocks);
    if let Some((slot, which, flaw)) = flawed {
        let which = which % dsp_parts.len();
        let (object_path, key): (Vec<Value>, &str) = match slot {
            Slot::DspLatency => (
                vec![
                    json!("impulse"),
                    json!("dspBlocks"),
                    json!(which),
                    json!("performance"),
                ],
                "latency",
            ),
            Slot::DspRam => (
                vec![
                    json!("impulse"),
                    json!("dspBlocks"),
                    json!(which),
                    json!("performance"),
                ],
                "ram",
            ),
            Slot::ModelLatency => (vec![json!("devicePerformance"), json!(p)], "latency"),
            Slot::ModelRam => (
                vec![json!("devicePerformance"), json!(p), json!(flavour.memory)],
                "ramRequired",
            ),
            Slot::ModelRom => (
                vec![json!("devicePerformance"), json!(p), json!(flavour.memory)],
                "romRequired",
            ),
        };
        let (parent_path, object_key) = object_path.split_at(object_path.len() - 1);
        let mut parent = &mut t;
        for step in parent_path {
            parent = match step {
                Value::String(k) => &mut parent[k.as_str()],
                Value::Number(i) => &mut parent[i.as_u64().unwrap() as usize],
                _ => unreachable!(),
            };
        }
        let object_key = object_key[0].as_str().unwrap();
        match flaw {
            Flaw::MissingObject => {
                // The DSP block's `performance`, or the whole `devicePerformance[p]`.
                let (holder, k) = match slot {
                    Slot::DspLatency | Slot::DspRam => (parent, object_key),
                    _ => (&mut t["devicePerformance"], p),
                };
                holder.as_object_mut().unwrap().remove(k);
            }
            flaw => {
                let object = parent[object_key].as_object_mut().unwrap();
                let raw = match flaw {
                    Flaw::MissingKey => None,
                    Flaw::Null => Some(Value::Null),
                    Flaw::Negative(v) => Some(json!(v)),
                    Flaw::Text(text) => Some(json!(text)),
                    Flaw::Bool => Some(json!(false)),
                    Flaw::MissingObject => unreachable!(),
                };
                match raw {
                    Some(v) => object.insert(key.to_owned(), v),
                    None => object.remove(key),
                };
            }
        }
    }
    let run = parse_state(&run_json_with_budget(flavour, t)).unwrap();
    let trial = run.trials[0].clone();
    (run, trial)
}

/// [`run_json`] for one trial, with a budget nothing valid here can exceed.
fn run_json_with_budget(flavour: Flavour, trial: Value) -> String {
    let mut run: Value = serde_json::from_str(&run_json(flavour, vec![trial])).unwrap();
    run["config"]["targetLatency"] = json!(1000);
    run["config"]["targetDevice"] = json!({"ram": 1e9, "rom": 1e9});
    run.to_string()
}

fn slot() -> impl Strategy<Value = Slot> {
    prop::sample::select(SLOTS.to_vec())
}

fn flavour() -> impl Strategy<Value = Flavour> {
    prop::sample::select(FLAVOURS.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The property of issue 12: a trial never fits when any part of a budgeted figure is
    /// missing or invalid, whichever part, whichever DSP block, in either flavour; and the
    /// same trial with every part valid (numbers or numeric text) does fit.
    #[test]
    fn never_fits_with_a_missing_or_invalid_part(
        flavour in flavour(),
        dsp_parts in prop::collection::vec((valid_part(), valid_part()), 1..4),
        model_parts in (valid_part(), valid_part(), valid_part()),
        slot in slot(),
        which in 0usize..4,
        flaw in flaw(),
    ) {
        let (run, clean) = property_trial(flavour, &dsp_parts, model_parts.clone(), None);
        let budget = Budget::of_config(&run.config);
        prop_assert_eq!(assess(figures(&clean, flavour.precision), budget).fit, Fit::Fits);

        let (_, flawed) = property_trial(
            flavour, &dsp_parts, model_parts, Some((slot, which, flaw.clone())));
        let a = assess(figures(&flawed, flavour.precision), budget);
        prop_assert_eq!(a.fit, Fit::Unknown, "{:?} at {:?} ({:?})", flaw, slot, flavour);
        let why = a.why_unknown().unwrap_or_default();
        prop_assert!(
            why.contains("unknown") || why.contains("not reported") || why.contains("invalid"),
            "{}", why
        );
        let list = ViewState::default().list_view(&run.trials, &run.config);
        prop_assert_eq!(list.best, Some(0), "the clean trial is the best fit");
    }
}
