//! Browser notifications for a live run: opt-in, permission asked only when the reader turns
//! them on, then one notice per change [`crate::derive::notices`] finds between successive
//! digests (the run finished or failed, a new best fitting trial).

use crate::derive::notices::{notices, Digest};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

/// The switch's state and its one action.
#[derive(Clone, Copy)]
pub struct Notifications {
    /// This browser has notifications at all.
    pub supported: bool,
    /// Notices are shown.
    pub enabled: Signal<bool>,
    /// The browser refused permission (the last time it was asked).
    pub denied: Signal<bool>,
    /// Turns notices off, or asks permission and turns them on if granted.
    pub toggle: Callback<()>,
}

/// Notices for the digests `digest` goes through, while enabled.
pub fn use_notifications(digest: Signal<Option<Digest>>) -> Notifications {
    let supported = web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w, &"Notification".into()).unwrap_or(false));
    let enabled = RwSignal::new(false);
    let denied = RwSignal::new(false);

    let toggle = Callback::new(move |_| {
        if enabled.get_untracked() {
            enabled.set(false);
            return;
        }
        leptos::task::spawn_local(async move {
            let granted = permission_granted().await;
            enabled.try_set(granted);
            denied.try_set(!granted);
        });
    });

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

    Notifications {
        supported,
        enabled: enabled.into(),
        denied: denied.into(),
        toggle,
    }
}

/// Whether notices may be shown, asking the reader if they have not said yet.
async fn permission_granted() -> bool {
    match Notification::permission() {
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
    }
}
