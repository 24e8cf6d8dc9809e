//! Numbers, sizes, durations and times as people read them. Every function takes any
//! `f64` (NaN, ±∞, -0, huge) and returns readable text; [`MISSING`] stands in for nonsense.
//!
//! One rule for a missing value: a missing reading (a figure, an accuracy, a time, a count)
//! shows [`MISSING`] wherever figures are shown (cards, tables, tooltips, bars). The word
//! "unknown" is only written where a sentence needs a word ("fit unknown", "DSP cost
//! unknown"), and as the name of a missing status or block type, which the filters (and the
//! URL's `status=unknown`) choose by ([`super::filter::UNKNOWN`]).

use crate::model::time::format_rfc3339_ms;
use serde_json::Value;

/// Shown where a reading is missing or not a real number (see the module docs).
pub const MISSING: &str = "—";

/// A number with at most `decimals` decimals, trailing zeros trimmed, `-0` shown as `0`.
pub fn number(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return MISSING.into();
    }
    if v.abs() >= 1e15 {
        return format!("{v:.3e}");
    }
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

/// Bytes as B / KiB / MiB / GiB.
pub fn bytes(v: f64) -> String {
    if !v.is_finite() || v < 0.0 {
        return MISSING.into();
    }
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if v < 1024.0 {
        return format!("{} B", number(v, 0));
    }
    let mut value = v / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let decimals = if value < 10.0 { 1 } else { 0 };
    format!("{} {}", number(value, decimals), UNITS[unit])
}

/// Milliseconds of latency: `12 ms`, `0.4 ms`, `1.2 s`.
pub fn millis(v: f64) -> String {
    if !v.is_finite() || v < 0.0 {
        return MISSING.into();
    }
    if v >= 1000.0 {
        format!("{} s", number(v / 1000.0, 1))
    } else if v < 10.0 {
        format!("{} ms", number(v, 1))
    } else {
        format!("{} ms", number(v, 0))
    }
}

/// An accuracy in 0–1 as a percentage: `91.2 %`.
pub fn percent(fraction: f64) -> String {
    if !fraction.is_finite() {
        return MISSING.into();
    }
    format!("{} %", number(fraction * 100.0, 1))
}

/// A whole count.
pub fn count(v: u64) -> String {
    v.to_string()
}

/// A duration in seconds: `45 s`, `12 min`, `2 h 5 min`, `3 d 4 h`.
pub fn duration_s(secs: f64) -> String {
    if !secs.is_finite() || secs < 0.0 {
        return MISSING.into();
    }
    let s = secs.round() as u64;
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 => format!("{} min", s / 60),
        3600..=86_399 if s % 3600 / 60 == 0 => format!("{} h", s / 3600),
        3600..=86_399 => format!("{} h {} min", s / 3600, s % 3600 / 60),
        _ => format!("{} d {} h", s / 86_400, s % 86_400 / 3600),
    }
}

/// How long ago `then_ms` was, seen from `now_ms`: `just now`, `8 s ago`, `5 min ago`.
/// A time in the future (clock skew) reads as "just now".
pub fn ago(then_ms: i64, now_ms: i64) -> String {
    let secs = now_ms.saturating_sub(then_ms) / 1000;
    if secs < 5 {
        "just now".into()
    } else {
        format!("{} ago", duration_s(secs as f64))
    }
}

/// A timestamp as `2025-03-14 10:44:30 UTC` (second precision: enough, and unambiguous).
pub fn timestamp(ms: i64) -> String {
    let iso = format_rfc3339_ms(ms);
    format!("{} {} UTC", &iso[..10], &iso[11..19])
}

/// A free-form JSON value as short text: strings bare, lists comma-joined, objects compact.
pub fn value(v: &Value) -> String {
    match v {
        Value::Null => MISSING.into(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Number(n) => n
            .as_f64()
            .map(|f| number(f, 6))
            .unwrap_or_else(|| n.to_string()),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(value).collect::<Vec<_>>().join(", "),
        Value::Object(_) => v.to_string(),
    }
}

/// An identifier with its invisible characters made visible (`⟨U+200B⟩`): control
/// characters, zero-width characters and bidi controls. Two ids that differ only in such a
/// character must not look the same, and a bidi override in an id must not reorder the page.
pub fn visible_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let invisible = c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{00ad}');
        if invisible {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Text cut to `max` characters with an ellipsis, and whether it was cut.
pub fn truncate(text: &str, max: usize) -> (String, bool) {
    match text.char_indices().nth(max) {
        Some((cut, _)) => (format!("{}…", &text[..cut]), true),
        None => (text.to_owned(), false),
    }
}

/// `Some(true)` → "yes", `Some(false)` → "no".
pub fn yes_no(v: bool) -> &'static str {
    if v {
        "yes"
    } else {
        "no"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_always_readable() {
        assert_eq!(number(-0.0, 2), "0");
        assert_eq!(number(f64::NAN, 2), "—");
        assert_eq!(number(f64::INFINITY, 2), "—");
        assert_eq!(number(1e308, 2), "1.000e308");
        assert_eq!(number(5e-324, 2), "0");
        assert_eq!(number(9_007_199_254_740_993.0, 0), "9.007e15");
        assert_eq!(number(0.12500, 3), "0.125");
        assert_eq!(number(30.0, 2), "30");
    }

    #[test]
    fn sizes_and_times() {
        assert_eq!(bytes(512.0), "512 B");
        assert_eq!(bytes(131072.0), "128 KiB");
        assert_eq!(bytes(1048576.0), "1 MiB");
        assert_eq!(bytes(1572864.0), "1.5 MiB");
        assert_eq!(bytes(155099.0), "151 KiB");
        assert_eq!(bytes(-1.0), "—");
        assert_eq!(millis(200.0), "200 ms");
        assert_eq!(millis(0.42), "0.4 ms");
        assert_eq!(millis(1500.0), "1.5 s");
        assert_eq!(percent(0.9123), "91.2 %");
        assert_eq!(duration_s(21600.0), "6 h");
        assert_eq!(duration_s(3725.0), "1 h 2 min");
        assert_eq!(ago(0, 8_000), "8 s ago");
        assert_eq!(ago(10_000, 0), "just now");
        assert_eq!(timestamp(1_741_948_675_726), "2025-03-14 10:37:55 UTC");
    }

    #[test]
    fn invisible_characters_in_ids_are_shown() {
        assert_eq!(visible_id("tuner-worker-1"), "tuner-worker-1");
        assert_eq!(
            visible_id("tuner-worker-1\u{200b}"),
            "tuner-worker-1⟨U+200B⟩"
        );
        assert_eq!(visible_id("a\u{202e}b\u{0}"), "a⟨U+202E⟩b⟨U+0000⟩");
        assert_eq!(
            visible_id("שלום"),
            "שלום",
            "right-to-left letters are not hidden characters"
        );
        assert_eq!(truncate("abcdef", 3), ("abc…".to_owned(), true));
        assert_eq!(truncate("ab", 3), ("ab".to_owned(), false));
    }

    #[test]
    fn values() {
        assert_eq!(value(&serde_json::json!([0.02, 0.025])), "0.02, 0.025");
        assert_eq!(value(&serde_json::json!("conv1d")), "conv1d");
        assert_eq!(value(&serde_json::json!(true)), "yes");
        assert_eq!(value(&serde_json::Value::Null), "—");
    }
}
