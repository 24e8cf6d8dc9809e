//! The page: providers, layout, and which source feeds the run (demo or live API).

use crate::api::key::{self, ApiKey};
use crate::components::config_summary::ConfigSummary;
use crate::components::connect_form::ConnectForm;
use crate::components::error_banner::ErrorBanner;
use crate::components::progress_bar::ProgressBar;
use crate::components::response_note::ResponseNote;
use crate::components::run_header::RunHeader;
use crate::components::trial_card::TrialRow;
use crate::components::trial_list::TrialList;
use crate::components::worker_list::WorkerList;
use crate::derive::budget::{Budget, Dataset, Precision};
use crate::derive::order::{best_fit, evaluate, sorted_indices, Evaluated};
use crate::derive::progress::progress_counts;
use crate::model::{Trial, TrialStatus};
use crate::state::demo::use_demo;
use crate::state::live::use_live_run;
use crate::state::run_store::RunStore;
use crate::state::view_url::use_view_state;
use crate::view_state::ViewState;
use leptos::prelude::*;
use std::hash::{Hash, Hasher};
use std::time::Duration;

/// Demo step when the URL does not set `interval`: quick enough to watch.
const DEMO_STEP_DEFAULT: Duration = Duration::from_secs(3);
/// The shared clock for relative times ticks at most this often (an idle page stays quiet).
const CLOCK_TICK: Duration = Duration::from_secs(10);

/// The app's root.
#[component]
pub fn App() -> impl IntoView {
    let view = use_view_state();
    let store = RunStore::new();
    provide_context(store);
    let now = use_clock();
    let demo = Memo::new(move |_| view.with(ViewState::is_demo));
    let run_target = Memo::new(move |_| view.with(|v| (v.project, v.job, v.api.clone())));

    // A different run (or demo ↔ live) starts from a clean page.
    Effect::new(move |previous: Option<(bool, (Option<u64>, Option<u64>, Option<String>))>| {
        let current = (demo.get(), run_target.get());
        if previous.is_some_and(|p| p != current) {
            store.clear();
        }
        current
    });

    view! {
        <div class="app">
            <header class="page-header">
                <h1>"Tunerscope"</h1>
                <p class="tagline">"Live view of an Edge Impulse EON Tuner run"</p>
            </header>
            <main>
                {move || if demo.get() {
                    let step = view.with_untracked(|v| v.interval_s).map(|s| Duration::from_secs(u64::from(s))).unwrap_or(DEMO_STEP_DEFAULT);
                    view! { <DemoSource step=step/> }.into_any()
                } else {
                    view! { <LiveSource view=view/> }.into_any()
                }}
                <ErrorBanner error=store.error has_data=Signal::derive(move || store.snapshot.with(Option::is_some))/>
                <RunView view=view now=now/>
            </main>
        </div>
    }
}

/// The shared "now" for relative times, ticking every [`CLOCK_TICK`].
fn use_clock() -> RwSignal<f64> {
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(handle) = set_interval_with_handle(move || now.set(js_sys::Date::now()), CLOCK_TICK) {
        on_cleanup(move || handle.clear());
    }
    now
}

/// Plays the built-in demo while mounted.
#[component]
fn DemoSource(step: Duration) -> impl IntoView {
    let store = expect_context::<RunStore>();
    use_demo(store, step);
    view! {
        <p class="demo-badge" data-testid="demo-badge">
            <strong>"Demo"</strong>" — a simulated run replayed from recorded snapshots. No API or key needed. "
            "Open a real run with "<code>"?project=…&job=…"</code>" in the address."
        </p>
    }
}

/// A real run: the connection form until a key (possibly empty) is known, then loads.
#[component]
fn LiveSource(view: RwSignal<ViewState>) -> impl IntoView {
    let store = expect_context::<RunStore>();
    let api_key = RwSignal::new(view.with_untracked(|v| key::load(v.api_base())));
    let editing = RwSignal::new(false);
    let url = Signal::derive(move || view.with(ViewState::state_url));
    let controls = use_live_run(store, url, api_key.into());
    let on_connect = Callback::new(move |(next, new_key): (ViewState, ApiKey)| {
        key::save(&new_key);
        editing.set(false);
        view.set(next);
        api_key.set(Some(new_key));
    });
    let forget = move |_| {
        key::forget();
        api_key.set(None);
    };
    let show_form = move || editing.get() || api_key.with(Option::is_none);
    view! {
        {move || show_form().then(|| view! { <ConnectForm view=view on_connect=on_connect/> })}
        <div class="toolbar">
            <button type="button" data-testid="refresh" on:click=move |_| controls.refresh.run(())
                disabled=move || api_key.with(Option::is_none)>
                {move || if store.loading.get() { "Refreshing…" } else { "Refresh" }}
            </button>
            <button type="button" on:click=move |_| editing.update(|e| *e = !*e)>"Change run or key"</button>
            <button type="button" data-testid="forget-key" on:click=forget>"Forget key"</button>
            {move || view.with(ViewState::studio_url).map(|href| view! {
                <a class="studio-link" href=href target="_blank" rel="noopener noreferrer">"Open in Studio"</a>
            })}
        </div>
    }
}

