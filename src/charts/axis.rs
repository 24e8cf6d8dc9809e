//! Axes: how a value reads ([`TickFormat`]), which scale and domain ([`AxisSpec`]), and
//! where ticks go: nice numbers, log decades, whole time units, or one per category.
//!
//! Tick labels take their precision from the ticks around them ([`AxisSpec::tick_labels`]):
//! a fixed number of decimals per unit read 1.85 ms and 1.9 ms both as "1.9 ms" on a
//! one-trial chart (issue 12). Each label is within a tenth of the distance to its nearest
//! neighbour, so neighbouring labels always differ and never point at the wrong value.

use super::scale::{extent, nice_domain, nice_step, nice_ticks, widen, Scale};
use crate::derive::format;

/// How tick values read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickFormat {
    Number,
    /// 0–1 shown as `80 %`.
    Percent,
    Millis,
    Bytes,
    /// Milliseconds since the run started: `0`, `30 min`, `1 h`.
    Elapsed,
    /// Integers index [`AxisSpec::categories`].
    Category,
}

/// One axis: title, format, scale type and domain.
#[derive(Clone, Debug, PartialEq)]
pub struct AxisSpec {
    pub label: String,
    pub format: TickFormat,
    pub log: bool,
    pub domain: (f64, f64),
    pub categories: Vec<String>,
}

impl AxisSpec {
    /// An axis fitted to `values` plus `include` (e.g. a budget line that must be visible):
    /// widened to nice ticks (linear), or spanning the positive values (log). Percent axes
    /// stay within 0–100 %.
    pub fn fit(
        label: &str,
        format: TickFormat,
        log: bool,
        values: impl IntoIterator<Item = f64>,
        include: &[f64],
    ) -> Self {
        let (lo, hi) =
            extent(values.into_iter().chain(include.iter().copied())).unwrap_or((0.0, 1.0));
        let domain = if log {
            (lo, hi)
        } else if format == TickFormat::Elapsed {
            // From the start, with a little room so the newest mark is not on the edge.
            let (a, b) = widen(lo.min(0.0), hi);
            (a, b + (b - a) * 0.03)
        } else {
            // Sizes step in whole binary units (16 KiB, not 16.4 KB shown as "15.6 KiB").
            let unit = if format == TickFormat::Bytes {
                byte_unit(widen(lo, hi))
            } else {
                1.0
            };
            let (a, b) = nice_domain(lo / unit, hi / unit, 5);
            let (a, b) = (a * unit, b * unit);
            match format {
                TickFormat::Percent if lo >= 0.0 && hi <= 1.0 => (a.max(0.0), b.min(1.0)),
                // Latency and sizes are never negative: a lone 0 must not widen to -1 ms.
                TickFormat::Millis | TickFormat::Bytes if lo >= 0.0 => (a.max(0.0), b),
                _ => (a, b),
            }
        };
        AxisSpec {
            label: label.to_owned(),
            format,
            log,
            domain,
            categories: Vec::new(),
        }
    }

    /// A categorical axis: value `i` is category `i`.
    pub fn categories(label: &str, categories: Vec<String>) -> Self {
        let n = categories.len().max(1) as f64;
        AxisSpec {
            label: label.to_owned(),
            format: TickFormat::Category,
            log: false,
            domain: (-0.5, n - 0.5),
            categories,
        }
    }

    pub fn scale(&self, range: (f64, f64)) -> Scale {
        if self.log {
            Scale::log(self.domain, range)
        } else {
            Scale::linear(self.domain, range)
        }
    }

    pub fn ticks(&self, scale: &Scale, count: usize) -> Vec<f64> {
        let (lo, hi) = scale.domain();
        match self.format {
            TickFormat::Category => {
                let n = self.categories.len();
                let every = n.div_ceil(count.max(1) * 2).max(1);
                (0..n).step_by(every).map(|i| i as f64).collect()
            }
            TickFormat::Elapsed if !self.log => time_ticks(lo, hi, count),
            TickFormat::Bytes if !self.log => {
                let unit = byte_unit((lo, hi));
                nice_ticks(lo / unit, hi / unit, count)
                    .into_iter()
                    .map(|v| v * unit)
                    .collect()
            }
            _ => scale.ticks(count),
        }
    }

