//! Parameter effects: for each hyperparameter that varies across completed trials, accuracy
//! against its values: numbers as a scatter (log axis when they span two decades), anything
//! else as a strip per value. Values the search space offers but no trial tried yet are
//! listed, so the unexplored part of the space shows.
//!
//! Parameters come from the trial's `model` (`inputBlocks`/`dspBlocks`/`learnBlocks` and its
//! other keys), else from the impulse blocks' configs. Names are `"{block type}: {key}"`,
//! plus `"{Section} block"` for the chosen block type, so one block type's parameters never
//! mix with another's.

use super::color::ColorBy;
use super::plot::{AxisSpec, Mark, PlotData, Rule, TickFormat};
use super::tradeoff::selection_id;
use crate::derive::budget::Fit;
use crate::derive::format;
use crate::derive::list_view::Lens;
use crate::derive::order::evaluate;
use crate::model::{Config, ImpulseBlock, Trial, TrialStatus};
use serde_json::Value;
use std::collections::BTreeMap;

/// More distinct values than this is not a "choice" (ids, free text): not charted.
pub const MAX_CATEGORIES: usize = 24;

const SECTIONS: [(&str, &str); 3] = [
    ("inputBlocks", "Input"),
    ("dspBlocks", "DSP"),
    ("learnBlocks", "Learn"),
];

/// A trial's hyperparameters as `(name, value)`, flattened.
pub fn params(t: &Trial) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    match t.model.as_ref().and_then(Value::as_object) {
        Some(model) if SECTIONS.iter().any(|(k, _)| model.contains_key(*k)) => {
            for (key, title) in SECTIONS {
                let blocks = model
                    .get(key)
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let blocks = blocks.iter().filter_map(Value::as_object).map(|b| {
                    let kind = b
                        .get("type")
                        .and_then(Value::as_str)
                        .unwrap_or("block")
                        .to_owned();
                    (
                        kind,
                        b.iter()
                            .filter(|(k, _)| *k != "type")
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect(),
                    )
                });
                push_section(&mut out, title, blocks);
            }
            for (k, v) in model
                .iter()
                .filter(|(k, _)| !SECTIONS.iter().any(|(s, _)| s == k))
            {
                if !matches!(k.as_str(), "id" | "optimizationRound") {
                    flatten(&mut out, &format!("model: {k}"), v);
                }
            }
        }
        _ => {
            let blocks = |list: &[ImpulseBlock]| -> Vec<(String, Vec<(String, Value)>)> {
                list.iter()
                    .map(|b| {
                        (
                            b.type_name.clone().unwrap_or_else(|| "block".into()),
                            b.config.clone(),
                        )
                    })
                    .collect()
            };
            push_section(&mut out, "Input", blocks(&t.input).into_iter());
            push_section(&mut out, "DSP", blocks(&t.dsp).into_iter());
            push_section(&mut out, "Learn", blocks(&t.learn).into_iter());
        }
    }
    out
}

fn push_section(
    out: &mut Vec<(String, Value)>,
    title: &str,
    blocks: impl Iterator<Item = (String, Vec<(String, Value)>)>,
) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (kind, config)) in blocks.enumerate() {
        let n = seen.entry(kind.clone()).or_default();
        *n += 1;
        let name = if *n > 1 {
            format!("{kind} #{n}")
        } else {
            kind.clone()
        };
        let slot = if i == 0 {
            format!("{title} block")
        } else {
            format!("{title} block #{}", i + 1)
        };
        out.push((slot, Value::String(kind)));
        for (k, v) in config {
            flatten(out, &format!("{name}: {k}"), &v);
        }
    }
}

fn flatten(out: &mut Vec<(String, Value)>, name: &str, v: &Value) {
    match v {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| flatten(out, &format!("{name}.{k}"), v)),
        other => out.push((name.to_owned(), other.clone())),
    }
}

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

/// The effects of every varying parameter, in first-seen order.
pub fn effects(trials: &[&Trial], lens: &Lens, config: &Config) -> Vec<Effect> {
    let mut by_name: Vec<(String, Vec<(usize, Value, f64, Fit)>)> = Vec::new();
    for (i, t) in trials
        .iter()
        .enumerate()
        .filter(|(_, t)| t.status == Some(TrialStatus::Completed))
    {
        let e = evaluate(t, lens.dataset, lens.precision, lens.budget);
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
    values: Vec<(usize, Value, f64, Fit)>,
    config: &Config,
) -> Option<Effect> {
    let mut texts: Vec<String> = values.iter().map(|(_, v, _, _)| format::value(v)).collect();
    texts.sort_by(|a, b| natural(a, b));
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
            categories.sort_by(|a, b| natural(a, b));
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
    out.sort_by(|a, b| natural(a, b));
    out.dedup();
    out
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
            &untried,
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Pins flattening: block type as its own parameter, nested objects dotted, a repeated
    /// block type numbered, meta keys (`id`, `optimizationRound`) skipped.
    #[test]
    fn params_are_flattened_per_block_type() {
        let t = Trial {
            model: Some(json!({
                "id": "x", "optimizationRound": 2, "seed": 7,
                "inputBlocks": [{"type": "time-series", "window": {"windowSizeMs": 1000}}],
                "dspBlocks": [{"type": "mfe", "num_filters": 40}],
                "learnBlocks": [{"type": "keras", "dropout": 0.25}, {"type": "keras", "dropout": 0.1}]
            })),
            ..Default::default()
        };
        let names: Vec<String> = params(&t).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "Input block",
                "time-series: window.windowSizeMs",
                "DSP block",
                "mfe: num_filters",
                "Learn block",
                "keras: dropout",
                "Learn block #2",
                "keras #2: dropout",
                "model: seed"
            ]
        );
        assert!((-0.3..=0.3).contains(&jitter(12345)));
        assert_eq!(natural("10", "9"), std::cmp::Ordering::Greater);
    }
}
