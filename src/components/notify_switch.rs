//! "Notify me": opt-in browser notifications when the run finishes or fails and when a new
//! best fitting trial appears. Permission is requested only when the switch is turned on.

use crate::derive::notices::{notices, Digest};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

/// The switch; while on, shows notices derived from successive `digest`s.
#[component]
pub fn NotifySwitch(#[prop(into)] digest: Signal<Option<Digest>>) -> impl IntoView {
    let supported = web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w, &"Notification".into()).unwrap_or(false));
    let enabled = RwSignal::new(false);
    let denied = RwSignal::new(false);

    let toggle = move |_| {
        if enabled.get_untracked() {
            enabled.set(false);
            return;
        }
        leptos::task::spawn_local(async move {
            let granted = match Notification::permission() {
                NotificationPermission::Granted => true,
                NotificationPermission::Denied => false,
                _ => match Notification::request_permission() {
                    Ok(promise) => {
                        JsFuture::from(promise)
                            .await
                            .ok()
                            .and_then(|v| v.as_string())
                            .as_deref()
                            == Some("granted")
                    }
                    Err(_) => false,
                },
            };
            enabled.try_set(granted);
            denied.try_set(!granted);
        });
    };

    Effect::new(move |previous: Option<Option<Digest>>| {
        let next = digest.get();
        if let (Some(next), true) = (next.as_ref(), enabled.get_untracked()) {
            for notice in notices(previous.flatten().as_ref(), next) {
                let options = NotificationOptions::new();
                options.set_body(&notice.body);
                let _ = Notification::new_with_options(&notice.title, &options);
            }
        }
        next
    });

    view! {
        <label class="notify" class:hidden=!supported title="Browser notifications when the run finishes or fails, or a new best fitting trial appears">
            <input type="checkbox" name="notify" prop:checked=move || enabled.get() on:change=toggle disabled=!supported/>
            " Notify me"
            {move || denied.get().then(|| view! { <span class="muted">" (blocked by the browser)"</span> })}
        </label>
    }
}