    /// `ticks` (finite ones, ascending, each once) with their labels. A label's precision
    /// follows the distance to its nearest neighbour (see the module doc), so labels are
    /// pairwise distinct; a tick that would still read like one already kept (possible
    /// only at the limits of `f64`, or for whole-second elapsed times) is dropped.
    /// Category labels are names, not values: they are kept as they are.
    pub fn tick_labels(&self, ticks: &[f64]) -> Vec<(f64, String)> {
        let mut values: Vec<f64> = ticks.iter().copied().filter(|v| v.is_finite()).collect();
        crate::derive::order::sort_items_by(&mut values, f64::total_cmp);
        values.dedup();
        if self.format == TickFormat::Category {
            return values.into_iter().map(|v| (v, self.label(v))).collect();
        }
        let mut out: Vec<(f64, String)> = Vec::with_capacity(values.len());
        for (i, &v) in values.iter().enumerate() {
            let left = i.checked_sub(1).map(|j| v - values[j]);
            let right = values.get(i + 1).map(|w| w - v);
            let gap = match (left, right) {
                (Some(a), Some(b)) => a.min(b),
                (Some(a), None) | (None, Some(a)) => a,
                // A lone tick: precise to a tenth of itself.
                (None, None) => v.abs(),
            };
            let text = self.label_within(v, gap);
            if !out.iter().any(|(_, t)| *t == text) {
                out.push((v, text));
            }
        }
        out
    }

    /// `v` as text, precise enough that a value `gap` away reads differently.
    fn label_within(&self, v: f64, gap: f64) -> String {
        match self.format {
            TickFormat::Number => precise(v, gap),
            TickFormat::Percent if (v * 100.0).is_finite() && (gap * 100.0).is_finite() => {
                format!("{} %", precise(v * 100.0, gap * 100.0))
            }
            // × 100 would overflow: shift the (scientific) text's exponent instead.
            TickFormat::Percent => {
                let text = precise(v, gap);
                match text
                    .split_once('e')
                    .and_then(|(m, e)| Some((m, e.parse::<i32>().ok()?)))
                {
                    Some((mantissa, exp)) => format!("{mantissa}e{} %", exp + 2),
                    None => format!("{text} %"),
                }
            }
            TickFormat::Millis if v.abs() >= 1000.0 => {
                format!("{} s", precise(v / 1000.0, gap / 1000.0))
            }
            TickFormat::Millis => format!("{} ms", precise(v, gap)),
            TickFormat::Bytes => {
                const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
                let mut unit = 0;
                let mut scale = 1.0;
                while v.abs() >= scale * 1024.0 && unit + 1 < UNITS.len() {
                    scale *= 1024.0;
                    unit += 1;
                }
                format!("{} {}", precise(v / scale, gap / scale), UNITS[unit])
            }
            TickFormat::Elapsed if v < 0.0 => format!("-{}", self.label(-v)),
            TickFormat::Elapsed | TickFormat::Category => self.label(v),
        }
    }

    /// A tick value as text, at the format's usual precision (tooltips, single values).
    pub fn label(&self, v: f64) -> String {
        match self.format {
            TickFormat::Number => format::number(v, 6),
            TickFormat::Percent => format!("{} %", format::number(v * 100.0, 1)),
            TickFormat::Millis => format::millis(v),
            TickFormat::Bytes => format::bytes(v),
            TickFormat::Elapsed if v == 0.0 => "0".into(),
            TickFormat::Elapsed => format::duration_s(v / 1000.0),
            TickFormat::Category => {
                let text = self
                    .categories
                    .get(v.round().max(0.0) as usize)
                    .map_or("", String::as_str);
                truncate(text, 14)
            }
        }
    }
}

/// The binary unit (1, 1024, 1024², …, up to TiB) that a byte domain's width is at least one
/// of, so its ticks fall on nice numbers of that unit. Powers of two divide exactly.
fn byte_unit((lo, hi): (f64, f64)) -> f64 {
    let width = (hi / 2.0 - lo / 2.0) * 2.0;
    let mut unit = 1.0;
    for _ in 0..4 {
        if width >= unit * 1024.0 {
            unit *= 1024.0;
        }
    }
    unit
}

/// `v` in plain decimals, or in scientific notation when it is huge (≥ 10¹⁵) or the gap
/// needs more than 9 decimals, with just enough digits that a value `gap` away (or more)
/// reads differently: the text is within `gap / 20` of `v`. Never `-0`.
pub fn precise(v: f64, gap: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let gap = if gap > 0.0 && gap.is_finite() {
        gap
    } else {
        v.abs()
    };
    // The last digit shown is worth at most a tenth of the gap.
    let step_exp = gap.log10().floor() as i32 - 1;
    if v.abs() < 1e15 && step_exp >= -9 {
        return format::number(v, (-step_exp).max(0) as usize);
    }
    let exp = v.abs().log10().floor() as i32;
    // 17 significant digits tell any two doubles apart.
    let digits = (exp - step_exp).clamp(0, 16) as usize;
    let text = format!("{v:.digits$e}");
    match text.split_once('e') {
        Some((mantissa, exponent)) if mantissa.contains('.') => {
            let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
            format!("{mantissa}e{exponent}")
        }
        _ => text,
    }
}

