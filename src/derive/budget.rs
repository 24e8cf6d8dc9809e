//! A trial's device figures for the shown precision, and whether it fits the budget.
//!
//! Exactly `CONTRACT.md` "Default order and fits": latency = Σ DSP `performance.latency` +
//! `devicePerformance[p].latency`; RAM = Σ DSP `performance.ram` + model RAM (EON, else
//! TFLite; never `eon_ram_optimized`); ROM = model ROM (EON, else TFLite).
//!
//! A figure is known only when every part is a number ≥ 0 ([`Reading::Number`], read by the
//! model's lenient reader): a missing or invalid part makes the figure unknown, never 0 and
//! never dropped from the sum. [`assess`] turns the figures into the one verdict every
//! consumer reads (cards, counts, `fits=1`, order, best fit, Pareto, CSV, notifications), and
//! [`Figures::gaps`] says in words which part is unknown.

pub use crate::model::Reading;
use crate::model::{Config, ImpulseBlock, PrecisionPerformance, Trial};
use crate::vocab::{word_enum, Budget, Dataset, Precision};

/// [`Budget`] is vocabulary (`crate::vocab`); reading it from a run's config is here.
impl Budget {
    /// The run's own target: `targetLatency`, `targetDevice.ram/rom`.
    pub fn of_config(config: &Config) -> Self {
        let positive = |v: Option<f64>| v.filter(|v| v.is_finite() && *v > 0.0);
        Budget {
            latency_ms: positive(config.target_latency_ms),
            ram: positive(config.device.as_ref().and_then(|d| d.ram)),
            rom: positive(config.device.as_ref().and_then(|d| d.rom)),
        }
    }
}

/// Which compiler's memory figures were used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemorySource {
    Eon,
    Tflite,
}

impl MemorySource {
    pub fn label(self) -> &'static str {
        match self {
            MemorySource::Eon => "EON",
            MemorySource::Tflite => "TFLite",
        }
    }
}

/// One of the three budget figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Figure {
    Latency,
    Ram,
    Rom,
}

impl Figure {
    pub const ALL: [Figure; 3] = [Figure::Latency, Figure::Ram, Figure::Rom];

    /// How the card names it in a sentence.
    pub fn name(self) -> &'static str {
        match self {
            Figure::Latency => "latency",
            Figure::Ram => "RAM",
            Figure::Rom => "ROM",
        }
    }
}

/// The two parts a figure adds up: the DSP blocks' sum and the model's own figure.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Parts {
    /// Σ over the DSP blocks: `Number` only when every block's part is a number (no DSP
    /// blocks sum to 0); ROM has no DSP part and holds `Number(0.0)`.
    pub dsp: Reading,
    pub model: Reading,
}

impl Parts {
    /// The figure: known only when both parts are, and their sum is finite (1e308 + 1e308
    /// overflows to ∞, which is no figure to show).
    pub fn total(self) -> Option<f64> {
        Some(self.dsp.number()? + self.model.number()?).filter(|v| v.is_finite())
    }
}

/// A trial's on-device figures for one precision: each total and the parts it adds up.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Figures {
    pub latency_ms: Option<f64>,
    pub ram: Option<f64>,
    pub rom: Option<f64>,
    pub latency_parts: Parts,
    pub ram_parts: Parts,
    pub rom_parts: Parts,
    pub memory_source: Option<MemorySource>,
}

impl Figures {
    pub fn value(&self, figure: Figure) -> Option<f64> {
        match figure {
            Figure::Latency => self.latency_ms,
            Figure::Ram => self.ram,
            Figure::Rom => self.rom,
        }
    }

    pub fn parts(&self, figure: Figure) -> Parts {
        match figure {
            Figure::Latency => self.latency_parts,
            Figure::Ram => self.ram_parts,
            Figure::Rom => self.rom_parts,
        }
    }

    /// Why `figure` is unknown, one phrase per unknown part ("DSP cost unknown", "RAM not
    /// reported", "invalid latency"); empty when the figure is known. The only place these
    /// words are made: bars, card and tooltips show them as given.
    pub fn gaps(&self, figure: Figure) -> Vec<String> {
        if self.value(figure).is_some() {
            return Vec::new();
        }
        let parts = self.parts(figure);
        let mut gaps = Vec::new();
        if parts.dsp.number().is_none() {
            // A DSP block without `performance`, or with a figure that is not a number ≥ 0.
            gaps.push("DSP cost unknown".to_owned());
        }
        match parts.model {
            Reading::Missing => gaps.push(format!("{} not reported", figure.name())),
            Reading::Invalid => gaps.push(format!("invalid {}", figure.name())),
            Reading::Number(_) => {}
        }
        if gaps.is_empty() {
            gaps.push(format!("{} too large to add up", figure.name()));
        }
        gaps
    }

