//! The side-by-side comparison of 2–4 trials: block by block (input → DSP → learn), the
//! block type and every parameter with one value per trial and whether they differ, then
//! accuracy, latency, RAM and ROM for both precisions. Blocks are aligned by position.

use crate::derive::budget::{accuracy, assess, figures};
use crate::derive::format;
use crate::model::{ImpulseBlock, Trial};
use crate::vocab::{Budget, Dataset, Precision};

/// Shown where a trial lacks a block or parameter.
pub const ABSENT: &str = format::MISSING;

/// One row: a label and one value per trial.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub label: String,
    pub values: Vec<String>,
    /// Not every trial has the same text.
    pub differs: bool,
}

impl Row {
    fn new(label: impl Into<String>, values: Vec<String>) -> Self {
        let differs = values.windows(2).any(|w| w[0] != w[1]);
        Row {
            label: label.into(),
            values,
            differs,
        }
    }
}

/// A block (or the results) with its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub rows: Vec<Row>,
}

impl Section {
    /// How many rows differ.
    pub fn differences(&self) -> usize {
        self.rows.iter().filter(|r| r.differs).count()
    }
}

/// Which list of impulse blocks a section shows.
type BlocksOf = fn(&Trial) -> &[ImpulseBlock];

/// Compares `trials` block by block, then by results under `budget`.
pub fn compare(trials: &[&Trial], dataset: Dataset, budget: Budget) -> Vec<Section> {
    let mut out = Vec::new();
    let sections: [(&str, BlocksOf); 3] = [
        ("Input", |t| &t.input),
        ("DSP", |t| &t.dsp),
        ("Learn", |t| &t.learn),
    ];
    for (title, blocks_of) in sections {
        let count = trials.iter().map(|t| blocks_of(t).len()).max().unwrap_or(0);
        for i in 0..count {
            let blocks: Vec<Option<&ImpulseBlock>> =
                trials.iter().map(|t| blocks_of(t).get(i)).collect();
            out.push(block_section(&format!("{title} block {}", i + 1), &blocks));
        }
    }
    out.push(results(trials, dataset, budget));
    out
}

fn block_section(title: &str, blocks: &[Option<&ImpulseBlock>]) -> Section {
    let kind = |b: &Option<&ImpulseBlock>| {
        b.map_or(ABSENT.to_owned(), |b| {
            b.type_name
                .clone()
                .or_else(|| b.title.clone())
                .unwrap_or_else(|| "unknown".into())
        })
    };
    let mut rows = vec![Row::new("type", blocks.iter().map(kind).collect())];
    // Union of parameter names, in the order first seen.
    let mut keys: Vec<&str> = Vec::new();
    for b in blocks.iter().flatten() {
        for (k, _) in &b.config {
            if !keys.contains(&k.as_str()) {
                keys.push(k);
            }
        }
    }
    for key in keys {
        let values = blocks
            .iter()
            .map(|b| {
                b.and_then(|b| b.config.iter().find(|(k, _)| k == key))
                    .map_or(ABSENT.to_owned(), |(_, v)| format::value(v))
            })
            .collect();
        rows.push(Row::new(key, values));
    }
    Section {
        title: title.to_owned(),
        rows,
    }
}

fn results(trials: &[&Trial], dataset: Dataset, budget: Budget) -> Section {
    let text =
        |v: Option<f64>, f: fn(f64) -> String| v.map_or_else(|| format::MISSING.to_owned(), f);
    let mut rows = Vec::new();
    for p in [Precision::Int8, Precision::Float32] {
        let p_name = p.as_str();
        let figs: Vec<_> = trials.iter().map(|t| figures(t, p)).collect();
        rows.push(Row::new(
            format!("accuracy ({}, {p_name})", dataset.as_str()),
            trials
                .iter()
                .map(|t| text(accuracy(t, dataset, p), format::percent))
                .collect(),
        ));
        rows.push(Row::new(
            format!("latency ({p_name})"),
            figs.iter()
                .map(|f| text(f.latency_ms, format::millis))
                .collect(),
        ));
        rows.push(Row::new(
            format!("RAM ({p_name})"),
            figs.iter().map(|f| text(f.ram, format::bytes)).collect(),
        ));
        rows.push(Row::new(
            format!("ROM ({p_name})"),
            figs.iter().map(|f| text(f.rom, format::bytes)).collect(),
        ));
        rows.push(Row::new(
            format!("fits the budget ({p_name})"),
            figs.iter()
                .map(|f| match assess(*f, budget).fit.as_str() {
                    "true" => "yes".to_owned(),
                    "false" => "no".to_owned(),
                    other => other.to_owned(),
                })
                .collect(),
        ));
    }
    Section {
        title: "Results".into(),
        rows,
    }
}

/// The rows to show: all, or only those that differ.
pub fn visible(section: &Section, differences_only: bool) -> Vec<&Row> {
    section
        .rows
        .iter()
        .filter(|r| !differences_only || r.differs)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn block(kind: &str, config: &[(&str, serde_json::Value)]) -> ImpulseBlock {
        ImpulseBlock {
            type_name: Some(kind.into()),
            config: config
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            ..Default::default()
        }
    }

    /// Pins the block-by-block diff of two trials: same DSP type with one differing
    /// parameter, a parameter only one trial has, a learn block only one trial has.
    #[test]
    fn diff_of_two_trials_block_configs() {
        let a = Trial {
            id: "a".into(),
            dsp: vec![block(
                "mfe",
                &[("num_filters", json!(40)), ("frame_stride", json!(0.02))],
            )],
            learn: vec![block("keras", &[("dropout", json!(0.25))])],
            ..Default::default()
        };
        let b = Trial {
            id: "b".into(),
            dsp: vec![block(
                "mfe",
                &[
                    ("num_filters", json!(64)),
                    ("frame_stride", json!(0.02)),
                    ("fft_length", json!(512)),
                ],
            )],
            learn: vec![
                block("keras", &[("dropout", json!(0.25))]),
                block("anomaly-kmeans", &[]),
            ],
            ..Default::default()
        };
        let s = compare(&[&a, &b], Dataset::Validation, Budget::default());
        let titles: Vec<&str> = s.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            ["DSP block 1", "Learn block 1", "Learn block 2", "Results"]
        );
        let dsp = &s[0];
        let row = |label: &str| dsp.rows.iter().find(|r| r.label == label).unwrap();
        assert!(!row("type").differs);
        assert_eq!(row("num_filters").values, ["40", "64"]);
        assert!(row("num_filters").differs);
        assert!(!row("frame_stride").differs);
        assert_eq!(row("fft_length").values, [ABSENT, "512"]);
        assert_eq!(dsp.differences(), 2);
        assert_eq!(visible(dsp, true).len(), 2);
        assert_eq!(visible(dsp, false).len(), 4);
        assert_eq!(s[1].differences(), 0);
        assert_eq!(s[2].rows[0].values, [ABSENT, "anomaly-kmeans"]);
        // Results: both unknown everywhere, so nothing differs.
        assert_eq!(s[3].rows.len(), 10);
        assert_eq!(s[3].differences(), 0);
    }
}
