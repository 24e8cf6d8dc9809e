//! The three budget bars of a trial card (latency, RAM, ROM): each figure as a share of its
//! limit, split into the DSP part and the model part, with a level (fits / near / over / no
//! budget / unknown) that the card shows in words as well as colour.
//!
//! Widths are percentages of the bar; when a figure is over its limit both parts are scaled
//! down so the bar is full (the words say by how much). Nothing here divides by a missing or
//! zero limit: [`Usage::fraction`] is `None` then.

use super::budget::{Assessment, Figure, Usage};
use super::format;
use crate::vocab::word_enum;

word_enum! {
    /// Where a figure stands against its limit; the word is the CSS class suffix and
    /// `data-level` value.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Level {
        Fits = "fits",
        /// At least [`NEAR`] of the limit, not over it.
        Near = "near",
        Over = "over",
        /// The figure is known but nothing limits it.
        NoBudget = "no-budget",
        /// The figure is missing.
        Unknown = "unknown",
    }
}

/// From this share of the limit on, a figure is "near the limit".
pub const NEAR: f64 = 0.9;

impl Level {
    /// Words shown beside the bar, so colour is never the only signal. `None` where the
    /// bar's text already says it ("no budget", which part is unknown).
    pub fn words(self) -> Option<&'static str> {
        match self {
            Level::Fits => Some("fits"),
            Level::Near => Some("near the limit"),
            Level::Over => Some("✕ over"),
            Level::NoBudget | Level::Unknown => None,
        }
    }
}

/// One bar, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: &'static str,
    pub level: Level,
    /// "312 ms of 200 ms (156 %)", "8.5 KiB (no budget)", or which part is unknown
    /// ("DSP cost unknown", "RAM not reported"; from [`crate::derive::budget::Figures::gaps`]).
    pub text: String,
    /// "DSP 112 ms + model 1 ms"; `None` when there is no DSP part to tell apart.
    pub parts: Option<String>,
    pub dsp_width: f64,
    pub model_width: f64,
}

/// The level of one figure.
pub fn level(usage: Usage) -> Level {
    match (usage.value, usage.fraction()) {
        (None, _) => Level::Unknown,
        (Some(_), None) => Level::NoBudget,
        (Some(_), Some(_)) if usage.is_over() => Level::Over,
        (Some(_), Some(f)) if f >= NEAR => Level::Near,
        _ => Level::Fits,
    }
}

/// One bar. `dsp` is the DSP part of a known figure (0 when there is none); `unknown` says
/// which part is missing when the figure is unknown.
fn bar(
    label: &'static str,
    usage: Usage,
    dsp: f64,
    unknown: Option<String>,
    show: fn(f64) -> String,
) -> Bar {
    let level = level(usage);
    let text = match (usage.value, usage.limit, usage.fraction()) {
        (None, _, _) => unknown.unwrap_or_else(|| format::MISSING.to_owned()),
        (Some(v), Some(l), Some(f)) => {
            format!("{} of {} ({})", show(v), show(l), format::percent(f))
        }
        (Some(v), _, _) => format!("{} (no budget)", show(v)),
    };
    let (dsp_width, model_width) = match (usage.value, usage.limit) {
        (Some(v), Some(l)) if l > 0.0 && v.is_finite() && v >= 0.0 => {
            let dsp = dsp.clamp(0.0, v);
            // Over the limit: the whole bar is the figure, not the limit.
            let scale = 100.0 / l.max(v);
            // A subnormal limit makes the scale infinite: draw nothing rather than NaN %.
            let finite = |w: f64| {
                if w.is_finite() {
                    w.clamp(0.0, 100.0)
                } else {
                    0.0
                }
            };
            (finite(dsp * scale), finite((v - dsp) * scale))
        }
        _ => (0.0, 0.0),
    };
    let parts = match usage.value {
        Some(v) if dsp > 0.0 => Some(format!("DSP {} + model {}", show(dsp), show(v - dsp))),
        _ => None,
    };
    Bar {
        label,
        level,
        text,
        parts,
        dsp_width,
        model_width,
    }
}

/// Latency, RAM and ROM bars of an assessed trial. ROM has no DSP part.
pub fn bars(a: &Assessment) -> [Bar; 3] {
    let f = &a.figures;
    let one = |figure: Figure, label: &'static str, show: fn(f64) -> String| {
        let dsp = f.parts(figure).dsp.number().unwrap_or(0.0);
        bar(label, a.usage(figure), dsp, f.unknown_words(figure), show)
    };
    [
        one(Figure::Latency, "Latency", format::millis),
        one(Figure::Ram, "RAM", format::bytes),
        one(Figure::Rom, "ROM", format::bytes),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(value: Option<f64>, limit: Option<f64>) -> Usage {
        Usage { value, limit }
    }

    #[test]
    fn levels_cover_every_case() {
        assert_eq!(level(usage(Some(50.0), Some(100.0))), Level::Fits);
        assert_eq!(level(usage(Some(89.9), Some(100.0))), Level::Fits);
        assert_eq!(level(usage(Some(90.0), Some(100.0))), Level::Near);
        assert_eq!(level(usage(Some(100.0), Some(100.0))), Level::Near);
        assert_eq!(level(usage(Some(100.1), Some(100.0))), Level::Over);
        assert_eq!(level(usage(Some(5.0), None)), Level::NoBudget);
        assert_eq!(level(usage(Some(5.0), Some(0.0))), Level::NoBudget);
        assert_eq!(level(usage(None, Some(100.0))), Level::Unknown);
        // Colour is never alone: every verdict has words (in the bar text or beside it).
        assert_eq!(Level::Over.words(), Some("✕ over"));
        assert_eq!(Level::Near.words(), Some("near the limit"));
        assert_eq!(Level::Unknown.words(), None);
    }

    #[test]
    fn widths_split_dsp_and_model_and_never_overflow() {
        let b = bar(
            "Latency",
            usage(Some(150.0), Some(200.0)),
            100.0,
            None,
            format::millis,
        );
        assert_eq!((b.dsp_width, b.model_width), (50.0, 25.0));
        assert_eq!(b.text, "150 ms of 200 ms (75 %)");
        assert_eq!(b.parts.as_deref(), Some("DSP 100 ms + model 50 ms"));
        let over = bar(
            "Latency",
            usage(Some(400.0), Some(200.0)),
            100.0,
            None,
            format::millis,
        );
        assert_eq!((over.dsp_width, over.model_width), (25.0, 75.0));
        assert_eq!(over.level, Level::Over);
        assert_eq!(over.text, "400 ms of 200 ms (200 %)");
    }

    #[test]
    fn missing_and_zero_limits_say_so_without_nan() {
        for (u, text) in [
            (usage(Some(2048.0), None), "2 KiB (no budget)"),
            (usage(Some(2048.0), Some(0.0)), "2 KiB (no budget)"),
            (usage(None, Some(1024.0)), "—"),
            (usage(None, None), "—"),
        ] {
            let b = bar("RAM", u, 1024.0, None, format::bytes);
            assert_eq!(b.text, text);
            assert_eq!((b.dsp_width, b.model_width), (0.0, 0.0));
            assert!(!b.text.contains("NaN") && !b.text.contains("inf"));
        }
    }
}
