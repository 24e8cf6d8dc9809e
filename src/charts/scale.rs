//! Scales (data → viewBox units) and "nice" ticks (1, 2, 5 × 10ⁿ), after
//! leptos-chartistry's `projection.rs`/`ticks`. Every function accepts any `f64`: zero-width
//! ranges are widened, non-finite values are skipped, huge spans never loop or overflow.

/// The smallest and largest finite value, or `None` when there is none.
pub fn extent(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// A usable domain: ordered, finite and of non-zero width. A single value `v` becomes a
/// range around it (±10 % of `v`, or ±1 around zero) so it is drawn in the middle.
pub fn widen(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = match (lo.is_finite(), hi.is_finite()) {
        (true, true) => (lo.min(hi), lo.max(hi)),
        (true, false) => (lo, lo),
        (false, true) => (hi, hi),
        (false, false) => (0.0, 1.0),
    };
    if hi > lo {
        return (lo, hi);
    }
    let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
    (lo - pad, hi + pad)
}

/// The tick step for about `count` intervals over `span`: 1, 2 or 5 times a power of ten.
pub fn nice_step(span: f64, count: usize) -> f64 {
    let count = count.max(1) as f64;
    if !span.is_finite() || span <= 0.0 {
        return 1.0;
    }
    let raw = span / count;
    let magnitude = 10f64.powf(raw.log10().floor());
    let norm = raw / magnitude;
    let factor = if norm < 1.5 {
        1.0
    } else if norm < 3.0 {
        2.0
    } else if norm < 7.0 {
        5.0
    } else {
        10.0
    };
    factor * magnitude
}

/// Ticks at multiples of [`nice_step`] inside `[lo, hi]` (about `count` of them, never more
/// than `4 × count + 2`). Values are snapped to the step so `0.1 + 0.2` prints as `0.3`.
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if !lo.is_finite() || !hi.is_finite() {
        return Vec::new();
    }
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    if lo == hi {
        return vec![lo];
    }
    // Halve before subtracting so ±1e308 does not overflow to infinity.
    let span = (hi / 2.0 - lo / 2.0) * 2.0;
    let step = nice_step(span, count);
    if !step.is_finite() || step <= 0.0 {
        return vec![lo, hi];
    }
    let first = (lo / step).ceil();
    let last = (hi / step).floor();
    let n = (last - first).max(-1.0) + 1.0;
    if !(0.0..=(4 * count.max(1) + 2) as f64).contains(&n) {
        return vec![lo, hi];
    }
    // Round to the step's decimals: 3 × 0.2 is 0.6000000000000001 in binary.
    let decimals = (-step.log10().floor()).clamp(0.0, 300.0) as i32;
    let unit = 10f64.powi(decimals);
    (0..n as usize)
        .map(|i| (first + i as f64) * step)
        .map(|v| {
            if decimals > 0 {
                (v * unit).round() / unit
            } else {
                v
            }
        })
        .map(|v| if v == 0.0 { 0.0 } else { v })
        .collect()
}

/// `v` rounded to the decimals of `step` (3 × 0.2 is 0.6000000000000001 in binary), and
/// never `-0`.
fn snap(v: f64, step: f64) -> f64 {
    let decimals = (-step.log10().floor()).clamp(0.0, 300.0) as i32;
    let unit = 10f64.powi(decimals);
    let v = if decimals > 0 {
        (v * unit).round() / unit
    } else {
        v
    };
    if v == 0.0 {
        0.0
    } else {
        v
    }
}

/// `[lo, hi]` widened outward to the nearest tick multiples, so the axis starts and ends on
/// a labelled value.
pub fn nice_domain(lo: f64, hi: f64, count: usize) -> (f64, f64) {
    let (lo, hi) = widen(lo, hi);
    let step = nice_step((hi / 2.0 - lo / 2.0) * 2.0, count);
    let (a, b) = (
        snap((lo / step).floor() * step, step),
        snap((hi / step).ceil() * step, step),
    );
    if a.is_finite() && b.is_finite() && b > a {
        (a, b)
    } else {
        (lo, hi)
    }
}

