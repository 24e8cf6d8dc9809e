//! What a trial card shows that is not a view: its row (the key that decides when a card is
//! rebuilt), the small texts shared by the card and its details, and how often its timing
//! text can change (so a finished trial's card does not follow every clock tick).

use super::diff::Versioned;
use super::format;
use super::list_view::ListView;
use super::order::Evaluated;
use super::trial_facts::timing;
use crate::model::{Trial, TrialStatus};
use std::ops::Range;
use std::sync::Arc;

/// Everything a card needs; a card is rebuilt only when its row key changes.
#[derive(Clone, Debug)]
pub struct TrialRow {
    pub trial: Arc<Trial>,
    pub eval: Evaluated,
    pub best: bool,
    /// Changes whenever the card must be rebuilt: trial key, trial version, lens number, best.
    pub key: (String, u64, u64, bool),
}

impl PartialEq for TrialRow {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && Arc::ptr_eq(&self.trial, &other.trial)
    }
}

/// The shown trials in display order, as cards need them. Built per poll without building a
/// row per trial: a chunk asks for its own rows ([`Rows::rows`]), so a poll of 10,000 trials
/// makes the rows of the chunks on screen, not 10,000 rows (and 10,000 key strings) to be
/// compared and dropped again.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    trials: Arc<Vec<Versioned>>,
    evals: Arc<[Evaluated]>,
    /// Indices into `trials` / `evals`, in display order.
    shown: Arc<[usize]>,
    best: Option<usize>,
    lens_id: u64,
}

/// Rows from the same list are the same rows (all parts are shared, never changed in place).
impl PartialEq for Rows {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.trials, &other.trials)
            && Arc::ptr_eq(&self.evals, &other.evals)
            && Arc::ptr_eq(&self.shown, &other.shown)
            && self.best == other.best
            && self.lens_id == other.lens_id
    }
}

impl Rows {
    /// The rows of `list` (evaluated from `trials` under the lens numbered `lens_id`).
    pub fn new(trials: Arc<Vec<Versioned>>, list: &ListView, lens_id: u64) -> Rows {
        Rows {
            trials,
            evals: list.evals.clone(),
            shown: list.shown.as_slice().into(),
            best: list.best,
            lens_id,
        }
    }

    /// How many trials are shown.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The rows at display positions `range` (clipped to the list).
    pub fn rows(&self, range: Range<usize>) -> Vec<TrialRow> {
        let range = range.start.min(self.len())..range.end.min(self.len());
        self.shown[range]
            .iter()
            .filter_map(|&i| {
                let v = self.trials.get(i)?;
                let best = self.best == Some(i);
                Some(TrialRow {
                    trial: v.trial.clone(),
                    eval: *self.evals.get(i)?,
                    best,
                    key: (v.trial.key.clone(), v.version, self.lens_id, best),
                })
            })
            .collect()
    }

    /// The display position of the first shown trial that `matches`.
    pub fn position(&self, matches: impl Fn(&Trial) -> bool) -> Option<usize> {
        self.shown
            .iter()
            .position(|&i| self.trials.get(i).is_some_and(|v| matches(&v.trial)))
    }
}

/// "3 retries"-style count (the card's meta line and each block in the details).
pub fn retries_text(retries: Option<u64>) -> String {
    match retries {
        Some(1) => "1 retry".into(),
        Some(n) => format!("{n} retries"),
        None => format::MISSING.into(),
    }
}

