//! Property tests of the parser and the numbers shown: whatever the server, a proxy or a
//! broken disk sends, parsing returns `Ok` or a typed error (never panics), and no derived
//! figure reaches the user as NaN or infinity.
//!
//! The normal test run tries a bounded number of cases; a long run:
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz_model`.
#![cfg(not(target_arch = "wasm32"))]

mod native_support;
use native_support::fixture_text as fixture;
use tunerscope::vocab::{Budget, Dataset, Precision};

use proptest::prelude::*;
use serde_json::Value;
use tunerscope::derive::budget::{accuracy, assess, figures};
use tunerscope::derive::budget_bars::bars;
use tunerscope::derive::format;
use tunerscope::model::{parse_response, parse_state, Run};

/// Everything the page would show for `run` must be real numbers and readable text.
fn assert_shown_numbers_are_sane(run: &Run) {
    let budget = Budget::of_config(&run.config);
    for t in &run.trials {
        for p in [Precision::Int8, Precision::Float32] {
            let a = assess(figures(t, p), budget);
            for u in [a.latency, a.ram, a.rom] {
                assert!(u.value.is_none_or(f64::is_finite), "figure {:?}", u.value);
                assert!(
                    u.value.is_none_or(|v| v >= 0.0),
                    "negative figure {:?}",
                    u.value
                );
                assert!(u.fraction().is_none_or(f64::is_finite));
            }
            // The card's words: a number or which part is unknown, never NaN or ∞.
            for b in bars(&a) {
                assert_readable(&b.text);
            }
            assert_readable(&a.verdict_words());
            for d in [Dataset::Validation, Dataset::Test] {
                if let Some(acc) = accuracy(t, d, p) {
                    assert!(acc.is_finite());
                    assert_readable(&format::percent(acc));
                }
            }
        }
    }
}

fn assert_readable(text: &str) {
    assert!(!text.is_empty());
    for bad in ["NaN", "inf"] {
        assert!(!text.contains(bad), "{text:?} contains {bad}");
    }
}

/// One structural mutation applied at a pseudo-random place in the JSON tree.
#[derive(Clone, Debug)]
enum Mutation {
    Drop,
    Null,
    SwapType,
    UnknownEnum,
    Number(f64),
    LongString,
    DeepNesting,
    NullEverything,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Drop),
        Just(Mutation::Null),
        Just(Mutation::SwapType),
        Just(Mutation::UnknownEnum),
        prop_oneof![
            Just(1e308),
            Just(-1e308),
            Just(-1.0),
            Just(0.5),
            Just(-0.0),
            Just(9007199254740993.0),
            Just(5e-324)
        ]
        .prop_map(Mutation::Number),
        Just(Mutation::LongString),
        Just(Mutation::DeepNesting),
        Just(Mutation::NullEverything),
    ]
}

/// Applies `m` to the node reached by following `path` (indices taken modulo the size).
fn mutate(v: &mut Value, path: &[usize], m: &Mutation) {
    if let Mutation::NullEverything = m {
        null_leaves(v, path.first().copied().unwrap_or(0));
        return;
    }
    let (Some(&step), rest) = (path.first(), &path[path.len().min(1)..]) else {
        return apply(v, m);
    };
    match v {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(step % map.len()).cloned().unwrap();
            if rest.is_empty() || step % 5 == 0 {
                if let Mutation::Drop = m {
                    map.remove(&key);
                } else {
                    apply(map.get_mut(&key).unwrap(), m);
                }
            } else {
                mutate(map.get_mut(&key).unwrap(), rest, m);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = step % items.len();
            if rest.is_empty() {
                if let Mutation::Drop = m {
                    items.remove(i);
                } else {
                    apply(&mut items[i], m);
                }
            } else {
                mutate(&mut items[i], rest, m);
            }
        }
        _ => apply(v, m),
    }
}

fn apply(v: &mut Value, m: &Mutation) {
    *v = match (m, &*v) {
        (Mutation::Null | Mutation::Drop, _) => Value::Null,
        (Mutation::SwapType, Value::String(_)) => Value::from(42),
        (Mutation::SwapType, Value::Number(_)) => Value::from("42"),
        (Mutation::SwapType, Value::Bool(b)) => Value::from(if *b { "yes" } else { "no" }),
        (Mutation::SwapType, Value::Array(_)) => Value::from("[]"),
        (Mutation::SwapType, Value::Object(_)) => Value::Array(vec![Value::from(1)]),
        (Mutation::SwapType, Value::Null) => Value::Object(Default::default()),
        (Mutation::UnknownEnum, _) => Value::from("quantum-annealing"),
        (Mutation::Number(n), _) => serde_json::Number::from_f64(*n)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        (Mutation::LongString, _) => Value::from("\u{202e}<script>x</script>".repeat(2_000)),
        (Mutation::DeepNesting, _) => {
            let mut deep = Value::from(1);
            for _ in 0..100 {
                deep = Value::Array(vec![deep]);
            }
            deep
        }
        (Mutation::NullEverything, _) => Value::Null,
    };
}

/// Nulls every leaf of one in `every` subtrees (all optional fields gone at once).
fn null_leaves(v: &mut Value, seed: usize) {
    match v {
        Value::Object(map) => map.values_mut().enumerate().for_each(|(i, c)| {
            if !(i + seed).is_multiple_of(3) {
                null_leaves(c, seed)
            }
        }),
        Value::Array(items) => items.iter_mut().for_each(|c| null_leaves(c, seed)),
        leaf => *leaf = Value::Null,
    }
}

/// `text` read by the fast path and by serde alone: the same run, or the same error.
fn assert_reads_the_same_both_ways(text: &str) {
    use tunerscope::model::convert::parse_state_reusing;
    let known = Default::default();
    let fast = format!("{:?}", parse_state_reusing(text, &known));
    let plain_text = text.replacen("\"trials\"", "\"tri\\u0061ls\"", 1);
    let plain = format!("{:?}", parse_state_reusing(&plain_text, &known));
    if fast.starts_with("Err") && plain.starts_with("Err") {
        // The escape moves what follows the key by five columns: compare without positions.
        let words = |e: &str| e.replace(|c: char| c.is_ascii_digit(), "");
        assert_eq!(words(&fast), words(&plain), "{text}");
    } else {
        assert_eq!(fast, plain, "{text}");
    }
}

#[test]
fn every_fixture_reads_the_same_both_ways() {
    for file in [
        "completed.json",
        "creating.json",
        "running-early.json",
        "running-mid.json",
        "job-error.json",
        "hostile.json",
        "seed-example.json",
        "compare-board.json",
        "large-2000.json.gz",
    ] {
        let text = fixture(file);
        // The fast path applies to every real body (else this compares serde with itself).
        assert!(
            tunerscope::model::scan::top_level_array(&text, "trials").is_some(),
            "{file}: the trials are split by scan"
        );
        assert_reads_the_same_both_ways(&text);
    }
    // Items that are not objects, a list that is not a list, a body cut inside a trial.
    for text in [
        r#"{"success":true,"config":{},"status":{},"trials":[1,{"id":"a"},"x",null]}"#,
        r#"{"success":true,"config":{},"status":{},"trials":[1x,{"id":"a"}]}"#,
        r#"{"success":true,"config":{},"status":{},"trials":null}"#,
        r#"{"success":true,"config":{},"status":{},"trials":[{"id":"a","name":"b\x"}]}"#,
        r#"{"success":true,"config":{},"status":{},"trials":[{"id":"a"}],"trials":[]}"#,
        r#"{"success":true,"config":{},"status":{},"trials":[{"id":"a"#,
    ] {
        assert_reads_the_same_both_ways(text);
    }
}

/// Any JSON value, with strings full of what a boundary scanner could trip on.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[\\[\\]{}\",:\\\\a-z \u{1}\u{e9}\u{1F600}]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec(("[a-z\\[\\]{}\"]{0,6}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The fast path (the trials split by `scan`) and serde over the whole body read the same
    /// run or fail with the same error, whatever was spliced into a real body. (Spelling the
    /// `trials` key with an escape makes the scanner give up: serde reads the whole body.)
    #[test]
    fn spliced_bodies_read_the_same_both_ways(file in prop_oneof![Just("running-early.json"), Just("timeline/011.json")], cut in 0usize..40_000, junk in "[\\[\\]{}\",:0-9a-z\\\\ ]{0,40}") {
        let body = fixture(file);
        let cut = cut.min(body.len());
        let cut = (0..=cut).rev().find(|&i| body.is_char_boundary(i)).unwrap_or(0);
        let text = format!("{}{junk}{}", &body[..cut], &body[cut..]);
        assert_reads_the_same_both_ways(&text);
    }

    /// The trial splitter finds exactly the items serde finds, written compactly or pretty.
    #[test]
    fn array_items_split_where_serde_does(items in proptest::collection::vec(json_value(), 0..8), pretty in any::<bool>()) {
        let array = Value::Array(items);
        let text = if pretty { serde_json::to_string_pretty(&array) } else { serde_json::to_string(&array) }.unwrap();
        let ours = tunerscope::model::scan::array_items(&text).expect("a valid array is split");
        let theirs: Vec<&serde_json::value::RawValue> = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(ours, theirs.iter().map(|r| r.get()).collect::<Vec<_>>());
    }

    /// Arbitrary bytes: a typed error or a run, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), status in prop_oneof![Just(200u16), Just(401), Just(404), Just(500), Just(502), any::<u16>()]) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_response(status, &text);
        if let Ok(run) = parse_state(&text) {
            assert_shown_numbers_are_sane(&run);
        }
    }

    /// JSON-ish text near the real shape: prefixes, splices and junk around a real body.
    #[test]
    fn spliced_fixtures_never_panic(cut in 0usize..30_000, junk in "[\\[\\]{}\",:0-9a-z\\\\ ]{0,40}") {
        let body = fixture("running-early.json");
        let cut = cut.min(body.len());
        let cut = (0..=cut).rev().find(|&i| body.is_char_boundary(i)).unwrap_or(0);
        let text = format!("{}{junk}{}", &body[..cut], &body[cut..]);
        if let Ok(run) = parse_state(&text) {
            assert_shown_numbers_are_sane(&run);
        }
    }

    /// Structured mutations of every small public fixture.
    #[test]
    fn mutated_fixtures_parse_or_fail_cleanly(
        file in prop_oneof![Just("creating.json"), Just("running-early.json"), Just("seed-example.json"), Just("timeline/007.json"), Just("timeline/011.json")],
        edits in proptest::collection::vec((proptest::collection::vec(any::<usize>(), 1..7), mutation()), 1..6),
    ) {
        let mut value: Value = serde_json::from_str(&fixture(file)).unwrap();
        for (path, m) in &edits {
            mutate(&mut value, path, m);
        }
        let text = value.to_string();
        match parse_state(&text) {
            Ok(run) => assert_shown_numbers_are_sane(&run),
            Err(e) => assert!(!e.detail.is_empty()),
        }
    }

    /// Any f64 formats to readable text.
    #[test]
    fn any_number_formats_readably(bits in any::<u64>()) {
        let v = f64::from_bits(bits);
        for text in [format::number(v, 2), format::bytes(v), format::millis(v), format::percent(v), format::duration_s(v)] {
            if v.is_finite() || text == format::MISSING {
                assert_readable(&text);
            } else {
                panic!("non-finite {v} formatted as {text:?}");
            }
        }
    }
}

/// The edge numbers the issue names, explicitly.
#[test]
fn edge_numbers_format_readably() {
    for v in [
        -0.0,
        1e308,
        5e-324,
        9_007_199_254_740_993.0,
        f64::MAX,
        f64::MIN_POSITIVE,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        for text in [
            format::number(v, 2),
            format::bytes(v),
            format::millis(v),
            format::percent(v),
            format::duration_s(v),
        ] {
            assert_readable(&text);
            assert!(text.chars().count() < 24, "{v}: {text:?} is not short");
        }
    }
}