/// How values map onto an axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// `domain` onto `range` linearly.
    Linear {
        domain: (f64, f64),
        range: (f64, f64),
    },
    /// Base-10 logarithmic; the domain is positive.
    Log {
        domain: (f64, f64),
        range: (f64, f64),
    },
}

impl Scale {
    /// A linear scale; the domain is [`widen`]ed first.
    pub fn linear(domain: (f64, f64), range: (f64, f64)) -> Self {
        Scale::Linear {
            domain: widen(domain.0, domain.1),
            range,
        }
    }

    /// A log scale over the positive part of `domain`; falls back to linear when nothing
    /// in it is positive.
    pub fn log(domain: (f64, f64), range: (f64, f64)) -> Self {
        let (lo, hi) = (domain.0.min(domain.1), domain.0.max(domain.1));
        if !(hi > 0.0 && hi.is_finite()) {
            return Scale::linear(domain, range);
        }
        let lo = if lo > 0.0 { lo } else { hi / 10.0 };
        let (lo, hi) = if lo == hi {
            // Near `f64::MAX` doubling would overflow to infinity.
            (lo / 2.0, (hi * 2.0).min(f64::MAX))
        } else {
            (lo, hi)
        };
        Scale::Log {
            domain: (lo, hi),
            range,
        }
    }

    pub fn domain(&self) -> (f64, f64) {
        match *self {
            Scale::Linear { domain, .. } | Scale::Log { domain, .. } => domain,
        }
    }

    /// Data value → position. Values outside the domain extrapolate; non-positive values on
    /// a log scale go to the low end.
    pub fn map(&self, v: f64) -> f64 {
        let (t, (r0, r1)) = match *self {
            Scale::Linear {
                domain: (d0, d1),
                range,
            } => ((v - d0) / (d1 - d0), range),
            Scale::Log {
                domain: (d0, d1),
                range,
            } => {
                let v = if v > 0.0 { v } else { d0 };
                ((v.log10() - d0.log10()) / (d1.log10() - d0.log10()), range)
            }
        };
        r0 + t * (r1 - r0)
    }

    /// Position → data value (the inverse of [`Scale::map`]).
    pub fn invert(&self, px: f64) -> f64 {
        match *self {
            Scale::Linear {
                domain: (d0, d1),
                range: (r0, r1),
            } => d0 + (px - r0) / (r1 - r0) * (d1 - d0),
            Scale::Log {
                domain: (d0, d1),
                range: (r0, r1),
            } => {
                let t = (px - r0) / (r1 - r0);
                10f64.powf(d0.log10() + t * (d1.log10() - d0.log10()))
            }
        }
    }

    /// Tick values: nice numbers on a linear scale; powers of ten (with 2 and 5 when the
    /// domain spans less than three decades) on a log scale.
    pub fn ticks(&self, count: usize) -> Vec<f64> {
        match *self {
            Scale::Linear { domain, .. } => nice_ticks(domain.0, domain.1, count),
            Scale::Log {
                domain: (lo, hi), ..
            } => log_ticks(lo, hi),
        }
    }
}

fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (e0, e1) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    let multiples: &[f64] = if e1 - e0 < 3 {
        &[1.0, 2.0, 5.0]
    } else {
        &[1.0]
    };
    let stride = ((e1 - e0) / 8).max(1);
    (e0..=e1)
        .step_by(stride as usize)
        .flat_map(|e| multiples.iter().map(move |m| m * 10f64.powi(e)))
        .filter(|v| v.is_finite() && *v >= lo * (1.0 - 1e-9) && *v <= hi * (1.0 + 1e-9))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins the 1-2-5 rule and that ticks are snapped (no 0.30000000000000004).
    #[test]
    fn ticks_are_nice_numbers() {
        assert_eq!(nice_ticks(0.0, 1.0, 5), [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(
            nice_ticks(0.0, 100.0, 5),
            [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(nice_ticks(13.0, 87.0, 4), [20.0, 40.0, 60.0, 80.0]);
        assert_eq!(
            nice_ticks(-7.0, 7.0, 5),
            [-6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0]
        );
        assert_eq!(nice_step(1.0, 10), 0.1);
        assert_eq!(nice_step(131072.0, 5), 20000.0);
        assert_eq!(
            nice_ticks(100.0, 0.0, 2),
            [0.0, 50.0, 100.0],
            "reversed input"
        );
    }

    /// Pins: a single value (zero-width range) still gives a usable axis and one tick.
    #[test]
    fn zero_width_ranges_are_widened() {
        assert_eq!(widen(5.0, 5.0), (4.5, 5.5));
        assert_eq!(widen(0.0, 0.0), (-1.0, 1.0));
        assert_eq!(widen(f64::NAN, 3.0), (2.7, 3.3));
        assert_eq!(widen(f64::NAN, f64::INFINITY), (0.0, 1.0));
        assert_eq!(nice_ticks(5.0, 5.0, 5), [5.0]);
        let s = Scale::linear((5.0, 5.0), (0.0, 100.0));
        assert_eq!(s.map(5.0), 50.0);
        assert_eq!(nice_domain(3.0, 3.0, 5), (2.7, 3.3));
    }

    /// Pins: huge and tiny values neither overflow nor produce thousands of ticks.
    #[test]
    fn huge_and_tiny_values_stay_bounded() {
        let t = nice_ticks(0.0, 1e300, 5);
        assert_eq!(t.len(), 6);
        assert_eq!(t[1], 2e299);
        let t = nice_ticks(-1e308, 1e308, 4);
        assert!(!t.is_empty() && t.len() <= 18 && t.iter().all(|v| v.is_finite()));
        let t = nice_ticks(1e-12, 5e-12, 4);
        assert_eq!(t.len(), 5);
        assert!(nice_ticks(0.0, f64::INFINITY, 5).is_empty());
        assert!(nice_ticks(f64::NAN, 1.0, 5).is_empty());
        // A range far from zero relative to its width (1e15 + small) still gives few ticks.
        assert!(nice_ticks(1e15, 1e15 + 10.0, 5).len() <= 22);
    }

    #[test]
    fn nice_domain_ends_on_ticks() {
        assert_eq!(nice_domain(0.13, 0.97, 5), (0.0, 1.0));
        assert_eq!(nice_domain(48.0, 509.0, 5), (0.0, 600.0));
    }

    #[test]
    fn linear_maps_and_inverts() {
        let s = Scale::linear((0.0, 200.0), (40.0, 620.0));
        assert_eq!(s.map(0.0), 40.0);
        assert_eq!(s.map(200.0), 620.0);
        assert!((s.invert(s.map(123.0)) - 123.0).abs() < 1e-9);
        // y axes run downwards: a reversed range works the same.
        let y = Scale::linear((0.0, 1.0), (300.0, 20.0));
        assert_eq!(y.map(1.0), 20.0);
    }

    /// Pins: log ticks are decades (with 2 and 5 over short spans); non-positive input is
    /// clamped, and a domain with nothing positive falls back to linear.
    #[test]
    fn log_scale_ticks_and_clamping() {
        let s = Scale::log((1e-4, 1e-2), (0.0, 100.0));
        assert_eq!(s.ticks(5).len(), 7);
        assert!((s.map(1e-3) - 50.0).abs() < 1e-9);
        assert_eq!(s.map(0.0), 0.0);
        assert!((s.invert(50.0) - 1e-3).abs() < 1e-12);
        let wide = Scale::log((1.0, 1e6), (0.0, 1.0));
        assert_eq!(wide.ticks(5), [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6]);
        assert!(matches!(
            Scale::log((-5.0, 0.0), (0.0, 1.0)),
            Scale::Linear { .. }
        ));
        assert_eq!(Scale::log((0.0, 10.0), (0.0, 1.0)).domain(), (1.0, 10.0));
    }

    #[test]
    fn extent_skips_nonsense() {
        assert_eq!(
            extent([3.0, f64::NAN, -1.0, f64::INFINITY]),
            Some((-1.0, 3.0))
        );
        assert_eq!(extent([f64::NAN]), None);
    }
}
