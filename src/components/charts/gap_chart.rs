//! The quantization gap: int8 against float32 accuracy per completed trial, the diagonal
//! (no loss) and the tolerance band (`tol`, adjustable here), and the trials whose int8
//! accuracy drops by more than the tolerance, listed worst first (the text alternative).

use super::context::ChartContext;
use super::pick::{pick, select};
use super::plot_view::PlotView;
use crate::charts::gap::{gap, plot_data, Gap, DEFAULT_TOL_PP};
use crate::charts::plot::Frame;
use crate::derive::format;
use leptos::prelude::*;
use std::sync::Arc;

/// Most trials listed under the chart; the count always says how many there are.
const LIST_MAX: usize = 50;

#[component]
pub fn GapChart() -> impl IntoView {
    let ctx = expect_context::<ChartContext>();
    let view = ctx.view;
    let tol = Memo::new(move |_| view.with(|v| v.tol));
    let result: Memo<Option<Arc<Gap>>> = Memo::new(move |_| {
        let (lens, tol) = (ctx.lens.get(), tol.get());
        ctx.with_evaluated(|_, trials, evals| Arc::new(gap(trials, evals, &lens, tol)))
    });
    let data = Memo::new(move |_| {
        let g = result.get().unwrap_or_default();
        Arc::new(plot_data(&g, ctx.color.get(), ctx.lens.get().dataset))
    });
    let set_tol = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev).trim().parse::<f64>().ok();
        let value = value.filter(|t| t.is_finite() && (0.0..=100.0).contains(t));
        // The default is left out of the URL.
        view.update(|v| v.tol = value.filter(|t| *t != DEFAULT_TOL_PP));
    };
    let empty = Memo::new(move |_| match result.get() {
        None => Some("No run loaded yet.".to_owned()),
        Some(g) if g.points.is_empty() && g.missing == 0 => {
            Some("No completed trials yet: the gap is known once a trial finishes.".to_owned())
        }
        Some(g) if g.points.is_empty() => Some(format!(
            "None of the {} completed trials has both an int8 and a float32 accuracy.",
            g.missing
        )),
        Some(_) => None,
    });
    let body = move || match empty.get() {
        Some(why) => view! { <p class="chart-empty">{why}</p> }.into_any(),
        None => view! {
            <PlotView data=data frame=Frame::WIDE
                label="int8 accuracy against float32 accuracy per completed trial"
                tooltip=Callback::new(move |id: String| ctx.describe(&id))
                on_pick=Callback::new(move |(id, shift): (String, bool)| pick(view, id, shift))
                selected=ctx.selected/>
            {move || result.get().map(|g| over_list(ctx, &g))}
        }
        .into_any(),
    };
    view! {
        <section class="chart-card" aria-labelledby="gap-title">
            <h3 id="gap-title">"Quantization gap: int8 against float32"</h3>
            <div class="chart-controls">
                <label>"Tolerance (accuracy points) "
                    <input type="number" min="0" max="100" step="0.5" class="narrow"
                        prop:value=move || format::number(tol.get().unwrap_or(DEFAULT_TOL_PP), 2)
                        on:change=set_tol/>
                </label>
            </div>
            <p class="chart-hint">"On the diagonal, quantizing cost nothing; below the band, int8 lost more than the tolerance."</p>
            {body}
        </section>
    }
}

/// The trials over the tolerance, worst first, as buttons that select them.
fn over_list(ctx: ChartContext, g: &Gap) -> impl IntoView {
    let summary = format!(
        "{} of {} trials lose more than {} accuracy points when quantized to int8.",
        g.over.len(),
        g.points.len(),
        format::number(g.tol_pp, 2)
    );
    let items: Vec<(String, String)> = g
        .over
        .iter()
        .take(LIST_MAX)
        .map(|&i| {
            let p = &g.points[i];
            let text = format!(
                "{}: −{} points ({} → {})",
                ctx.name(&p.id),
                format::number(p.drop_pp, 1),
                format::percent(p.float32),
                format::percent(p.int8)
            );
            (p.id.clone(), text)
        })
        .collect();
    let more = g.over.len().saturating_sub(LIST_MAX);
    view! {
        <p class="chart-summary">{summary}</p>
        <ol class="chart-list">
            {items.into_iter().map(|(id, text)| view! {
                <li><button type="button" class="link" on:click=move |_| select(ctx.view, id.clone())>{text}</button></li>
            }).collect_view()}
        </ol>
        {(more > 0).then(|| view! { <p class="chart-hint">{format!("and {more} more")}</p> })}
    }
}
