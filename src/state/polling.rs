//! The one polling hook: runs the pure [`Poller`] state machine against the browser
//! (timers, fetch with abort, Page Visibility).
//!
//! Data flow: events (timer, Refresh, answers, visibility, interval, run/key change) →
//! `Poller::handle` → actions (fetch, abort, arm/disarm the timer). Answers go to the
//! [`RunStore`]; a failure keeps the last good snapshot. Everything is torn down when the
//! calling component is disposed: timer cleared, request aborted, listener removed.

use super::run_store::RunStore;
use crate::api::client::{fetch_state, Abort, DEFAULT_TIMEOUT};
use crate::api::key::ApiKey;
use crate::derive::diff::known_trials;
use crate::derive::liveness::liveness;
use crate::derive::refresh::{Action, Event, Poller};
use crate::model::{ErrorKind, LoadError};
use leptos::prelude::*;
use std::time::Duration;

/// What the page can see of and ask from the poller.
#[derive(Clone, Copy)]
pub struct PollControls {
    /// Loads now unless a request is already in flight.
    pub refresh: Callback<()>,
    /// When the next automatic request is due (ms since epoch), if one is scheduled.
    pub next_at: Signal<Option<f64>>,
    /// Failures in a row since the last success.
    pub failures: Signal<u32>,
}

/// Everything the loop needs; all handles are `Copy`, so plain functions can recurse.
#[derive(Clone, Copy)]
struct Ctx {
    store: RunStore,
    poller: StoredValue<Poller>,
    timer: StoredValue<Option<TimeoutHandle>>,
    in_flight: StoredValue<Option<Abort>, LocalStorage>,
    /// Bumped per request, so an answer to an aborted/replaced request is ignored.
    generation: StoredValue<u64>,
    url: Signal<Option<String>>,
    key: Signal<Option<ApiKey>>,
    next_at: RwSignal<Option<f64>>,
    failures: RwSignal<u32>,
}

/// Watches `url` with `key` (both must be `Some`), every `interval_s` seconds while the run
/// is live. See the module docs for the rules.
pub fn use_polling(
    store: RunStore,
    url: Signal<Option<String>>,
    key: Signal<Option<ApiKey>>,
    interval_s: Signal<u32>,
) -> PollControls {
    let hidden = document_hidden();
    let ctx = Ctx {
        store,
        poller: StoredValue::new(Poller::new(
            u64::from(interval_s.get_untracked()) * 1000,
            hidden,
        )),
        timer: StoredValue::new(None),
        in_flight: StoredValue::new_local(None),
        generation: StoredValue::new(0),
        url,
        key,
        next_at: RwSignal::new(None),
        failures: RwSignal::new(0),
    };

    // Only a different address restarts, not any change of the view it is derived from (a
    // new sort or selection is not a different run); any new key does.
    let address = Memo::new(move |_| url.get());
    // A run and a key known already (a stored key, a link): the request goes out now, while
    // the page is still being built, not after its first render (issue 15).
    let started = (address.get_untracked(), key.get_untracked());
    let started_now = started.0.is_some() && started.1.is_some();
    if started_now {
        dispatch(ctx, Event::Start);
    }
    // A different run or key: start over (or stop when there is nothing to watch). Its first
    // run comes after the page's first render: the request above already covers it.
    Effect::new(move |previous: Option<()>| {
        let now = (address.get(), key.get());
        let covered = previous.is_none() && started_now && now == started;
        if !covered {
            let ready = now.0.is_some() && now.1.is_some();
            dispatch(ctx, if ready { Event::Start } else { Event::Stop });
        }
    });
    Effect::new(move |previous: Option<u32>| {
        let seconds = interval_s.get();
        if previous.is_some_and(|p| p != seconds) {
            dispatch(ctx, Event::SetInterval(u64::from(seconds) * 1000));
        }
        seconds
    });
    let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        dispatch(ctx, Event::Hidden(document_hidden()))
    });
    on_cleanup(move || {
        visibility.remove();
        dispatch(ctx, Event::Stop);
    });

    PollControls {
        refresh: Callback::new(move |_| dispatch(ctx, Event::Manual)),
        next_at: ctx.next_at.into(),
        failures: ctx.failures.into(),
    }
}

fn document_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

