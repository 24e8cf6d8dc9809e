//! Logs on demand: [`use_log`] loads one log when asked (never on its own), and
//! [`TrialLogs`] keeps each trial's log hook alive above the cards.
//!
//! Why above the cards: a card is rebuilt whenever its trial changes (each poll, for a
//! running trial), and a log state owned by the card would vanish with it (the box would
//! close, the follow switch would reset). `RunView` provides one [`TrialLogs`]; each trial's
//! hook is created under `RunView`'s owner the first time its card asks, keyed by the log's
//! URL (so another project, run or API base never shows a stale log), and its in-flight
//! request is aborted when `RunView` goes.

use crate::api::client::Abort;
use crate::api::files::{download, safe_file_name, SaveError};
use crate::api::logs::{fetch_log, run_log_url, trial_log_url};
use crate::model::logs::LogBody;
use crate::model::{ErrorKind, LoadError};
use crate::state::api_key::{use_current_key, use_live_api};
use crate::view_state::ViewState;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// One log's state and what can be done with it (see [`use_log`]).
#[derive(Clone, Copy)]
pub struct UseLogReturn {
    /// The last good answer; kept when a reload fails.
    pub body: Signal<Option<Arc<LogBody>>>,
    /// Why the latest load failed; cleared by a good answer.
    pub error: Signal<Option<LoadError>>,
    /// Whether a request is in flight.
    pub loading: Signal<bool>,
    /// Whether the user opened the log (it stays open while the card is rebuilt).
    pub shown: RwSignal<bool>,
    /// The opt-in "follow" switch: reload with each applied poll while the trial runs.
    pub follow: RwSignal<bool>,
    /// The snapshot `seq` the log was last followed to (see [`use_follow`]).
    followed_seq: StoredValue<u64>,
    /// A reload asked for while one was in flight: it runs when that one ends (see
    /// [`UseLogReturn::reload`]).
    pending: StoredValue<bool>,
    /// Loads (or reloads) now; does nothing while a load is in flight or without a URL.
    pub load: Callback<()>,
}

impl UseLogReturn {
    /// Opens the log, loading it the first time.
    pub fn open(&self) {
        self.shown.set(true);
        if self.body.with_untracked(Option::is_none) && !self.loading.get_untracked() {
            self.load.run(());
        }
    }

    /// Reloads now, or, while a load is in flight, as soon as it ends: the answer in flight
    /// may predate what the caller wants to see (e.g. the lines written after the trial
    /// stopped), so dropping the ask would lose them.
    pub fn reload(&self) {
        if self.loading.get_untracked() {
            self.pending.set_value(true);
        } else {
            self.load.run(());
        }
    }

    /// Stops following, and drops a reload that following queued.
    pub fn stop_following(&self) {
        self.pending.set_value(false);
        self.follow.set(false);
    }
}

/// A log at `url` (`None`: nothing to load, e.g. the demo). Nothing is requested until
/// `load` runs. When `url` changes the log is forgotten and any request in flight aborted;
/// the request in flight is also aborted when the calling owner is cleaned up. The key is the
/// page's [`crate::state::api_key::CurrentKey`], read at each load.
pub fn use_log(url: Signal<Option<String>>) -> UseLogReturn {
    let key = use_current_key();
    let live = use_live_api();
    let body = RwSignal::new(None::<Arc<LogBody>>);
    let error = RwSignal::new(None::<LoadError>);
    let loading = RwSignal::new(false);
    let shown = RwSignal::new(false);
    let follow = RwSignal::new(false);
    // Local storage: an `AbortController` is a browser object. An owner runs its cleanups
    // before disposing its values, so the cleanup below can still reach it.
    let in_flight = StoredValue::new_local(None::<Abort>);
    let pending = StoredValue::new(false);

    // Set below: the callback runs itself again when a reload was queued meanwhile.
    let load_again = StoredValue::new(None::<Callback<()>>);
    let load = {
        Callback::new(move |()| {
            // Only for a run shown from the API: in the demo or over a snapshot file the ids
            // are not the API's, and the key must not travel with them.
            let Some(url) = url.get_untracked().filter(|_| live.get_untracked()) else {
                return;
            };
            if in_flight.with_value(Option::is_some) {
                return;
            }
            let Some(api_key) = key.0.get_untracked() else {
                error.set(Some(LoadError::new(
                    ErrorKind::Auth,
                    None,
                    "there is no API key to ask with: enter one in the connection form",
                )));
                return;
            };
            let Some(abort) = Abort::new() else {
                error.set(Some(LoadError::new(
                    ErrorKind::Network,
                    None,
                    "the browser could not start a request",
                )));
                return;
            };
            in_flight.set_value(Some(abort.clone()));
            loading.set(true);
            leptos::task::spawn_local(async move {
                let result = fetch_log(&url, &api_key, &abort).await;
                // Only the request still current may write: an aborted one (URL changed,
                // owner gone) ends here.
                let current = in_flight
                    .try_with_value(|a| a.as_ref().is_some_and(|a| a.same(&abort)))
                    .unwrap_or(false);
                if !current {
                    return;
                }
                in_flight.try_set_value(None);
                loading.try_set(false);
                match result {
                    Ok(answer) => {
                        body.try_set(Some(Arc::new(answer)));
                        error.try_set(None);
                    }
                    Err(e) => {
                        error.try_set(Some(e));
                    }
                }
                if pending.try_update_value(std::mem::take).unwrap_or(false) {
                    if let Some(again) = load_again.try_get_value().flatten() {
                        again.run(());
                    }
                }
            });
        })
    };
    load_again.set_value(Some(load));

    {
        Effect::new(move |previous: Option<Option<String>>| {
            let current = url.get();
            if previous.is_some_and(|p| p != current) {
                if let Some(abort) = in_flight.try_update_value(Option::take).flatten() {
                    abort.abort();
                }
                pending.set_value(false);
                body.set(None);
                error.set(None);
                loading.set(false);
                shown.set(false);
                follow.set(false);
            }
            current
        });
    }
    on_cleanup(move || {
        if let Some(abort) = in_flight.try_update_value(Option::take).flatten() {
            abort.abort();
        }
    });

    UseLogReturn {
        body: body.into(),
        error: error.into(),
        loading: loading.into(),
        shown,
        follow,
        followed_seq: StoredValue::new(0),
        pending,
        load,
    }
}

