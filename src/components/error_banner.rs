//! `error-banner`: the last request failed. One plain sentence, what to do next, the
//! server's own words as text (never HTML), and context such as the ids that were used.

use crate::model::{ErrorKind, LoadError};
use leptos::prelude::*;

/// Shows `error` when set.
#[component]
pub fn ErrorBanner(
    #[prop(into)] error: Signal<Option<LoadError>>,
    /// Whether older data stays visible beneath (then the banner says so).
    #[prop(into)]
    has_data: Signal<bool>,
    /// What was asked for, e.g. "project 1, tuner job 4 at https://…", for 404s and network errors.
    #[prop(into, optional)]
    target: Signal<Option<String>>,
    /// Offers "Enter the key again" for auth errors.
    #[prop(optional)]
    on_reenter: Option<Callback<()>>,
) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let detail = (!e.detail.is_empty()).then(|| e.detail.clone());
            let status = e.status.map(|s| format!(" (HTTP {s})"));
            let context = match e.kind {
                ErrorKind::NotFound | ErrorKind::Network | ErrorKind::Auth => target.get().map(|t| format!("Requested: {t}.")),
                _ => None,
            };
            let reenter = (e.kind == ErrorKind::Auth).then_some(on_reenter).flatten();
            view! {
                <div class="error-banner" data-testid="error-banner" data-kind=e.kind.as_str() role="alert">
                    <p class="headline"><strong>{e.kind.headline()}</strong>{status}</p>
                    {detail.map(|d| view! { <p class="detail">{d}</p> })}
                    {context.map(|c| view! { <p class="context">{c}</p> })}
                    <p class="next">{e.kind.next_step()}</p>
                    {reenter.map(|cb| view! {
                        <button type="button" class="reenter" on:click=move |_| cb.run(())>"Enter the key again"</button>
                    })}
                    {move || has_data.get().then(|| view! {
                        <p class="keeps">"The data below is from the last successful refresh."</p>
                    })}
                </div>
            }
        })
    }
}
