//! Whether a run is still going, finished, or cannot be told: what the poller's pace and the
//! page's words follow.
//!
//! The rule (`tunerJobIsRunning` is the server's own flag, so it wins when present):
//!
//! | `tunerJobIsRunning` | `status.status`                          | liveness   |
//! |---------------------|------------------------------------------|------------|
//! | `false`             | anything                                 | `Finished` |
//! | `true`              | creating, ready, running, completed, none | `Live`     |
//! | `true`              | a value never seen (e.g. `paused`)       | `Unclear`  |
//! | missing             | creating, ready, running                 | `Live`     |
//! | missing             | completed                                | `Finished` |
//! | missing             | a value never seen, or none              | `Unclear`  |
//!
//! `true` with `completed` is the short window while the job wraps up: still live.
//! An unclear run is never polled forever at full rate: it is checked at the hidden-tab pace
//! ([`crate::derive::refresh::SLOW_INTERVAL_MS`]) and the page says why.
//! [`crate::model::Run::is_live`] is "not known to be finished" (`Live` or `Unclear`).

use crate::derive::format;
use crate::model::{Run, RunStatus};

/// What the page knows about whether the run goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Liveness {
    /// Still running: poll at the chosen interval.
    Live,
    /// Over: no more automatic requests.
    Finished,
    /// Cannot be classified: keep checking, slowly.
    Unclear,
}

/// The rule in the module docs.
pub fn liveness(run: &Run) -> Liveness {
    let known_stage = |status: &RunStatus| !matches!(status, RunStatus::Unknown(_));
    match (run.is_running, run.status.as_ref()) {
        (Some(false), _) => Liveness::Finished,
        (Some(true), Some(status)) if !known_stage(status) => Liveness::Unclear,
        (Some(true), _) => Liveness::Live,
        (None, Some(RunStatus::Completed)) => Liveness::Finished,
        (None, Some(status)) if known_stage(status) => Liveness::Live,
        (None, _) => Liveness::Unclear,
    }
}

/// For an unclear run, the plain sentence saying what the page shows and how often it checks
/// (`check_every_ms`); `None` for a run that is live or finished.
pub fn unclear_sentence(run: &Run, check_every_ms: u64) -> Option<String> {
    if liveness(run) != Liveness::Unclear {
        return None;
    }
    let every = match check_every_ms {
        60_000 => "every minute".to_owned(),
        ms => format!("every {}", format::duration_s(ms as f64 / 1000.0)),
    };
    Some(match &run.status {
        Some(status) => format!(
            "The run's state is '{}', which Tunerscope does not know; showing the last answer and checking {every}.",
            status.as_str()
        ),
        None => format!(
            "The server did not say whether the run is still going; showing the last answer and checking {every}."
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(is_running: Option<bool>, status: Option<&str>) -> Run {
        Run {
            is_running,
            status: status.map(RunStatus::parse),
            ..Run::default()
        }
    }

    #[test]
    fn the_flag_wins_when_present() {
        use Liveness::*;
        let cases = [
            (Some(false), Some("running"), Finished),
            (Some(false), Some("paused"), Finished),
            (Some(false), None, Finished),
            (Some(true), Some("running"), Live),
            (Some(true), Some("creating"), Live),
            (Some(true), Some("completed"), Live),
            (Some(true), None, Live),
            (Some(true), Some("paused"), Unclear),
            (None, Some("creating"), Live),
            (None, Some("ready"), Live),
            (None, Some("running"), Live),
            (None, Some("completed"), Finished),
            (None, Some("paused"), Unclear),
            (None, Some(""), Unclear),
            (None, None, Unclear),
        ];
        for (flag, status, expected) in cases {
            assert_eq!(
                liveness(&run(flag, status)),
                expected,
                "tunerJobIsRunning {flag:?}, status {status:?}"
            );
        }
    }

    /// Pins that `Run::is_live` (used by the finished notice, ETA, notifications) agrees with
    /// the rule: live means "not known to be finished".
    #[test]
    fn is_live_means_not_known_to_be_finished() {
        for flag in [None, Some(true), Some(false)] {
            for status in [
                None,
                Some("creating"),
                Some("running"),
                Some("completed"),
                Some("paused"),
            ] {
                let r = run(flag, status);
                assert_eq!(
                    r.is_live(),
                    liveness(&r) != Liveness::Finished,
                    "tunerJobIsRunning {flag:?}, status {status:?}"
                );
            }
        }
    }

    #[test]
    fn an_unclear_run_says_what_it_shows_and_how_often_it_checks() {
        assert_eq!(
            unclear_sentence(&run(None, Some("paused")), 60_000).as_deref(),
            Some("The run's state is 'paused', which Tunerscope does not know; showing the last answer and checking every minute.")
        );
        let none = unclear_sentence(&run(None, None), 120_000).unwrap();
        assert!(
            none.starts_with("The server did not say whether the run is still going"),
            "{none}"
        );
        assert!(none.contains("checking every 2 min"), "{none}");
        assert_eq!(
            unclear_sentence(&run(Some(true), Some("running")), 60_000),
            None
        );
        assert_eq!(
            unclear_sentence(&run(None, Some("completed")), 60_000),
            None
        );
    }
}