/// Reloads `log` with the state's polling while the user follows it: once per newly applied
/// snapshot (`seq`), and once more when the trial has stopped running (its last lines), after
/// which following ends. Not following, nothing is requested.
///
/// `running` is a plain bool, not a signal: the card (and this hook with it) is rebuilt
/// whenever its trial changes, so each build sees the trial's status of its own snapshot.
/// What must outlive the rebuilds (the seq followed to, the pending reload) lives in `log`.
pub fn use_follow(log: UseLogReturn, seq: Signal<Option<u64>>, running: bool) {
    Effect::new(move |_| {
        let Some(seq) = seq.get() else { return };
        // `try_`: the log may have been dropped (the run changed, see `TrialLogs`) while an
        // old card still listens for one more snapshot.
        let Some(last) = log.followed_seq.try_get_value() else {
            return;
        };
        log.followed_seq.set_value(seq);
        let following = log.follow.get_untracked() && log.shown.get_untracked();
        // `!=`, not `>`: `seq` restarts at 1 when the store is cleared (the same run opened
        // again), while this log keeps the last seq it saw. `last > 0`: 0 means this log has
        // seen no snapshot yet, so `seq` is the one it was opened on, not a newer poll.
        if following && seq != last && last > 0 {
            // Queued if a load is in flight: the last reload after the trial stops must run.
            log.reload();
            if !running {
                // The reload is already asked for (or queued), so turning follow off here
                // does not lose it.
                log.follow.set(false);
            }
        }
    });
}

/// Starts following at snapshot `seq` (the next applied poll reloads).
pub fn start_following(log: UseLogReturn, seq: Option<u64>) {
    if let Some(seq) = seq {
        log.followed_seq.set_value(seq);
    }
    log.follow.set(true);
}

/// Each trial's log hook, kept by `RunView` (see the module docs).
#[derive(Clone, Copy)]
pub struct TrialLogs {
    owner: StoredValue<Owner>,
    /// The run the logs below belong to: project, job and API base.
    run: StoredValue<Option<RunKey>>,
    /// Each log with the owner it was created under (dropping it disposes the log).
    logs: StoredValue<HashMap<String, (Owner, UseLogReturn)>>,
}

type RunKey = (Option<u64>, Option<u64>, String);

impl TrialLogs {
    /// The log of `trial_id` in the run `view` names; `None` when there is no API to ask
    /// (demo, snapshot file) or the trial has no id.
    pub fn for_trial(&self, view: &ViewState, trial_id: &str) -> Option<UseLogReturn> {
        // `RunView` outlives a switch to another run, and so would every log ever opened:
        // when the run changes, the previous run's logs go (their requests aborted, their
        // signals freed). Pruned here, at the first log the new run asks for, because the
        // run's view reaches `TrialLogs` only through these calls.
        let run = (view.project, view.job, view.api_base().to_owned());
        if self.run.with_value(|r| r.as_ref() != Some(&run)) {
            self.run.set_value(Some(run));
            self.clear();
        }
        let url = trial_log_url(view, trial_id)?;
        if let Some(found) = self.logs.with_value(|m| m.get(&url).map(|(_, log)| *log)) {
            return Some(found);
        }
        let owner = self.owner.get_value().child();
        let log = owner.with(|| use_log(Signal::stored(Some(url.clone()))));
        self.logs.update_value(|m| {
            m.insert(url, (owner, log));
        });
        Some(log)
    }

    /// How many trial logs are kept.
    pub fn len(&self) -> usize {
        self.logs.with_value(HashMap::len)
    }

    /// Whether no trial log is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn clear(&self) {
        let dropped = self
            .logs
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        for (owner, _) in dropped.into_values() {
            owner.cleanup();
        }
    }
}

/// Provides the page's [`TrialLogs`] (once, in `RunView`).
pub fn provide_trial_logs() -> TrialLogs {
    let logs = TrialLogs {
        owner: StoredValue::new(Owner::current().unwrap_or_default()),
        run: StoredValue::new(None),
        logs: StoredValue::new(HashMap::new()),
    };
    provide_context(logs);
    logs
}

/// The page's [`TrialLogs`]; a fresh one outside `RunView` (e.g. a component test).
pub fn use_trial_logs() -> TrialLogs {
    use_context::<TrialLogs>().unwrap_or_else(provide_trial_logs)
}

/// The run's own log (the tuner coordinator's), following the run `view` names.
pub fn use_run_log(view: Signal<ViewState>) -> UseLogReturn {
    use_log(Signal::derive(move || view.with(run_log_url)))
}

/// Offers `text` as `<stem>.txt` (cleaned to a safe file name); the name given, or why not.
pub fn download_log(stem: &str, text: &str) -> Result<String, SaveError> {
    let name = safe_file_name(stem, "txt");
    download(&name, "text/plain;charset=utf-8", text).map(|()| name)
}
