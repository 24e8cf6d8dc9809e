//! The trade-off chart of compared runs (`CONTRACT.md` "Comparing runs"): every run's
//! completed trials as accuracy against latency, RAM or ROM, each judged under its own run's
//! precision, dataset and budget; one series per run (its own colour class *and* marker
//! shape, so colour is never the only cue), each run's front among its fitting trials as a
//! line, and the budget limit on the axis (one rule when the runs share it, else one per run
//! named after it). Every point keeps which run and trial it is, so the page can link it
//! into its own run.

use super::pareto::front;
use super::plot::{truncate, AxisSpec, Line, Mark, PlotData, Rule, Shape, TickFormat};
use super::tradeoff::{selection_id, value_text};
use crate::derive::budget::Fit;
use crate::derive::format;
use crate::derive::order::evaluate;
use crate::model::{Trial, TrialStatus};
use crate::vocab::{Axis, Budget, Dataset, Precision};
use std::collections::HashSet;
use std::sync::Arc;

/// Most runs one comparison shows (`job` and up to 3 `vs`); further runs are ignored.
pub const MAX_RUNS: usize = 4;

/// Colour classes of the series, in run order (`style/charts.css`).
const CLASSES: [&str; MAX_RUNS] = ["c-run0", "c-run1", "c-run2", "c-run3"];
/// Classes of each run's front line and of its own budget rule.
const FRONT_CLASSES: [&str; MAX_RUNS] = [
    "run-front run0",
    "run-front run1",
    "run-front run2",
    "run-front run3",
];
const RULE_CLASSES: [&str; MAX_RUNS] = ["budget run0", "budget run1", "budget run2", "budget run3"];

/// One compared run as the chart needs it.
#[derive(Clone, Copy, Debug)]
pub struct ChartRun<'a> {
    /// The run's `tunerCoordinatorJobId`.
    pub job: u64,
    pub name: &'a str,
    pub trials: &'a [&'a Trial],
    pub precision: Precision,
    pub dataset: Dataset,
    pub budget: Budget,
}

/// [`ChartRun`] owning its data, cheap to build from a snapshot (the trials are the
/// snapshot's own `Arc`s) and to compare in a memo (by pointer first).
#[derive(Clone, Debug)]
pub struct OwnedChartRun {
    pub job: u64,
    pub name: String,
    pub trials: Vec<Arc<Trial>>,
    pub precision: Precision,
    pub dataset: Dataset,
    pub budget: Budget,
}

impl PartialEq for OwnedChartRun {
    fn eq(&self, other: &Self) -> bool {
        self.job == other.job
            && self.name == other.name
            && self.precision == other.precision
            && self.dataset == other.dataset
            && self.budget == other.budget
            && self.trials.len() == other.trials.len()
            && self
                .trials
                .iter()
                .zip(&other.trials)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }
}

/// One placed point (same order as the plot's marks).
#[derive(Clone, Debug, PartialEq)]
pub struct RunPoint {
    /// Position of its run among the runs given.
    pub run: usize,
    pub job: u64,
    /// The trial's selection id in its own run (the `trial` URL value there).
    pub trial: String,
    /// The trial's name as the cards show it.
    pub name: String,
    pub x: f64,
    pub accuracy: f64,
    /// Against its own run's budget.
    pub fit: Fit,
    /// On its run's front.
    pub optimal: bool,
}

/// One run in the chart's legend, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub job: u64,
    pub name: String,
    pub shape: Shape,
    /// Colour class of its points.
    pub class: &'static str,
    /// Completed trials.
    pub completed: usize,
    /// Completed trials placed (with an accuracy and the axis figure).
    pub points: usize,
    /// Placed trials that fit its budget.
    pub fitting: usize,
    /// Trials on its front.
    pub on_front: usize,
    /// Completed trials without an accuracy or the axis figure (not placed).
    pub without_figures: usize,
    /// Its budget on the axis, if it has one.
    pub budget: Option<f64>,
    /// Indices into [`RunsPlot::points`] of its front, by increasing cost.
    pub front: Vec<usize>,
}

/// The chart's data.
#[derive(Clone, Debug, PartialEq)]
pub struct RunsPlot {
    pub plot: PlotData,
    /// Which run and trial each mark is (parallel to `plot.marks`).
    pub points: Vec<RunPoint>,
    /// One entry per run, in the order given.
    pub legend: Vec<LegendEntry>,
    /// Every run has the same budget on the axis (one rule, or none when none has one).
    pub shared_budget: bool,
}

impl RunsPlot {
    /// The point whose mark has this id.
    pub fn point(&self, mark_id: &str) -> Option<&RunPoint> {
        let i = self.plot.marks.iter().position(|m| m.id == mark_id)?;
        self.points.get(i)
    }
}

