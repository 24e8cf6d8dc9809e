//! Parameter effects: one small chart per hyperparameter that varies (or could: the search
//! space offers untried values), accuracy against its values, fitting trials in full colour.
//! Each chart has its summary in words beneath it.

use super::context::ChartContext;
use super::pick::pick;
use super::plot_view::PlotView;
use crate::charts::effects::{effects, plot_data, summary, Effect};
use crate::charts::plot::Frame;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn EffectsChart() -> impl IntoView {
    let ctx = expect_context::<ChartContext>();
    let all: Memo<Option<Arc<Vec<Effect>>>> = Memo::new(move |_| {
        ctx.with_evaluated(|run, trials, evals| Arc::new(effects(trials, evals, &run.config)))
    });
    // One entry per parameter name; each small chart follows its own slot of `all`.
    let names = Memo::new(move |_| {
        all.with(|a| {
            a.as_ref()
                .map(|a| a.iter().map(|e| e.name.clone()).collect::<Vec<_>>())
        })
    });
    let body = move || {
        match names.get() {
        None => view! { <p class="chart-empty">"No run loaded yet."</p> }.into_any(),
        Some(n) if n.is_empty() => view! {
            <p class="chart-empty">"No parameter varies across the completed trials yet (or no trial has completed)."</p>
        }
        .into_any(),
        Some(n) => view! {
            <div class="effects-grid">
                {n.into_iter().map(|name| view! { <EffectPlot all=all name=name/> }).collect_view()}
            </div>
        }
        .into_any(),
    }
    };
    view! {
        <section class="chart-card" aria-labelledby="effects-title">
            <h3 id="effects-title">"Parameter effects"</h3>
            <p class="chart-hint">"Accuracy against each hyperparameter that varies; greyed points don't fit the budget, dashed lines mark values the search space offers but no trial has tried."</p>
            {body}
        </section>
    }
}

/// The small chart of one parameter.
#[component]
fn EffectPlot(all: Memo<Option<Arc<Vec<Effect>>>>, name: String) -> impl IntoView {
    let ctx = expect_context::<ChartContext>();
    let effect = {
        let name = name.clone();
        Memo::new(move |_| {
            all.with(|a| {
                a.as_ref()
                    .and_then(|a| a.iter().find(|e| e.name == name).cloned())
            })
        })
    };
    let data = Memo::new(move |_| {
        let color = ctx.color.get();
        let lens = ctx.lens.get();
        effect.with(|e| match e {
            Some(e) => Arc::new(plot_data(e, color, &lens)),
            None => Arc::new(plot_data(&empty_effect(), color, &lens)),
        })
    });
    let words = move || effect.with(|e| e.as_ref().map(summary));
    view! {
        <figure class="effect">
            <figcaption class="effect-name">{name.clone()}</figcaption>
            <PlotView data=data frame=Frame::SMALL label=format!("Accuracy against {name}")
                tooltip=Callback::new(move |id: String| ctx.describe(&id))
                on_pick=Callback::new(move |(id, shift): (String, bool)| pick(ctx.view, id, shift))
                selected=ctx.selected/>
            <p class="chart-summary small">{words}</p>
        </figure>
    }
}

fn empty_effect() -> Effect {
    Effect {
        name: String::new(),
        kind: crate::charts::effects::Kind::Numeric { log: false },
        points: Vec::new(),
        untried: Vec::new(),
    }
}
