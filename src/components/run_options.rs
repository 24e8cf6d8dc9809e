//! The list of a project's runs (`run-option`s), shared by the run picker and the run
//! switcher: newest first, hidden runs only when asked, each a button that opens the run.

use crate::derive::run_list::{empty_words, run_rows, unreadable_words, RunRow};
use crate::model::runs::RunList;
use leptos::prelude::*;

/// The runs of `list` as buttons; `on_pick` gets the chosen run's job id and name.
#[component]
pub fn RunOptions(
    /// The project's runs.
    #[prop(into)]
    list: Signal<RunList>,
    /// Whether hidden runs (`visible: false`) are listed.
    #[prop(into)]
    show_hidden: Signal<bool>,
    /// The run open right now, marked and not offered (default: none).
    #[prop(into, optional)]
    current: Signal<Option<u64>>,
    /// "now" for "created … ago".
    #[prop(into)]
    now_ms: Signal<f64>,
    /// Called with the chosen run's job id and name.
    on_pick: Callback<(u64, Option<String>)>,
) -> impl IntoView {
    let rows = Memo::new(move |_| {
        list.with(|l| run_rows(l, show_hidden.get(), current.get(), now_ms.get() as i64))
    });
    let names = move |job: u64| {
        list.with_untracked(|l| {
            l.runs
                .iter()
                .find(|r| r.job_id == job)
                .and_then(|r| r.name.clone())
        })
    };
    view! {
        {move || rows.with(empty_words).map(|w| view! { <p class="run-empty">{w}</p> })}
        <ul class="run-options">
            <For each=move || rows.get().rows key=|row| (row.job_id, row.created_ago.clone(), row.current) children=move |row| {
                view! { <RunOptionRow row=row on_pick=Callback::new(move |job| on_pick.run((job, names(job))))/> }
            }/>
        </ul>
        {move || list.with(unreadable_words).map(|w| view! { <p class="muted">{w}</p> })}
    }
}

/// One run: name, number, status, when it was created; a button unless it is open already.
#[component]
fn RunOptionRow(row: RunRow, on_pick: Callback<u64>) -> impl IntoView {
    let job = row.job_id;
    let current = row.current;
    view! {
        <li class:hidden-run=row.hidden class:current-run=current>
            <button type="button" class="run-option" data-testid="run-option"
                data-job-id=job.to_string() data-status=row.status.clone()
                aria-current=current.then_some("true") disabled=current
                on:click=move |_| on_pick.run(job)>
                <span class="run-title">
                    <span class="run-name text">{row.title.clone()}</span>
                    {row.index.clone().map(|i| view! { <span class="run-index">{i}</span> })}
                </span>
                <span class=format!("badge run-status status-{}", css_word(&row.status))>{row.status_words.clone()}</span>
                <span class="run-created" title=row.created_at.clone()>
                    {format!("created {}", row.created_ago)}
                    {row.created_at.clone().map(|at| view! { <small class="muted">{at}</small> })}
                </span>
                {row.hidden.then(|| view! { <small class="run-flag">"hidden in Studio"</small> })}
                {current.then(|| view! { <small class="run-flag">"open now"</small> })}
                <small class="muted run-job">{format!("job {job}")}</small>
            </button>
        </li>
    }
}

/// A status as a class name: only letters and dashes (the text itself is untrusted).
fn css_word(status: &str) -> String {
    status
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(24)
        .collect()
}
