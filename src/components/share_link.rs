//! `copy-link` / `share-link`: the address of the current view (never the key), copied to
//! the clipboard, and shown in a read-only field for browsers that refuse clipboard access.

use crate::state::clipboard::use_copy;
use crate::state::share::share_url;
use crate::view_state::ViewState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The button and the field.
#[component]
pub fn ShareLink(#[prop(into)] view: Signal<ViewState>) -> impl IntoView {
    let url = Memo::new(move |_| view.with(share_url));
    let status = RwSignal::new(None::<&'static str>);
    let copy = use_copy(move |copied| {
        status.try_set(Some(match copied {
            Ok(()) => "Link copied",
            Err(_) => "Copy blocked by the browser: select the link and copy it",
        }));
    });
    view! {
        <div class="share">
            <button type="button" data-testid="copy-link" on:click=move |_| copy.run(url.get_untracked())>"Copy link"</button>
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
