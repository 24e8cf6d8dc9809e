//! `CompareRow`: one run's row in the comparison table (`run-compare-row`): its name, device,
//! budget, precision, algorithm, trials, best fitting trial (`run-compare-best`) with its
//! figures against the budget it is judged by, and its duration. Its own memo over its own
//! store, so a poll of one run rebuilds only that run's row; a run that cannot be loaded says
//! why in its row (`run-compare-error`) while the others stay.

use crate::components::charts::pick::select;
use crate::derive::run_compare::{compare_row, Basis, CompareRow as Row};
use crate::model::Trial;
use crate::state::run_store::RunStore;
use crate::view_state::ViewState;
use leptos::prelude::*;

/// One compared run: `job`, the store it is loaded into, whether it is the page's own run.
#[component]
pub fn CompareRow(
    job: u64,
    store: RunStore,
    /// Run A (the one the page shows below): its best trial opens in place.
    is_base: bool,
    /// The budget every run is judged by.
    basis: Memo<Basis>,
    view: RwSignal<ViewState>,
    /// Takes this run out of the comparison (not offered for run A).
    on_remove: Callback<u64>,
) -> impl IntoView {
    let row = Memo::new(move |_| {
        let (precision, dataset) = view.with(|v| (v.precision, v.dataset.unwrap_or_default()));
        let basis = basis.get();
        store.snapshot.with(|s| {
            let s = s.as_ref()?;
            let trials: Vec<&Trial> = s.trials.iter().map(|v| v.trial.as_ref()).collect();
            Some(compare_row(job, &s.run, &trials, precision, dataset, basis))
        })
    });
    let state = move || {
        if row.with(Option::is_some) {
            "ready"
        } else if store.error.with(Option::is_some) {
            "error"
        } else {
            "loading"
        }
    };
    let error_words = move || {
        store.error.with(|e| {
            e.as_ref().map(|e| {
                let shown = if row.with(Option::is_some) {
                    " The row shows the last state that loaded."
                } else {
                    ""
                };
                format!(
                    "Could not load run {job}: {e}. {}{shown}",
                    e.kind.next_step()
                )
            })
        })
    };
    let cell = move |f: fn(&Row) -> String| move || row.with(|r| r.as_ref().map(f));
    let best_id = move || {
        row.with(|r| {
            r.as_ref()
                .and_then(|r| r.summary.best.as_ref().map(|b| b.id.clone()))
                .unwrap_or_default()
        })
    };
    let figures = move |i: usize| {
        move || {
            row.with(|r| {
                r.as_ref()
                    .and_then(|r| r.summary.best.as_ref())
                    .map(|b| b.figure_words()[i].1.clone())
            })
        }
    };
    let best = move || {
        row.with(|r| {
            let r = r.as_ref()?;
            Some(match &r.summary.best {
                None => view! { <span class="muted">{r.summary.no_best_words()}</span> }.into_any(),
                Some(b) => {
                    let selection = b.selection.clone();
                    // Each trial links into its own run: run A's opens its card here, another
                    // run's opens that run (a new page, without the comparison).
                    let href = view.with_untracked(|v| {
                        let mut next = if is_base { v.clone() } else { v.with_job(job) };
                        next.trial = Some(selection.clone());
                        format!("?{}", next.to_query())
                    });
                    let open = move |ev: leptos::ev::MouseEvent| {
                        if !is_base
                            || ev.ctrl_key()
                            || ev.meta_key()
                            || ev.shift_key()
                            || ev.button() != 0
                        {
                            return;
                        }
                        ev.prevent_default();
                        select(view, selection.clone());
                    };
                    view! {
                        <a class="text" data-testid="run-compare-open" href=href on:click=open>{b.name.clone()}</a>
                        " · " <strong>{b.accuracy_words()}</strong>
                    }
                    .into_any()
                }
            })
        })
    };
    view! {
        <tr data-testid="run-compare-row" data-job-id=job.to_string() data-state=state class:base-run=is_base>
            <th scope="row">
                <span class="text">{move || row.with(|r| r.as_ref().map_or_else(|| format!("Run {job}"), |r| r.name.clone()))}</span>
                {(job > 0).then(|| view! { <small class="muted">{format!(" job {job}")}</small> })}
                {is_base.then(|| view! { <small class="badge">"shown below"</small> })}
                {move || row.with(|r| r.as_ref().is_some_and(|r| r.live)).then(|| view! { <small class="badge live">"live"</small> })}
                {move || error_words().map(|w| view! { <p class="run-problem" role="alert" data-testid="run-compare-error">{w}</p> })}
            </th>
            <td class="text">{cell(|r| r.device.clone().unwrap_or_else(|| "not set".into()))}</td>
            <td>{cell(Row::budget_words)}</td>
            <td>{cell(|r| r.precision.as_str().to_owned())}</td>
            <td>{cell(|r| r.algorithm.clone().unwrap_or_else(|| "not set".into()))}</td>
            <td>{cell(Row::trials_words)}</td>
            <td data-testid="run-compare-best" data-job-id=job.to_string() data-trial-id=best_id>{best}</td>
            <td>{figures(0)}</td>
            <td>{figures(1)}</td>
            <td>{figures(2)}</td>
            <td>{cell(Row::duration_words)}</td>
            <td>
                {(!is_base).then(|| view! {
                    <button type="button" data-testid="run-compare-remove" data-job-id=job.to_string()
                        aria-label=format!("Remove run {job} from the comparison")
                        on:click=move |_| on_remove.run(job)>"Remove"</button>
                })}
            </td>
        </tr>
    }
}
