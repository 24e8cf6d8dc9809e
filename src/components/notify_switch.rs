//! "Notify me": opt-in browser notifications when the run finishes or fails and when a new
//! best fitting trial appears (the notices themselves: [`crate::state::notify`]).

use crate::derive::notices::Digest;
use crate::state::notify::use_notifications;
use leptos::prelude::*;

/// The switch; while on, shows notices derived from successive `digest`s.
#[component]
pub fn NotifySwitch(#[prop(into)] digest: Signal<Option<Digest>>) -> impl IntoView {
    let notify = use_notifications(digest);
    let supported = notify.supported;
    view! {
        <label class="notify" class:hidden=!supported title="Browser notifications when the run finishes or fails, or a new best fitting trial appears">
            <input type="checkbox" name="notify" prop:checked=move || notify.enabled.get() on:change=move |_| notify.toggle.run(()) disabled=!supported/>
            " Notify me"
            {move || notify.denied.get().then(|| view! { <span class="muted">" (blocked by the browser)"</span> })}
        </label>
    }
}
