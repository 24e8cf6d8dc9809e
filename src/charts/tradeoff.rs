//! The trade-off (Pareto) chart's data: one point per completed trial, accuracy against
//! latency, RAM or ROM for the shown precision and dataset, the budget line, and the front
//! of non-dominated trials among those that fit (or among all completed ones with
//! `infeasible=1`).

use super::pareto::front;
use super::plot::{AxisSpec, Line, Mark, PlotData, Rule, Shape, TickFormat};
use crate::derive::budget::{Figures, Fit};
use crate::derive::format;
use crate::derive::list_view::Lens;
use crate::derive::order::Evaluated;
use crate::model::{Trial, TrialStatus};
use crate::vocab::{Axis, Budget, ColorBy};

/// [`Axis`] is vocabulary (`crate::vocab`); what it measures and how it reads is here.
impl Axis {
    pub fn label(self) -> &'static str {
        match self {
            Axis::Latency => "Latency",
            Axis::Ram => "RAM",
            Axis::Rom => "ROM",
        }
    }
    pub fn value(self, f: &Figures) -> Option<f64> {
        match self {
            Axis::Latency => f.latency_ms,
            Axis::Ram => f.ram,
            Axis::Rom => f.rom,
        }
        .filter(|v| v.is_finite())
    }
    pub fn limit(self, b: &Budget) -> Option<f64> {
        match self {
            Axis::Latency => b.latency_ms,
            Axis::Ram => b.ram,
            Axis::Rom => b.rom,
        }
    }
    pub fn format(self) -> TickFormat {
        match self {
            Axis::Latency => TickFormat::Millis,
            Axis::Ram | Axis::Rom => TickFormat::Bytes,
        }
    }
}

/// One placed point.
#[derive(Clone, Debug, PartialEq)]
pub struct TradePoint {
    /// Index into the trials given to [`tradeoff`].
    pub trial: usize,
    pub id: String,
    pub x: f64,
    pub accuracy: f64,
    pub fit: Fit,
    pub round: Option<u64>,
    pub optimal: bool,
}

/// The chart's data.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Tradeoff {
    pub points: Vec<TradePoint>,
    /// Indices into `points` of the front, by increasing cost.
    pub front: Vec<usize>,
    /// Completed trials that cannot be placed (no accuracy or no figure for the axis).
    pub unplaced: Vec<usize>,
    pub completed: usize,
    pub budget_x: Option<f64>,
}

pub use crate::derive::selection::selection_id;

/// Places the completed trials (evaluated as `evals`, one per trial) and finds the front in
/// O(n log n).
pub fn tradeoff(
    trials: &[&Trial],
    evals: &[Evaluated],
    lens: &Lens,
    axis: Axis,
    infeasible: bool,
) -> Tradeoff {
    let mut out = Tradeoff {
        budget_x: axis.limit(&lens.budget),
        ..Default::default()
    };
    for (i, t) in trials.iter().enumerate() {
        if t.status != Some(TrialStatus::Completed) {
            continue;
        }
        out.completed += 1;
        let e = evals[i];
        match (axis.value(&e.assessment.figures), e.accuracy) {
            (Some(x), Some(accuracy)) => out.points.push(TradePoint {
                trial: i,
                id: selection_id(t),
                x,
                accuracy,
                fit: e.fit(),
                round: t.round,
                optimal: false,
            }),
            _ => out.unplaced.push(i),
        }
    }
    // The front over the eligible points only; map back to indices into `points`.
    let eligible: Vec<usize> = (0..out.points.len())
        .filter(|&i| infeasible || out.points[i].fit == Fit::Fits)
        .collect();
    let coords: Vec<(f64, f64)> = eligible
        .iter()
        .map(|&i| (out.points[i].x, out.points[i].accuracy))
        .collect();
    out.front = front(&coords).into_iter().map(|k| eligible[k]).collect();
    for &i in &out.front {
        out.points[i].optimal = true;
    }
    out
}

