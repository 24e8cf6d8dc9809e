//! `compare-view`: 2–4 trials from `compare` side by side, block by block (input → DSP →
//! learn) with differing rows highlighted (and marked in words), a "differences only"
//! toggle, then accuracy, latency, RAM and ROM for both precisions. One column per trial,
//! its header carrying `data-trial-id`.

use super::context::ChartContext;
use super::pick::{select, toggle_compare};
use crate::charts::compare::{compare, visible, Section};
use crate::derive::selection::has_selection_id;
use crate::model::Trial;
use leptos::prelude::*;

/// What the comparison shows.
#[derive(Clone, Debug, PartialEq)]
struct Table {
    /// `(selection id, name)` per column.
    columns: Vec<(String, String)>,
    sections: Vec<Section>,
    /// Ids in `compare` that are not in this run.
    missing: Vec<String>,
}

/// The comparison, or a hint while fewer than two trials are picked; nothing when none are.
#[component]
pub fn CompareView() -> impl IntoView {
    let ctx = expect_context::<ChartContext>();
    let view = ctx.view;
    let ids = Memo::new(move |_| view.with(|v| v.compare.clone()));
    let table = Memo::new(move |_| {
        let ids = ids.get();
        let lens = ctx.lens.get();
        ctx.with_trials(|_, trials| {
            let (mut picked, mut missing): (Vec<&Trial>, Vec<String>) = (Vec::new(), Vec::new());
            for id in &ids {
                // The first of duplicate ids wins, as `trial=` selects the first card.
                match trials.iter().find(|t| has_selection_id(t, id)) {
                    Some(t) => picked.push(t),
                    None => missing.push(id.clone()),
                }
            }
            Table {
                columns: picked
                    .iter()
                    .map(|t| (crate::charts::tradeoff::selection_id(t), t.display_name()))
                    .collect(),
                sections: if picked.len() >= 2 {
                    compare(&picked, lens.dataset, lens.budget)
                } else {
                    Vec::new()
                },
                missing,
            }
        })
    });
    let differences_only = RwSignal::new(false);
    let clear = move |_| view.update(|v| v.compare.clear());
    move || {
        let t = table.get()?;
        if ids.with(Vec::is_empty) {
            return None;
        }
        let missing = (!t.missing.is_empty()).then(|| {
            view! { <p class="chart-note warn">{format!("Not in this run: {}", t.missing.join(", "))}</p> }
        });
        if t.columns.len() < 2 {
            return Some(view! {
                <section class="compare-hint">
                    <p>"Shift-click another point in a chart to compare it with the one picked."</p>
                    {missing}
                    <button type="button" on:click=clear>"Clear comparison"</button>
                </section>
            }.into_any());
        }
        let n = t.columns.len();
        let header = t.columns.iter().map(|(id, name)| {
            let (pick_id, drop_id) = (id.clone(), id.clone());
            view! {
                <th scope="col" data-trial-id=id.clone()>
                    <button type="button" class="link" on:click=move |_| select(view, pick_id.clone())>{name.clone()}</button>
                    <button type="button" class="remove" aria-label=format!("Remove {name} from the comparison")
                        on:click=move |_| toggle_compare(view, drop_id.clone())>"×"</button>
                </th>
            }
        }).collect_view();
        let sections = t.sections.into_iter().map(|s| {
            let title = match s.differences() {
                0 => format!("{} (same)", s.title),
                k => format!("{} ({k} differ)", s.title),
            };
            let rows = move || visible(&s, differences_only.get()).into_iter().map(|r| view! {
                <tr class:differs=r.differs data-differs=if r.differs { "true" } else { "false" }>
                    <th scope="row">{r.label.clone()}{r.differs.then_some(" ≠")}</th>
                    {r.values.iter().map(|v| view! { <td>{v.clone()}</td> }).collect_view()}
                </tr>
            }).collect_view();
            view! {
                <tbody>
                    <tr class="section"><th scope="colgroup" colspan=(n + 1).to_string()>{title}</th></tr>
                    {rows}
                </tbody>
            }
        }).collect_view();
        Some(view! {
            <section class="compare" data-testid="compare-view" aria-labelledby="compare-title">
                <div class="compare-head">
                    <h3 id="compare-title">{format!("Comparing {n} trials")}</h3>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || differences_only.get()
                            on:change=move |ev| differences_only.set(event_target_checked(&ev))/>
                        " Differences only"
                    </label>
                    <button type="button" on:click=clear>"Close"</button>
                </div>
                {missing}
                <div class="compare-scroll">
                    <table>
                        <thead><tr><th scope="col">"Parameter"</th>{header}</tr></thead>
                        {sections}
                    </table>
                </div>
            </section>
        }.into_any())
    }
}
