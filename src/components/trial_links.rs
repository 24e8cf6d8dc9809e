//! Where a trial comes from and where it went: a post-processing re-train links to its
//! original trial's card (in-page: selects it via `trial=` and scrolls to it, no history
//! entry), and `impulseAddedToProject` links to the impulse in Studio. API links go through
//! [`crate::derive::studio_link::resolve`]: anything that is not http(s) stays plain text.

use super::charts::pick::select;
use crate::derive::studio_link::{resolve, STUDIO_ORIGIN};
use crate::model::Trial;
use crate::state::context::ViewCtx;
use crate::state::run_store::RunStore;
use leptos::prelude::*;
use std::sync::Arc;

/// The links of one trial; nothing when it has neither.
#[component]
pub fn TrialLinks(trial: Arc<Trial>) -> impl IntoView {
    let original = trial.original_trial_id.clone().filter(|o| !o.is_empty());
    let retrain = (trial.post_processing || original.is_some()).then(|| {
        let experiment = trial.experiment.clone().map(|e| format!(" ({e})"));
        match original {
            Some(o) if in_run(&o) => {
                view! { <span>"Re-train of " <OriginalLink id=o/> {experiment}</span> }.into_any()
            }
            Some(o) => view! {
                <span>"Re-train of " <span class="text">{o}</span> " (not in this run)" {experiment}</span>
            }
            .into_any(),
            None => view! { <span>"Post-processing re-train" {experiment}</span> }.into_any(),
        }
    });
    let added = trial.added_to_project.clone().map(|a| {
        let label = match a.impulse_id {
            Some(id) => format!("added to project (impulse #{id})"),
            None => "added to project".into(),
        };
        match a.link.as_deref().and_then(|l| resolve(l, STUDIO_ORIGIN)) {
            Some(href) => view! {
                <a class="added" href=href target="_blank" rel="noopener noreferrer">{label}</a>
            }
            .into_any(),
            None => view! {
                <span class="added">{label}{a.link.map(|l| view! { " " <span class="text">{l}</span> })}</span>
            }
            .into_any(),
        }
    });
    (retrain.is_some() || added.is_some()).then(|| {
        view! { <p class="trial-links">{retrain}" "{added}</p> }
    })
}

/// Whether a trial with this id is in the shown run (asked once per re-train card when it is
/// built: cheaper than a set of every id kept up to date on every poll).
fn in_run(id: &str) -> bool {
    use_context::<RunStore>().is_some_and(|store| {
        store.snapshot.with_untracked(|s| {
            s.as_ref()
                .is_some_and(|s| s.trials.iter().any(|v| v.trial.id == id))
        })
    })
}

/// An in-page link to the original trial's card.
#[component]
fn OriginalLink(id: String) -> impl IntoView {
    let view = ViewCtx::expect();
    // The address is written when the link is built and brought up to date when it can be
    // used (pointed at, focused): not re-serialised on every keystroke in the filter box.
    let link = {
        let id = id.clone();
        move || {
            view.with_untracked(|v| {
                let mut next = v.clone();
                next.trial = Some(id.clone());
                format!("?{}", next.to_query())
            })
        }
    };
    let href = RwSignal::new(link());
    let refresh = {
        let link = link.clone();
        move |_| href.set(link())
    };
    let follow = {
        let id = id.clone();
        move |ev: leptos::ev::MouseEvent| {
            // A plain click stays in the page (the URL is replaced, not pushed); modified
            // clicks (new tab) keep the browser's behaviour.
            if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                return;
            }
            ev.prevent_default();
            select(view, id.clone());
        }
    };
    view! {
        <a class="original text" href=href on:click=follow on:pointerenter=refresh.clone()
            on:focus=move |_| href.set(link())>{id.clone()}</a>
    }
}