/// What the chart draws. The budget line is included in the axis unless it is more than
/// twice the largest value (it would squash every point against the left edge).
pub fn plot_data(t: &Tradeoff, axis: Axis, color: ColorBy, lens: &Lens) -> PlotData {
    let xs = || t.points.iter().map(|p| p.x);
    let max_x = xs().fold(0.0, f64::max);
    let budget = t
        .budget_x
        .filter(|b| t.points.is_empty() || *b <= max_x * 2.0);
    let marks = t
        .points
        .iter()
        .map(|p| Mark {
            x: p.x,
            y: p.accuracy,
            class: color.class(p.fit, p.round, Some(&TrialStatus::Completed)),
            muted: p.fit != Fit::Fits && color != ColorBy::Fits,
            id: p.id.clone(),
            fits: Some(p.fit.as_str()),
            optimal: Some(p.optimal),
            shape: Shape::Circle,
        })
        .collect();
    PlotData {
        x: AxisSpec::fit(
            &format!("{} ({})", axis.label(), lens.precision.as_str()),
            axis.format(),
            false,
            xs(),
            budget.as_slice(),
        ),
        y: AxisSpec::fit(
            &format!(
                "Accuracy ({}, {})",
                lens.dataset.as_str(),
                lens.precision.as_str()
            ),
            TickFormat::Percent,
            false,
            t.points.iter().map(|p| p.accuracy),
            &[],
        ),
        marks,
        lines: vec![Line {
            points: t
                .front
                .iter()
                .map(|&i| (t.points[i].x, t.points[i].accuracy))
                .collect(),
            class: "front",
        }],
        bands: Vec::new(),
        rules: budget
            .map(|b| Rule {
                vertical: true,
                value: b,
                label: format!("budget {}", value_text(axis, b)),
                class: "budget",
            })
            .into_iter()
            .collect(),
        thin: false,
    }
}

/// A figure of `axis` as text.
pub fn value_text(axis: Axis, v: f64) -> String {
    match axis {
        Axis::Latency => format::millis(v),
        Axis::Ram | Axis::Rom => format::bytes(v),
    }
}

/// Tooltip lines for a trial (evaluated as `e`): name, accuracy, latency/RAM/ROM and the
/// verdict in words.
pub fn describe(trial: &Trial, e: &Evaluated, lens: &Lens) -> Vec<String> {
    let f = e.assessment.figures;
    let opt = |v: Option<f64>, text: fn(f64) -> String| {
        v.map_or_else(|| format::MISSING.to_owned(), text)
    };
    vec![
        trial.display_name(),
        format!(
            "accuracy {} ({}, {})",
            opt(e.accuracy, format::percent),
            lens.dataset.as_str(),
            lens.precision.as_str()
        ),
        format!(
            "latency {} · RAM {} · ROM {}",
            opt(f.latency_ms, format::millis),
            opt(f.ram, format::bytes),
            opt(f.rom, format::bytes)
        ),
        e.assessment.verdict_words(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::evaluation::evaluate_each;

    fn trial(id: &str, status: TrialStatus) -> Trial {
        Trial {
            id: id.into(),
            key: id.into(),
            status: Some(status),
            ..Default::default()
        }
    }

    /// Pins: only completed trials are points; without figures they are counted, not placed.
    #[test]
    fn only_completed_trials_with_figures_are_placed() {
        let trials = [
            trial("a", TrialStatus::Completed),
            trial("b", TrialStatus::Running),
            trial("", TrialStatus::Completed),
        ];
        let refs: Vec<&Trial> = trials.iter().collect();
        let lens = Lens::new(&Default::default(), None, None, Default::default());
        let evals = evaluate_each(&refs, &lens);
        let t = tradeoff(&refs, &evals, &lens, Axis::Latency, false);
        assert_eq!(
            (t.completed, t.points.len(), t.unplaced.clone()),
            (2, 0, vec![0, 2])
        );
        assert!(t.front.is_empty());
    }
}
