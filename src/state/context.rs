//! The contexts the run view's components read instead of props drilled through every level:
//! small newtypes, provided once by `RunView` ([`provide_run_contexts`]) and read with an
//! `expect`-style accessor that names what is missing.
//!
//! - [`ViewCtx`]: the URL-backed view state (selection, lens choices, filters).
//! - [`Clock`]: "now" for relative times, ticking, and the same rounded to the minute for
//!   texts that change no faster (a finished trial's "finished 5 min ago").
//! - [`CardContext`]: what every trial card reads besides its own row.

use crate::derive::list_view::Lens;
use crate::view_state::ViewState;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// The URL-backed view state.
#[derive(Clone, Copy)]
pub struct ViewCtx(pub RwSignal<ViewState>);

impl ViewCtx {
    /// The view state in context (panics with the type's name when none was provided).
    pub fn expect() -> RwSignal<ViewState> {
        expect_context::<ViewCtx>().0
    }
}

/// The page's clock.
#[derive(Clone, Copy)]
pub struct Clock {
    /// "Now" in ms, ticking (`state::clock::use_clock`).
    pub now: Signal<f64>,
    /// The start of the current minute in ms: changes once a minute.
    pub minute: Memo<i64>,
}

impl Clock {
    pub fn new(now: impl Into<Signal<f64>>) -> Self {
        let now = now.into();
        let minute = Memo::new(move |_| (now.get() / 60_000.0).floor() as i64 * 60_000);
        Clock { now, minute }
    }

    /// The clock in context.
    pub fn expect() -> Clock {
        expect_context::<Clock>()
    }
}

/// What every trial card reads besides its own row.
#[derive(Clone)]
pub struct CardContext {
    pub lens: Memo<Lens>,
    /// The run's `trainingCycles`.
    pub run_cycles: Memo<Option<u64>>,
    /// Keys of trials whose status changed in the latest snapshot.
    pub changed: Memo<Arc<HashSet<String>>>,
    /// The expanded trial (`trial` in the URL); O(1) per card when it changes.
    pub expanded: super::expanded::Expanded,
}

impl CardContext {
    /// The card context in context.
    pub fn expect() -> CardContext {
        expect_context::<CardContext>()
    }
}

/// Provides [`ViewCtx`], [`Clock`] and `cards` to everything below the caller.
pub fn provide_run_contexts(view: RwSignal<ViewState>, now: Signal<f64>, cards: CardContext) {
    provide_context(ViewCtx(view));
    provide_context(Clock::new(now));
    provide_context(cards);
}
