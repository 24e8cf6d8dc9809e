//! Parameter effects: for each hyperparameter that varies across completed trials, accuracy
//! against its values: numbers as a scatter (log axis when they span two decades), anything
//! else as a strip per value. Values the search space offers but no trial tried yet are
//! listed, so the unexplored part of the space shows.
//! Parameters and their names come from [`super::params`].

use super::params::params;
use super::plot::{AxisSpec, Mark, PlotData, Rule, Shape, TickFormat};
use super::tradeoff::selection_id;
use crate::derive::budget::Fit;
use crate::derive::format;
use crate::derive::list_view::Lens;
use crate::derive::order::Evaluated;
use crate::model::{Config, Trial, TrialStatus};
use crate::vocab::ColorBy;
use serde_json::Value;

/// More distinct values than this is not a "choice" (ids, free text): not charted.
pub const MAX_CATEGORIES: usize = 24;

/// How a parameter is charted.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Numeric { log: bool },
    Categorical { categories: Vec<String> },
}

/// One point: a completed trial with an accuracy.
#[derive(Clone, Debug, PartialEq)]
pub struct EffectPoint {
    pub trial: usize,
    pub id: String,
    /// The number, or the category index.
    pub x: f64,
    pub accuracy: f64,
    pub fit: Fit,
    pub round: Option<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    pub name: String,
    pub kind: Kind,
    pub points: Vec<EffectPoint>,
    /// Values in the search space that no completed trial has (as text).
    pub untried: Vec<String>,
}

/// One trial's value of a parameter: (trial index, value, accuracy, fit).
type Observed = (usize, Value, f64, Fit);

/// The effects of every varying parameter, in first-seen order.
/// `evals` holds one evaluation per trial.
pub fn effects(trials: &[&Trial], evals: &[Evaluated], config: &Config) -> Vec<Effect> {
    let mut by_name: Vec<(String, Vec<Observed>)> = Vec::new();
    for (i, t) in trials
        .iter()
        .enumerate()
        .filter(|(_, t)| t.status == Some(TrialStatus::Completed))
    {
        let e = evals[i];
        let Some(acc) = e.accuracy else { continue };
        for (name, value) in params(t) {
            let slot = match by_name.iter().position(|(n, _)| *n == name) {
                Some(s) => s,
                None => {
                    by_name.push((name, Vec::new()));
                    by_name.len() - 1
                }
            };
            by_name[slot].1.push((i, value, acc, e.fit()));
        }
    }
    by_name
        .into_iter()
        .filter_map(|(name, values)| effect(trials, name, values, config))
        .collect()
}

fn effect(
    trials: &[&Trial],
    name: String,
    values: Vec<Observed>,
    config: &Config,
) -> Option<Effect> {
    let mut texts: Vec<String> = values.iter().map(|(_, v, _, _)| format::value(v)).collect();
    crate::derive::order::sort_items_by(&mut texts, |a, b| natural(a, b));
    texts.dedup();
    let untried: Vec<String> = space_values(config, &name)
        .into_iter()
        .filter(|v| !texts.contains(v))
        .collect();
    // Worth a chart when trials differ in it, or when the space offers values not tried yet.
    if (texts.len() < 2 && untried.is_empty()) || texts.len() > MAX_CATEGORIES {
        return None;
    }
    let numbers: Option<Vec<f64>> = values.iter().map(|(_, v, _, _)| v.as_f64()).collect();
    let (kind, xs): (Kind, Vec<f64>) = match numbers {
        Some(xs) => {
            let (lo, hi) = super::scale::extent(xs.iter().copied())?;
            let log = lo > 0.0 && hi / lo >= 100.0;
            (Kind::Numeric { log }, xs)
        }
        None => {
            // Untried choices get an empty strip of their own.
            let mut categories = texts.clone();
            categories.extend(untried.iter().cloned());
            crate::derive::order::sort_items_by(&mut categories, |a, b| natural(a, b));
            let slot = |v: &Value| {
                let text = format::value(v);
                categories.iter().position(|t| *t == text).unwrap_or(0) as f64
            };
            let xs = values
                .iter()
                .map(|(i, v, _, _)| slot(v) + jitter(*i))
                .collect();
            (Kind::Categorical { categories }, xs)
        }
    };
    let points = values
        .iter()
        .zip(xs)
        .map(|((i, _, acc, fit), x)| EffectPoint {
            trial: *i,
            id: selection_id(trials[*i]),
            x,
            accuracy: *acc,
            fit: *fit,
            round: trials[*i].round,
        })
        .collect();
    Some(Effect {
        name,
        kind,
        points,
        untried,
    })
}