/// Places every run's completed trials, finds each run's front among its fitting trials in
/// O(n log n), and lays out the budget rules.
pub fn runs_tradeoff(runs: &[ChartRun], axis: Axis) -> RunsPlot {
    let runs = &runs[..runs.len().min(MAX_RUNS)];
    let mut points: Vec<RunPoint> = Vec::new();
    let mut legend: Vec<LegendEntry> = Vec::new();
    let mut lines = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        let first = points.len();
        let mut entry = LegendEntry {
            job: run.job,
            name: run.name.to_owned(),
            shape: Shape::SERIES[r],
            class: CLASSES[r],
            completed: 0,
            points: 0,
            fitting: 0,
            on_front: 0,
            without_figures: 0,
            budget: axis.limit(&run.budget),
            front: Vec::new(),
        };
        for t in run.trials {
            if t.status != Some(TrialStatus::Completed) {
                continue;
            }
            entry.completed += 1;
            let e = evaluate(t, run.dataset, run.precision, run.budget);
            match (axis.value(&e.assessment.figures), e.accuracy) {
                (Some(x), Some(accuracy)) if accuracy.is_finite() => points.push(RunPoint {
                    run: r,
                    job: run.job,
                    trial: selection_id(t),
                    name: t.display_name(),
                    x,
                    accuracy,
                    fit: e.fit(),
                    optimal: false,
                }),
                _ => entry.without_figures += 1,
            }
        }
        let mine = first..points.len();
        entry.points = mine.len();
        let fitting: Vec<usize> = mine.filter(|&i| points[i].fit == Fit::Fits).collect();
        entry.fitting = fitting.len();
        let coords: Vec<(f64, f64)> = fitting
            .iter()
            .map(|&i| (points[i].x, points[i].accuracy))
            .collect();
        entry.front = front(&coords).into_iter().map(|k| fitting[k]).collect();
        for &i in &entry.front {
            points[i].optimal = true;
        }
        entry.on_front = entry.front.len();
        lines.push(Line {
            points: entry
                .front
                .iter()
                .map(|&i| (points[i].x, points[i].accuracy))
                .collect(),
            class: FRONT_CLASSES[r],
        });
        legend.push(entry);
    }

    // A budget more than twice the largest value would squash every point against the left
    // edge: it is left out, as in the single-run chart.
    let max_x = points.iter().map(|p| p.x).fold(0.0, f64::max);
    let shown = |b: Option<f64>| b.filter(|b| points.is_empty() || *b <= max_x * 2.0);
    let shared_budget = legend.windows(2).all(|w| w[0].budget == w[1].budget);
    let rules: Vec<Rule> = if shared_budget {
        shown(legend.first().and_then(|e| e.budget))
            .map(|b| Rule {
                vertical: true,
                value: b,
                label: format!("budget {}", value_text(axis, b)),
                class: "budget",
            })
            .into_iter()
            .collect()
    } else {
        legend
            .iter()
            .enumerate()
            .filter_map(|(r, e)| {
                shown(e.budget).map(|b| Rule {
                    vertical: true,
                    value: b,
                    label: format!(
                        "{} {}: budget {}",
                        e.shape.symbol(),
                        truncate(&e.name, 32),
                        value_text(axis, b)
                    ),
                    class: RULE_CLASSES[r],
                })
            })
            .collect()
    };

    // Mark ids are unique across runs ("{job}:{trial}"), and within a run when trial ids
    // repeat (a later copy gets "#n"), so a pick always names one point.
    let mut seen: HashSet<String> = HashSet::with_capacity(points.len());
    let marks: Vec<Mark> = points
        .iter()
        .map(|p| {
            let base = format!("{}:{}", p.job, p.trial);
            let mut id = base.clone();
            let mut n = 1;
            while !seen.insert(id.clone()) {
                n += 1;
                id = format!("{base}#{n}");
            }
            Mark {
                x: p.x,
                y: p.accuracy,
                class: CLASSES[p.run],
                muted: p.fit != Fit::Fits,
                id,
                fits: Some(p.fit.as_str()),
                optimal: Some(p.optimal),
                shape: Shape::SERIES[p.run],
            }
        })
        .collect();

    let same = |f: fn(&ChartRun) -> &'static str| runs.windows(2).all(|w| f(&w[0]) == f(&w[1]));
    let precision = runs.first().map_or(Precision::default(), |r| r.precision);
    let dataset = runs.first().map_or(Dataset::default(), |r| r.dataset);
    let x_label = if same(|r| r.precision.as_str()) {
        format!("{} ({})", axis.label(), precision.as_str())
    } else {
        format!("{} (each run's precision)", axis.label())
    };
    let y_label = if same(|r| r.precision.as_str()) && same(|r| r.dataset.as_str()) {
        format!("Accuracy ({}, {})", dataset.as_str(), precision.as_str())
    } else {
        "Accuracy (each run's dataset and precision)".to_owned()
    };
    let rule_values: Vec<f64> = rules.iter().map(|r| r.value).collect();
    let plot = PlotData {
        x: AxisSpec::fit(
            &x_label,
            axis.format(),
            false,
            points.iter().map(|p| p.x),
            &rule_values,
        ),
        y: AxisSpec::fit(
            &y_label,
            TickFormat::Percent,
            false,
            points.iter().map(|p| p.accuracy),
            &[],
        ),
        marks,
        lines,
        bands: Vec::new(),
        rules,
        thin: false,
    };
    RunsPlot {
        plot,
        points,
        legend,
        shared_budget,
    }
}

