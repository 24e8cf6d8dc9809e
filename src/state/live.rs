//! Loading a real run: one request at a time, aborted when the run or key changes or the
//! page goes away. (Polling arrives with the live-runs work; this is connect + refresh.)

use super::run_store::RunStore;
use crate::api::client::{fetch_state, Abort, DEFAULT_TIMEOUT};
use crate::api::key::ApiKey;
use leptos::prelude::*;

/// What the page can ask of the live loader.
#[derive(Clone, Copy)]
pub struct LiveControls {
    /// Loads now unless a request is already in flight.
    pub refresh: Callback<()>,
}

/// Loads `url` with `key` whenever either changes (both `Some`), and on `refresh`.
pub fn use_live_run(
    store: RunStore,
    url: Signal<Option<String>>,
    key: Signal<Option<ApiKey>>,
) -> LiveControls {
    let in_flight: StoredValue<Option<Abort>, LocalStorage> = StoredValue::new_local(None);

    let load = move |replace: bool| {
        let (Some(url), Some(key)) = (url.get_untracked(), key.get_untracked()) else {
            return;
        };
        if let Some(previous) = in_flight.get_value() {
            if !replace {
                return; // never two requests in flight
            }
            previous.abort();
        }
        let Some(abort) = Abort::new() else { return };
        in_flight.set_value(Some(abort.clone()));
        store.loading.set(true);
        leptos::task::spawn_local(async move {
            let fetched = fetch_state(&url, key.secret(), &abort, DEFAULT_TIMEOUT).await;
            // A newer request replaced this one: its answer is stale, drop it.
            let current = in_flight
                .try_with_value(|v| v.as_ref().map(|a| a.same(&abort)))
                .flatten()
                .unwrap_or(false);
            if !current {
                return;
            }
            match fetched.result {
                Ok(run) => store.apply(run, js_sys::Date::now()),
                Err(error) => store.fail(error),
            }
            store.loading.try_set(false);
            in_flight.try_set_value(None);
        });
    };

    // A different run or key: start over.
    Effect::new(move |_| {
        let target = (url.get(), key.get());
        if let (Some(_), Some(_)) = target {
            load(true);
        }
    });
    on_cleanup(move || {
        if let Some(abort) = in_flight.try_get_value().flatten() {
            abort.abort();
        }
    });
    LiveControls {
        refresh: Callback::new(move |_| load(false)),
    }
}