/// A deterministic offset in ±0.3 so a strip's points don't sit on one line.
fn jitter(seed: usize) -> f64 {
    let h = (seed as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
    (h % 1000) as f64 / 1000.0 * 0.6 - 0.3
}

/// Numbers by value, then text.
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
        _ => a.cmp(b),
    }
}

/// The search space's choices for a `"{type}: {key}"` or `"DSP block"` parameter, as text.
fn space_values(config: &Config, name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for imp in &config.space {
        let sections = [
            ("Input", imp.input.iter().collect::<Vec<_>>()),
            ("DSP", imp.dsp.iter().collect()),
            ("Learn", imp.learn.iter().flatten().collect()),
        ];
        for (title, blocks) in sections {
            for b in blocks {
                let kind = b.type_name.as_deref().unwrap_or("block");
                if name == format!("{title} block") {
                    out.push(kind.to_owned());
                }
                for (k, v) in &b.options {
                    if name == format!("{kind}: {k}") {
                        out.extend(
                            v.as_array()
                                .into_iter()
                                .flatten()
                                .filter(|c| !c.is_object())
                                .map(format::value),
                        );
                    }
                }
            }
        }
    }
    crate::derive::order::sort_items_by(&mut out, |a, b| natural(a, b));
    out.dedup();
    out
}

/// The values' range widened a little (not below zero for non-negative values), so the
/// few distinct values a search space offers don't sit on the axes.
fn padded(values: impl Iterator<Item = f64>, log: bool) -> Vec<f64> {
    let Some((lo, hi)) = super::scale::extent(values) else {
        return Vec::new();
    };
    if log {
        return vec![lo / 1.5, hi * 1.5];
    }
    let pad = if hi > lo {
        (hi - lo) * 0.06
    } else {
        lo.abs() * 0.1
    };
    let low = if lo >= 0.0 {
        (lo - pad).max(0.0)
    } else {
        lo - pad
    };
    vec![low, hi + pad]
}

/// What one small multiple draws: accuracy (y) against the parameter (x).
pub fn plot_data(e: &Effect, color: ColorBy, lens: &Lens) -> PlotData {
    // Untried numbers widen the axis and get a rule each: the unexplored part shows.
    let untried: Vec<f64> = match e.kind {
        Kind::Numeric { .. } => e.untried.iter().filter_map(|v| v.parse().ok()).collect(),
        Kind::Categorical { .. } => Vec::new(),
    };
    let x = match &e.kind {
        Kind::Numeric { log } => AxisSpec::fit(
            &e.name,
            TickFormat::Number,
            *log,
            e.points.iter().map(|p| p.x),
            &padded(
                e.points.iter().map(|p| p.x).chain(untried.iter().copied()),
                *log,
            ),
        ),
        Kind::Categorical { categories } => AxisSpec::categories(&e.name, categories.clone()),
    };
    PlotData {
        x,
        y: AxisSpec::fit(
            &format!("Accuracy ({})", lens.precision.as_str()),
            TickFormat::Percent,
            false,
            e.points.iter().map(|p| p.accuracy),
            &[],
        ),
        marks: e
            .points
            .iter()
            .map(|p| Mark {
                x: p.x,
                y: p.accuracy,
                class: color.class(p.fit, p.round, Some(&TrialStatus::Completed)),
                muted: p.fit != Fit::Fits && color != ColorBy::Fits,
                id: p.id.clone(),
                fits: None,
                optimal: None,
                shape: Shape::Circle,
            })
            .collect(),
        lines: Vec::new(),
        bands: Vec::new(),
        rules: untried
            .iter()
            .map(|&value| Rule {
                vertical: true,
                value,
                label: "untried".into(),
                class: "untried",
            })
            .collect(),
        thin: true,
    }
}

