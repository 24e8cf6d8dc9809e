//! Snapshots and CSV: "Download snapshot", "Open snapshot" (also by dropping a file on the
//! page), "Export CSV". Works with no network and no key.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The three actions; `can_save` disables the two that need data. `problem` says in words
/// why the last download failed (shown as an alert under the buttons until one succeeds).
#[component]
pub fn DataMenu(
    #[prop(into)] can_save: Signal<bool>,
    #[prop(into)] problem: Signal<Option<String>>,
    on_download: Callback<()>,
    on_csv: Callback<()>,
    /// Receives the picked file.
    on_open: Callback<web_sys::File>,
) -> impl IntoView {
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            on_open.run(file);
        }
        input.set_value("");
    };
    view! {
        <div class="data-menu" role="group" aria-label="Snapshots and export">
            <button type="button" data-testid="download-snapshot" on:click=move |_| on_download.run(()) disabled=move || !can_save.get()>"Download snapshot"</button>
            <label class="file-button">"Open snapshot…"
                <input type="file" data-testid="open-snapshot" accept=".json,application/json" on:change=on_pick/>
            </label>
            <button type="button" data-testid="export-csv" on:click=move |_| on_csv.run(()) disabled=move || !can_save.get()>"Export CSV"</button>
            {move || problem.get().map(|p| view! { <p class="form-problem" role="alert" data-testid="data-problem">{p}</p> })}
        </div>
    }
}
