//! `AnalysisPanel`: the charts that answer "what should I pick, and is the run still worth
//! waiting for": the comparison (when `compare` names trials), then one chart at a time
//! behind tabs (trade-off, quantization gap, progress, workers, parameter effects), with the
//! point colour choice (`color`) shared by all. Only the open tab is in the DOM, so a
//! 10,000-trial run draws one chart, not five.

use super::compare_view::CompareView;
use super::context::ChartContext;
use super::effects_chart::EffectsChart;
use super::gap_chart::GapChart;
use super::pareto_chart::ParetoChart;
use super::progress_chart::ProgressChart;
use super::timeline_chart::TimelineChart;
use crate::charts::color::legend;
use crate::state::list::use_shared_list;
use crate::view_state::ViewState;
use crate::vocab::ColorBy;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Tradeoff,
    Gap,
    Progress,
    Workers,
    Effects,
}

impl Tab {
    const ALL: [Tab; 5] = [
        Tab::Tradeoff,
        Tab::Gap,
        Tab::Progress,
        Tab::Workers,
        Tab::Effects,
    ];
    fn label(self) -> &'static str {
        match self {
            Tab::Tradeoff => "Trade-off",
            Tab::Gap => "Quantization",
            Tab::Progress => "Progress",
            Tab::Workers => "Workers",
            Tab::Effects => "Parameters",
        }
    }
    fn id(self) -> &'static str {
        match self {
            Tab::Tradeoff => "tab-tradeoff",
            Tab::Gap => "tab-gap",
            Tab::Progress => "tab-progress",
            Tab::Workers => "tab-workers",
            Tab::Effects => "tab-effects",
        }
    }
}

/// All analysis charts and the comparison. Reads [`RunStore`] from context.
#[component]
pub fn AnalysisPanel(
    /// The URL-backed view state: reads precision, dataset, budget, `axis`, `infeasible`,
    /// `color`, `tol`, `trial`, `compare`; writes `trial` (click), `compare` (shift-click)
    /// and the chart settings.
    view: RwSignal<ViewState>,
    /// The shared clock in ms since the epoch (open timeline bars, stall flags, ETA).
    #[prop(into)]
    now: Signal<f64>,
) -> impl IntoView {
    let ctx = ChartContext::new(view, now, use_shared_list(view));
    provide_context(ctx);
    let tab = RwSignal::new(Tab::Tradeoff);
    let rounds = Memo::new(move |_| {
        ctx.with_trials(|_, trials| {
            let mut r: Vec<u64> = trials.iter().filter_map(|t| t.round).collect();
            crate::derive::order::sort_items_by(&mut r, Ord::cmp);
            r.dedup();
            r
        })
        .unwrap_or_default()
    });
    let set_color = move |ev: leptos::ev::Event| {
        let c = ColorBy::parse(&event_target_value(&ev)).unwrap_or_default();
        view.update(|v| v.color = c);
    };
    let tabs = Tab::ALL
        .into_iter()
        .map(|t| {
            view! {
                <button type="button" role="tab" id=t.id() aria-selected=move || if tab.get() == t { "true" } else { "false" }
                    class:active=move || tab.get() == t on:click=move |_| tab.set(t)>{t.label()}</button>
            }
        })
        .collect_view();
    let legend_view = move || {
        let by = ctx.color.get();
        legend(by, &rounds.get())
            .into_iter()
            .map(|(class, words)| view! { <span class="legend-item"><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><circle cx="5" cy="5" r="4" class=format!("pt {class}")></circle></svg>{words}</span> })
            .collect_view()
    };
    view! {
        <section class="analysis" aria-label="Analysis">
            <CompareView/>
            <div class="analysis-bar">
                <div role="tablist" aria-label="Charts" class="tabs">{tabs}</div>
                // The timeline colours bars by status and says so itself.
                <div class="point-colours" hidden=move || tab.get() == Tab::Workers>
                    <label class="color-by">"Colour points by "
                        <select on:change=set_color>
                            {ColorBy::ALL.into_iter().map(|c| view! {
                                <option value=c.as_str() prop:selected=move || ctx.color.get() == c>{c.as_str()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <div class="legend">{legend_view}</div>
                </div>
            </div>
            <div role="tabpanel" aria-labelledby=move || tab.get().id()>
                {move || match tab.get() {
                    Tab::Tradeoff => view! { <ParetoChart/> }.into_any(),
                    Tab::Gap => view! { <GapChart/> }.into_any(),
                    Tab::Progress => view! { <ProgressChart/> }.into_any(),
                    Tab::Workers => view! { <TimelineChart/> }.into_any(),
                    Tab::Effects => view! { <EffectsChart/> }.into_any(),
                }}
            </div>
        </section>
    }
}
