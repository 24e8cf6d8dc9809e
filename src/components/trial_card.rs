//! `trial-card`: one trial at a glance: status, accuracy, figures against the budget (with
//! a textual over-budget mark, not colour alone), and its DSP/learn block types.

use crate::derive::budget::{Dataset, Fit, Precision, Usage};
use crate::derive::format;
use crate::derive::order::Evaluated;
use crate::model::Trial;
use leptos::prelude::*;
use std::sync::Arc;

/// Everything a card needs; a card is rebuilt only when its row key changes.
#[derive(Clone, Debug)]
pub struct TrialRow {
    pub trial: Arc<Trial>,
    pub eval: Evaluated,
    pub best: bool,
    /// Changes whenever the card must be rebuilt: trial key, trial version, view version, best.
    pub key: (String, u64, u64, bool),
}

impl PartialEq for TrialRow {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && Arc::ptr_eq(&self.trial, &other.trial)
    }
}

fn budget_line(label: &'static str, usage: Usage, show: fn(f64) -> String) -> impl IntoView {
    let over = usage.is_over();
    let value = usage
        .value
        .map(show)
        .unwrap_or_else(|| format::UNKNOWN.into());
    let limit = match usage.limit {
        Some(l) => format!(" of {}", show(l)),
        None => " (no budget)".into(),
    };
    let share = usage
        .fraction()
        .map(|f| format!(" · {}", format::percent(f)));
    let width = usage
        .fraction()
        .map(|f| format!("{:.1}%", (f * 100.0).clamp(0.0, 100.0)));
    let near = usage.fraction().is_some_and(|f| (0.9..=1.0).contains(&f));
    view! {
        <div class="budget" class:over=over class:near=near>
            <dt>{label}</dt>
            <dd>
                <span class="figure">{value}{limit}{share}</span>
                {over.then(|| view! { <span class="over-mark">" ✕ over budget"</span> })}
                {width.map(|w| view! { <span class="meter" aria-hidden="true"><span class="fill" style:width=w></span></span> })}
            </dd>
        </div>
    }
}

/// One trial.
#[component]
pub fn TrialCard(row: TrialRow, precision: Precision, dataset: Dataset) -> impl IntoView {
    let t = row.trial.clone();
    let a = row.eval.assessment;
    let status = t
        .status
        .as_ref()
        .map(|s| s.as_str().to_owned())
        .unwrap_or_else(|| "unknown".into());
    let name = t.display_name();
    let fit = row.eval.fit();
    let fit_text = match fit {
        Fit::Fits => "fits the budget",
        Fit::Over => "✕ over budget",
        Fit::Unknown => "fit unknown",
    };
    let types = |blocks: &[crate::model::ImpulseBlock]| {
        let list: Vec<String> = blocks
            .iter()
            .map(|b| b.type_name.clone().unwrap_or_else(|| "?".into()))
            .collect();
        if list.is_empty() {
            "—".to_owned()
        } else {
            list.join(" + ")
        }
    };
    let pipeline = format!(
        "{} → {} → {}",
        types(&t.input),
        types(&t.dsp),
        types(&t.learn)
    );
    let source = a
        .figures
        .memory_source
        .map(|s| format!("memory: {}", s.label()));
    let accuracy = row
        .eval
        .accuracy
        .map(format::percent)
        .unwrap_or_else(|| "—".into());
    let which = format!(" {} · {}", dataset.as_str(), precision.as_str());
    view! {
        <article class=format!("trial-card fit-{}", fit.as_str())
            class:best=row.best
            data-testid="trial-card"
            data-trial-id=t.id.clone()
            data-status=status.clone()
            data-fits=fit.as_str()
            data-best-fit=row.best.then_some("true")>
            <header>
                <h4 class="trial-name" title=name.clone()>{name.clone()}</h4>
                <span class=format!("badge status-{status}")>{status.clone()}</span>
                {row.best.then(|| view! { <span class="badge best">"★ best that fits"</span> })}
            </header>
            <p class="pipeline" title=pipeline.clone()>{pipeline.clone()}</p>
            <dl class="numbers">
                <div class="accuracy"><dt>"Accuracy"</dt><dd>{accuracy}<span class="which">{which}</span></dd></div>
                {budget_line("Latency", a.latency, format::millis)}
                {budget_line("RAM", a.ram, format::bytes)}
                {budget_line("ROM", a.rom, format::bytes)}
            </dl>
            <footer>
                <span class=format!("fit fit-{}", fit.as_str())>{fit_text}</span>
                {source.map(|s| view! { <span class="source">{s}</span> })}
                <span class="trial-id" title=t.id.clone()>{t.id.clone()}</span>
            </footer>
        </article>
    }
}
