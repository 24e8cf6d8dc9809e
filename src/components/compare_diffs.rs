//! `CompareDiffs` (`run-compare-diffs`): what each compared run changed against run A, in
//! words ([`config_differences`]): device, budgets, algorithm, trials, training cycles,
//! objectives and the search space. Only the differences; runs not loaded yet are left out.

use crate::derive::run_compare::config_differences;
use crate::model::Run;
use crate::state::compare::ComparedRun;
use crate::state::run_store::RunStore;
use leptos::prelude::*;
use std::sync::Arc;

/// One run's differences against run A.
#[derive(Clone, Debug, PartialEq)]
struct RunDiffs {
    job: u64,
    name: String,
    words: Vec<String>,
}

/// The configuration differences of every compared run against run A (`base`).
#[component]
pub fn CompareDiffs(base: RunStore, runs: Signal<Vec<ComparedRun>>) -> impl IntoView {
    let run_of = |store: RunStore| store.snapshot.with(|s| s.as_ref().map(|s| s.run.clone()));
    let diffs = Memo::new(move |_| {
        let Some(a) = run_of(base) else {
            return Vec::new();
        };
        runs.with(|runs| {
            runs.iter()
                .filter_map(|r| {
                    let b: Arc<Run> = run_of(r.store)?;
                    Some(RunDiffs {
                        job: r.job,
                        name: b
                            .config
                            .name
                            .clone()
                            .unwrap_or_else(|| format!("Run {}", r.job)),
                        words: config_differences(&a.config, &b.config)
                            .into_iter()
                            .map(|d| d.words)
                            .collect(),
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="compare-diffs" data-testid="run-compare-diffs">
            <h3>"What changed against the run shown below"</h3>
            {move || diffs.with(|d| d.is_empty()).then(|| view! { <p class="muted">"Waiting for the runs to load."</p> })}
            {move || diffs.get().into_iter().map(|d| {
                let job = d.job.to_string();
                view! {
                    <h4><span class="text">{d.name}</span><small class="muted">{format!(" job {}", d.job)}</small></h4>
                    {if d.words.is_empty() {
                        view! { <p class="muted">"Same device, budgets, algorithm, trials, objectives and search space."</p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                {d.words.into_iter().map(|w| view! {
                                    <li class="text" data-testid="run-compare-diff" data-job-id=job.clone()>{w}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                }
            }).collect_view()}
        </div>
    }
}
