//! `runs-chart`: the compared runs' trade-off chart (`CONTRACT.md` "Comparing runs"). Every
//! run's completed trials in its own colour and marker shape, each run's front among its
//! fitting trials, the budget rule(s), an axis switch, and below the picture the same in
//! words: one legend row per run and, for a picked point, a line naming it with a link that
//! opens it in its own run. All data comes from [`crate::charts::runs_tradeoff`].

use super::plot_view::PlotView;
use crate::charts::plot::{Frame, PlotData};
use crate::charts::runs_tradeoff::{
    legend_words, point_words, runs_tradeoff_owned, OwnedChartRun, RunsPlot,
};
use crate::charts::tradeoff::value_text;
use crate::derive::format;
use crate::vocab::Axis;
use leptos::prelude::*;
use std::sync::Arc;

/// The compared runs' trade-off chart.
#[component]
pub fn RunsChart(
    /// The runs in comparison order (`job` first); at most 4 are drawn.
    #[prop(into)]
    runs: Signal<Vec<OwnedChartRun>>,
    /// The axis to start on (e.g. `axis` from the URL); followed when it changes.
    #[prop(into, default = Signal::stored(Axis::Latency))]
    axis: Signal<Axis>,
    /// Told when the user switches the axis (e.g. to write it into the URL).
    #[prop(optional)]
    on_axis: Option<Callback<Axis>>,
    /// The href that opens trial (its selection id) in run (job id). The caller encodes it.
    link: Callback<(u64, String), String>,
) -> impl IntoView {
    // The user's choice wins until the caller's axis changes.
    let chosen = RwSignal::new(None::<Axis>);
    Effect::watch(move || axis.get(), move |_, _, _| chosen.set(None), false);
    let current = Memo::new(move |_| chosen.get().unwrap_or_else(|| axis.get()));

    let plot: Memo<Arc<RunsPlot>> =
        Memo::new(move |_| Arc::new(runs.with(|r| runs_tradeoff_owned(r, current.get()))));
    let data: Memo<Arc<PlotData>> = Memo::new(move |_| Arc::new(plot.with(|p| p.plot.clone())));
    // The picked point's mark id ("{job}:{trial}"); it simply disappears if its trial does.
    let picked = RwSignal::new(None::<String>);

    let switch = move |a: Axis| {
        chosen.set(Some(a));
        if let Some(cb) = on_axis {
            cb.run(a);
        }
    };
    let controls = view! {
        <div class="chart-controls" role="group" aria-label="Trade accuracy against" data-testid="runs-chart-axis">
            <span>"Trade accuracy against"</span>
            {Axis::ALL.into_iter().map(|a| view! {
                <button type="button" data-axis=a.as_str()
                    aria-pressed=move || if current.get() == a { "true" } else { "false" }
                    on:click=move |_| switch(a)>{a.label()}</button>
            }).collect_view()}
        </div>
    };

    let label = Signal::derive(move || {
        plot.with(|p| {
            let series: Vec<String> = p
                .legend
                .iter()
                .map(|e| format!("{}s: {}", e.shape.as_str(), e.name))
                .collect();
            format!(
                "Accuracy against {} per completed trial of {} runs ({})",
                current.get().label(),
                p.legend.len(),
                series.join("; ")
            )
        })
    });
    let tooltip = Callback::new(move |id: String| {
        let axis = current.get_untracked();
        plot.with_untracked(|p| {
            p.point(&id)
                .map(|q| point_words(p, q, axis))
                .unwrap_or_else(|| vec![id])
        })
    });
    let chart = move || {
        let (runs_n, points_n) = plot.with(|p| (p.legend.len(), p.points.len()));
        if runs_n == 0 {
            view! { <p class="chart-empty">"No runs to compare yet."</p> }.into_any()
        } else if points_n == 0 {
            view! { <p class="chart-empty">{move || format!(
                "None of the compared runs has a completed trial with both an accuracy and a {} figure yet.",
                current.get().label()
            )}</p> }
            .into_any()
        } else {
            view! {
                <PlotView data=data frame=Frame::WIDE point_testid="runs-chart-point" label=label
                    tooltip=tooltip
                    on_pick=Callback::new(move |(id, _shift): (String, bool)| picked.set(Some(id)))
                    selected=picked/>
            }
            .into_any()
        }
    };
    // Only switching between "nothing to draw" and the plot rebuilds it; new data flows
    // through the memos into the same `PlotView`.
    let has_points = Memo::new(move |_| plot.with(|p| (p.legend.len(), !p.points.is_empty())));
    let chart = move || {
        // `get`, not `track`: tracking alone does not bring a stale memo up to date, so a
        // comparison whose runs arrive after the first render kept the empty chart.
        let _ = has_points.get();
        untrack(chart)
    };

    let picked_line = move || {
        let id = picked.get()?;
        let axis = current.get();
        plot.with(|p| {
            let q = p.point(&id)?;
            let words = point_words(p, q, axis).join(" · ");
            let href = link.run((q.job, q.trial.clone()));
            Some(view! {
                <p class="runs-chart-picked" data-testid="runs-chart-picked"
                    data-job-id=q.job.to_string() data-trial-id=q.trial.clone() role="status">
                    <span>{words}</span>" "
                    <a data-testid="runs-chart-open" href=href>"Open in its run"</a>
                </p>
            })
        })
    };

    let legend = move || {
        let axis = current.get();
        plot.with(|p| {
            p.legend
                .iter()
                .map(|e| {
                    let front: Vec<(String, String)> = e
                        .front
                        .iter()
                        .map(|&i| {
                            let q = &p.points[i];
                            (
                                link.run((q.job, q.trial.clone())),
                                format!(
                                    "{} · {} · {}",
                                    q.name,
                                    format::percent(q.accuracy),
                                    value_text(axis, q.x)
                                ),
                            )
                        })
                        .collect();
                    view! {
                        <li data-testid="runs-chart-run" data-job-id=e.job.to_string()
                            data-points=e.points.to_string() data-shape=e.shape.as_str()>
                            <span class=format!("runs-symbol {}", e.class) role="img"
                                aria-label=format!("{} marks", e.shape.as_str())>{e.shape.symbol().to_string()}</span>
                            " "<span class="runs-name">{e.name.clone()}</span>
                            {format!(" (job {}): {}", e.job, legend_words(e, axis))}
                            {(!front.is_empty()).then(|| view! {
                                <details class="chart-front">
                                    <summary>{format!("Its front ({})", front.len())}</summary>
                                    <ol>
                                        {front.into_iter().map(|(href, text)| view! {
                                            <li><a href=href>{text}</a></li>
                                        }).collect_view()}
                                    </ol>
                                </details>
                            })}
                        </li>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <section class="chart-card runs-chart" data-testid="runs-chart" aria-labelledby="runs-chart-title">
            <h3 id="runs-chart-title">"Trade-off across runs"</h3>
            {controls}
            <p class="chart-hint">"Each run has its own colour and marker shape; its line joins its best trade-offs among the trials that fit its budget. Click a point to name it and open it in its run."</p>
            {chart}
            {picked_line}
            <ul class="runs-legend">{legend}</ul>
        </section>
    }
}
