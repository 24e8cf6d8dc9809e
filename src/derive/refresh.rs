//! When to load the state next: the polling state machine, as a pure function of events.
//!
//! The browser hook (`state::polling`) feeds it events (tick, manual refresh, answers,
//! visibility, interval change) and carries out the actions it returns. Keeping the rules
//! here makes them testable natively: never two requests in flight, stop when the run is
//! finished, back off exponentially on failure (with jitter, capped, honouring
//! `Retry-After`), at most one request a minute while the tab is hidden or the run's state
//! cannot be classified ([`crate::derive::liveness`]), and a request that could not even be
//! started ([`Event::NotStarted`]) never leaves the poller waiting forever.

use crate::derive::liveness::Liveness;

/// Longest wait between retries after failures.
pub const MAX_BACKOFF_MS: u64 = 120_000;
/// Slowest rate while the tab is hidden (a background tab still learns that the run ended)
/// or while the run's state is unclear (a run that cannot be classified is never polled at
/// full rate forever).
pub const SLOW_INTERVAL_MS: u64 = 60_000;
/// Longest `Retry-After` honoured (a broken proxy must not silence the page for hours).
pub const MAX_RETRY_AFTER_MS: u64 = 600_000;

/// Something that happened.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Event {
    /// A (new) run to watch: load it now.
    Start,
    /// The scheduled timer fired.
    Tick,
    /// The user asked for a refresh.
    Manual,
    /// A good state arrived, with what it says about the run going on.
    Succeeded { liveness: Liveness },
    /// The request failed; the server may have said when to come back.
    Failed { retry_after_s: Option<u32> },
    /// The request asked for could not be started (nothing to load after all, or the browser
    /// refused to make an abort controller): counts as a failure, so the poller retries with
    /// backoff instead of staying "in flight" forever.
    NotStarted,
    /// The tab was hidden (`true`) or shown again (`false`).
    Hidden(bool),
    /// The user changed the interval (ms).
    SetInterval(u64),
    /// Stop everything (page going away, run deselected).
    Stop,
}

/// What the hook must do, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Start a request.
    Fetch,
    /// Abort the request in flight.
    Abort,
    /// (Re)arm the single timer to fire after this many ms (replaces any armed timer).
    Schedule(u64),
    /// Disarm the timer.
    Cancel,
}

/// The poller's memory.
#[derive(Clone, Debug, PartialEq)]
pub struct Poller {
    pub interval_ms: u64,
    pub in_flight: bool,
    /// Failures in a row since the last success.
    pub failures: u32,
    /// The last good answer said the run is over: no more automatic requests.
    pub finished: bool,
    /// The last good answer could not tell whether the run goes on: poll slowly.
    pub unclear: bool,
    pub hidden: bool,
    /// Whether a run is being watched at all.
    pub active: bool,
    /// `Retry-After` of the last failure, in seconds.
    retry_after_s: Option<u32>,
}

impl Poller {
    pub fn new(interval_ms: u64, hidden: bool) -> Self {
        Poller {
            interval_ms,
            in_flight: false,
            failures: 0,
            finished: false,
            unclear: false,
            hidden,
            active: false,
            retry_after_s: None,
        }
    }

