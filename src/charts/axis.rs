//! Axes: how a value reads ([`TickFormat`]), which scale and domain ([`AxisSpec`]), and
//! where ticks go: nice numbers, log decades, whole time units, or one per category.

use super::scale::{extent, nice_domain, nice_step, widen, Scale};
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
            let (a, b) = nice_domain(lo, hi, 5);
            if format == TickFormat::Percent && lo >= 0.0 && hi <= 1.0 {
                (a.max(0.0), b.min(1.0))
            } else {
                (a, b)
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

    pub(super) fn scale(&self, range: (f64, f64)) -> Scale {
        if self.log {
            Scale::log(self.domain, range)
        } else {
            Scale::linear(self.domain, range)
        }
    }

    pub(super) fn ticks(&self, scale: &Scale, count: usize) -> Vec<f64> {
        let (lo, hi) = scale.domain();
        match self.format {
            TickFormat::Category => {
                let n = self.categories.len();
                let every = n.div_ceil(count.max(1) * 2).max(1);
                (0..n).step_by(every).map(|i| i as f64).collect()
            }
            TickFormat::Elapsed if !self.log => time_ticks(lo, hi, count),
            _ => scale.ticks(count),
        }
    }

    /// A tick value as text.
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
