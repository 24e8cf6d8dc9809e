//! The API key in use, shared by every request the page makes: the run's state, the
//! project's runs, logs.
//!
//! `App` provides one [`CurrentKey`]; the live source decides what is in it (the stored key
//! for this base, one typed into the form, one sent by an embedding portal). Anything else
//! that asks the API reads it here instead of taking the key through props. The storage
//! policy itself stays in `api::key`.

use crate::api::key::ApiKey;
use leptos::prelude::*;

/// The key requests are sent with; `None` until there is one (or after "Forget key").
#[derive(Clone, Copy)]
pub struct CurrentKey(pub RwSignal<Option<ApiKey>>);

/// Provides the page's [`CurrentKey`] (call once, in `App`).
pub fn provide_current_key() -> CurrentKey {
    let current = CurrentKey(RwSignal::new(None));
    provide_context(current);
    current
}

/// The page's [`CurrentKey`]; a fresh empty one outside `App` (e.g. a component test).
pub fn use_current_key() -> CurrentKey {
    use_context::<CurrentKey>().unwrap_or_else(provide_current_key)
}

/// Whether the page shows a run from the API right now (not the demo, not a snapshot file, not
/// the run picker). Requests that name a trial or a job of the shown run (logs) are only made
/// while this is true: in the demo or over a snapshot those ids are not the API's to answer,
/// and the key must not travel with them.
#[derive(Clone, Copy)]
pub struct LiveApi(pub Signal<bool>);

/// The page's [`LiveApi`]; `false` outside `App` (e.g. a component test without one).
pub fn use_live_api() -> Signal<bool> {
    use_context::<LiveApi>().map_or_else(|| Signal::stored(false), |l| l.0)
}
