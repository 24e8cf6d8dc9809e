//! The view state signal, read from and written back to the address bar.
//!
//! Changes replace the current history entry (no history spam, no scroll jump).

use crate::view_state::ViewState;
use leptos::prelude::*;

/// The current query as a [`ViewState`].
pub fn read_location() -> ViewState {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    ViewState::from_query(&search)
}

/// Replaces the address bar's query with `view`'s, keeping the path (works under any sub-path).
pub fn write_location(view: &ViewState) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let query = view.to_query();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// A signal holding the view state, initialised from the URL and written back on change.
pub fn use_view_state() -> RwSignal<ViewState> {
    let view = RwSignal::new(read_location());
    Effect::new(move |previous: Option<String>| {
        let query = view.with(ViewState::to_query);
        if previous.as_deref() != Some(query.as_str()) && previous.is_some() {
            view.with_untracked(write_location);
        }
        query
    });
    view
}
