//! `confirm-api`: a key is stored for another API base; ask before sending it to this one
//! (a shared link must not be a way to send someone's key to a stranger's server).

use leptos::prelude::*;

/// The question, with both bases spelled out.
#[component]
pub fn ConfirmApi(
    /// Base the stored key was entered for.
    stored_base: String,
    /// Base this page would send it to.
    target_base: String,
    /// "Yes, send it".
    on_yes: Callback<()>,
    /// "No": enter another key instead.
    on_no: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="confirm-api" data-testid="confirm-api" role="alertdialog" aria-labelledby="confirm-api-title">
            <h2 id="confirm-api-title">"Send your saved API key to a different server?"</h2>
            <p>"Your key was saved for " <code class="text">{stored_base}</code> ". This page would send it to "
               <code class="text">{target_base}</code> ". Only continue if you trust that server."</p>
            <div class="actions">
                <button type="button" data-testid="confirm-api-yes" on:click=move |_| on_yes.run(())>"Yes, send it there"</button>
                <button type="button" data-testid="confirm-api-no" on:click=move |_| on_no.run(())>"No, enter a key for it"</button>
            </div>
        </div>
    }
}
