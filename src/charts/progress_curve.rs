//! Progress over time: the best accuracy among fitting trials so far, against the time each
//! trial finished (since the run started), with a mark per completed and failed trial, and
//! whether the search has stopped improving.

use super::plot::{AxisSpec, Line, Mark, PlotData, Shape, TickFormat};
use super::tradeoff::selection_id;
use crate::derive::budget::Fit;
use crate::derive::order::Evaluated;
use crate::model::{Trial, TrialStatus};
use crate::vocab::ColorBy;

/// A finished trial.
#[derive(Clone, Debug, PartialEq)]
pub struct Finish {
    /// Index into the trials given to [`curve`].
    pub trial: usize,
    pub id: String,
    pub at_ms: i64,
    pub failed: bool,
    pub accuracy: Option<f64>,
    pub fit: Fit,
    pub round: Option<u64>,
}

/// No improvement for a while.
#[derive(Clone, Debug, PartialEq)]
pub struct Stall {
    /// When the best so far last improved.
    pub since_ms: i64,
    /// Completed trials finished since then without beating it.
    pub trials_since: usize,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Curve {
    pub start_ms: i64,
    /// Finished trials by time.
    pub finishes: Vec<Finish>,
    /// `(time, best so far)` at each improvement, by time.
    pub best: Vec<(i64, f64)>,
    /// Where the curve ends: now while live, else the last finish.
    pub end_ms: i64,
    pub stall: Option<Stall>,
}

/// Completed trials without improvement before the search counts as stalled: at least 5,
/// and at least a quarter of the completed trials (a long run is allowed longer plateaus).
pub fn stall_after(completed: usize) -> usize {
    5.max(completed.div_ceil(4))
}

/// When a trial finished: `lastCompletedTraining`, else its latest block activity.
pub fn finished_at(t: &Trial) -> Option<i64> {
    t.last_completed_training_ms
        .or_else(|| t.blocks.iter().filter_map(|b| b.last_active_ms).max())
}

/// The curve of `trials` evaluated as `evals` (one per trial); `now_ms` is `Some` while the
/// run is live.
pub fn curve(trials: &[&Trial], evals: &[Evaluated], now_ms: Option<i64>) -> Curve {
    let mut finishes: Vec<Finish> = trials
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let failed = match t.status {
                Some(TrialStatus::Completed) => false,
                Some(TrialStatus::Failed) => true,
                _ => return None,
            };
            let e = evals[i];
            Some(Finish {
                trial: i,
                id: selection_id(t),
                at_ms: finished_at(t)?,
                failed,
                accuracy: e.accuracy,
                fit: e.fit(),
                round: t.round,
            })
        })
        .collect();
    crate::derive::order::sort_items_by(&mut finishes, |a, b| {
        (a.at_ms, a.trial).cmp(&(b.at_ms, b.trial))
    });
    let start_ms = trials
        .iter()
        .filter_map(|t| t.started_ms())
        .chain(finishes.first().map(|f| f.at_ms))
        .min()
        .unwrap_or(0);
    let mut best: Vec<(i64, f64)> = Vec::new();
    let mut since = 0;
    for f in finishes.iter().filter(|f| !f.failed) {
        match f.accuracy.filter(|_| f.fit == Fit::Fits) {
            Some(a) if best.last().is_none_or(|&(_, b)| a > b) => {
                best.push((f.at_ms, a));
                since = 0;
            }
            _ => since += 1,
        }
    }
    let completed = finishes.iter().filter(|f| !f.failed).count();
    let end_ms = now_ms
        .or(finishes.last().map(|f| f.at_ms))
        .unwrap_or(start_ms)
        .max(start_ms);
    let stall = best
        .last()
        .filter(|_| since >= stall_after(completed))
        .map(|&(at, _)| Stall {
            since_ms: at,
            trials_since: since,
        });
    Curve {
        start_ms,
        finishes,
        best,
        end_ms,
        stall,
    }
}

