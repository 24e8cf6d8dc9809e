//! The short facts on a trial card: how long ago it finished or how long it has been running,
//! accuracy beside the other precision's, live training progress, and where a failed trial
//! failed. "Now" is passed in, never read from a clock.

use super::budget::accuracy;
use super::format;
use super::pipeline_text::{kind_label, Step};
use crate::model::{Trial, TrialStatus};
use crate::vocab::{Dataset, Precision};
use serde_json::Value;

/// "finished 5 min ago", "running for 3 min", "failed 1 h ago", "waiting for a worker".
pub fn timing(trial: &Trial, now_ms: i64) -> Option<String> {
    let latest_activity = trial.blocks.iter().filter_map(|b| b.last_active_ms).max();
    match trial.status.as_ref()? {
        TrialStatus::Running => Some(match trial.started_ms() {
            Some(start) => format!(
                "running for {}",
                format::duration_s(now_ms.saturating_sub(start).max(0) as f64 / 1000.0)
            ),
            None => "running".into(),
        }),
        TrialStatus::Completed => trial
            .last_completed_training_ms
            .or(latest_activity)
            .map(|t| format!("finished {}", format::ago(t, now_ms))),
        TrialStatus::Failed => {
            latest_activity.map(|t| format!("failed {}", format::ago(t, now_ms)))
        }
        TrialStatus::Pending => Some("waiting for a worker".into()),
        TrialStatus::Unknown(_) => None,
    }
}

/// Accuracy for the shown precision and dataset, and how the other precision compares.
#[derive(Clone, Debug, PartialEq)]
pub struct AccuracyText {
    /// "int8 91.2 %", or "int8 —" when unknown.
    pub main: String,
    /// "−1.4 pp vs float32", or "float32 92.6 %" when the shown one is unknown.
    pub other: Option<String>,
}

pub fn accuracy_text(trial: &Trial, dataset: Dataset, precision: Precision) -> AccuracyText {
    let shown = accuracy(trial, dataset, precision);
    let other_p = precision.other();
    let other = accuracy(trial, dataset, other_p);
    let main = format!(
        "{} {}",
        precision.as_str(),
        shown.map_or_else(|| format::MISSING.into(), format::percent)
    );
    let other = match (shown, other) {
        (Some(a), Some(b)) => Some(format!("{} vs {}", points(a - b), other_p.as_str())),
        (None, Some(b)) => Some(format!("{} {}", other_p.as_str(), format::percent(b))),
        _ => None,
    };
    AccuracyText { main, other }
}

/// A difference of two 0–1 accuracies in percentage points: "−1.4 pp", "+0.3 pp", "±0 pp".
pub fn points(delta: f64) -> String {
    let pp = (delta * 1000.0).round() / 10.0;
    if !pp.is_finite() {
        return format::MISSING.into();
    }
    let magnitude = format::number(pp.abs(), 1);
    match pp {
        p if p > 0.0 => format!("+{magnitude} pp"),
        p if p < 0.0 => format!("−{magnitude} pp"),
        _ => "±0 pp".into(),
    }
}

/// A running trial's training: epoch of cycles and the latest `progress` figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Training {
    pub epoch: Option<u64>,
    pub cycles: Option<u64>,
    /// `(name, value)` of loss, val_loss, accuracy, val_accuracy that are known.
    pub figures: Vec<(&'static str, String)>,
}

impl Training {
    /// "epoch 28 of 50", "epoch 28", "waiting for training to start".
    pub fn text(&self) -> String {
        match (self.epoch, self.cycles) {
            (Some(e), Some(c)) => format!("epoch {e} of {c}"),
            (Some(e), None) => format!("epoch {e}"),
            _ => "training not started".into(),
        }
    }
}

/// Training progress of a running trial; `None` for other statuses. The number of cycles is
/// the trial's own (its learn block's `trainingCycles`: the search space may vary it), else
/// the run's `trainingCycles`.
pub fn training(trial: &Trial, run_cycles: Option<u64>) -> Option<Training> {
    if trial.status != Some(TrialStatus::Running) {
        return None;
    }
    let progress = trial.progress.clone().unwrap_or_default();
    let own_cycles = trial.learn.iter().find_map(|b| {
        b.config
            .iter()
            .find(|(k, _)| k == "trainingCycles")
            .and_then(|(_, v)| match v {
                Value::Number(n) => n.as_u64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            })
    });
    let mut figures = Vec::new();
    for (name, value) in [
        ("loss", progress.loss),
        ("val_loss", progress.val_loss),
        ("accuracy", progress.accuracy),
        ("val_accuracy", progress.val_accuracy),
    ] {
        if let Some(v) = value.filter(|v| v.is_finite()) {
            figures.push((name, format::number(v, 4)));
        }
    }
    Some(Training {
        epoch: trial.current_epoch.or(progress.epoch),
        cycles: own_cycles.or(run_cycles).filter(|c| *c > 0),
        figures,
    })
}

