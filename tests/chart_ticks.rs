//! Tick labels read distinctly and in order at every range (issue 12: a run with one
//! completed trial at 2 ms drew "1.9 ms, 1.9 ms, 2 ms, 2 ms, 2.1 ms, 2.1 ms").
//!
//! The property runs the same path a chart takes (`AxisSpec::fit` → scale → ticks →
//! `tick_labels`) over any finite domain, for every numeric format, linear and log, and
//! reads each label back as a number: labels are pairwise distinct, ascending, and each is
//! within a tenth of the distance to its neighbouring tick (so a label never names a
//! neighbour's value).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use tunerscope::charts::plot::{project, AxisSpec, Frame, Mark, PlotData, Shape, TickFormat};

/// The label read back as a number in the axis's data unit; `None` if it does not parse.
fn read_back(format: TickFormat, label: &str) -> Option<f64> {
    let (number, unit) = label.split_once(' ').unwrap_or((label, ""));
    if unit == "%" {
        // Read `m e x %` as `m e (x - 2)`: huge percentages would overflow as numbers.
        let shifted = match number.split_once('e') {
            Some((m, e)) => format!("{m}e{}", e.parse::<i32>().ok()? - 2),
            None => return number.parse::<f64>().ok().map(|n| n / 100.0),
        };
        return shifted.parse().ok();
    }
    let n: f64 = number.parse().ok()?;
    let scale = match (format, unit) {
        (TickFormat::Number, "") => 1.0,
        (TickFormat::Millis, "ms") => 1.0,
        (TickFormat::Millis, "s") => 1000.0,
        (TickFormat::Bytes, "B") => 1.0,
        (TickFormat::Bytes, "KiB") => 1024.0,
        (TickFormat::Bytes, "MiB") => 1024f64.powi(2),
        (TickFormat::Bytes, "GiB") => 1024f64.powi(3),
        (TickFormat::Bytes, "TiB") => 1024f64.powi(4),
        _ => return None,
    };
    Some(n * scale)
}

/// Checks one axis; returns the labels for further checks.
fn check(format: TickFormat, log: bool, lo: f64, hi: f64, count: usize) -> Vec<(f64, String)> {
    let axis = AxisSpec::fit("x", format, log, [lo, hi], &[]);
    let scale = axis.scale((58.0, 610.0));
    let ticks = axis.ticks(&scale, count);
    let labelled = axis.tick_labels(&ticks);
    let context = format!("{format:?} log={log} [{lo:e}, {hi:e}] count={count}: {labelled:?}");
    assert!(
        !labelled.is_empty() || ticks.is_empty(),
        "every tick dropped: {context}"
    );
    for (i, (v, text)) in labelled.iter().enumerate() {
        assert!(v.is_finite(), "{context}");
        for (w, other) in &labelled[..i] {
            assert!(w < v, "tick values ascend: {context}");
            assert_ne!(text, other, "labels are distinct: {context}");
        }
        assert!(
            !text.contains("unknown") && !text.contains("NaN") && !text.contains("inf"),
            "{context}"
        );
    }
    // Read back (not for elapsed times, whose labels are words).
    if format != TickFormat::Elapsed {
        let read: Vec<f64> = labelled
            .iter()
            .map(|(_, t)| {
                read_back(format, t).unwrap_or_else(|| panic!("unreadable {t:?}: {context}"))
            })
            .collect();
        for i in 0..labelled.len() {
            let v = labelled[i].0;
            if i > 0 {
                assert!(read[i - 1] < read[i], "labels ascend: {context}");
            }
            let gaps = [
                i.checked_sub(1).map(|j| v - labelled[j].0),
                labelled.get(i + 1).map(|(w, _)| w - v),
            ];
            let gap = gaps.into_iter().flatten().fold(f64::INFINITY, f64::min);
            let gap = if gap.is_finite() { gap } else { v.abs() };
            // Text rounding is at most gap/20; allow for the float error of reading it back.
            let slack = gap / 10.0 + v.abs() * 1e-14;
            assert!(
                (read[i] - v).abs() <= slack,
                "label {:?} is {} away from its tick {v:e} (gap {gap:e}): {context}",
                labelled[i].1,
                (read[i] - v).abs()
            );
        }
    }
    // For a domain of sane width nothing had to be dropped: the precision rule alone made
    // the labels distinct (the dropping is only a last resort at the limits of f64).
    let width = (hi - lo).abs();
    if format != TickFormat::Elapsed && width > lo.abs().max(hi.abs()) * 1e-9 && width > 1e-290 {
        assert_eq!(labelled.len(), ticks.len(), "no tick dropped: {context}");
    }
    labelled
}

