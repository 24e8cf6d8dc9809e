//! The worker timeline: one lane per worker, each trial a bar coloured by status, open bars
//! growing to "now", possibly stalled trials outlined and marked ⚠, retries marked ↻n, and
//! the run's ETA as a range beside it. One delegated pointer handler hit-tests bars through
//! [`crate::charts::timeline::bar_at`]. Its axes, grid and lane labels are the shared plot
//! frame ([`crate::charts::timeline::guides`] drawn by `plot_view`), as on every other chart.

use super::context::ChartContext;
use super::pick::pick;
use super::plot_view::{frame_guides, to_view};
use crate::charts::color::status_class;
use crate::charts::eta::{eta, input_for, Eta};
use crate::charts::timeline::{bar_at, guides, lanes, Lanes, TimelineFrame, STALL_AFTER_MS};
use crate::derive::format;
use leptos::prelude::*;
use std::sync::Arc;
use web_sys::MouseEvent;

/// Open bars and stall flags follow "now" in steps of this, not on every clock tick.
const NOW_STEP_MS: i64 = 15_000;

#[component]
pub fn TimelineChart() -> impl IntoView {
    let ctx = expect_context::<ChartContext>();
    let view = ctx.view;
    let now = Memo::new(move |_| (ctx.now.get() as i64) / NOW_STEP_MS * NOW_STEP_MS);
    let result: Memo<Option<(Arc<Lanes>, Eta)>> = Memo::new(move |_| {
        let now = now.get();
        ctx.with_trials(|run, trials| {
            let l = lanes(trials, &run.workers, now, STALL_AFTER_MS);
            (Arc::new(l), eta(&input_for(run, trials, now)))
        })
    });
    let lanes_memo = Memo::new(move |_| result.get().map(|(l, _)| l).unwrap_or_default());
    let frame = Memo::new(move |_| TimelineFrame::new(lanes_memo.with(|l| l.names.len())));
    let hover = RwSignal::new(None::<usize>);
    let bar_under = move |ev: &MouseEvent| {
        let f = frame.get_untracked();
        let (x, y) = to_view(ev, f.width, f.height())?;
        lanes_memo.with_untracked(|l| bar_at(l, &f, x, y))
    };
    let on_move = move |ev: MouseEvent| {
        let hit = bar_under(&ev);
        if hover.get_untracked() != hit {
            hover.set(hit);
        }
    };
    let on_click = move |ev: MouseEvent| {
        if let Some(id) = bar_under(&ev)
            .and_then(|i| lanes_memo.with_untracked(|l| l.bars.get(i).map(|b| b.id.clone())))
        {
            pick(view, id, ev.shift_key());
        }
    };
    let f1 = |v: f64| format!("{v:.1}");
    let drawing = move || {
        let (l, f) = (lanes_memo.get(), frame.get());
        let x = |t: i64| f.x(t, l.t0, l.t1);
        let bottom = f.height() - f.bottom;
        let geometry = |b: &crate::charts::timeline::Bar| {
            let (x0, x1) = (x(b.start_ms), x(b.end_ms));
            (
                x0,
                f.lane_y(b.lane) + 2.0,
                (x1 - x0).max(crate::charts::timeline::MIN_BAR_W),
            )
        };
        let bars = l.bars.iter().map(|b| {
            let (x0, y, w) = geometry(b);
            let class = format!(
                "bar {}{}{}",
                status_class(b.status.as_ref()),
                if b.open { " open" } else { "" },
                if b.stalled { " stalled" } else { "" }
            );
            view! { <rect class=class x=f1(x0) y=f1(y) width=f1(w) height=f1(f.lane_h - 4.0) data-trial-id=b.id.clone()></rect> }
        }).collect_view();
        // Marks in a second pass so the next bar never covers them (CSS gives them a halo).
        let marks = l.bars.iter().filter(|b| b.stalled || b.retries > 0).map(|b| {
            let (x0, y, w) = geometry(b);
            let text = match (b.stalled, b.retries) {
                (true, 0) => "⚠".to_owned(),
                (true, r) => format!("⚠ ↻{r}"),
                (false, r) => format!("↻{r}"),
            };
            view! { <text class="bar-mark" x=f1(x0 + w + 2.0) y=f1(y + f.lane_h * 0.6)>{text}</text> }
        }).collect_view();
        view! {
            {frame_guides(&guides(&l, &f))}
            <g>{bars}</g>
            <g>{marks}</g>
            <line class="rule now" x1=f1(x(l.t1)) x2=f1(x(l.t1)) y1=f1(f.top) y2=f1(bottom)></line>
        }
    };
    let highlight = move |index: Option<usize>, class: &'static str| {
        let (l, f) = (lanes_memo.get(), frame.get());
        let b = l.bars.get(index?)?;
        let (x0, x1) = (f.x(b.start_ms, l.t0, l.t1), f.x(b.end_ms, l.t0, l.t1));
        Some(
            view! { <rect class=class x=f1(x0 - 2.0) y=f1(f.lane_y(b.lane)) width=f1((x1 - x0).max(2.0) + 4.0) height=f1(f.lane_h)></rect> },
        )
    };
    let selected = Memo::new(move |_| {
        ctx.selected.with(|s| {
            s.as_ref()
                .and_then(|id| lanes_memo.with(|l| l.bars.iter().position(|b| b.id == *id)))
        })
    });
    let tip = move || {
        let i = hover.get()?;
        let (l, f) = (lanes_memo.get(), frame.get());
        let b = l.bars.get(i)?;
        let mut lines = ctx.describe(&b.id);
        lines.push(format!(
            "worker {} · ran {}{}",
            l.names[b.lane],
            format::duration_s((b.end_ms - b.start_ms) as f64 / 1000.0),
            if b.open { " so far" } else { "" }
        ));
        if b.stalled {
            lines.push("possibly stalled: no block activity for over 10 min".into());
        }
        if b.retries > 0 {
            lines.push(format!("retried {} times", b.retries));
        }
        let left = f.x(b.start_ms, l.t0, l.t1) / f.width * 100.0;
        let top = f.lane_y(b.lane) / f.height() * 100.0;
        Some(view! {
            <div class="chart-tip" class:flip-x={left > 60.0} class:flip-y={top > 60.0} style:left=format!("{left:.2}%") style:top=format!("{top:.2}%") role="status">
                {lines.into_iter().map(|l| view! { <div>{l}</div> }).collect_view()}
            </div>
        })
    };
    let body = move || {
        if result.with(Option::is_none) {
            return view! { <p class="chart-empty">"No run loaded yet."</p> }.into_any();
        }
        if lanes_memo.with(|l| l.bars.is_empty()) {
            return view! { <p class="chart-empty">"No trial has started yet: bars appear when workers pick trials up."</p> }.into_any();
        }
        view! {
            <div class="chart-wrap">
                <svg class="chart" viewBox=move || { let f = frame.get(); format!("0 0 {} {}", f.width, f.height()) } role="img"
                    aria-label="Trials per worker over time" on:mousemove=on_move on:mouseleave=move |_| hover.set(None) on:click=on_click>
                    {drawing}
                    {move || highlight(selected.get(), "ring-bar selected")}
                    {move || highlight(hover.get(), "ring-bar hover")}
                </svg>
                {tip}
            </div>
        }
        .into_any()
    };
    view! {
        <section class="chart-card" aria-labelledby="timeline-title">
            <h3 id="timeline-title">"Workers over time"</h3>
            <p class="chart-hint">"Bars by status: completed, running (to now), failed, pending. ⚠ possibly stalled (a running block silent for over 10 min); ↻n retries."</p>
            <p class="chart-eta" data-testid="eta">{move || result.get().map(|(_, e)| eta_text(&e))}</p>
            {body}
            <p class="chart-summary">{move || summary(&lanes_memo.get())}</p>
        </section>
    }
}

