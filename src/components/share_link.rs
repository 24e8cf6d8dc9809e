//! `copy-link` / `share-link`: the address of the current view (never the key), copied to
//! the clipboard, and shown in a read-only field for browsers that refuse clipboard access.

use crate::view_state::ViewState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The full address that reopens `view`.
pub fn share_url(view: &ViewState) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    let query = view.to_query();
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

/// Writes `text` to the clipboard; `false` when the browser refuses.
async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    // Through Reflect: the Clipboard API may be missing (insecure context, old browser).
    let Ok(navigator) = js_sys::Reflect::get(&window, &"navigator".into()) else {
        return false;
    };
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Ok(write) = write.dyn_into::<js_sys::Function>() else {
        return false;
    };
    match write.call1(&clipboard, &text.into()) {
        Ok(promise) => JsFuture::from(js_sys::Promise::from(promise)).await.is_ok(),
        Err(_) => false,
    }
}

/// The button and the field.
#[component]
pub fn ShareLink(#[prop(into)] view: Signal<ViewState>) -> impl IntoView {
    let url = Memo::new(move |_| view.with(share_url));
    let status = RwSignal::new(None::<&'static str>);
    let on_copy = move |_| {
        let text = url.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = copy(&text).await;
            status.try_set(Some(if ok {
                "Link copied"
            } else {
                "Copy blocked by the browser: select the link and copy it"
            }));
        });
    };
    view! {
        <div class="share">
            <button type="button" data-testid="copy-link" on:click=on_copy>"Copy link"</button>
            <input data-testid="share-link" name="share-link" type="text" readonly aria-label="Link to this view (without the API key)"
                prop:value=move || url.get() on:focus=|ev| {
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                }/>
            <span class="share-status" role="status">{move || status.get()}</span>
        </div>
    }
}
