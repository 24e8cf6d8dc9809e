//! `pareto-chart`: accuracy against latency, RAM or ROM (`axis`) per completed trial, the
//! budget line, non-fitting trials greyed, and the front of non-dominated fitting trials
//! (`infeasible=1`: of all completed trials) joined and marked `data-optimal="true"`.
//! Beside it, in words: a summary and the front as a list (the text alternative, and a
//! keyboard path to select a trial).

use super::context::ChartContext;
use super::pick::{pick, select};
use super::plot_view::PlotView;
use crate::charts::plot::Frame;
use crate::charts::tradeoff::{plot_data, tradeoff, value_text, Tradeoff};
use crate::derive::format;
use crate::vocab::Axis;
use leptos::prelude::*;
use std::sync::Arc;

/// The trade-off chart with its axis and front controls.
#[component]
pub fn ParetoChart() -> impl IntoView {
    let ctx = expect_context::<ChartContext>();
    let view = ctx.view;
    let axis = Memo::new(move |_| view.with(|v| v.axis));
    let infeasible = Memo::new(move |_| view.with(|v| v.infeasible));
    let trade: Memo<Option<Arc<Tradeoff>>> = Memo::new(move |_| {
        let (lens, axis, infeasible) = (ctx.lens.get(), axis.get(), infeasible.get());
        ctx.with_evaluated(|_, trials, evals| {
            Arc::new(tradeoff(trials, evals, &lens, axis, infeasible))
        })
    });
    let data = Memo::new(move |_| {
        let t = trade.get().unwrap_or_default();
        Arc::new(plot_data(&t, axis.get(), ctx.color.get(), &ctx.lens.get()))
    });

    let set_axis = move |ev: leptos::ev::Event| {
        let a = Axis::parse(&event_target_value(&ev)).unwrap_or_default();
        view.update(|v| v.axis = a);
    };
    let controls = view! {
        <div class="chart-controls">
            <label>"Trade accuracy against "
                <select on:change=set_axis>
                    {Axis::ALL.into_iter().map(|a| view! {
                        <option value=a.as_str() prop:selected=move || axis.get() == a>{a.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" prop:checked=move || infeasible.get()
                    on:change=move |ev| { let on = event_target_checked(&ev); view.update(|v| v.infeasible = on) }/>
                " Front over all completed trials (ignore the budget)"
            </label>
        </div>
    };
    // Why there is nothing to draw, if so. The plot itself is built once and follows `data`.
    let empty = Memo::new(move |_| match trade.get() {
        None => Some("No run loaded yet.".to_owned()),
        Some(t) if t.points.is_empty() && t.completed == 0 => {
            Some("No completed trials yet: a point appears as each trial finishes.".to_owned())
        }
        Some(t) if t.points.is_empty() => Some(format!(
            "None of the {} completed trials has both an accuracy and a {} figure for {}.",
            t.completed,
            axis.get().label(),
            ctx.lens.get().precision.as_str()
        )),
        Some(_) => None,
    });
    let body = move || {
        match empty.get() {
        Some(why) => view! { <p class="chart-empty">{why}</p> }.into_any(),
        None => view! {
            <PlotView data=data frame=Frame::WIDE point_testid="pareto-point"
                label=Signal::derive(move || format!("Accuracy against {} per completed trial", axis.get().label()))
                tooltip=Callback::new(move |id: String| ctx.describe(&id))
                on_pick=Callback::new(move |(id, shift): (String, bool)| pick(view, id, shift))
                selected=ctx.selected/>
            {move || trade.get().map(|t| view! { <Summary trade=t axis=axis.get() infeasible=infeasible.get()/> })}
        }
        .into_any(),
    }
    };
    view! {
        <section class="chart-card" data-testid="pareto-chart" aria-labelledby="pareto-title">
            <h3 id="pareto-title">"Trade-off: accuracy against cost"</h3>
            {controls}
            <p class="chart-hint">"Click a point to open its trial; shift-click to add it to the comparison."</p>
            {body}
        </section>
    }
}

/// The chart in words: counts, the budget, and the front as a list of buttons.
#[component]
fn Summary(trade: Arc<Tradeoff>, axis: Axis, infeasible: bool) -> impl IntoView {
    let ctx = expect_context::<ChartContext>();
    let fitting = trade
        .points
        .iter()
        .filter(|p| p.fit.as_str() == "true")
        .count();
    let mut text = format!(
        "{} of {} completed trials plotted; {} fit the budget.",
        trade.points.len(),
        trade.completed,
        fitting
    );
    if let Some(b) = trade.budget_x {
        text.push_str(&format!(
            " {} budget: {}.",
            axis.label(),
            value_text(axis, b)
        ));
    }
    if !trade.unplaced.is_empty() {
        text.push_str(&format!(
            " {} lack figures and are not plotted.",
            trade.unplaced.len()
        ));
    }
    let scope = if infeasible {
        "all completed trials"
    } else {
        "the trials that fit"
    };
    let front: Vec<(String, String)> = trade
        .front
        .iter()
        .map(|&i| {
            let p = &trade.points[i];
            (
                p.id.clone(),
                format!(
                    "{} · {} · {}",
                    ctx.name(&p.id),
                    format::percent(p.accuracy),
                    value_text(axis, p.x)
                ),
            )
        })
        .collect();
    view! {
        <p class="chart-summary">{text}</p>
        <details class="chart-front" open=true>
            <summary>{format!("Best trade-offs among {scope} ({})", front.len())}</summary>
            {(front.is_empty()).then(|| view! { <p class="chart-empty">"No trial fits the budget, so there is no front. Tick \"Front over all completed trials\" to see one."</p> })}
            <ol>
                {front.into_iter().map(|(id, text)| {
                    let target = id.clone();
                    view! { <li><button type="button" class="link" on:click=move |_| select(ctx.view, target.clone())>{text}</button></li> }
                }).collect_view()}
            </ol>
        </details>
    }
}
