//! `RunSummary` (`run-summary`): the answer first, right under the run header. Renders a
//! [`crate::derive::run_summary::RunSummary`] that `RunView` computes from its list memo; the
//! block stays in place and only its text changes when a snapshot or the lens does.

use crate::components::charts::pick::select;
use crate::derive::list_view::Lens;
use crate::derive::run_summary::{Alternative, RunSummary as Summary};
use crate::view_state::ViewState;
use leptos::prelude::*;

/// The best fitting trial with its figures against the budget and a link to its card, the
/// fastest and smallest fitting trials with their accuracy cost, and the fit counts.
#[component]
pub fn RunSummary(
    /// The summary under the current lens.
    summary: Memo<Summary>,
    /// Precision, dataset and budget the summary was judged by (named in the block).
    lens: Memo<Lens>,
    /// The URL-backed view state: "Open its card" writes `trial`.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let best_id =
        move || summary.with(|s| s.best.as_ref().map(|b| b.id.clone()).unwrap_or_default());
    let lens_words = move || {
        lens.with(|l| {
            let what_if = if l.is_what_if() {
                ", what-if budget"
            } else {
                ""
            };
            format!(
                "{} · {} set{what_if}",
                l.precision.as_str(),
                l.dataset.as_str()
            )
        })
    };
    let best = move || {
        summary.with(|s| match &s.best {
            None => view! { <p class="no-best">{s.no_best_words()}</p> }.into_any(),
            Some(b) => {
                let selection = b.selection.clone();
                let href = {
                    let selection = selection.clone();
                    view.with(|v| {
                        let mut next = v.clone();
                        next.trial = Some(selection);
                        format!("?{}", next.to_query())
                    })
                };
                let open = move |ev: leptos::ev::MouseEvent| {
                    // A plain click stays in the page; modified clicks (new tab) keep the
                    // browser's behaviour.
                    if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                        return;
                    }
                    ev.prevent_default();
                    select(view, selection.clone());
                };
                view! {
                    <p class="best-line">
                        <span class="label">"Best fitting trial "</span>
                        <strong class="text">{b.name.clone()}</strong>
                        " · " <span class="accuracy">{b.accuracy_words()}</span> " accuracy "
                        <a class="open-card" href=href on:click=open>"Open its card"</a>
                    </p>
                    <ul class="figures">
                        {b.figure_words().into_iter().map(|(name, text)| view! {
                            <li><span class="label">{name}</span>" "{text}</li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        })
    };
    let alternative = move |label: &'static str, pick: fn(&Summary) -> Option<&Alternative>| {
        move || {
            summary.with(|s| {
                pick(s).map(|a| {
                    view! {
                        <li>
                            <span class="label">{label}</span>" "
                            <span class="text">{a.pick.name.clone()}</span>
                            {format!(" · {} · {}", a.pick.accuracy_words(), a.cost_words())}
                        </li>
                    }
                })
            })
        }
    };
    view! {
        <section class="run-summary" data-testid="run-summary" aria-label="Run summary">
            <p class="lens">{lens_words}</p>
            <div data-testid="run-summary-best" class="best" data-trial-id=best_id>{best}</div>
            <ul class="alternatives">
                {alternative("Fastest that fits:", |s| s.fastest.as_ref())}
                {alternative("Smallest that fits (RAM + ROM):", |s| s.smallest.as_ref())}
            </ul>
            <p class="counts">{move || summary.with(Summary::counts_words)}</p>
        </section>
    }
}