    /// Handles `event`; `jitter` is a random number in [0, 1) (injected for tests).
    pub fn handle(&mut self, event: Event, jitter: f64) -> Vec<Action> {
        match event {
            Event::Start => {
                let mut actions = Vec::new();
                if self.in_flight {
                    actions.push(Action::Abort);
                }
                *self = Poller {
                    active: true,
                    in_flight: true,
                    ..Poller::new(self.interval_ms, self.hidden)
                };
                actions.extend([Action::Cancel, Action::Fetch]);
                actions
            }
            Event::Tick if self.active && !self.in_flight && !self.finished => {
                self.in_flight = true;
                vec![Action::Fetch]
            }
            Event::Tick => Vec::new(),
            Event::Manual if self.active && !self.in_flight => {
                self.in_flight = true;
                vec![Action::Cancel, Action::Fetch]
            }
            Event::Manual => Vec::new(),
            Event::Succeeded { liveness } => {
                self.in_flight = false;
                self.failures = 0;
                self.retry_after_s = None;
                self.finished = liveness == Liveness::Finished;
                self.unclear = liveness == Liveness::Unclear;
                if !self.finished && self.active {
                    vec![Action::Schedule(self.next_delay_ms(jitter))]
                } else {
                    vec![Action::Cancel]
                }
            }
            Event::NotStarted => self.handle(
                Event::Failed {
                    retry_after_s: None,
                },
                jitter,
            ),
            Event::Failed { retry_after_s } => {
                self.in_flight = false;
                self.failures = self.failures.saturating_add(1);
                self.retry_after_s = retry_after_s;
                if self.active && !self.finished {
                    vec![Action::Schedule(self.next_delay_ms(jitter))]
                } else {
                    vec![Action::Cancel]
                }
            }
            Event::Hidden(hidden) => {
                let was_hidden = self.hidden;
                self.hidden = hidden;
                if !self.active || self.finished || self.in_flight || was_hidden == hidden {
                    Vec::new()
                } else if hidden {
                    vec![Action::Schedule(self.next_delay_ms(jitter))]
                } else {
                    // Back in view: fresh data at once.
                    self.in_flight = true;
                    vec![Action::Cancel, Action::Fetch]
                }
            }
            Event::SetInterval(ms) => {
                self.interval_ms = ms.max(1);
                if self.active && !self.finished && !self.in_flight {
                    vec![Action::Schedule(self.next_delay_ms(jitter))]
                } else {
                    Vec::new()
                }
            }
            Event::Stop => {
                let mut actions = Vec::new();
                if self.in_flight {
                    actions.push(Action::Abort);
                }
                actions.push(Action::Cancel);
                *self = Poller::new(self.interval_ms, self.hidden);
                actions
            }
        }
    }

    /// The wait before the next automatic request, from the current memory.
    pub fn next_delay_ms(&self, jitter: f64) -> u64 {
        delay_ms(
            self.interval_ms,
            self.failures,
            self.hidden || self.unclear,
            self.retry_after_s,
            jitter,
        )
    }
}

/// The wait a `Retry-After` header asks for, in whole seconds (rounded up), at `now_ms`
/// (ms since the epoch). Both forms of RFC 9110 are read: delay-seconds (`120`) and an
/// IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`); a date in the past means 0. Anything else
/// (the obsolete RFC 850 and asctime forms included) is `None`, and the backoff decides.
pub fn retry_after_s(header: &str, now_ms: f64) -> Option<u32> {
    let value = header.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            value
                .parse::<u64>()
                .map_or(u32::MAX, |s| s.min(u64::from(u32::MAX)) as u32),
        );
    }
    let at_ms = crate::model::time::parse_http_date_ms(value)? as f64;
    let wait_s = ((at_ms - now_ms) / 1000.0).ceil();
    Some(if wait_s.is_finite() && wait_s > 0.0 {
        wait_s.min(f64::from(u32::MAX)) as u32
    } else {
        0
    })
}

/// How often an unclear run is checked when the chosen interval is `interval_ms`.
pub fn unclear_period_ms(interval_ms: u64) -> u64 {
    interval_ms.max(SLOW_INTERVAL_MS)
}

