//! A quiet note when the response lacked fields the schema calls required.

use crate::model::Run;
use leptos::prelude::*;
use std::sync::Arc;

/// Lists what was missing or unreadable, so a half-broken answer is not mistaken for a whole one.
#[component]
pub fn ResponseNote(#[prop(into)] run: Signal<Arc<Run>>) -> impl IntoView {
    move || {
        run.with(|r| {
            if r.missing.is_empty() && r.skipped_items == 0 {
                return None;
            }
            let mut parts = Vec::new();
            if !r.missing.is_empty() {
                parts.push(format!("missing or unreadable: {}", r.missing.join(", ")));
            }
            if r.skipped_items > 0 {
                parts.push(format!("{} list item(s) skipped because they were not objects", r.skipped_items));
            }
            Some(view! {
                <p class="response-note" data-testid="response-note">
                    "The server's answer was incomplete; showing what it had (" {parts.join("; ")} ")."
                </p>
            })
        })
    }
}
