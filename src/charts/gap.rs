//! The quantization gap: int8 against float32 accuracy per completed trial (shown dataset),
//! the diagonal (no loss) and a tolerance band below it (`tol`, default 2 accuracy points);
//! trials whose int8 drop exceeds the tolerance are listed, worst first.

use super::plot::{AxisSpec, Line, Mark, PlotData, Shape, TickFormat};
use super::tradeoff::selection_id;
use crate::derive::budget::{accuracy, Fit};
use crate::derive::list_view::Lens;
use crate::derive::order::{sort_indices, Evaluated};
use crate::model::{Trial, TrialStatus};
use crate::vocab::{ColorBy, Dataset, Precision};
use std::cmp::Ordering;

/// Default tolerance in accuracy points (`tol`).
pub const DEFAULT_TOL_PP: f64 = 2.0;

#[derive(Clone, Debug, PartialEq)]
pub struct GapPoint {
    /// Index into the trials given to [`gap`].
    pub trial: usize,
    pub id: String,
    pub float32: f64,
    pub int8: f64,
    /// float32 − int8, in accuracy points (positive = quantization lost accuracy).
    pub drop_pp: f64,
    pub fit: Fit,
    pub round: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Gap {
    pub points: Vec<GapPoint>,
    /// Indices into `points` whose drop exceeds the tolerance, largest drop first.
    pub over: Vec<usize>,
    pub tol_pp: f64,
    /// Completed trials lacking one of the two accuracies.
    pub missing: usize,
}

/// The gap of every completed trial with both accuracies for `dataset`.
/// `evals` holds one evaluation per trial (its verdict colours the point).
pub fn gap(trials: &[&Trial], evals: &[Evaluated], lens: &Lens, tol_pp: Option<f64>) -> Gap {
    let tol_pp = tol_pp
        .filter(|t| t.is_finite() && *t >= 0.0)
        .unwrap_or(DEFAULT_TOL_PP);
    let mut out = Gap {
        tol_pp,
        ..Default::default()
    };
    for (i, t) in trials.iter().enumerate() {
        if t.status != Some(TrialStatus::Completed) {
            continue;
        }
        match (
            accuracy(t, lens.dataset, Precision::Float32),
            accuracy(t, lens.dataset, Precision::Int8),
        ) {
            (Some(float32), Some(int8)) => out.points.push(GapPoint {
                trial: i,
                id: selection_id(t),
                float32,
                int8,
                drop_pp: (float32 - int8) * 100.0,
                fit: evals[i].fit(),
                round: t.round,
            }),
            _ => out.missing += 1,
        }
    }
    // A hair of slack so a drop of exactly `tol` (0.98 − 0.96 in binary) is not "over".
    out.over = (0..out.points.len())
        .filter(|&i| out.points[i].drop_pp > tol_pp + 1e-9)
        .collect();
    let points = &out.points;
    sort_indices(&mut out.over, &|a, b| {
        points[b]
            .drop_pp
            .partial_cmp(&points[a].drop_pp)
            .unwrap_or(Ordering::Equal)
            .then(a.cmp(&b))
    });
    out
}

/// What the chart draws: float32 on x, int8 on y, the diagonal and the band below it.
pub fn plot_data(g: &Gap, color: ColorBy, dataset: Dataset) -> PlotData {
    let tol = g.tol_pp / 100.0;
    let values = || g.points.iter().flat_map(|p| [p.float32, p.int8]);
    let axis = |label: &str| AxisSpec::fit(label, TickFormat::Percent, false, values(), &[]);
    let x = axis(&format!("float32 accuracy ({})", dataset.as_str()));
    let y = axis(&format!("int8 accuracy ({})", dataset.as_str()));
    let (lo, hi) = (x.domain.0.min(y.domain.0), x.domain.1.max(y.domain.1));
    let over: std::collections::HashSet<usize> = g.over.iter().copied().collect();
    let marks = g
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| Mark {
            x: p.float32,
            y: p.int8,
            class: if over.contains(&i) {
                "c-gap"
            } else {
                color.class(p.fit, p.round, Some(&TrialStatus::Completed))
            },
            muted: false,
            id: p.id.clone(),
            fits: None,
            optimal: None,
            shape: Shape::Circle,
        })
        .collect();
    PlotData {
        x,
        y,
        marks,
        lines: vec![Line {
            points: vec![(lo, lo), (hi, hi)],
            class: "diagonal",
        }],
        bands: vec![Line {
            points: vec![(lo, lo), (hi, hi), (hi, hi - tol), (lo, lo - tol)],
            class: "tolerance",
        }],
        rules: Vec::new(),
        thin: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::evaluation::evaluate_each;
    use crate::model::{Metrics, PrecisionMetrics};

    fn trial(id: &str, f32: f64, i8: f64) -> Trial {
        let m = |a| {
            Some(Metrics {
                accuracy: Some(a),
                ..Default::default()
            })
        };
        let mut t = Trial {
            id: id.into(),
            key: id.into(),
            status: Some(TrialStatus::Completed),
            ..Default::default()
        };
        t.metrics.validation = PrecisionMetrics {
            float32: m(f32),
            int8: m(i8),
        };
        t
    }

    /// Pins: drops above the tolerance are listed worst first; exactly the tolerance is not
    /// over; a gain (int8 better) is never over; a trial without float32 is counted missing.
    #[test]
    fn lists_trials_over_the_tolerance_worst_first() {
        let mut no_f32 = trial("d", 0.9, 0.8);
        no_f32.metrics.validation.float32 = None;
        let trials = [
            trial("a", 0.90, 0.85),
            trial("b", 0.98, 0.96),
            trial("c", 0.80, 0.82),
            trial("e", 0.9, 0.7),
            no_f32,
        ];
        let refs: Vec<&Trial> = trials.iter().collect();
        let lens = Lens::new(&Default::default(), None, None, Default::default());
        let evals = evaluate_each(&refs, &lens);
        let g = gap(&refs, &evals, &lens, None);
        assert_eq!(g.tol_pp, 2.0);
        assert_eq!(g.points.len(), 4);
        assert_eq!(g.missing, 1);
        assert_eq!(
            g.over
                .iter()
                .map(|&i| g.points[i].id.as_str())
                .collect::<Vec<_>>(),
            ["e", "a"]
        );
        let wide = gap(&refs, &evals, &lens, Some(10.0));
        assert_eq!(wide.over.len(), 1);
        assert_eq!(gap(&refs, &evals, &lens, Some(f64::NAN)).tol_pp, 2.0);
        let data = plot_data(&g, ColorBy::Fits, Dataset::Validation);
        assert_eq!(data.marks.iter().filter(|m| m.class == "c-gap").count(), 2);
        assert_eq!(data.bands[0].points.len(), 4);
    }
}
