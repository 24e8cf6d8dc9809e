//! The trial progress bar: segments and denominator as `CONTRACT.md` "Counting things".

use crate::model::{Run, Trial, TrialStatus};
use std::borrow::Borrow;

/// Trial counts for the progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ProgressCounts {
    pub completed: u64,
    pub running: u64,
    pub pending: u64,
    pub failed: u64,
    /// The larger of `tuningMaxTrials` and the number of trials (at least 1 for drawing).
    pub denominator: u64,
}

/// Uses the `status` counters as received, falling back to counting `trials` when a
/// counter is missing. `trials` is passed apart from `run` because the page keeps them apart.
pub fn progress_counts<T: Borrow<Trial>>(run: &Run, trials: &[T]) -> ProgressCounts {
    let count = |s: TrialStatus| {
        trials
            .iter()
            .filter(|t| Borrow::<Trial>::borrow(*t).status.as_ref() == Some(&s))
            .count() as u64
    };
    let completed = run
        .counts
        .completed
        .unwrap_or_else(|| count(TrialStatus::Completed));
    let running = run
        .counts
        .running
        .unwrap_or_else(|| count(TrialStatus::Running));
    let pending = run
        .counts
        .pending
        .unwrap_or_else(|| count(TrialStatus::Pending));
    let failed = run
        .counts
        .failed
        .unwrap_or_else(|| count(TrialStatus::Failed));
    let denominator = run.config.max_trials.unwrap_or(0).max(trials.len() as u64);
    ProgressCounts {
        completed,
        running,
        pending,
        failed,
        denominator,
    }
}

impl ProgressCounts {
    /// Share of the bar for `n` trials, in percent, clamped so segments never overflow.
    pub fn share(&self, n: u64) -> f64 {
        let total = self
            .denominator
            .max(self.completed + self.running + self.pending + self.failed)
            .max(1);
        (n as f64 / total as f64 * 100.0).clamp(0.0, 100.0)
    }

    /// Finished trials (completed or failed).
    pub fn done(&self) -> u64 {
        self.completed + self.failed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Counts, Trial};

    #[test]
    fn denominator_is_the_larger_of_max_trials_and_trials() {
        let mut run = Run::default();
        run.config.max_trials = Some(29);
        run.trials = (0..30)
            .map(|i| Trial {
                index: i,
                status: Some(TrialStatus::Completed),
                ..Default::default()
            })
            .collect();
        run.counts = Counts {
            completed: Some(30),
            ..Default::default()
        };
        let p = progress_counts(&run, &run.trials);
        assert_eq!((p.completed, p.denominator), (30, 30));
        run.config.max_trials = Some(100);
        assert_eq!(progress_counts(&run, &run.trials).denominator, 100);
        assert_eq!(progress_counts(&run, &run.trials).share(30), 30.0);
    }

    #[test]
    fn counters_missing_fall_back_to_counting() {
        let run = Run {
            trials: vec![Trial {
                status: Some(TrialStatus::Failed),
                ..Default::default()
            }],
            ..Default::default()
        };
        let p = progress_counts(&run, &run.trials);
        assert_eq!((p.failed, p.denominator), (1, 1));
        assert_eq!(ProgressCounts::default().share(0), 0.0);
    }
}
