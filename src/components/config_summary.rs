//! `config-summary`: the run's configuration, grouped; the search space; rare flags folded.

use crate::derive::config_rows::{config_text, BlockOptions};
use crate::model::Run;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

fn rows(rows: Vec<(String, String)>) -> impl IntoView {
    rows.into_iter()
        .map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })
        .collect_view()
}

fn block(b: BlockOptions) -> impl IntoView {
    view! {
        <li>
            <span class="block-type">{b.type_name}</span>
            {(!b.options.is_empty()).then(|| view! { <dl class="options">{rows(b.options)}</dl> })}
        </li>
    }
}

/// A folded section whose content is built when it is first opened (and kept from then on):
/// a closed `<details>` shows only its summary, so building the rest up front only delays the
/// page's first paint (issue 15).
fn folded<V: IntoView + 'static>(
    class: &'static str,
    summary: impl IntoView + 'static,
    content: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    let opened = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        let open = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.has_attribute("open"));
        if open && !opened.get_untracked() {
            opened.set(true);
        }
    };
    view! {
        <details class=class on:toggle=on_toggle>
            <summary>{summary}</summary>
            {move || opened.get().then(&content)}
        </details>
    }
}

/// The configuration of `run`, readable at a glance.
#[component]
pub fn ConfigSummary(#[prop(into)] run: Signal<Arc<Run>>) -> impl IntoView {
    let text = Memo::new(move |_| run.with(|r| config_text(&r.config)));
    view! {
        <section class="config-summary" data-testid="config-summary" aria-label="Configuration">
            <h3>"Configuration"</h3>
            <div class="groups">
                {move || text.get().groups.into_iter().map(|g| view! {
                    <div class="group"><h4>{g.title}</h4><dl>{rows(g.rows)}</dl></div>
                }).collect_view()}
            </div>
            {move || {
                let t = text.get();
                (!t.space.is_empty() || t.space_source.is_some() || !t.space_options.is_empty()).then(|| {
                    let summary = view! { "Search space" {t.space_source.map(|s| format!(" ({s})"))} };
                    folded("space", summary, move || {
                        let t = text.get();
                        view! {
                            {(!t.space_options.is_empty()).then(|| view! { <dl class="space-options">{rows(t.space_options)}</dl> })}
                            {t.space.into_iter().enumerate().map(|(i, s)| view! {
                                <div class="space-impulse">
                                    <h5>{format!("Impulse {}", i + 1)}</h5>
                                    <div class="pipeline">
                                        <div><h6>"Input"</h6><ul>{s.input.into_iter().map(block).collect_view()}</ul></div>
                                        <div><h6>"DSP"</h6><ul>{s.dsp.into_iter().map(block).collect_view()}</ul></div>
                                        <div><h6>"Learn"</h6><ul>{s.learn.into_iter().map(|chain| view! {
                                            <li class="chain"><ul>{chain.into_iter().map(block).collect_view()}</ul></li>
                                        }).collect_view()}</ul></div>
                                    </div>
                                    {(!s.parameters.is_empty()).then(|| view! { <dl>{rows(s.parameters)}</dl> })}
                                </div>
                            }).collect_view()}
                        }
                    })
                })
            }}
            {move || {
                let has_advanced = text.with(|t| !t.advanced.is_empty());
                has_advanced.then(|| folded("advanced", "Advanced", move || view! {
                    <dl>{rows(text.get().advanced)}</dl>
                }))
            }}
        </section>
    }
}