/// The effect in words (the text alternative): per value (categorical) or overall
/// (numeric) how many trials, the best and the mean accuracy, and what is untried.
pub fn summary(e: &Effect) -> String {
    let stats = |accs: &[f64]| {
        let best = accs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mean = accs.iter().sum::<f64>() / accs.len().max(1) as f64;
        (best, mean)
    };
    let mut text = match &e.kind {
        Kind::Categorical { categories } => categories
            .iter()
            .enumerate()
            .map(|(c, name)| {
                let accs: Vec<f64> = e
                    .points
                    .iter()
                    .filter(|p| p.x.round() as usize == c)
                    .map(|p| p.accuracy)
                    .collect();
                if accs.is_empty() {
                    return format!("{name}: not tried");
                }
                let (best, mean) = stats(&accs);
                format!(
                    "{name}: {} trials, best {}, mean {}",
                    accs.len(),
                    format::percent(best),
                    format::percent(mean)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        Kind::Numeric { .. } => {
            let accs: Vec<f64> = e.points.iter().map(|p| p.accuracy).collect();
            let (best, _) = stats(&accs);
            let at = e.points.iter().find(|p| p.accuracy == best).map(|p| p.x);
            let (lo, hi) = super::scale::extent(e.points.iter().map(|p| p.x)).unwrap_or_default();
            let (n, num) = (e.points.len(), |v: f64| format::number(v, 6));
            if lo == hi {
                format!(
                    "{n} trials, all at {}; best {}",
                    num(lo),
                    format::percent(best)
                )
            } else {
                let at = at.map_or_else(|| "unknown".to_owned(), num);
                format!(
                    "{n} trials from {} to {}; best {} at {at}",
                    num(lo),
                    num(hi),
                    format::percent(best)
                )
            }
        }
    };
    if !e.untried.is_empty() && matches!(e.kind, Kind::Numeric { .. }) {
        text.push_str(&format!("; not tried: {}", e.untried.join(", ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_and_natural_order() {
        assert!((-0.3..=0.3).contains(&jitter(12345)));
        assert_eq!(natural("10", "9"), std::cmp::Ordering::Greater);
        assert_eq!(natural("b", "a"), std::cmp::Ordering::Greater);
    }

    /// Pins the text alternative: per value counts with best and mean, and untried values.
    #[test]
    fn summary_in_words() {
        let point = |x: f64, accuracy: f64| EffectPoint {
            trial: 0,
            id: "t".into(),
            x,
            accuracy,
            fit: Fit::Fits,
            round: None,
        };
        let strip = Effect {
            name: "DSP block".into(),
            kind: Kind::Categorical {
                categories: vec!["mfcc".into(), "mfe".into(), "raw".into()],
            },
            points: vec![point(0.1, 0.8), point(-0.2, 0.6), point(1.2, 0.9)],
            untried: vec!["raw".into()],
        };
        assert_eq!(
            summary(&strip),
            "mfcc: 2 trials, best 80 %, mean 70 %; mfe: 1 trials, best 90 %, mean 90 %; raw: not tried"
        );
        let scatter = Effect {
            name: "keras: dropout".into(),
            kind: Kind::Numeric { log: false },
            points: vec![point(0.25, 0.8), point(0.5, 0.7)],
            untried: vec!["0.1".into()],
        };
        assert_eq!(
            summary(&scatter),
            "2 trials from 0.25 to 0.5; best 80 % at 0.25; not tried: 0.1"
        );
        // One value tried (charted because the space offers another).
        let single = Effect {
            points: vec![point(0.02, 0.9), point(0.02, 0.7)],
            untried: vec!["0.01".into()],
            ..scatter
        };
        assert_eq!(
            summary(&single),
            "2 trials, all at 0.02; best 90 %; not tried: 0.01"
        );
    }
}
