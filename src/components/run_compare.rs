//! `RunCompare` (`run-compare`): the runs of `vs` beside run A, above run A's own view: one
//! table row per run ([`CompareRow`]), the configuration differences ([`CompareDiffs`]), one
//! trade-off chart with every run's trials, and the common budget switch (`common`).
//!
//! Run A is the page's [`RunStore`]; the others come from [`ComparedRuns`] (loaded by the
//! live source, or from a snapshot file). Nothing here fetches.

use crate::charts::runs_tradeoff::OwnedChartRun;
use crate::components::charts::runs_chart::RunsChart;
use crate::components::compare_diffs::CompareDiffs;
use crate::components::compare_row::CompareRow;
use crate::derive::run_compare::{basis, budget_words, Basis};
use crate::model::Config;
use crate::state::compare::{use_compared_runs, ComparedRun, ComparedRuns};
use crate::state::run_store::RunStore;
use crate::view_state::ViewState;
use crate::vocab::{Axis, Budget, CommonBudget};
use leptos::prelude::*;

/// The comparison, shown while other runs are compared (nothing otherwise).
#[component]
pub fn RunCompare(view: RwSignal<ViewState>) -> impl IntoView {
    let store = expect_context::<RunStore>();
    let compared = use_compared_runs();
    // Through a memo: adding a third run updates the table, it does not rebuild it.
    let shown = Memo::new(move |_| compared.is_some_and(|c| c.runs.with(|r| !r.is_empty())));
    move || {
        let compared = compared?;
        shown
            .get()
            .then(|| view! { <Comparison view=view store=store compared=compared/> })
    }
}

/// Every compared run with its job, A first.
#[derive(Clone, Copy)]
struct Entry {
    job: u64,
    store: RunStore,
    is_base: bool,
}

/// The same run in the same place from the same store (a second snapshot file brings new
/// stores for the same jobs).
impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        (self.job, self.is_base, self.store.snapshot)
            == (other.job, other.is_base, other.store.snapshot)
    }
}