fn dispatch(ctx: Ctx, event: Event) {
    let jitter = js_sys::Math::random();
    let Some((actions, failures)) = ctx
        .poller
        .try_update_value(|p| (p.handle(event, jitter), p.failures))
    else {
        return;
    };
    if ctx.failures.try_get_untracked() != Some(failures) {
        ctx.failures.try_set(failures);
    }
    for action in actions {
        match action {
            Action::Fetch => fetch(ctx),
            Action::Abort => {
                // Bump the generation first so the aborted request's answer is ignored.
                ctx.generation.try_update_value(|g| *g += 1);
                if let Some(abort) = ctx.in_flight.try_update_value(Option::take).flatten() {
                    abort.abort();
                }
                ctx.store.loading.try_set(false);
            }
            Action::Schedule(ms) => {
                clear_timer(ctx);
                let handle = set_timeout_with_handle(
                    move || dispatch(ctx, Event::Tick),
                    Duration::from_millis(ms),
                )
                .ok();
                ctx.timer.try_set_value(handle);
                ctx.next_at
                    .try_set(handle.map(|_| js_sys::Date::now() + ms as f64));
            }
            Action::Cancel => clear_timer(ctx),
        }
    }
}

fn clear_timer(ctx: Ctx) {
    if let Some(handle) = ctx.timer.try_update_value(Option::take).flatten() {
        handle.clear();
    }
    ctx.next_at.try_set(None);
}

fn fetch(ctx: Ctx) {
    let (Some(url), Some(key)) = (
        ctx.url.try_get_untracked().flatten(),
        ctx.key.try_get_untracked().flatten(),
    ) else {
        // Nothing to load after all: tell the poller, so it is not stuck "in flight".
        dispatch(ctx, Event::NotStarted);
        return;
    };
    // The page's early request for this very run, if `index.html` sent one (first load only).
    let early = crate::api::prefetch::take(&url, &key);
    let Some(abort) = early.as_ref().map(|e| e.abort.clone()).or_else(Abort::new) else {
        // Without an abort controller there is no timeout: don't send, say so, and let the
        // poller retry later (it used to stay "in flight" and never poll again).
        ctx.store.fail(
            LoadError::new(
                ErrorKind::Network,
                None,
                "the browser could not start the request",
            ),
            js_sys::Date::now(),
        );
        dispatch(ctx, Event::NotStarted);
        return;
    };
    let generation = ctx.generation.try_update_value(|g| {
        *g += 1;
        *g
    });
    ctx.in_flight.try_set_value(Some(abort.clone()));
    ctx.store.loading.try_set(true);
    spawn_started(async move {
        // Trials whose text is unchanged since the shown snapshot are reused, not re-parsed.
        let known = move || {
            ctx.store
                .snapshot
                .try_with_untracked(|s| s.as_ref().map(|s| known_trials(&s.trials)))
                .flatten()
                .unwrap_or_default()
        };
        let early = early.map(|e| e.response);
        let fetched = fetch_state(&url, &key, &abort, DEFAULT_TIMEOUT, known, early).await;
        // Replaced or aborted meanwhile (new run, page gone): this answer is stale.
        if ctx.generation.try_get_value() != generation {
            return;
        }
        ctx.in_flight.try_set_value(None);
        ctx.store.loading.try_set(false);
        let event = match fetched.result {
            Ok((run, trials)) => {
                // Parsing a large run is one long task; applying it is another, so the page
                // can handle input (and paint) in between.
                next_task().await;
                if ctx.generation.try_get_value() != generation {
                    return;
                }
                let liveness = liveness(&run);
                ctx.store
                    .apply_read(run, trials, fetched.text, js_sys::Date::now());
                crate::state::perf::applied(crate::state::perf::PARSED);
                Event::Succeeded { liveness }
            }
            Err(error) => {
                ctx.store.fail(error, js_sys::Date::now());
                Event::Failed {
                    retry_after_s: fetched.retry_after_s,
                }
            }
        };
        dispatch(ctx, event);
    });
}

/// Runs `task` up to its first wait now (for a request: `fetch()` is called before this
/// returns, not in a later microtask), then hands it to the executor, which polls it again
/// with a real waker. Polling with a new waker is part of the `Future` contract (a pending
/// future wakes the waker of its latest poll), so the no-op waker of the first poll is never
/// needed. Untracked: it may run inside an effect, which must not subscribe to what the
/// task reads.
fn spawn_started(task: impl std::future::Future<Output = ()> + 'static) {
    let mut task = Box::pin(task);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    if untrack(|| task.as_mut().poll(&mut cx)).is_pending() {
        leptos::task::spawn_local(task);
    }
}

/// Resolves in a new task (after a zero-delay timer), letting the browser handle input first.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