    /// [`Figures::gaps`] as one phrase ("DSP cost unknown, latency not reported"); `None`
    /// when the figure is known.
    pub fn unknown_words(&self, figure: Figure) -> Option<String> {
        let gaps = self.gaps(figure);
        (!gaps.is_empty()).then(|| gaps.join(", "))
    }
}

/// Σ of one DSP part over the blocks: invalid if any block's is, else missing if any block's
/// is, else the sum (never a partial sum: a block that is not counted is not 0).
fn dsp_sum(blocks: &[ImpulseBlock], part: impl Fn(&ImpulseBlock) -> Reading) -> Reading {
    let mut sum = 0.0;
    let mut missing = false;
    for b in blocks {
        match part(b) {
            Reading::Number(v) => sum += v,
            Reading::Invalid => return Reading::Invalid,
            Reading::Missing => missing = true,
        }
    }
    if missing {
        Reading::Missing
    } else {
        Reading::Number(sum)
    }
}

/// Computes [`Figures`] for `precision`. The model part comes from `devicePerformance`;
/// without it the totals are unknown (a DSP-only sum would look deceptively small).
pub fn figures(trial: &Trial, precision: Precision) -> Figures {
    let perf: Option<&PrecisionPerformance> = match precision {
        Precision::Int8 => trial.device.int8.as_ref(),
        Precision::Float32 => trial.device.float32.as_ref(),
    };
    // EON when it sent any memory figure (even an invalid one: that is not a reason to
    // quietly show TFLite's), else TFLite; never `eon_ram_optimized`.
    let (memory_source, memory) = match perf {
        Some(p)
            if p.eon
                .as_ref()
                .is_some_and(|m| m.ram.is_sent() || m.rom.is_sent()) =>
        {
            (Some(MemorySource::Eon), p.eon.as_ref())
        }
        Some(p) if p.tflite.is_some() => (Some(MemorySource::Tflite), p.tflite.as_ref()),
        _ => (None, None),
    };
    let latency_parts = Parts {
        dsp: dsp_sum(&trial.dsp, |b| b.latency_ms),
        model: perf.map_or(Reading::Missing, |p| p.latency_ms),
    };
    let ram_parts = Parts {
        dsp: dsp_sum(&trial.dsp, |b| b.ram),
        model: memory.map_or(Reading::Missing, |m| m.ram),
    };
    let rom_parts = Parts {
        dsp: Reading::Number(0.0),
        model: memory.map_or(Reading::Missing, |m| m.rom),
    };
    Figures {
        latency_ms: latency_parts.total(),
        ram: ram_parts.total(),
        rom: rom_parts.total(),
        latency_parts,
        ram_parts,
        rom_parts,
        memory_source,
    }
}

word_enum! {
    /// Whether a trial fits the budget; the word is its `data-fits` value (`CONTRACT.md`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Fit {
        Fits = "true",
        Over = "false",
        Unknown = "unknown",
    }
}

impl Fit {
    /// Position in the default order: fits → unknown → over.
    pub fn rank(self) -> u8 {
        match self {
            Fit::Fits => 0,
            Fit::Unknown => 1,
            Fit::Over => 2,
        }
    }
}

/// One figure against its limit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage {
    pub value: Option<f64>,
    pub limit: Option<f64>,
}

impl Usage {
    /// `value / limit`, only when both are known and the limit is positive.
    pub fn fraction(self) -> Option<f64> {
        match (self.value, self.limit) {
            // A subnormal limit would give ∞: treat as no meaningful fraction.
            (Some(v), Some(l)) if l > 0.0 && v.is_finite() => Some(v / l).filter(|f| f.is_finite()),
            _ => None,
        }
    }
    pub fn is_over(self) -> bool {
        matches!((self.value, self.limit), (Some(v), Some(l)) if v > l)
    }
}

/// Each figure against the budget, and the verdict.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assessment {
    pub figures: Figures,
    pub latency: Usage,
    pub ram: Usage,
    pub rom: Usage,
    pub fit: Fit,
}

