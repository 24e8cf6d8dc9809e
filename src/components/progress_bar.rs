//! Trial progress (`progress`): completed / running / pending / failed of the run's size.

use crate::derive::progress::ProgressCounts;
use leptos::prelude::*;

/// A stacked bar; the `data-*` attributes are the `status` counters as received.
#[component]
pub fn ProgressBar(#[prop(into)] counts: Signal<ProgressCounts>) -> impl IntoView {
    let seg = move |class: &'static str, label: &'static str, n: fn(&ProgressCounts) -> u64| {
        view! {
            <span class=format!("seg {class}") style:width=move || format!("{:.3}%", counts.with(|c| c.share(n(c)))) title=move || format!("{} {label}", n(&counts.get()))></span>
        }
    };
    view! {
        <section class="progress" data-testid="progress"
            data-completed=move || counts.get().completed
            data-running=move || counts.get().running
            data-pending=move || counts.get().pending
            data-failed=move || counts.get().failed
            aria-label="Trial progress">
            <div class="bar" role="img" aria-label=move || {
                let c = counts.get();
                format!("{} of {} trials finished", c.done(), c.denominator)
            }>
                {seg("completed", "completed", |c| c.completed)}
                {seg("failed", "failed", |c| c.failed)}
                {seg("running", "running", |c| c.running)}
                {seg("pending", "pending", |c| c.pending)}
            </div>
            <p class="legend">
                {move || {
                    let c = counts.get();
                    format!("{} of {} trials done · {} completed · {} running · {} pending · {} failed",
                        c.done(), c.denominator, c.completed, c.running, c.pending, c.failed)
                }}
            </p>
        </section>
    }
}
