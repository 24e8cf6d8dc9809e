//! Progress over time: the best fitting accuracy so far against time since the run started,
//! with a mark per completed (at its accuracy) and failed (on the bottom edge) trial, and in
//! words whether the search stopped improving, plus the run's `canExtendSearch` and
//! `totalTrainingTimeExceeded` flags when present.

use super::context::ChartContext;
use super::pick::pick;
use super::plot_view::PlotView;
use crate::charts::plot::Frame;
use crate::charts::progress_curve::{curve, plot_data, stall_after, Curve};
use crate::derive::format;
use leptos::prelude::*;
use std::sync::Arc;

/// "Now" moves the end of a live curve; rounded to this so the chart redraws once a minute,
/// not on every clock tick.
const NOW_STEP_MS: i64 = 60_000;

#[derive(Clone, Debug, PartialEq)]
struct Flags {
    can_extend: Option<bool>,
    time_exceeded: Option<bool>,
}

#[component]
pub fn ProgressChart() -> impl IntoView {
    let ctx = expect_context::<ChartContext>();
    let view = ctx.view;
    let now = Memo::new(move |_| (ctx.now.get() as i64) / NOW_STEP_MS * NOW_STEP_MS);
    let result: Memo<Option<(Arc<Curve>, Flags)>> = Memo::new(move |_| {
        ctx.with_evaluated(|run, trials, evals| {
            let live = run.is_live().then(|| now.get());
            let flags = Flags {
                can_extend: run.can_extend_search,
                time_exceeded: run.total_training_time_exceeded,
            };
            (Arc::new(curve(trials, evals, live)), flags)
        })
    });
    let data = Memo::new(move |_| {
        let c = result.get().map(|(c, _)| c).unwrap_or_default();
        Arc::new(plot_data(&c, ctx.color.get()))
    });
    let empty = Memo::new(move |_| match result.get() {
        None => Some("No run loaded yet.".to_owned()),
        Some((c, _)) if c.finishes.is_empty() => {
            Some("No finished trials yet: progress shows once trials complete or fail.".to_owned())
        }
        Some(_) => None,
    });
    let body = move || match empty.get() {
        Some(why) => view! { <p class="chart-empty">{why}</p> }.into_any(),
        None => view! {
            <PlotView data=data frame=Frame::WIDE
                label="Best fitting accuracy so far against time since the run started"
                tooltip=Callback::new(move |id: String| ctx.describe(&id))
                on_pick=Callback::new(move |(id, shift): (String, bool)| pick(view, id, shift))
                selected=ctx.selected/>
        }
        .into_any(),
    };
    let words = move || {
        result.get().map(|(c, flags)| {
            let completed = c.finishes.iter().filter(|f| !f.failed).count();
            let failed = c.finishes.len() - completed;
            let since = |t: i64| format::duration_s((t - c.start_ms) as f64 / 1000.0);
            let best = match c.best.last() {
                Some(&(at, acc)) => format!("Best fitting accuracy so far: {} (reached after {}).", format::percent(acc), since(at)),
                None => "No completed trial fits the budget yet.".to_owned(),
            };
            let stall = c.stall.as_ref().map(|s| {
                format!(
                    "The search has stopped improving: none of the last {} completed trials beat the best (threshold: {} of {} completed).",
                    s.trials_since,
                    stall_after(completed),
                    completed
                )
            });
            let flags = [
                flags.can_extend.map(|b| if b { "The tuner says the search can be extended." } else { "The tuner says the search cannot be extended." }),
                flags.time_exceeded.filter(|b| *b).map(|_| "The run used up its total training time."),
            ];
            view! {
                <p class="chart-summary">{format!("{completed} completed and {failed} failed trials. {best}")}</p>
                {stall.map(|s| view! { <p class="chart-note warn">{s}</p> })}
                {flags.into_iter().flatten().map(|f| view! { <p class="chart-note">{f}</p> }).collect_view()}
            }
        })
    };
    view! {
        <section class="chart-card" aria-labelledby="progress-title">
            <h3 id="progress-title">"Progress over time"</h3>
            <p class="chart-hint">"The line is the best accuracy among fitting trials so far; failed trials sit on the bottom edge."</p>
            {body}
            {words}
        </section>
    }
}