impl Assessment {
    pub fn usage(&self, figure: Figure) -> Usage {
        match figure {
            Figure::Latency => self.latency,
            Figure::Ram => self.ram,
            Figure::Rom => self.rom,
        }
    }

    /// Why the verdict is unknown: the gaps of the budgeted figures that are unknown (of every
    /// figure when nothing is budgeted), each phrase once. `None` unless the fit is unknown.
    pub fn why_unknown(&self) -> Option<String> {
        if self.fit != Fit::Unknown {
            return None;
        }
        let budgeted: Vec<Figure> = Figure::ALL
            .into_iter()
            .filter(|&f| self.usage(f).limit.is_some())
            .collect();
        let figures = if budgeted.is_empty() {
            Figure::ALL.to_vec()
        } else {
            budgeted
        };
        let mut words: Vec<String> = Vec::new();
        for gap in figures.into_iter().flat_map(|f| self.figures.gaps(f)) {
            if !words.contains(&gap) {
                words.push(gap);
            }
        }
        Some(words.join(", "))
    }

    /// The verdict in words: "fits the budget", "✕ over budget", or "fit unknown: " and why.
    pub fn verdict_words(&self) -> String {
        match self.fit {
            Fit::Fits => "fits the budget".to_owned(),
            Fit::Over => "✕ over budget".to_owned(),
            Fit::Unknown => match self.why_unknown() {
                Some(why) if !why.is_empty() => format!("fit unknown: {why}"),
                _ => "fit unknown".to_owned(),
            },
        }
    }
}

/// Holds `figures` against `budget` (`CONTRACT.md` "Default order and fits"): over when any
/// known figure exceeds its limit; fits only when every budgeted figure is known and within
/// (and at least one figure is known at all); unknown otherwise. A figure with a missing or
/// invalid part is unknown ([`Parts::total`]), so it can neither fit nor be over.
pub fn assess(figures: Figures, budget: Budget) -> Assessment {
    let usage = |figure: Figure, limit: Option<f64>| Usage {
        value: figures.value(figure),
        limit,
    };
    let latency = usage(Figure::Latency, budget.latency_ms);
    let ram = usage(Figure::Ram, budget.ram);
    let rom = usage(Figure::Rom, budget.rom);
    let all = [latency, ram, rom];
    let fit = if all.iter().any(|u| u.is_over()) {
        Fit::Over
    } else if all.iter().all(|u| u.value.is_none())
        || all.iter().any(|u| u.limit.is_some() && u.value.is_none())
    {
        Fit::Unknown
    } else {
        Fit::Fits
    };
    Assessment {
        figures,
        latency,
        ram,
        rom,
        fit,
    }
}