/// For a failed trial: which block failed and its retries, from the pipeline steps.
pub fn failure(trial: &Trial, steps: &[Step]) -> Option<String> {
    if trial.status != Some(TrialStatus::Failed) {
        return None;
    }
    let failed = steps
        .iter()
        .find(|s| s.status() == Some(&TrialStatus::Failed));
    Some(match failed {
        Some(step) => {
            let retries = step.state.as_ref().and_then(|s| s.retries).unwrap_or(0);
            format!(
                "failed in the {} block “{}” after {} {}",
                kind_label(&step.kind),
                step.label,
                retries,
                if retries == 1 { "retry" } else { "retries" }
            )
        }
        None => "failed (no block reported a failure)".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BlockState, ImpulseBlock, Metrics, PrecisionMetrics, Progress};

    fn block_at(ms: i64) -> BlockState {
        BlockState {
            last_active_ms: Some(ms),
            ..Default::default()
        }
    }

    #[test]
    fn timing_uses_the_earliest_block_as_start() {
        let mut t = Trial {
            status: Some(TrialStatus::Running),
            blocks: vec![block_at(60_000), block_at(0), block_at(120_000)],
            ..Default::default()
        };
        assert_eq!(timing(&t, 300_000).as_deref(), Some("running for 5 min"));
        t.status = Some(TrialStatus::Completed);
        t.last_completed_training_ms = Some(240_000);
        assert_eq!(timing(&t, 300_000).as_deref(), Some("finished 1 min ago"));
        t.status = Some(TrialStatus::Failed);
        assert_eq!(timing(&t, 300_000).as_deref(), Some("failed 3 min ago"));
        t.blocks.clear();
        t.status = Some(TrialStatus::Running);
        assert_eq!(timing(&t, 0).as_deref(), Some("running"));
    }

    #[test]
    fn accuracy_beside_the_other_precision() {
        let metrics = |a| {
            Some(Metrics {
                accuracy: Some(a),
                ..Default::default()
            })
        };
        let mut t = Trial::default();
        t.metrics.validation = PrecisionMetrics {
            int8: metrics(0.912),
            float32: metrics(0.926),
        };
        let int8 = accuracy_text(&t, Dataset::Validation, Precision::Int8);
        assert_eq!(
            (int8.main.as_str(), int8.other.as_deref()),
            ("int8 91.2 %", Some("−1.4 pp vs float32"))
        );
        let f32 = accuracy_text(&t, Dataset::Validation, Precision::Float32);
        assert_eq!(f32.other.as_deref(), Some("+1.4 pp vs int8"));
        let test = accuracy_text(&t, Dataset::Test, Precision::Int8);
        assert_eq!((test.main.as_str(), test.other), ("int8 —", None));
        t.metrics.validation.int8 = None;
        assert_eq!(
            accuracy_text(&t, Dataset::Validation, Precision::Int8)
                .other
                .as_deref(),
            Some("float32 92.6 %")
        );
        assert_eq!(points(0.0), "±0 pp");
        assert_eq!(points(f64::NAN), "—");
    }

    #[test]
    fn training_prefers_the_trials_own_cycles() {
        let mut t = Trial {
            status: Some(TrialStatus::Running),
            current_epoch: Some(28),
            progress: Some(Progress {
                epoch: Some(28),
                loss: Some(0.2035),
                val_accuracy: Some(f64::NAN),
                ..Default::default()
            }),
            ..Default::default()
        };
        let tr = training(&t, Some(50)).unwrap();
        assert_eq!(tr.text(), "epoch 28 of 50");
        assert_eq!(tr.figures, [("loss", "0.2035".to_owned())]);
        t.learn = vec![ImpulseBlock {
            config: vec![("trainingCycles".into(), serde_json::json!(30))].into(),
            ..Default::default()
        }];
        assert_eq!(training(&t, Some(50)).unwrap().cycles, Some(30));
        t.current_epoch = None;
        t.progress = None;
        assert_eq!(training(&t, None).unwrap().text(), "training not started");
        t.status = Some(TrialStatus::Completed);
        assert_eq!(training(&t, Some(50)), None);
    }
}