/// [`runs_tradeoff`] over owned runs.
pub fn runs_tradeoff_owned(runs: &[OwnedChartRun], axis: Axis) -> RunsPlot {
    let refs: Vec<Vec<&Trial>> = runs
        .iter()
        .map(|r| r.trials.iter().map(Arc::as_ref).collect())
        .collect();
    let chart_runs: Vec<ChartRun> = runs
        .iter()
        .zip(&refs)
        .map(|(r, trials)| ChartRun {
            job: r.job,
            name: &r.name,
            trials,
            precision: r.precision,
            dataset: r.dataset,
            budget: r.budget,
        })
        .collect();
    runs_tradeoff(&chart_runs, axis)
}

/// A point in words: the trial, its run, its accuracy and figure, and whether it fits its
/// run's budget (the tooltip and the picked-point line).
pub fn point_words(plot: &RunsPlot, p: &RunPoint, axis: Axis) -> Vec<String> {
    let run = plot.legend.get(p.run);
    let run_name = run.map_or("", |e| e.name.as_str());
    let symbol = run.map_or(' ', |e| e.shape.symbol());
    vec![
        p.name.clone(),
        format!("{symbol} in run {run_name} (job {})", p.job),
        format!(
            "accuracy {} · {} {}",
            format::percent(p.accuracy),
            axis.label(),
            value_text(axis, p.x)
        ),
        format!(
            "{}{}",
            match p.fit {
                Fit::Fits => "fits its run's budget",
                Fit::Over => "over its run's budget",
                Fit::Unknown => "fit unknown",
            },
            if p.optimal {
                " · on its run's front"
            } else {
                ""
            }
        ),
    ]
}

/// A legend row in words: "N completed trials, M on its front" and what is missing.
pub fn legend_words(e: &LegendEntry, axis: Axis) -> String {
    let mut text = format!(
        "{} completed trial{}, {} on its front",
        e.points,
        if e.points == 1 { "" } else { "s" },
        e.on_front
    );
    if e.without_figures > 0 {
        text.push_str(&format!(
            " ({} more lack{} an accuracy or a {} figure)",
            e.without_figures,
            if e.without_figures == 1 { "s" } else { "" },
            axis.label()
        ));
    }
    if e.points > 0 && e.fitting == 0 {
        text.push_str("; none fits its budget, so it has no front");
    }
    if let Some(b) = e.budget {
        text.push_str(&format!("; budget {}", value_text(axis, b)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trial(id: &str, status: TrialStatus) -> Trial {
        Trial {
            id: id.into(),
            key: id.into(),
            status: Some(status),
            ..Default::default()
        }
    }

    /// Pins: no runs gives an empty chart; runs beyond four are ignored; completed trials
    /// without figures are counted, not placed; a shared absent budget draws no rule.
    #[test]
    fn empty_and_figureless_runs() {
        let none = runs_tradeoff(&[], Axis::Latency);
        assert!(none.plot.marks.is_empty() && none.legend.is_empty() && none.shared_budget);
        let trials = [
            trial("a", TrialStatus::Completed),
            trial("b", TrialStatus::Running),
        ];
        let refs: Vec<&Trial> = trials.iter().collect();
        let run = |job| ChartRun {
            job,
            name: "r",
            trials: &refs,
            precision: Precision::Int8,
            dataset: Dataset::Validation,
            budget: Budget::default(),
        };
        let p = runs_tradeoff(&[run(1), run(2), run(3), run(4), run(5)], Axis::Ram);
        assert_eq!(p.legend.len(), MAX_RUNS);
        let e = &p.legend[3];
        assert_eq!(
            (e.completed, e.points, e.without_figures, e.shape),
            (1, 0, 1, Shape::Diamond)
        );
        assert!(p.plot.rules.is_empty());
        assert!(legend_words(e, Axis::Ram).contains("1 more lacks an accuracy or a RAM figure"));
    }
}