/// A trial's accuracy (0–1) for a dataset and precision: the trial's `metrics`, else its
/// first learn block's (`metrics`, then `modelValidationMetrics` for validation).
pub fn accuracy(trial: &Trial, dataset: Dataset, precision: Precision) -> Option<f64> {
    let set = match dataset {
        Dataset::Validation => &trial.metrics.validation,
        Dataset::Test => &trial.metrics.test,
    };
    let from_trial = match precision {
        Precision::Int8 => set.int8.as_ref(),
        Precision::Float32 => set.float32.as_ref(),
    }
    .and_then(|m| m.accuracy);
    from_trial
        .or_else(|| {
            let block = trial.learn.first()?;
            let pair = match dataset {
                Dataset::Validation => block.accuracy.validation,
                Dataset::Test => block.accuracy.test,
            };
            match precision {
                Precision::Int8 => pair.int8,
                Precision::Float32 => pair.float32,
            }
        })
        .filter(|a| a.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DevicePerformance, ImpulseBlock, Memory, PrecisionPerformance};

    fn trial(
        dsp: &[(f64, f64)],
        latency: Option<f64>,
        eon: Option<(f64, f64)>,
        tflite: Option<(f64, f64)>,
    ) -> Trial {
        let mem = |m: Option<(f64, f64)>| {
            m.map(|(ram, rom)| Memory {
                ram: Reading::of(ram),
                rom: Reading::of(rom),
                ..Default::default()
            })
        };
        Trial {
            dsp: dsp
                .iter()
                .map(|&(l, r)| ImpulseBlock {
                    latency_ms: Reading::of(l),
                    ram: Reading::of(r),
                    ..Default::default()
                })
                .collect(),
            device: DevicePerformance {
                int8: Some(PrecisionPerformance {
                    latency_ms: latency.map_or(Reading::Missing, Reading::of),
                    eon: mem(eon),
                    tflite: mem(tflite),
                    eon_ram_optimized: Some(Memory {
                        ram: Reading::Number(1.0),
                        rom: Reading::Number(1.0),
                        ..Default::default()
                    }),
                }),
                float32: None,
            },
            ..Default::default()
        }
    }

    const BUDGET: Budget = Budget {
        latency_ms: Some(100.0),
        ram: Some(1000.0),
        rom: Some(5000.0),
    };

    #[test]
    fn sums_dsp_and_model_and_prefers_eon() {
        let f = figures(
            &trial(
                &[(10.0, 100.0), (5.0, 50.0)],
                Some(20.0),
                Some((500.0, 4000.0)),
                Some((900.0, 4900.0)),
            ),
            Precision::Int8,
        );
        assert_eq!(
            (f.latency_ms, f.ram, f.rom),
            (Some(35.0), Some(650.0), Some(4000.0))
        );
        assert_eq!(f.memory_source, Some(MemorySource::Eon));
        assert_eq!(assess(f, BUDGET).fit, Fit::Fits);
    }

    #[test]
    fn falls_back_to_tflite_never_eon_ram_optimized() {
        let f = figures(
            &trial(&[], Some(1.0), None, Some((900.0, 4900.0))),
            Precision::Int8,
        );
        assert_eq!(
            (f.ram, f.rom, f.memory_source),
            (Some(900.0), Some(4900.0), Some(MemorySource::Tflite))
        );
    }

    #[test]
    fn limits_are_inclusive_and_any_excess_is_over() {
        let exact = figures(
            &trial(&[(50.0, 500.0)], Some(50.0), Some((500.0, 5000.0)), None),
            Precision::Int8,
        );
        assert_eq!(assess(exact, BUDGET).fit, Fit::Fits);
        let over_rom = figures(
            &trial(&[], Some(1.0), Some((1.0, 5001.0)), None),
            Precision::Int8,
        );
        let a = assess(over_rom, BUDGET);
        assert_eq!(a.fit, Fit::Over);
        assert!(a.rom.is_over() && !a.ram.is_over());
    }

    #[test]
    fn missing_figures_are_unknown_and_missing_budget_does_not_constrain() {
        let none = figures(&Trial::default(), Precision::Int8);
        assert_eq!(assess(none, BUDGET).fit, Fit::Unknown);
        assert_eq!(assess(none, Budget::default()).fit, Fit::Unknown);
        let no_latency = figures(&trial(&[], None, Some((1.0, 1.0)), None), Precision::Int8);
        assert_eq!(assess(no_latency, BUDGET).fit, Fit::Unknown);
        assert_eq!(
            assess(
                no_latency,
                Budget {
                    latency_ms: None,
                    ..BUDGET
                }
            )
            .fit,
            Fit::Fits
        );
        // float32 figures are absent here.
        let f32 = figures(
            &trial(&[], Some(1.0), Some((1.0, 1.0)), None),
            Precision::Float32,
        );
        assert_eq!(assess(f32, BUDGET).fit, Fit::Unknown);
    }

    #[test]
    fn overflowing_sums_are_unknown_not_infinite() {
        let f = figures(
            &trial(
                &[(1e308, 1e308), (1e308, 1e308)],
                Some(1e308),
                Some((1e308, 1.0)),
                None,
            ),
            Precision::Int8,
        );
        assert_eq!((f.latency_ms, f.ram), (None, None));
        assert_eq!(assess(f, BUDGET).fit, Fit::Unknown);
    }

    /// Pins the words of each unknown part and that an overflow is named, not shown as ∞.
    #[test]
    fn gaps_name_each_unknown_part() {
        let mut t = trial(&[(5.0, 10.0)], None, Some((1.0, 1.0)), None);
        t.dsp.push(ImpulseBlock::default()); // a DSP block without `performance`
        let f = figures(&t, Precision::Int8);
        assert_eq!(
            f.unknown_words(Figure::Latency).as_deref(),
            Some("DSP cost unknown, latency not reported")
        );
        assert_eq!(
            f.unknown_words(Figure::Ram).as_deref(),
            Some("DSP cost unknown")
        );
        assert_eq!(f.unknown_words(Figure::Rom), None, "ROM has no DSP part");
        assert!(f.gaps(Figure::Rom).is_empty());

        let mut t = trial(&[(5.0, 10.0)], Some(1.0), Some((1.0, 1.0)), None);
        t.dsp[0].latency_ms = Reading::Invalid;
        t.device.int8.as_mut().unwrap().eon.as_mut().unwrap().rom = Reading::Invalid;
        let f = figures(&t, Precision::Int8);
        assert_eq!(
            f.unknown_words(Figure::Latency).as_deref(),
            Some("DSP cost unknown")
        );
        assert_eq!(f.unknown_words(Figure::Rom).as_deref(), Some("invalid ROM"));
        assert_eq!(
            f.memory_source,
            Some(MemorySource::Eon),
            "an invalid EON figure is not swapped for TFLite's"
        );

        let huge = figures(
            &trial(&[(1e308, 1.0)], Some(1e308), Some((1.0, 1.0)), None),
            Precision::Int8,
        );
        assert_eq!(
            huge.unknown_words(Figure::Latency).as_deref(),
            Some("latency too large to add up")
        );
    }

    /// Pins which parts a block list sums to: invalid beats missing, and a missing block
    /// is never left out of the sum.
    #[test]
    fn dsp_sums_are_all_or_nothing() {
        let r = |v: &[Reading]| {
            let blocks: Vec<ImpulseBlock> = v
                .iter()
                .map(|&latency_ms| ImpulseBlock {
                    latency_ms,
                    ..Default::default()
                })
                .collect();
            dsp_sum(&blocks, |b| b.latency_ms)
        };
        assert_eq!(r(&[]), Reading::Number(0.0));
        assert_eq!(
            r(&[Reading::Number(2.0), Reading::Number(3.0)]),
            Reading::Number(5.0)
        );
        assert_eq!(
            r(&[Reading::Number(2.0), Reading::Missing]),
            Reading::Missing
        );
        assert_eq!(
            r(&[Reading::Missing, Reading::Invalid, Reading::Number(1.0)]),
            Reading::Invalid
        );
    }

    /// Pins the reason given for an unknown verdict: only the budgeted figures that are
    /// unknown count (an unknown figure nobody budgets does not block a fit), each phrase
    /// once; with no budget at all, every figure's gap.
    #[test]
    fn why_unknown_names_only_budgeted_gaps() {
        let mut t = trial(&[(5.0, 10.0)], Some(1.0), Some((1.0, 1.0)), None);
        t.dsp.push(ImpulseBlock::default());
        t.device.int8.as_mut().unwrap().eon.as_mut().unwrap().rom = Reading::Missing;
        let f = figures(&t, Precision::Int8);
        let rom_only = Budget {
            rom: Some(10.0),
            ..Budget::default()
        };
        let a = assess(f, rom_only);
        assert_eq!(a.fit, Fit::Unknown);
        assert_eq!(a.why_unknown().as_deref(), Some("ROM not reported"));
        let a = assess(f, BUDGET);
        assert_eq!(
            a.verdict_words(),
            "fit unknown: DSP cost unknown, ROM not reported",
            "DSP named once for latency and RAM"
        );
        let latency_only = Budget {
            latency_ms: Some(100.0),
            ..Budget::default()
        };
        let known = figures(
            &trial(&[(5.0, 10.0)], Some(1.0), None, None),
            Precision::Int8,
        );
        let a = assess(known, latency_only);
        assert_eq!((a.fit, a.why_unknown()), (Fit::Fits, None));
        let nothing = assess(
            figures(&Trial::default(), Precision::Int8),
            Budget::default(),
        );
        assert_eq!(
            nothing.verdict_words(),
            "fit unknown: latency not reported, RAM not reported, ROM not reported"
        );
    }

    #[test]
    fn fractions_never_divide_by_zero() {
        assert_eq!(
            Usage {
                value: Some(5.0),
                limit: Some(0.0)
            }
            .fraction(),
            None
        );
        assert_eq!(
            Usage {
                value: Some(5.0),
                limit: None
            }
            .fraction(),
            None
        );
        assert_eq!(
            Usage {
                value: Some(5.0),
                limit: Some(10.0)
            }
            .fraction(),
            Some(0.5)
        );
    }
}