/// The card's meta line: round, worker, retries (those that are known and worth saying).
pub fn meta(trial: &Trial) -> Vec<String> {
    [
        trial.round.map(|r| format!("round {r}")),
        trial.worker_id.clone().filter(|w| !w.is_empty()),
        trial
            .retries
            .filter(|r| *r > 0)
            .map(|r| retries_text(Some(r))),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Which clock a card's timing text ([`timing`]) must follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockNeed {
    /// The text does not depend on "now" (a pending trial, or one without the times it needs).
    Never,
    /// The text changes at most once a minute ("finished 5 min ago").
    Minute,
    /// The text follows every tick: a running trial, or one whose text still counts seconds.
    Tick,
}

/// The page clock's tick (`state::clock` ticks at this): the finest step a text can follow.
pub const TICK_MS: i64 = 10_000;

/// How often `trial`'s timing text can change from `now_ms` on. Asked again whenever the
/// text is re-rendered, so a trial that finished seconds ago moves from [`ClockNeed::Tick`] to
/// [`ClockNeed::Minute`] once its text is in minutes.
pub fn clock_need(trial: &Trial, now_ms: i64) -> ClockNeed {
    let text = |at: i64| timing(trial, at);
    let now = text(now_ms);
    if now == text(now_ms + 3_600_000) {
        return ClockNeed::Never;
    }
    if trial.status == Some(TrialStatus::Running) {
        return ClockNeed::Tick;
    }
    // A text that changes on each of the next two ticks counts seconds: follow the ticks.
    let (next, after) = (text(now_ms + TICK_MS), text(now_ms + 2 * TICK_MS));
    if now != next && next != after {
        ClockNeed::Tick
    } else {
        ClockNeed::Minute
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockState;

    const S: i64 = 1000;
    const MIN: i64 = 60 * S;

    fn trial(status: TrialStatus, finished: Option<i64>) -> Trial {
        Trial {
            status: Some(status),
            blocks: vec![BlockState {
                last_active_ms: Some(0),
                ..Default::default()
            }],
            last_completed_training_ms: finished,
            ..Default::default()
        }
    }

    /// Distinct texts a trial's timing shows over `span` ms from `from`, sampled every second.
    fn distinct_texts(t: &Trial, from: i64, span: i64) -> usize {
        let mut seen: Vec<Option<String>> = (from..=from + span)
            .step_by(S as usize)
            .map(|at| timing(t, at))
            .collect();
        seen.dedup();
        seen.len()
    }

    /// Pins the behaviour the clocks rely on, checked against the text itself: a card that
    /// follows no clock shows one text for hours; one on the minute clock changes at most
    /// once in any minute; a trial whose text counts seconds (and any running one) follows
    /// the ticks.
    #[test]
    fn a_card_follows_no_finer_clock_than_its_text_needs() {
        let pending = Trial {
            status: Some(TrialStatus::Pending),
            ..Default::default()
        };
        let no_times = trial(TrialStatus::Completed, None);
        let no_times = Trial {
            blocks: Vec::new(),
            ..no_times
        };
        for t in [&pending, &no_times] {
            assert_eq!(clock_need(t, 5 * MIN), ClockNeed::Never);
            assert_eq!(distinct_texts(t, 5 * MIN, 3 * 3_600 * S), 1);
        }

        let done = trial(TrialStatus::Completed, Some(MIN));
        for now in [3 * MIN + 30 * S, 7 * MIN + 59 * S, 3 * 3_600 * S] {
            assert_eq!(clock_need(&done, now), ClockNeed::Minute, "at {now}");
            assert!(distinct_texts(&done, now, MIN - S) <= 2, "at {now}");
        }
        let failed = trial(TrialStatus::Failed, None);
        assert_eq!(clock_need(&failed, 20 * MIN), ClockNeed::Minute);

        // Finished seconds ago: "finished 8 s ago" must not stand still for a minute.
        for now in [MIN + 2 * S, MIN + 8 * S, MIN + 35 * S] {
            assert_eq!(clock_need(&done, now), ClockNeed::Tick, "at {now}");
            assert!(distinct_texts(&done, now, 2 * TICK_MS) >= 3, "at {now}");
        }

        let running = trial(TrialStatus::Running, None);
        assert_eq!(clock_need(&running, 30 * MIN), ClockNeed::Tick);
    }

    /// Pins the words: one retry is singular, zero retries are not mentioned on the card, an
    /// empty worker id is not a worker.
    #[test]
    fn meta_line_and_retries_in_words() {
        assert_eq!(retries_text(Some(1)), "1 retry");
        assert_eq!(retries_text(Some(3)), "3 retries");
        assert_eq!(retries_text(None), format::MISSING);
        let t = Trial {
            round: Some(2),
            worker_id: Some("w-7".into()),
            retries: Some(1),
            ..Default::default()
        };
        assert_eq!(meta(&t), ["round 2", "w-7", "1 retry"]);
        let quiet = Trial {
            worker_id: Some(String::new()),
            retries: Some(0),
            ..Default::default()
        };
        assert!(meta(&quiet).is_empty());
    }
}
