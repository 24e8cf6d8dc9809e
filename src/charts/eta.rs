//! When will the run end? From this run's observed throughput (finished trials per hour),
//! the trials left up to `tuningMaxTrials`, and the time left of `maxTotalTrainingTime`.
//!
//! Throughput is measured from the first finish to "now" (the first trial's own training
//! time would otherwise count as idle), and the answer is a range: with `n` finishes in
//! that window the rate is taken as `(n ± √n) / window` (about one standard deviation of a
//! Poisson count), so the range narrows as the run goes on. Too few finishes → unknown.

use super::progress_curve::finished_at;
use crate::model::{Run, Trial, TrialStatus};

/// Finishes needed after the first one before an estimate means anything.
pub const MIN_INTERVALS: usize = 2;

/// What is known about the run, all times in ms since the epoch.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EtaInput {
    /// When the run started (the earliest block activity).
    pub start_ms: Option<i64>,
    pub now_ms: i64,
    /// When each finished (completed or failed) trial finished.
    pub finishes_ms: Vec<i64>,
    /// Trials not yet finished that will still run (up to `tuningMaxTrials`).
    pub remaining: u64,
    /// `maxTotalTrainingTime` in seconds (wall-clock since the start, the conservative reading).
    pub time_limit_s: Option<f64>,
    pub live: bool,
}

/// The estimate.
#[derive(Clone, Debug, PartialEq)]
pub enum Eta {
    /// The run is no longer live.
    Finished,
    /// Why there is no estimate.
    Unknown(&'static str),
    /// Time from now until the run ends, as a range.
    Range {
        low_ms: f64,
        high_ms: f64,
        /// Finished trials per hour, the point estimate.
        per_hour: f64,
        remaining: u64,
        /// The time limit ends the run before the remaining trials would.
        capped_by_time: bool,
    },
}

/// Reads the input from a run (whose trials are given apart, as the store keeps them).
/// Remaining = `tuningMaxTrials` − finished, but never fewer than the unfinished trials
/// listed (the tuner may add trials beyond the maximum, e.g. post-processing re-trains).
pub fn input_for(run: &Run, trials: &[&Trial], now_ms: i64) -> EtaInput {
    let finished = |t: &&&Trial| {
        matches!(
            t.status,
            Some(TrialStatus::Completed) | Some(TrialStatus::Failed)
        )
    };
    let finishes_ms: Vec<i64> = trials
        .iter()
        .filter(finished)
        .filter_map(|t| finished_at(t))
        .collect();
    let done = trials.iter().filter(finished).count() as u64;
    let unfinished = trials.len() as u64 - done;
    EtaInput {
        start_ms: trials.iter().filter_map(|t| t.started_ms()).min(),
        now_ms,
        finishes_ms,
        remaining: run
            .config
            .max_trials
            .map_or(unfinished, |max| max.saturating_sub(done).max(unfinished)),
        time_limit_s: run.config.max_total_training_time_s,
        live: run.is_live(),
    }
}

pub fn eta(input: &EtaInput) -> Eta {
    if !input.live {
        return Eta::Finished;
    }
    let left_by_time = match (input.time_limit_s, input.start_ms) {
        (Some(limit), Some(start)) if limit.is_finite() && limit > 0.0 => {
            Some((limit * 1000.0 - (input.now_ms - start) as f64).max(0.0))
        }
        _ => None,
    };
    if input.remaining == 0 {
        return Eta::Range {
            low_ms: 0.0,
            high_ms: 0.0,
            per_hour: 0.0,
            remaining: 0,
            capped_by_time: false,
        };
    }
    let mut finishes: Vec<i64> = input
        .finishes_ms
        .iter()
        .copied()
        .filter(|t| *t <= input.now_ms)
        .collect();
    crate::derive::order::sort_items_by(&mut finishes, Ord::cmp);
    let Some(&first) = finishes.first() else {
        return Eta::Unknown("no trial has finished yet");
    };
    let n = finishes.len() - 1;
    let window = (input.now_ms - first) as f64;
    if n < MIN_INTERVALS || window <= 0.0 {
        return Eta::Unknown("too few finished trials to estimate");
    }
    let n = n as f64;
    let (fast, slow) = ((n + n.sqrt()) / window, (n - n.sqrt()) / window);
    let remaining = input.remaining as f64;
    let (mut low_ms, mut high_ms) = (remaining / fast, remaining / slow);
    let mut capped_by_time = false;
    if let Some(left) = left_by_time {
        if high_ms > left {
            capped_by_time = true;
            high_ms = left;
            low_ms = low_ms.min(left);
        }
    }
    Eta::Range {
        low_ms,
        high_ms,
        per_hour: n / window * 3_600_000.0,
        remaining: input.remaining,
        capped_by_time,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    /// A run started at 0 whose trials finish every 10 min from minute 30, observed at `now`.
    fn steady(finished: i64, remaining: u64, now: i64) -> EtaInput {
        EtaInput {
            start_ms: Some(0),
            now_ms: now,
            finishes_ms: (0..finished).map(|k| 30 * MIN + k * 10 * MIN).collect(),
            remaining,
            time_limit_s: None,
            live: true,
        }
    }

    /// Pins: a steady 6 trials/h run with 12 left ends in about 2 h; the range contains it
    /// and narrows with more data.
    #[test]
    fn steady_throughput_gives_a_range_around_the_point_estimate() {
        let Eta::Range {
            low_ms,
            high_ms,
            per_hour,
            remaining,
            capped_by_time,
        } = eta(&steady(10, 12, 120 * MIN))
        else {
            panic!("expected a range")
        };
        assert!((per_hour - 6.0).abs() < 1e-9, "{per_hour}");
        assert_eq!((remaining, capped_by_time), (12, false));
        let point = 120.0 * MIN as f64;
        assert!(low_ms < point && point < high_ms, "{low_ms} {high_ms}");
        let short = eta(&steady(10, 12, 120 * MIN));
        let long = eta(&steady(100, 12, 1020 * MIN));
        let width = |e: &Eta| match e {
            Eta::Range {
                low_ms, high_ms, ..
            } => high_ms / low_ms,
            _ => f64::NAN,
        };
        assert!(width(&long) < width(&short));
    }

    /// Pins "unknown" when there is too little data (0, 1 or 2 finishes).
    #[test]
    fn too_little_data_is_unknown() {
        assert_eq!(
            eta(&steady(0, 5, 60 * MIN)),
            Eta::Unknown("no trial has finished yet")
        );
        assert!(matches!(eta(&steady(2, 5, 60 * MIN)), Eta::Unknown(_)));
        assert!(matches!(eta(&steady(3, 5, 60 * MIN)), Eta::Range { .. }));
        // Finishes "in the future" (clock skew) do not count.
        assert!(matches!(eta(&steady(3, 5, 45 * MIN)), Eta::Unknown(_)));
    }

    /// Pins: the time limit caps the estimate; a finished run needs no estimate.
    #[test]
    fn time_limit_caps_and_finished_runs() {
        let mut input = steady(10, 100, 120 * MIN);
        input.time_limit_s = Some(3.0 * 3600.0);
        match eta(&input) {
            Eta::Range {
                high_ms,
                capped_by_time,
                ..
            } => {
                assert!(capped_by_time);
                assert_eq!(high_ms, 60.0 * MIN as f64);
            }
            other => panic!("{other:?}"),
        }
        input.live = false;
        assert_eq!(eta(&input), Eta::Finished);
        let done = steady(10, 0, 120 * MIN);
        assert!(matches!(eta(&done), Eta::Range { high_ms, .. } if high_ms == 0.0));
    }
}
