//! Page-wide keyboard: **Escape** closes what is open on top of the list.
//!
//! One `keydown` listener on the document, installed by [`use_escape_closes`] and removed when
//! its owner is cleaned up. Escape, in this order:
//! 1. closes the comparison (clears `compare`), if one is open;
//! 2. else collapses the expanded trial (clears `trial`) and moves focus back to that card's
//!    "Details" button, so a keyboard user continues from where they opened it.
//!
//! Everything else (other keys, Escape with Ctrl/Alt/Meta, during IME composition, or an
//! Escape another handler already consumed with `preventDefault`) is left alone.
//!
//! Escape typed into a text field is also left alone. There Escape already means something to
//! the field itself: a search field clears its text, an IME cancels its composition, and a
//! user editing the what-if budget or the connection form presses it to back out of the edit.
//! Closing the details or the comparison behind the field at the same time would throw away
//! context the user did not ask to lose (and in the search field would take two effects from
//! one key). Leaving the field (Tab) and pressing Escape again closes as usual.

use crate::state::card_dom::find_card;
use crate::view_state::ViewState;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Installs the document-wide Escape handler for `view` (see the module docs). Call once,
/// from the component that owns the run view; the listener goes with that component.
pub fn use_escape_closes(view: RwSignal<ViewState>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let handler = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |ev| on_key(view, &ev));
    let function: js_sys::Function = handler.into_js_value().unchecked_into();
    if document
        .add_event_listener_with_callback("keydown", &function)
        .is_err()
    {
        return;
    }
    // Cleanups run before the owner's stored values are disposed, so the function is still
    // there to be removed.
    let stored = StoredValue::new_local(function);
    on_cleanup(move || {
        let document = web_sys::window().and_then(|w| w.document());
        if let (Some(document), Some(function)) = (document, stored.try_get_value()) {
            let _ = document.remove_event_listener_with_callback("keydown", &function);
        }
    });
}

fn on_key(view: RwSignal<ViewState>, ev: &web_sys::KeyboardEvent) {
    if ev.key() != "Escape"
        || ev.default_prevented()
        || ev.is_composing()
        || ev.ctrl_key()
        || ev.alt_key()
        || ev.meta_key()
        || ev.target().is_some_and(|t| is_text_field(&t))
    {
        return;
    }
    let Some((compare_open, trial)) =
        view.try_with_untracked(|v| (!v.compare.is_empty(), v.trial.clone()))
    else {
        return;
    };
    if compare_open {
        view.update(|v| v.compare.clear());
    } else if let Some(trial) = trial {
        view.update(|v| v.trial = None);
        focus_expand_button(&trial);
    } else {
        return;
    }
    ev.prevent_default();
}

/// Whether `target` is a field where Escape is the field's own (text entry and choice lists).
fn is_text_field(target: &web_sys::EventTarget) -> bool {
    let Some(el) = target.dyn_ref::<web_sys::HtmlElement>() else {
        return false;
    };
    if el.is_content_editable() {
        return true;
    }
    match el.tag_name().to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => {
            let kind = el.get_attribute("type").unwrap_or_default();
            !matches!(
                kind.to_ascii_lowercase().as_str(),
                "checkbox"
                    | "radio"
                    | "button"
                    | "submit"
                    | "reset"
                    | "range"
                    | "color"
                    | "file"
                    | "image"
            )
        }
        _ => false,
    }
}

/// Focuses the expand button of the card whose `trial` selection is `selection`, if that card
/// is in the page ([`find_card`]). The card keeps its DOM when it collapses, so the button is
/// there now.
fn focus_expand_button(selection: &str) {
    if let Some(button) = find_card(selection)
        .and_then(|card| card.query_selector("button.expand").ok().flatten())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}
