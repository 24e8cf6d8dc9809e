//! The built-in demo: replays the `timeline/` snapshots shipped next to the bundle
//! (`demo/000.json` … `011.json`, relative URLs so any sub-path works), one per step,
//! with timestamps shifted so the newest is "now". Stops at the last (completed) one.

use super::run_store::RunStore;
use crate::api::client::fetch_text;
use crate::model::parse_state;
use leptos::prelude::*;
use std::time::Duration;

/// Number of snapshots in the demo timeline.
pub const DEMO_STEPS: usize = 12;

/// Plays the demo into `store`, one step every `step`. The timer is cleared when the
/// calling component is disposed.
pub fn use_demo(store: RunStore, step: Duration) {
    let next = StoredValue::new(0usize);
    let busy = StoredValue::new(false);
    let advance = move || {
        if busy.get_value() || next.get_value() >= DEMO_STEPS {
            return;
        }
        busy.set_value(true);
        let index = next.get_value();
        leptos::task::spawn_local(async move {
            store.loading.try_set(true);
            match fetch_text(&format!("demo/{index:03}.json"))
                .await
                .and_then(|text| parse_state(&text).map(|run| (run, text)))
            {
                // The demo was switched off meanwhile (its values are disposed): drop the answer.
                _ if next.try_get_value().is_none() => return,
                // The text keeps the recorded times; only the shown run is shifted to "now".
                Ok((mut run, text)) => {
                    let now = js_sys::Date::now();
                    if let Some(newest) = run.newest_ms() {
                        run.shift_times(now as i64 - newest);
                    }
                    store.apply_text(run, Some(text), now);
                    next.try_set_value(index + 1);
                }
                Err(error) => store.fail(error, js_sys::Date::now()),
            }
            store.loading.try_set(false);
            busy.try_set_value(false);
        });
    };
    advance();
    if let Ok(handle) = set_interval_with_handle(advance, step) {
        on_cleanup(move || handle.clear());
    }
}
