//! The state request `src/prefetch.js` sends while the page is still being parsed, before the
//! wasm has arrived (issue 15): taken over by the first request for exactly that address with
//! a key for exactly that base, aborted if nothing takes it by the end of the first render.
//!
//! The script leaves `window.__tunerscopePrefetch = { url, base, keyed, response, controller }`
//! (`response` is `fetch`'s promise). It is read once and removed, so a later request (a poll,
//! another run) never finds an old answer.

use crate::api::client::Abort;
use crate::api::key::ApiKey;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortController;

/// Where the script leaves its request (not enumerable, so nothing lists it by accident).
const GLOBAL: &str = "__tunerscopePrefetch";

/// A request already on its way: its abort handle and `fetch`'s promise of the response.
pub struct Prefetched {
    pub abort: Abort,
    pub response: js_sys::Promise,
}

/// The early request, if it is the one about to be sent: the same address, and a key for the
/// same base, sent with a header exactly when `key` has a secret (both sides read the same
/// stored entry, so the secret itself is the same). Anything else is left for [`discard`]: a
/// compared run's request may come first and must not cancel the main run's.
pub fn take(url: &str, key: &ApiKey) -> Option<Prefetched> {
    let found = read()?;
    let text = |name: &str| field(&found, name).and_then(|v| v.as_string());
    let same = text("url").as_deref() == Some(url)
        && text("base").as_deref() == Some(key.base())
        && field(&found, "keyed").and_then(|v| v.as_bool()) == Some(!key.is_empty());
    if !same {
        return None;
    }
    remove();
    let controller = controller_of(&found)?;
    match field(&found, "response").and_then(|v| v.dyn_into::<js_sys::Promise>().ok()) {
        Some(response) => Some(Prefetched {
            abort: Abort::from(controller),
            response,
        }),
        None => {
            controller.abort();
            None
        }
    }
}

/// Aborts and forgets an early request nothing took (the page asked for the key, opened
/// another view, or read the address differently): called once the first render is done, by
/// which time the run's own request has gone out.
pub fn discard() {
    if let Some(found) = read() {
        remove();
        if let Some(controller) = controller_of(&found) {
            controller.abort();
        }
    }
}

fn read() -> Option<JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &JsValue::from_str(GLOBAL))
        .ok()
        .filter(|v| v.is_object())
}

fn remove() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::delete_property(&window, &JsValue::from_str(GLOBAL));
    }
}

fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).ok()
}

fn controller_of(found: &JsValue) -> Option<AbortController> {
    field(found, "controller")?.dyn_into().ok()
}