fn magnitude() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1000.0..1000.0f64, -12i32..16).prop_map(|(m, e)| m * 10f64.powi(e)),
        (0u32..100_000).prop_map(f64::from),
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        Just(0.0),
    ]
}

fn domain() -> impl Strategy<Value = (f64, f64)> {
    prop_oneof![
        (magnitude(), magnitude()),
        // Equal values: one point, or all trials alike.
        magnitude().prop_map(|v| (v, v)),
        // Tiny ranges around any value.
        (magnitude(), -12i32..-3).prop_map(|(v, e)| (v, v + v.abs().max(1.0) * 10f64.powi(e))),
    ]
}

fn format() -> impl Strategy<Value = TickFormat> {
    prop_oneof![
        Just(TickFormat::Number),
        Just(TickFormat::Percent),
        Just(TickFormat::Millis),
        Just(TickFormat::Bytes),
        Just(TickFormat::Elapsed),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// For any finite domain, the labels drawn are distinct, ascending and honest.
    #[test]
    fn tick_labels_are_distinct_and_ascending(
        (lo, hi) in domain(),
        format in format(),
        log in any::<bool>(),
        count in 3usize..12,
    ) {
        check(format, log && format != TickFormat::Elapsed, lo, hi, count);
    }
}

/// The cases the issue names, each pinned (the property may not draw them).
#[test]
fn named_ranges() {
    for format in [
        TickFormat::Number,
        TickFormat::Millis,
        TickFormat::Bytes,
        TickFormat::Percent,
    ] {
        for (lo, hi) in [
            (2.0, 2.0),
            (0.0, 0.0),
            (5.0, 5.0 + 1e-9),
            (1e-9, 2e-9),
            (0.0, 1e12),
            (1e12, 1e12 + 1.0),
            (-7.0, 7.0),
            (-3e-6, -1e-6),
            (65_536.0, 65_536.0),
            (131_072.0, 131_073.0),
            (1e15, 1e15 + 10.0),
            (-1e308, 1e308),
            (1.7e308, 1.7e308),
        ] {
            for log in [false, true] {
                check(format, log, lo, hi, 6);
            }
        }
    }
}

/// The issue's own case through the chart projection: one completed trial at 2 ms on the
/// wide chart.
#[test]
fn one_trial_at_2_ms_through_the_projection() {
    let data = PlotData {
        x: AxisSpec::fit("Latency", TickFormat::Millis, false, [2.0], &[]),
        y: AxisSpec::fit("Accuracy", TickFormat::Percent, false, [0.9], &[]),
        marks: vec![Mark {
            x: 2.0,
            y: 0.9,
            class: "point",
            muted: false,
            id: "t1".into(),
            fits: None,
            optimal: None,
            shape: Shape::Circle,
        }],
        lines: Vec::new(),
        bands: Vec::new(),
        rules: Vec::new(),
        thin: false,
    };
    let p = project(Frame::WIDE, &data);
    let x: Vec<&str> = p.x_ticks.iter().map(|t| t.label.as_str()).collect();
    let y: Vec<&str> = p.y_ticks.iter().map(|t| t.label.as_str()).collect();
    for labels in [&x, &y] {
        let mut unique = labels.to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), labels.len(), "{labels:?}");
    }
    assert!(x.contains(&"2 ms"), "{x:?}");
    assert!(y.contains(&"90 %"), "{y:?}");
}
