//! The shared "now" for relative times ("3 min ago", "next refresh in …").

use leptos::prelude::*;
use std::time::Duration;

/// The clock ticks at most this often (an idle page stays quiet).
const CLOCK_TICK: Duration = Duration::from_secs(10);

/// The current time in ms, ticking every [`CLOCK_TICK`] until the caller is disposed.
pub fn use_clock() -> RwSignal<f64> {
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(handle) = set_interval_with_handle(move || now.set(js_sys::Date::now()), CLOCK_TICK) {
        on_cleanup(move || handle.clear());
    }
    now
}
