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
