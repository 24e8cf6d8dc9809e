//! Embedding in a portal (`?embed=1`): the postMessage protocol of `CONTRACT.md`, in two
//! hooks because its two halves belong to different owners.
//!
//! - [`use_embed_resize`]: the page posts `{type: "tunerscope:resize", height}` to its parent
//!   whenever its height changes, so the portal can size the iframe. `App` calls it, so it
//!   runs whatever the page shows (a live run, the demo, a snapshot, an error); wired to the
//!   live source alone, the demo and snapshots never reported a height (issue 12).
//! - [`use_embed`]: it accepts `{type: "tunerscope:auth", apiKey}` only from a parent whose
//!   origin is in `origins` (default: this page's own origin); anything else is ignored.
//!   Only the live source has a use for a key.

use crate::view_state::origin_allowed;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Listens for `tunerscope:auth`; `on_key` receives keys from allowed parents. The listener
/// is removed when the calling component is disposed.
pub fn use_embed(allowed: Vec<String>, on_key: Callback<String>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let own_origin = window.location().origin().unwrap_or_default();

    let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        if !origin_allowed(&ev.origin(), &allowed, &own_origin) {
            return;
        }
        let data = ev.data();
        let field = |name: &str| {
            js_sys::Reflect::get(&data, &name.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        if field("type").as_deref() == Some("tunerscope:auth") {
            if let Some(key) = field("apiKey") {
                on_key.run(key);
            }
        }
    });
    on_cleanup(move || listener.remove());
}

/// Reports the page's height to the parent frame now and whenever the content resizes.
/// Call it once, from the page's root, when `embed=1`. The observer is disconnected when
/// the calling component is disposed. Outside a frame it posts nothing.
pub fn use_embed_resize() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let last = StoredValue::new(0i32);
    let report = move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(root) = window.document().and_then(|d| d.document_element()) else {
            return;
        };
        // The content's own height: `scrollHeight` never drops below the frame's height, so
        // a portal that sized the frame up could never size it down again.
        let height = root.get_bounding_client_rect().height().ceil() as i32;
        if height == last.get_value() {
            return;
        }
        last.set_value(height);
        let Ok(Some(parent)) = window.parent() else {
            return;
        };
        if parent == window {
            return; // not in a frame
        }
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"tunerscope:resize".into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        // The height is not secret: any embedding origin may learn it.
        let _ = parent.post_message(&message, "*");
    };
    let callback = Closure::<dyn Fn()>::new(report);
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
    if let (Some(observer), Some(body)) = (&observer, window.document().and_then(|d| d.body())) {
        observer.observe(&body);
    }
    report();
    // JS handles are not Send: park them in local storage of the reactive arena until cleanup.
    let parked = StoredValue::new_local(Some((observer, callback)));
    on_cleanup(move || {
        if let Some((observer, callback)) = parked.try_update_value(Option::take).flatten() {
            if let Some(observer) = observer {
                observer.disconnect();
            }
            drop(callback);
        }
    });
}