/// Everything shown about the current snapshot.
#[component]
fn RunView(view: RwSignal<ViewState>, now: RwSignal<f64>) -> impl IntoView {
    let store = expect_context::<RunStore>();
    let run = Memo::new(move |_| store.snapshot.with(|s| s.as_ref().map(|s| s.run.clone())));
    let precision = Memo::new(move |_| {
        view.with(|v| v.precision).unwrap_or_else(|| {
            run.with(|r| r.as_ref().and_then(|r| r.config.optimization_precision.as_deref().and_then(Precision::parse)))
                .unwrap_or_default()
        })
    });
    let dataset = Memo::new(move |_| view.with(|v| v.dataset).unwrap_or_default());
    let budget = Memo::new(move |_| {
        let what_if = view.with(|v| v.budget);
        run.with(|r| r.as_ref().map(|r| Budget::of_config(&r.config)).unwrap_or_default()).overridden_by(what_if)
    });
    let sort = Memo::new(move |_| view.with(|v| (v.sort, v.dir)));

    let rows = Memo::new(move |_| {
        let (precision, dataset, budget, (key, dir)) = (precision.get(), dataset.get(), budget.get(), sort.get());
        let view_version = view_version(precision, dataset, budget);
        store.snapshot.with(|s| {
            let Some(s) = s else { return Vec::new() };
            let trials: Vec<&Trial> = s.trials.iter().map(|v| v.trial.as_ref()).collect();
            let evals: Vec<Evaluated> = trials.iter().map(|t| evaluate(t, dataset, precision, budget)).collect();
            let best = best_fit(&trials, &evals);
            sorted_indices(&trials, &evals, key, dir)
                .into_iter()
                .map(|i| {
                    let v = &s.trials[i];
                    let is_best = best == Some(i);
                    TrialRow { trial: v.trial.clone(), eval: evals[i], best: is_best, key: (v.trial.key.clone(), v.version, view_version, is_best) }
                })
                .collect::<Vec<_>>()
        })
    });
    let total = Signal::derive(move || store.snapshot.with(|s| s.as_ref().map_or(0, |s| s.trials.len())));
    let running = Signal::derive(move || {
        store.snapshot.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.trials
                        .iter()
                        .filter(|v| v.trial.status == Some(TrialStatus::Running))
                        .filter_map(|v| Some((v.trial.worker_id.clone()?, v.trial.display_name())))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let counts = Signal::derive(move || {
        store.snapshot.with(|s| match s {
            Some(s) => {
                let trials: Vec<&Trial> = s.trials.iter().map(|v| v.trial.as_ref()).collect();
                progress_counts(&s.run, &trials)
            }
            None => Default::default(),
        })
    });

    move || match run.get() {
        None => view! {
            <p class="placeholder">{move || if store.loading.get() { "Loading the run…" } else { "No run loaded yet." }}</p>
        }
        .into_any(),
        Some(_) => {
            let run_signal = Signal::derive(move || run.get().unwrap_or_default());
            view! {
                <RunHeader run=run_signal last_ok_ms=store.last_ok_ms now_ms=now/>
                <ResponseNote run=run_signal/>
                <ProgressBar counts=counts/>
                <div class="columns">
                    <ConfigSummary run=run_signal/>
                    <WorkerList run=run_signal running=running/>
                </div>
                <TrialList rows=rows total=total precision=precision dataset=dataset/>
            }
            .into_any()
        }
    }
}

/// A number that changes whenever what the cards show for every trial changes.
fn view_version(precision: Precision, dataset: Dataset, budget: Budget) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (precision, dataset, format!("{budget:?}")).hash(&mut h);
    h.finish()
}