/// What the chart draws: time since the start on x, accuracy on y; completed trials at their
/// accuracy (greyed when they don't fit), failed ones as marks on the bottom edge, and the
/// best-so-far staircase.
pub fn plot_data(c: &Curve, color: ColorBy) -> PlotData {
    let rel = |t: i64| (t - c.start_ms) as f64;
    let y = AxisSpec::fit(
        "Accuracy",
        TickFormat::Percent,
        false,
        c.finishes.iter().filter_map(|f| f.accuracy),
        &[],
    );
    let floor = y.domain.0;
    let marks = c
        .finishes
        .iter()
        .filter(|f| f.failed || f.accuracy.is_some())
        .map(|f| Mark {
            x: rel(f.at_ms),
            y: if f.failed {
                floor
            } else {
                f.accuracy.unwrap_or(floor)
            },
            class: if f.failed {
                "c-failed"
            } else {
                color.class(f.fit, f.round, Some(&TrialStatus::Completed))
            },
            muted: !f.failed && f.fit != Fit::Fits && color != ColorBy::Fits,
            id: f.id.clone(),
            fits: None,
            optimal: None,
            shape: Shape::Circle,
        })
        .collect();
    let mut steps: Vec<(f64, f64)> = Vec::new();
    for &(at, acc) in &c.best {
        if let Some(&(_, prev)) = steps.last() {
            steps.push((rel(at), prev));
        }
        steps.push((rel(at), acc));
    }
    if let Some(&(_, last)) = steps.last() {
        steps.push((rel(c.end_ms), last));
    }
    PlotData {
        x: AxisSpec::fit(
            "Time since the run started",
            TickFormat::Elapsed,
            false,
            [0.0, rel(c.end_ms)],
            &[],
        ),
        y,
        marks,
        lines: vec![Line {
            points: steps,
            class: "best",
        }],
        bands: Vec::new(),
        rules: Vec::new(),
        thin: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::evaluation::evaluate_each;
    use crate::derive::list_view::Lens;
    use crate::model::{Metrics, PrecisionMetrics, PrecisionPerformance, Reading};

    fn done(id: &str, at_min: i64, acc: f64, status: TrialStatus) -> Trial {
        let mut t = Trial {
            id: id.into(),
            key: id.into(),
            status: Some(status),
            ..Default::default()
        };
        t.last_completed_training_ms = Some(at_min * 60_000);
        t.metrics.validation = PrecisionMetrics {
            int8: Some(Metrics {
                accuracy: Some(acc),
                ..Default::default()
            }),
            float32: None,
        };
        t
    }

    /// With a model latency, so the trial "fits" the empty budget.
    fn fitting(id: &str, at_min: i64, acc: f64) -> Trial {
        let mut t = done(id, at_min, acc, TrialStatus::Completed);
        t.device.int8 = Some(PrecisionPerformance {
            latency_ms: Reading::Number(1.0),
            ..Default::default()
        });
        t
    }

    /// Pins the order by finish time, that trials of unknown fit and failed trials never
    /// raise the best so far, and that failed trials are drawn on the bottom edge.
    #[test]
    fn unknown_fit_and_failed_trials_do_not_count() {
        let trials = [
            done("a", 10, 0.7, TrialStatus::Completed),
            done("b", 5, 0.6, TrialStatus::Completed),
            done("f", 7, 0.0, TrialStatus::Failed),
        ];
        let refs: Vec<&Trial> = trials.iter().collect();
        let lens = Lens::new(&Default::default(), None, None, Default::default());
        let c = curve(&refs, &evaluate_each(&refs, &lens), Some(20 * 60_000));
        assert_eq!(
            c.finishes.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
            ["b", "f", "a"]
        );
        assert!(c.best.is_empty(), "figures unknown, so nothing fits");
        assert_eq!((c.start_ms, c.end_ms), (5 * 60_000, 20 * 60_000));
        let data = plot_data(&c, ColorBy::Fits);
        assert_eq!(data.marks.len(), 3);
        assert_eq!(data.marks[1].class, "c-failed");
        assert_eq!(data.marks[1].y, data.y.domain.0);
        assert!(data.lines[0].points.is_empty());
    }

    /// Pins the staircase (only strict improvements) and the stall hint: six completed trials
    /// since the last improvement at minute 2, with 8 completed (threshold 5).
    #[test]
    fn staircase_and_stall() {
        let accs = [0.5, 0.6, 0.55, 0.58, 0.59, 0.6, 0.52, 0.3];
        let trials: Vec<Trial> = accs
            .iter()
            .enumerate()
            .map(|(i, a)| fitting(&format!("t{i}"), i as i64 + 1, *a))
            .collect();
        let refs: Vec<&Trial> = trials.iter().collect();
        let lens = Lens::new(&Default::default(), None, None, Default::default());
        let c = curve(&refs, &evaluate_each(&refs, &lens), None);
        assert_eq!(c.best, [(60_000, 0.5), (120_000, 0.6)]);
        assert_eq!(
            c.stall,
            Some(Stall {
                since_ms: 120_000,
                trials_since: 6
            })
        );
        assert_eq!(
            c.end_ms,
            8 * 60_000,
            "a finished run ends at its last finish"
        );
        let steps = &plot_data(&c, ColorBy::Fits).lines[0].points;
        assert_eq!(
            steps,
            &[
                (0.0, 0.5),
                (60_000.0, 0.5),
                (60_000.0, 0.6),
                (420_000.0, 0.6)
            ]
        );
        // Two fewer plateau trials: no stall yet.
        let c = curve(&refs[..6], &evaluate_each(&refs[..6], &lens), None);
        assert_eq!(c.stall, None);
        assert_eq!((stall_after(3), stall_after(100)), (5, 25));
    }
}
