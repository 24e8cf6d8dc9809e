//! The what-if budget: override the run's target latency, RAM and ROM ("my application already
//! uses 40 KB of RAM", "a smaller board") and every card, the order, the counts and the best
//! fit follow at once. The override lives in the URL (`budget=`), is announced while active,
//! and one click returns to the run's own target.

use crate::derive::budget_input::{bytes_text, millis_text, parse_bytes, parse_millis, Parsed};
use crate::derive::format;
use crate::derive::list_view::Lens;
use crate::view_state::ViewState;
use crate::vocab::Budget;
use leptos::prelude::*;

/// Which budget field an input edits.
#[derive(Clone, Copy)]
enum Field {
    Latency,
    Ram,
    Rom,
}

impl Field {
    fn get(self, b: &Budget) -> Option<f64> {
        match self {
            Field::Latency => b.latency_ms,
            Field::Ram => b.ram,
            Field::Rom => b.rom,
        }
    }
    fn set(self, b: &mut Budget, v: Option<f64>) {
        match self {
            Field::Latency => b.latency_ms = v,
            Field::Ram => b.ram = v,
            Field::Rom => b.rom = v,
        }
    }
    fn parse(self, text: &str) -> Parsed {
        match self {
            Field::Latency => parse_millis(text),
            _ => parse_bytes(text),
        }
    }
    fn show(self, v: f64) -> String {
        match self {
            Field::Latency => millis_text(v),
            _ => bytes_text(v),
        }
    }
    fn show_short(self, v: f64) -> String {
        match self {
            Field::Latency => format::millis(v),
            _ => format::bytes(v),
        }
    }
}

/// The form. Fields apply on change (Enter or leaving the field); an empty field means "the
/// run's target".
#[component]
pub fn WhatIfBudget(view: RwSignal<ViewState>, #[prop(into)] lens: Signal<Lens>) -> impl IntoView {
    let field = move |label: &'static str, name: &'static str, f: Field| {
        let problem = RwSignal::new(None::<&'static str>);
        let value = move || view.with(|v| f.get(&v.budget).map(|x| f.show(x)).unwrap_or_default());
        let placeholder = move || {
            lens.with(|l| f.get(&l.run_budget))
                .map(|x| format!("run: {}", f.show_short(x)))
                .unwrap_or_else(|| "run: no limit".into())
        };
        let change = move |ev: leptos::ev::Event| match f.parse(&event_target_value(&ev)) {
            Ok(v) => {
                problem.set(None);
                view.update(|s| f.set(&mut s.budget, v));
            }
            Err(e) => problem.set(Some(e)),
        };
        view! {
            <label class="what-if-field">
                <span>{label}</span>
                <input type="text" name=name autocomplete="off" spellcheck="false" inputmode="decimal"
                    prop:value=value placeholder=placeholder on:change=change
                    aria-invalid=move || problem.get().is_some().to_string()/>
                {move || problem.get().map(|p| view! { <small class="field-problem" role="alert">{p}</small> })}
            </label>
        }
    };
    let active = move || lens.with(Lens::is_what_if);
    let summary = move || {
        lens.with(|l| {
            [
                ("latency", Field::Latency),
                ("RAM", Field::Ram),
                ("ROM", Field::Rom),
            ]
            .into_iter()
            .filter(|(_, f)| f.get(&l.budget) != f.get(&l.run_budget))
            .map(|(name, f)| {
                let show = |v: Option<f64>| {
                    v.map(|x| f.show_short(x))
                        .unwrap_or_else(|| "no limit".into())
                };
                format!(
                    "{name} {} (run: {})",
                    show(f.get(&l.budget)),
                    show(f.get(&l.run_budget))
                )
            })
            .collect::<Vec<_>>()
            .join(" · ")
        })
    };
    view! {
        <fieldset class="what-if" class:active=active>
            <legend>"What-if budget"</legend>
            {field("Latency", "budget-lat", Field::Latency)}
            {field("RAM", "budget-ram", Field::Ram)}
            {field("ROM", "budget-rom", Field::Rom)}
            <button type="button" name="budget-reset" disabled=move || view.with(|v| v.budget == Budget::default())
                on:click=move |_| view.update(|v| v.budget = Budget::default())>
                "Reset to the run's target"
            </button>
            <small class="hint">"Sizes: bytes, KB or MB (1 KB = 1024 bytes). Latency: ms or s."</small>
            {move || active().then(|| view! {
                <p class="what-if-active" role="status"><strong>"What-if budget active: "</strong>{summary}</p>
            })}
        </fieldset>
    }
}
