//! Writing text to the clipboard (Clipboard API), with a typed reason when it cannot.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why text could not be copied, in words for the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClipboardError {
    /// No Clipboard API here (an insecure `http://` page, an old browser).
    Unavailable,
    /// The browser refused (permission denied, the page not focused).
    Refused,
}

impl std::fmt::Display for ClipboardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ClipboardError::Unavailable => {
                "this browser offers no clipboard to this page (it needs https): use Download"
            }
            ClipboardError::Refused => "the browser refused the clipboard: use Download",
        })
    }
}

/// Writes `text` to the clipboard.
pub async fn write_text(text: &str) -> Result<(), ClipboardError> {
    let window = web_sys::window().ok_or(ClipboardError::Unavailable)?;
    // Through Reflect: the Clipboard API may be missing (insecure context, old browser).
    let get = |target: &wasm_bindgen::JsValue, name: &str| {
        js_sys::Reflect::get(target, &name.into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
            .ok_or(ClipboardError::Unavailable)
    };
    let clipboard = get(&get(&window, "navigator")?, "clipboard")?;
    let write = get(&clipboard, "writeText")?
        .dyn_into::<js_sys::Function>()
        .map_err(|_| ClipboardError::Unavailable)?;
    let promise = write
        .call1(&clipboard, &text.into())
        .map_err(|_| ClipboardError::Refused)?;
    JsFuture::from(js_sys::Promise::from(promise))
        .await
        .map(|_| ())
        .map_err(|_| ClipboardError::Refused)
}

/// Copies text on demand (a click's `run(text)`); `report` hears how each copy went, the
/// words on the page are the caller's.
pub fn use_copy(
    report: impl Fn(Result<(), ClipboardError>) + Send + Sync + 'static,
) -> leptos::prelude::Callback<String> {
    let report = std::sync::Arc::new(report);
    leptos::prelude::Callback::new(move |text: String| {
        let report = report.clone();
        leptos::task::spawn_local(async move { report(write_text(&text).await) });
    })
}
