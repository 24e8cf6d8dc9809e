//! The view state signal, read from and written back to the address bar.
//!
//! Changes replace the current history entry (no history spam, no scroll jump). The one
//! exception is opening another run ([`open_view`]): that pushes an entry, so Back returns
//! to the run list or the run before; `popstate` (Back/Forward) reads the address again.

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
    let Some((history, url)) = history_and_url(view) else {
        return;
    };
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
}

/// Shows `next` as a new history entry (another run was opened): Back returns to what was
/// shown before. Everything else replaces the entry ([`write_location`]).
pub fn open_view(view: RwSignal<ViewState>, next: ViewState) {
    if let Some((history, url)) = history_and_url(&next) {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    view.set(next);
}

fn history_and_url(view: &ViewState) -> Option<(web_sys::History, String)> {
    let window = web_sys::window()?;
    let path = window.location().pathname().unwrap_or_default();
    let query = view.to_query();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    Some((window.history().ok()?, url))
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
    // Back/Forward between entries pushed by `open_view`: the address is the truth again.
    let popstate = window_event_listener(leptos::ev::popstate, move |_| {
        let next = read_location();
        if view.with_untracked(|v| *v != next) {
            view.set(next);
        }
    });
    on_cleanup(move || popstate.remove());
    view
}
