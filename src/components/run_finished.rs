//! `run-finished`: the run is no longer live, said once on screen and to screen readers.

use crate::derive::format;
use leptos::prelude::*;

/// How a run ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Ending {
    pub failed: bool,
    /// Newest activity seen in the run (ms since epoch).
    pub at_ms: Option<i64>,
}

impl Ending {
    /// The sentence shown and announced.
    pub fn sentence(&self) -> String {
        let verb = if self.failed { "failed" } else { "finished" };
        match self.at_ms {
            Some(ms) => format!(
                "Run {verb} at {}; no longer refreshing.",
                format::timestamp(ms)
            ),
            None => format!("Run {verb}; no longer refreshing."),
        }
    }
}

/// Shows the notice while `ending` is set; the polite live region announces it.
#[component]
pub fn RunFinished(#[prop(into)] ending: Signal<Option<Ending>>) -> impl IntoView {
    view! {
        {move || ending.get().map(|e| view! {
            <p class="run-finished" class:failed=e.failed data-testid="run-finished">{e.sentence()}</p>
        })}
        <div class="sr-only" role="status" aria-live="polite">{move || ending.get().map(|e| e.sentence())}</div>
    }
}
