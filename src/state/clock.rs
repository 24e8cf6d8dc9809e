//! The shared "now" for relative times ("3 min ago", "next refresh in …").

use crate::derive::trial_card::TICK_MS;
use leptos::prelude::*;
use std::time::Duration;

/// The clock ticks at most this often (an idle page stays quiet); the cards' texts are
/// written for this step ([`crate::derive::trial_card::clock_need`]).
const CLOCK_TICK: Duration = Duration::from_millis(TICK_MS as u64);

/// The current time in ms, ticking every 10 s until the caller is disposed. Components read
/// it through the [`crate::state::context::Clock`] context.
pub fn use_clock() -> RwSignal<f64> {
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(handle) = set_interval_with_handle(move || now.set(js_sys::Date::now()), CLOCK_TICK) {
        on_cleanup(move || handle.clear());
    }
    now
}