/// The wait before the next request.
///
/// - healthy: the interval;
/// - after `failures` failures in a row: interval × 2^(failures−1) (so the first retry comes
///   after one interval), ±20 % jitter so many tabs do not retry in lockstep, capped at
///   [`MAX_BACKOFF_MS`]; a readable `Retry-After` wins when it asks for longer;
/// - `slow` (hidden tab, or a run whose state is unclear): never sooner than
///   [`SLOW_INTERVAL_MS`].
pub fn delay_ms(
    interval_ms: u64,
    failures: u32,
    slow: bool,
    retry_after_s: Option<u32>,
    jitter: f64,
) -> u64 {
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let mut delay = if failures == 0 {
        interval_ms
    } else {
        let factor = 1u64 << (failures - 1).min(20);
        let base = interval_ms.saturating_mul(factor).min(MAX_BACKOFF_MS) as f64;
        ((base * (0.8 + 0.4 * jitter)) as u64).min(MAX_BACKOFF_MS)
    };
    if let Some(seconds) = retry_after_s {
        delay = delay.max((u64::from(seconds) * 1000).min(MAX_RETRY_AFTER_MS));
    }
    if slow {
        delay = delay.max(SLOW_INTERVAL_MS);
    }
    delay
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;

    const LIVE: Event = Event::Succeeded {
        liveness: Liveness::Live,
    };
    const FINISHED: Event = Event::Succeeded {
        liveness: Liveness::Finished,
    };
    const UNCLEAR: Event = Event::Succeeded {
        liveness: Liveness::Unclear,
    };

    fn started(interval_ms: u64) -> Poller {
        let mut p = Poller::new(interval_ms, false);
        assert_eq!(p.handle(Event::Start, 0.5), [Cancel, Fetch]);
        p
    }

    #[test]
    fn polls_at_the_interval_while_live_and_stops_when_finished() {
        let mut p = started(10_000);
        assert_eq!(p.handle(LIVE, 0.5), [Schedule(10_000)]);
        assert_eq!(p.handle(Event::Tick, 0.5), [Fetch]);
        assert_eq!(p.handle(FINISHED, 0.5), [Cancel]);
        assert!(p.finished);
        assert_eq!(
            p.handle(Event::Tick, 0.5),
            [],
            "no automatic request once finished"
        );
        assert_eq!(
            p.handle(Event::Manual, 0.5),
            [Cancel, Fetch],
            "manual refresh always works"
        );
    }

    #[test]
    fn never_two_requests_in_flight() {
        let mut p = started(10_000);
        assert_eq!(p.handle(Event::Tick, 0.5), []);
        assert_eq!(p.handle(Event::Manual, 0.5), []);
        assert_eq!(p.handle(Event::Hidden(true), 0.5), []);
        assert_eq!(p.handle(Event::Hidden(false), 0.5), []);
    }

    #[test]
    fn backoff_doubles_with_jitter_caps_and_resets() {
        let mut p = started(10_000);
        let mut seen = Vec::new();
        for _ in 0..8 {
            let a = p.handle(
                Event::Failed {
                    retry_after_s: None,
                },
                0.5,
            );
            let [Schedule(ms)] = a[..] else {
                panic!("{a:?}")
            };
            seen.push(ms);
            p.handle(Event::Tick, 0.5);
        }
        assert_eq!(
            seen,
            [10_000, 20_000, 40_000, 80_000, 120_000, 120_000, 120_000, 120_000]
        );
        assert_eq!(
            p.handle(LIVE, 0.5),
            [Schedule(10_000)],
            "back to the interval after a success"
        );
        // Jitter spreads ±20 % but never past the cap.
        assert_eq!(delay_ms(10_000, 2, false, None, 0.0), 16_000);
        assert_eq!(delay_ms(10_000, 2, false, None, 1.0), 24_000);
        assert_eq!(delay_ms(100_000, 2, false, None, 1.0), MAX_BACKOFF_MS);
        assert_eq!(
            delay_ms(10_000, u32::MAX, false, None, f64::NAN),
            MAX_BACKOFF_MS
        );
    }

    #[test]
    fn retry_after_is_honoured_when_longer() {
        assert_eq!(delay_ms(2_000, 1, false, Some(7), 0.5), 7_000);
        assert_eq!(delay_ms(60_000, 1, false, Some(7), 0.5), 60_000);
        assert_eq!(
            delay_ms(2_000, 1, false, Some(u32::MAX), 0.5),
            MAX_RETRY_AFTER_MS
        );
    }

    #[test]
    fn hidden_tab_polls_at_most_once_a_minute_and_refreshes_on_return() {
        let mut p = started(5_000);
        p.handle(LIVE, 0.5);
        assert_eq!(p.handle(Event::Hidden(true), 0.5), [Schedule(60_000)]);
        assert_eq!(p.handle(Event::Tick, 0.5), [Fetch]);
        assert_eq!(p.handle(LIVE, 0.5), [Schedule(60_000)]);
        assert_eq!(p.handle(Event::Hidden(false), 0.5), [Cancel, Fetch]);
        assert_eq!(p.handle(LIVE, 0.5), [Schedule(5_000)]);
    }

    #[test]
    fn a_new_run_aborts_the_old_request_and_stop_cleans_up() {
        let mut p = started(10_000);
        p.handle(
            Event::Failed {
                retry_after_s: None,
            },
            0.5,
        );
        p.handle(Event::Tick, 0.5);
        assert_eq!(p.handle(Event::Start, 0.5), [Abort, Cancel, Fetch]);
        assert_eq!(p.failures, 0);
        assert_eq!(p.handle(Event::Stop, 0.5), [Abort, Cancel]);
        assert_eq!(p.handle(Event::Tick, 0.5), [], "stopped pollers stay quiet");
        assert_eq!(p.handle(Event::Manual, 0.5), []);
    }

    #[test]
    fn changing_the_interval_reschedules() {
        let mut p = started(10_000);
        p.handle(LIVE, 0.5);
        assert_eq!(
            p.handle(Event::SetInterval(30_000), 0.5),
            [Schedule(30_000)]
        );
    }

    /// Issue 12: a run whose state cannot be classified is checked at the slow pace, not at
    /// the interval forever; a classified answer brings the interval back.
    #[test]
    fn an_unclear_run_is_polled_slowly_not_forever_at_full_rate() {
        let mut p = started(5_000);
        assert_eq!(p.handle(UNCLEAR, 0.5), [Schedule(SLOW_INTERVAL_MS)]);
        assert_eq!(p.handle(Event::Tick, 0.5), [Fetch], "still checked");
        assert_eq!(p.handle(UNCLEAR, 0.5), [Schedule(SLOW_INTERVAL_MS)]);
        assert_eq!(p.handle(Event::Tick, 0.5), [Fetch]);
        assert_eq!(p.handle(LIVE, 0.5), [Schedule(5_000)]);
        assert_eq!(unclear_period_ms(5_000), SLOW_INTERVAL_MS);
        assert_eq!(unclear_period_ms(300_000), 300_000);
        // A slower chosen interval is kept.
        let mut slow = started(120_000);
        assert_eq!(slow.handle(UNCLEAR, 0.5), [Schedule(120_000)]);
    }

    /// Issue 12: a request that could not be started (e.g. no AbortController) used to leave
    /// `in_flight` set, so every later tick and Refresh was ignored: polling stopped for good.
    #[test]
    fn a_request_that_could_not_start_is_retried() {
        let mut p = started(10_000);
        assert_eq!(p.handle(Event::NotStarted, 0.5), [Schedule(10_000)]);
        assert!(!p.in_flight);
        assert_eq!(p.failures, 1, "counts as a failure, so it backs off");
        assert_eq!(p.handle(Event::Tick, 0.5), [Fetch]);
        assert_eq!(p.handle(Event::NotStarted, 0.5), [Schedule(20_000)]);
        assert_eq!(
            p.handle(Event::Manual, 0.5),
            [Cancel, Fetch],
            "Refresh still works"
        );
        // A stopped poller stays quiet.
        p.handle(Event::Stop, 0.5);
        assert_eq!(p.handle(Event::NotStarted, 0.5), [Cancel]);
        assert_eq!(p.handle(Event::Tick, 0.5), []);
    }

    #[test]
    fn retry_after_in_seconds_and_as_an_http_date() {
        // 2015-10-21T07:28:00Z
        let at = 1_445_412_480_000.0;
        assert_eq!(retry_after_s("120", at), Some(120));
        assert_eq!(retry_after_s(" 7 ", at), Some(7));
        assert_eq!(retry_after_s("99999999999", at), Some(u32::MAX));
        assert_eq!(retry_after_s("Wed, 21 Oct 2015 07:28:00 GMT", at), Some(0));
        assert_eq!(retry_after_s("Wed, 21 Oct 2015 07:28:09 GMT", at), Some(9));
        // Rounded up: never earlier than the date.
        assert_eq!(
            retry_after_s("Wed, 21 Oct 2015 07:28:09 GMT", at + 500.0),
            Some(9)
        );
        assert_eq!(retry_after_s("Wed, 21 Oct 2015 07:29:00 GMT", at), Some(60));
        assert_eq!(
            retry_after_s("Wed, 21 Oct 2015 07:27:00 GMT", at),
            Some(0),
            "past"
        );
        assert_eq!(
            retry_after_s("Thu, 29 Feb 2024 00:00:00 GMT", 1_709_164_800_000.0),
            Some(0)
        );
        for bad in [
            "",
            "-5",
            "1.5",
            "soon",
            "Wed, 21 Oct 2015 07:28:00 UTC",
            "Wed, 31 Sep 2015 07:28:00 GMT",
            "Wed, 29 Feb 2015 07:28:00 GMT",
            "Wed, 21 Foo 2015 07:28:00 GMT",
            "Wednesday, 21-Oct-15 07:28:00 GMT",
            "Wed Oct 21 07:28:00 2015",
            "Wed, 21 Oct 2015 25:28:00 GMT",
        ] {
            assert_eq!(retry_after_s(bad, at), None, "{bad:?}");
        }
    }
}
