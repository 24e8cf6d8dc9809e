//! The list of a project's runs (`run-option`s), shared by the run picker and the run
//! switcher: newest first, hidden runs behind "show hidden runs", each a button that opens the
//! run.
//!
//! Rows are keyed by job id alone (unique: `model::runs` drops repeats) and every field of a
//! row is reactive, so neither a reloaded list nor the clock ("created … ago") rebuilds a row:
//! a keyboard user's focus stays where it was.

use crate::derive::run_list::{empty_words, run_rows, unreadable_words, RunRow};
use crate::model::runs::RunList;
use leptos::prelude::*;

/// The runs of `list` as buttons, with the "show hidden runs" switch when there are hidden
/// ones; `on_pick` gets the chosen run's job id and name.
#[component]
pub fn RunOptions(
    /// The project's runs.
    #[prop(into)]
    list: Signal<RunList>,
    /// The run open right now, marked and not offered (default: none).
    #[prop(into, optional)]
    current: Signal<Option<u64>>,
    /// "now" for "created … ago".
    #[prop(into)]
    now_ms: Signal<f64>,
    /// Called with the chosen run's job id and name.
    on_pick: Callback<(u64, Option<String>)>,
    /// Offers "Compare" beside every run but the open one (the run switcher does; the picker
    /// does not), with the runs that cannot be added (already compared, or the limit reached).
    #[prop(optional)]
    compare: Option<CompareOffer>,
) -> impl IntoView {
    let show_hidden = RwSignal::new(false);
    let rows = Memo::new(move |_| list.with(|l| run_rows(l, show_hidden.get(), current.get())));
    let hidden = Memo::new(move |_| rows.with(|r| r.hidden));
    let names = move |job: u64| {
        list.with_untracked(|l| {
            l.runs
                .iter()
                .find(|r| r.job_id == job)
                .and_then(|r| r.name.clone())
        })
    };
    view! {
        {move || (hidden.get() > 0).then(|| view! {
            <label class="check show-hidden">
                <input type="checkbox" name="show-hidden" prop:checked=show_hidden
                    on:change=move |ev| show_hidden.set(event_target_checked(&ev))/>
                {move || format!(" show hidden runs ({})", hidden.get())}
            </label>
        })}
        {move || rows.with(empty_words).map(|w| view! { <p class="run-empty">{w}</p> })}
        <ul class="run-options">
            <For each=move || rows.get().rows key=|row| row.job_id children=move |first: RunRow| {
                let job = first.job_id;
                // This row's fields as the list changes (a project has tens of runs, so the
                // lookup per row is cheap); the first value stays while the row goes away.
                let row = Memo::new(move |_| {
                    rows.with(|r| r.rows.iter().find(|r| r.job_id == job).cloned())
                        .unwrap_or_else(|| first.clone())
                });
                view! { <RunOptionRow row=row now_ms=now_ms on_pick=Callback::new(move |job| on_pick.run((job, names(job)))) compare=compare/> }
            }/>
        </ul>
        {move || list.with(unreadable_words).map(|w| view! { <p class="muted">{w}</p> })}
    }
}

/// "Compare" beside a run: what it does and when it cannot.
#[derive(Clone, Copy)]
pub struct CompareOffer {
    /// Adds the run with this job id to the comparison.
    pub on_compare: Callback<u64>,
    /// Whether the run with this job id cannot be added (already compared, or the limit).
    pub blocked: Signal<Vec<u64>>,
    /// Whether no run can be added any more (the limit).
    pub full: Signal<bool>,
}

/// One run: name, number, status, when it was created; a button unless it is open already.
#[component]
fn RunOptionRow(
    row: Memo<RunRow>,
    now_ms: Signal<f64>,
    on_pick: Callback<u64>,
    compare: Option<CompareOffer>,
) -> impl IntoView {
    let job = row.with_untracked(|r| r.job_id);
    let current = move || row.with(|r| r.current);
    let hidden = move || row.with(|r| r.hidden);
    let status = move || row.with(|r| r.status.clone());
    let created_at = move || row.with(|r| r.created_at.clone());
    view! {
        <li class:hidden-run=hidden class:current-run=current>
            <button type="button" class="run-option" data-testid="run-option"
                data-job-id=job.to_string() data-status=status
                aria-current=move || current().then_some("true") disabled=current
                on:click=move |_| on_pick.run(job)>
                <span class="run-title">
                    <span class="run-name text">{move || row.with(|r| r.title.clone())}</span>
                    {move || row.with(|r| r.index.clone()).map(|i| view! { <span class="run-index">{i}</span> })}
                </span>
                <span class=move || format!("badge run-status status-{}", css_word(&status()))>
                    {move || row.with(|r| r.status_words.clone())}
                </span>
                <span class="run-created" title=created_at>
                    // Only this text follows the clock.
                    {move || format!("created {}", row.with(|r| r.created_ago(now_ms.get() as i64)))}
                    {move || created_at().map(|at| view! { <small class="muted">{at}</small> })}
                </span>
                {move || hidden().then(|| view! { <small class="run-flag">"hidden in Studio"</small> })}
                {move || current().then(|| view! { <small class="run-flag">"open now"</small> })}
                <small class="muted run-job">{format!("job {job}")}</small>
            </button>
            {compare.map(|offer| {
                let compared = move || offer.blocked.with(|b| b.contains(&job));
                move || (!current()).then(|| view! {
                    <button type="button" class="run-compare-add" data-testid="run-option-compare"
                        data-job-id=job.to_string() disabled=move || compared() || offer.full.get()
                        title=move || if compared() { "Compared already" } else if offer.full.get() { "At most four runs are compared" } else { "Compare this run with the open one" }
                        on:click=move |_| offer.on_compare.run(job)>
                        {move || if compared() { "Compared" } else { "Compare" }}
                    </button>
                })
            })}
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