/// Shortens a label for an axis (the full text is in the tooltip and the text alternative).
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

/// Ticks on a time axis at whole seconds, minutes, hours or days.
pub fn time_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    const STEPS_S: [f64; 20] = [
        1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0,
        10800.0, 21600.0, 43200.0, 86400.0, 172800.0, 604800.0,
    ];
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return if lo.is_finite() { vec![lo] } else { Vec::new() };
    }
    let span = hi - lo;
    let count = count.max(1) as f64;
    let step = STEPS_S
        .iter()
        .map(|s| s * 1000.0)
        .find(|step| span / step <= count)
        .unwrap_or_else(|| nice_step(span / 86_400_000.0, count as usize) * 86_400_000.0);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).take(64).map(|k| k as f64 * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins issue 12: one completed trial at 2 ms drew "1.9 ms, 1.9 ms, 2 ms, 2 ms, 2.1 ms,
    /// 2.1 ms". The same axis now reads each tick exactly.
    #[test]
    fn one_point_at_2_ms_reads_distinctly() {
        let axis = AxisSpec::fit("latency", TickFormat::Millis, false, [2.0], &[]);
        let scale = axis.scale((0.0, 580.0));
        let labels: Vec<String> = axis
            .tick_labels(&axis.ticks(&scale, 6))
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            labels,
            [
                "1.8 ms", "1.85 ms", "1.9 ms", "1.95 ms", "2 ms", "2.05 ms", "2.1 ms", "2.15 ms",
                "2.2 ms"
            ]
        );
    }

    /// Pins the precision rule at the edges: huge values go scientific with enough digits,
    /// tiny gaps too, a lone tick keeps its own size, zero is `0`, and bytes and latency
    /// below zero read with a sign instead of "—" (the formatters' missing value).
    #[test]
    fn labels_follow_the_gap() {
        assert_eq!(precise(1.85, 0.05), "1.85");
        assert_eq!(precise(1e15 + 2.0, 2.0), "1.000000000000002e15");
        assert_eq!(precise(1.05e-9, 5e-11), "1.05e-9");
        assert_eq!(precise(7e-12, 0.0), "7e-12");
        assert_eq!(precise(-0.0, 1.0), "0");
        assert_eq!(precise(-2.5, 0.5), "-2.5");
        let bytes = AxisSpec::fit("ram", TickFormat::Bytes, false, [0.0], &[]);
        assert_eq!(
            bytes.domain,
            (0.0, 1.0),
            "a lone 0 B does not widen below zero"
        );
        assert_eq!(bytes.label_within(-1536.0, 512.0), "-1.5 KiB");
        assert_eq!(bytes.label_within(60_000.0, 2000.0), "58.6 KiB");
        // Sizes tick on whole binary units, not decimal ones shown as "48.8 KiB".
        let ram = AxisSpec::fit("ram", TickFormat::Bytes, false, [3000.0, 200_000.0], &[]);
        let scale = ram.scale((0.0, 580.0));
        let labels: Vec<String> = ram
            .tick_labels(&ram.ticks(&scale, 6))
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(labels, ["0 B", "50 KiB", "100 KiB", "150 KiB", "200 KiB"]);
        let ms = AxisSpec::fit("latency", TickFormat::Millis, false, [0.0, 1500.0], &[]);
        assert_eq!(ms.label_within(1000.5, 0.5), "1.0005 s");
        assert_eq!(ms.label_within(-3.0, 1.0), "-3 ms");
    }

    #[test]
    fn category_and_time_axes() {
        let axis =
            AxisSpec::categories("dsp", vec!["mfcc".into(), "a-very-long-block-name".into()]);
        assert_eq!(axis.label(1.0), "a-very-long-b…");
        assert_eq!(axis.domain, (-0.5, 1.5));
        assert_eq!(
            time_ticks(0.0, 3_600_000.0, 4),
            [0.0, 900_000.0, 1_800_000.0, 2_700_000.0, 3_600_000.0]
        );
        assert_eq!(time_ticks(5.0, 5.0, 4), [5.0]);
        assert!(time_ticks(0.0, 1e15, 5).len() <= 64);
        let elapsed = AxisSpec::fit("t", TickFormat::Elapsed, false, [0.0, 5_400_000.0], &[]);
        assert_eq!(elapsed.label(5_400_000.0), "1 h 30 min");
    }
}
