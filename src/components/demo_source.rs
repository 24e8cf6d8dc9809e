//! `DemoSource`: plays the built-in demo into the run store while mounted.

use crate::state::demo::use_demo;
use crate::state::run_store::RunStore;
use leptos::prelude::*;
use std::time::Duration;

/// Plays the built-in demo while mounted.
#[component]
pub fn DemoSource(step: Duration) -> impl IntoView {
    let store = expect_context::<RunStore>();
    use_demo(store, step);
    view! {
        <p class="demo-badge" data-testid="demo-badge">
            <strong>"Demo"</strong>" — a simulated run replayed from recorded snapshots. No API or key needed. "
            "Open a real run with "<code>"?project=…&job=…"</code>" in the address."
        </p>
    }
}
