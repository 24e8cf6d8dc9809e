//! WCAG AA contrast of both themes, computed from the colours `style/main.css` defines
//! (each `--name: light-dark(light, dark)`): ≥ 4.5:1 for text, ≥ 3:1 for bars and marks.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

/// `--name` → (light, dark) as RGB.
fn palette() -> HashMap<String, [(u8, u8, u8); 2]> {
    let css =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/main.css")).unwrap();
    let mut out = HashMap::new();
    for line in css.lines() {
        let line = line.trim();
        let Some((name, rest)) = line.split_once(':') else {
            continue;
        };
        let Some(args) = rest.trim().strip_prefix("light-dark(") else {
            continue;
        };
        let args = args.trim_end_matches(';').trim_end_matches(')');
        let (light, dark) = args.split_once(',').unwrap();
        out.insert(
            name.trim().to_owned(),
            [hex(light.trim()), hex(dark.trim())],
        );
    }
    assert!(out.len() >= 10, "palette not found in main.css: {out:?}");
    out
}

fn hex(text: &str) -> (u8, u8, u8) {
    let h = text.trim_start_matches('#');
    assert_eq!(h.len(), 6, "colour {text} must be #rrggbb");
    let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap();
    (p(0), p(2), p(4))
}

fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let c = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b)
}

fn ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn check(pairs: &[(&str, &str)], minimum: f64) {
    let p = palette();
    let mut failures = Vec::new();
    for (fg, bg) in pairs {
        for (theme, i) in [("light", 0), ("dark", 1)] {
            let r = ratio(p[*fg][i], p[*bg][i]);
            if r < minimum {
                failures.push(format!("{theme}: {fg} on {bg} = {r:.2}:1 (< {minimum}:1)"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn text_colours_meet_aa_on_every_background_they_sit_on() {
    let mut pairs = Vec::new();
    for fg in [
        "--text",
        "--muted",
        "--accent",
        "--ok",
        "--bad",
        "--warn",
        "--running",
        "--pending",
    ] {
        for bg in ["--bg", "--panel"] {
            pairs.push((fg, bg));
        }
    }
    pairs.extend([
        ("--text", "--ok-bg"),
        ("--text", "--warn-bg"),
        ("--text", "--bad-bg"),
        ("--ok", "--ok-bg"),
        ("--warn", "--warn-bg"),
        ("--bad", "--bad-bg"),
        ("--muted", "--bad-bg"),
        ("--on-accent", "--accent"),
    ]);
    check(&pairs, 4.5);
}

#[test]
fn bars_and_marks_meet_3_to_1() {
    let mut pairs = Vec::new();
    for fg in [
        "--ok",
        "--bad",
        "--warn",
        "--running",
        "--pending",
        "--accent",
    ] {
        pairs.push((fg, "--panel"));
        pairs.push((fg, "--bg"));
    }
    check(&pairs, 3.0);
}

#[test]
fn the_ratio_function_is_right() {
    assert!((ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
    assert!((ratio((119, 119, 119), (255, 255, 255)) - 4.48).abs() < 0.01);
}