#[component]
fn Comparison(view: RwSignal<ViewState>, store: RunStore, compared: ComparedRuns) -> impl IntoView {
    let base_job = Memo::new(move |_| view.with(|v| v.job).unwrap_or_default());
    let entries = Memo::new(move |_| {
        let mut all = vec![Entry {
            job: base_job.get(),
            store,
            is_base: true,
        }];
        compared.runs.with(|runs| {
            all.extend(runs.iter().map(|r| Entry {
                job: r.job,
                store: r.store,
                is_base: false,
            }))
        });
        all
    });
    // Each run's configuration, for the budget choice; cheap, and equal between polls.
    let configs = Memo::new(move |_| {
        entries.with(|entries| {
            entries
                .iter()
                .filter_map(|e| {
                    e.store
                        .snapshot
                        .with(|s| s.as_ref().map(|s| (e.job, s.run.config.clone())))
                })
                .collect::<Vec<(u64, Config)>>()
        })
    });
    let basis_memo = Memo::new(move |_| {
        configs.with(|configs| {
            let refs: Vec<(u64, &Config)> = configs.iter().map(|(j, c)| (*j, c)).collect();
            view.with(|v| basis(v.common, &refs, v.budget))
        })
    });
    let on_remove = Callback::new(move |job| compared.remove(view, job));
    let jobs_text = move || {
        entries.with(|e| {
            e.iter()
                .map(|e| e.job.to_string())
                .collect::<Vec<_>>()
                .join(",")
        })
    };
    let runs: Signal<Vec<ComparedRun>> = compared.runs.into();
    // Every loaded run's trials for the chart, each under the precision and budget its row
    // is judged by.
    let chart_runs = Memo::new(move |_| {
        let judged_by = basis_memo.get();
        view.with(|v| {
            entries.with(|entries| {
                entries
                    .iter()
                    .filter_map(|e| {
                        e.store.snapshot.with(|s| {
                            let s = s.as_ref()?;
                            let lens = v.lens(&s.run.config);
                            Some(OwnedChartRun {
                                job: e.job,
                                name: s
                                    .run
                                    .config
                                    .name
                                    .clone()
                                    .filter(|n| !n.is_empty())
                                    .unwrap_or_else(|| format!("Run {}", e.job)),
                                trials: s.trials.iter().map(|t| t.trial.clone()).collect(),
                                precision: lens.precision,
                                dataset: lens.dataset,
                                budget: judged_by.budget_for(lens.run_budget),
                            })
                        })
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let axis = Signal::derive(move || view.with(|v| v.axis));
    let on_axis = Callback::new(move |a: Axis| view.update(|v| v.axis = a));
    // Each trial links into its own run: run A's stays on this page (with the comparison),
    // another run's opens that run alone.
    let link = Callback::new(move |(job, selection): (u64, String)| {
        view.with_untracked(|v| {
            let mut next = if Some(job) == v.job {
                v.clone()
            } else {
                v.with_job(job)
            };
            next.trial = Some(selection);
            format!("?{}", next.to_query())
        })
    });

    view! {
        <section class="run-compare" data-testid="run-compare" data-job-ids=jobs_text aria-label="Compared runs">
            <div class="compare-head">
                <h2>{move || format!("Comparing {} runs", entries.with(Vec::len))}</h2>
                <BudgetChoice view=view configs=configs/>
                <button type="button" data-testid="run-compare-close" on:click=move |_| compared.close(view)>"Stop comparing"</button>
            </div>
            <p class="muted basis-words">{move || basis_words(basis_memo.get())}</p>
            <div class="table-scroll">
                <table class="compare-table">
                    <thead>
                        <tr>
                            <th scope="col">"Run"</th>
                            <th scope="col">"Device"</th>
                            <th scope="col">"Budget"</th>
                            <th scope="col">"Precision"</th>
                            <th scope="col">"Algorithm"</th>
                            <th scope="col">"Trials"</th>
                            <th scope="col">"Best fitting trial"</th>
                            <th scope="col">"Latency"</th>
                            <th scope="col">"RAM"</th>
                            <th scope="col">"ROM"</th>
                            <th scope="col">"Duration"</th>
                            <th scope="col"><span class="sr-only">"Remove"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || entries.get() key=|e| (e.job, e.is_base, e.store.snapshot) children=move |e: Entry| view! {
                            <CompareRow job=e.job store=e.store is_base=e.is_base basis=basis_memo view=view on_remove=on_remove/>
                        }/>
                    </tbody>
                </table>
            </div>
            <CompareDiffs base=store runs=runs/>
            <RunsChart runs=chart_runs axis=axis on_axis=on_axis link=link/>
        </section>
    }
}

/// "Each run against its own budget", or the one budget all are judged by.
fn basis_words(basis: Basis) -> String {
    match basis {
        Basis::Own => "Each run is judged against its own budget.".to_owned(),
        Basis::Common(b) => format!(
            "Every run is judged against one budget: {}.",
            budget_words(b)
        ),
    }
}

/// The `common` switch: each run's own budget, one run's budget, or the what-if budget.
#[component]
fn BudgetChoice(view: RwSignal<ViewState>, configs: Memo<Vec<(u64, Config)>>) -> impl IntoView {
    let current = move || {
        view.with(|v| v.common.map(CommonBudget::as_query))
            .unwrap_or_default()
    };
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        view.update(|v| v.common = CommonBudget::parse(&value));
    };
    view! {
        <label class="compare-budget">
            "Judge by "
            <select data-testid="run-compare-budget" prop:value=current on:change=on_change>
                <option value="" selected=move || current().is_empty()>"each run's own budget"</option>
                {move || configs.get().into_iter().map(|(job, config)| {
                    let value = job.to_string();
                    let name = config.name.clone().unwrap_or_else(|| format!("run {job}"));
                    let words = budget_words(Budget::of_config(&config));
                    let selected = {
                        let value = value.clone();
                        move || current() == value
                    };
                    view! { <option value=value selected=selected>{format!("{name}'s budget ({words})")}</option> }
                }).collect_view()}
                <option value="whatif" selected=move || current() == "whatif">"the what-if budget of the run shown below"</option>
            </select>
        </label>
    }
}
