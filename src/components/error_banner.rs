//! `error-banner`: the last request failed. Plain words, the next step, the server's own
//! text as text (never HTML), and a note that older data is still shown.

use crate::model::LoadError;
use leptos::prelude::*;

/// Shows `error` when set; `has_data` says whether older data stays visible beneath.
#[component]
pub fn ErrorBanner(
    #[prop(into)] error: Signal<Option<LoadError>>,
    #[prop(into)] has_data: Signal<bool>,
) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let detail = (!e.detail.is_empty()).then(|| e.detail.clone());
            let status = e.status.map(|s| format!(" (HTTP {s})"));
            view! {
                <div class="error-banner" data-testid="error-banner" data-kind=e.kind.as_str() role="alert">
                    <p class="headline"><strong>{e.kind.headline()}</strong>{status}</p>
                    {detail.map(|d| view! { <p class="detail">{d}</p> })}
                    <p class="next">{e.kind.next_step()}</p>
                    {move || has_data.get().then(|| view! {
                        <p class="stale" data-testid="stale-indicator">"Showing the last data received successfully."</p>
                    })}
                </div>
            }
        })
    }
}