/// The ETA in words.
pub fn eta_text(e: &Eta) -> String {
    match e {
        Eta::Finished => "The run has finished.".into(),
        Eta::Unknown(why) => format!("ETA: unknown ({why})."),
        Eta::Range { remaining: 0, .. } => "ETA: any moment now (no trials left).".into(),
        Eta::Range {
            low_ms,
            high_ms,
            per_hour,
            remaining,
            capped_by_time,
        } => format!(
            "ETA: {} – {} for {remaining} remaining trials (about {} trials/h){}",
            format::duration_s(low_ms / 1000.0),
            format::duration_s(high_ms / 1000.0),
            format::number(*per_hour, 1),
            if *capped_by_time {
                "; the time limit ends the run first."
            } else {
                "."
            }
        ),
    }
}

/// The timeline in words (the text alternative).
fn summary(l: &Lanes) -> String {
    let running = l.bars.iter().filter(|b| b.open).count();
    let stalled: Vec<&str> = l
        .bars
        .iter()
        .filter(|b| b.stalled)
        .map(|b| b.id.as_str())
        .collect();
    let retried = l.bars.iter().filter(|b| b.retries > 0).count();
    let mut text = format!(
        "{} workers, {} trials started, {running} running now, {retried} retried.",
        l.names.len(),
        l.bars.len()
    );
    if !stalled.is_empty() {
        text.push_str(&format!(" Possibly stalled: {}.", stalled.join(", ")));
    }
    if l.unplaced > 0 {
        text.push_str(&format!(" {} not started yet.", l.unplaced));
    }
    text
}
