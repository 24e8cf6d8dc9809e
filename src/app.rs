//! The page: providers, layout, and which source feeds the run (demo or live API).
//!
//! `App` owns the URL-backed view state, the run store and the shared clock; the source
//! components (`DemoSource`, `LiveSource`) only push snapshots into the store, and `RunView`
//! only reads it: data walks one way.

use crate::api::key::{self, ApiKey};
use crate::components::confirm_api::ConfirmApi;
use crate::components::connect_form::ConnectForm;
use crate::components::error_banner::ErrorBanner;
use crate::components::live_toolbar::LiveToolbar;
use crate::components::run_finished::{Ending, RunFinished};
use crate::components::run_view::RunView;
use crate::derive::budget::{Budget, Precision};
use crate::derive::notices::Digest;
use crate::derive::order::{best_fit, evaluate, Evaluated};
use crate::derive::progress::progress_counts;
use crate::model::{newest_ms, Trial};
use crate::state::demo::use_demo;
use crate::state::polling::use_polling;
use crate::state::run_store::RunStore;
use crate::state::view_url::use_view_state;
use crate::view_state::ViewState;
use leptos::prelude::*;
use std::time::Duration;

/// Demo step when the URL does not set `interval`: quick enough to watch.
const DEMO_STEP_DEFAULT: Duration = Duration::from_secs(3);
/// The shared clock for relative times ticks at most this often (an idle page stays quiet).
const CLOCK_TICK: Duration = Duration::from_secs(10);

/// Which run the URL names: project, job, API base.
type RunTarget = (Option<u64>, Option<u64>, Option<String>);

/// The app's root.
#[component]
pub fn App() -> impl IntoView {
    let view = use_view_state();
    let store = RunStore::new();
    provide_context(store);
    let now = use_clock();
    let demo = Memo::new(move |_| view.with(ViewState::is_demo));
    let run_target = Memo::new(move |_| view.with(|v| (v.project, v.job, v.api.clone())));
    // Asks the live source to show its connection form (e.g. after a refused key).
    let editing = RwSignal::new(false);

    // A different run (or demo ↔ live) starts from a clean page.
    Effect::new(move |previous: Option<(bool, RunTarget)>| {
        let current = (demo.get(), run_target.get());
        if previous.is_some_and(|p| p != current) {
            store.clear();
        }
        current
    });
    use_tab_title(store);

    let ending = Memo::new(move |_| {
        store.snapshot.with(|s| {
            let s = s.as_ref()?;
            (!s.run.is_live()).then(|| Ending {
                failed: s.run.job_error.is_some(),
                at_ms: newest_ms(s.trials.iter().map(|v| v.trial.as_ref())),
            })
        })
    });
    let target = Signal::derive(move || {
        view.with(|v| match (v.is_demo(), v.project, v.job) {
            (false, Some(p), Some(j)) => {
                Some(format!("project {p}, tuner job {j} at {}", v.api_base()))
            }
            _ => None,
        })
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
                    view! { <LiveSource view=view now=now editing=editing/> }.into_any()
                }}
                <ErrorBanner
                    error=store.error
                    has_data=Signal::derive(move || store.snapshot.with(Option::is_some))
                    target=target
                    on_reenter=Callback::new(move |_| editing.set(true))/>
                <RunFinished ending=ending/>
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

/// Keeps the tab title on the run's progress: `12/30 · run name`.
fn use_tab_title(store: RunStore) {
    Effect::new(move |_| {
        let title = store.snapshot.with(|s| match s {
            Some(s) => {
                let trials: Vec<&Trial> = s.trials.iter().map(|v| v.trial.as_ref()).collect();
                let p = progress_counts(&s.run, &trials);
                let name = s
                    .run
                    .config
                    .name
                    .clone()
                    .unwrap_or_else(|| "Tunerscope".into());
                format!("{}/{} · {name}", p.done(), p.denominator)
            }
            None => "Tunerscope".into(),
        });
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
    });
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

/// A real run: asks for a key (or confirmation to reuse one) until it has one, then polls.
#[component]
fn LiveSource(
    view: RwSignal<ViewState>,
    now: RwSignal<f64>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let store = expect_context::<RunStore>();
    let base = Memo::new(move |_| view.with(|v| v.api_base().to_owned()));
    let api_key = RwSignal::new(key::load(&base.get_untracked()));
    // A key saved for another base waits here until the user says yes or no.
    let confirm = RwSignal::new(if api_key.with_untracked(Option::is_none) {
        key::stored_for_other_base(&base.get_untracked())
    } else {
        None
    });

    // The base changed (e.g. the connect form pointed elsewhere): reread the key for it.
    Effect::new(move |previous: Option<String>| {
        let current = base.get();
        if previous.is_some_and(|p| p != current)
            && api_key.with_untracked(|k| k.as_ref().map(ApiKey::base) != Some(current.as_str()))
        {
            let stored = key::load(&current);
            confirm.set(if stored.is_none() {
                key::stored_for_other_base(&current)
            } else {
                None
            });
            api_key.set(stored);
        }
        current
    });

    let url = Signal::derive(move || view.with(ViewState::state_url));
    let interval = Signal::derive(move || view.with(ViewState::interval));
    let controls = use_polling(store, url, api_key.into(), interval);

    let on_connect = Callback::new(move |(next, new_key): (ViewState, ApiKey)| {
        key::save(&new_key);
        editing.set(false);
        confirm.set(None);
        api_key.set(Some(new_key));
        view.set(next);
    });
    let on_yes = Callback::new(move |_| {
        if let Some(stored) = confirm.get_untracked() {
            let rebound = stored.rebound(&base.get_untracked());
            key::save(&rebound);
            api_key.set(Some(rebound));
        }
        confirm.set(None);
    });
    let on_no = Callback::new(move |_| {
        confirm.set(None);
        editing.set(true);
    });
    let on_forget = Callback::new(move |_| {
        key::forget();
        api_key.set(None);
        confirm.set(None);
    });
    let digest = use_digest(store, view);
    let show_form =
        move || editing.get() || (api_key.with(Option::is_none) && confirm.with(Option::is_none));

    view! {
        {move || confirm.get().map(|stored| view! {
            <ConfirmApi stored_base=stored.base().to_owned() target_base=base.get() on_yes=on_yes on_no=on_no/>
        })}
        {move || show_form().then(|| view! { <ConnectForm view=view on_connect=on_connect/> })}
        <LiveToolbar view=view on_refresh=controls.refresh on_edit=Callback::new(move |_| editing.update(|e| *e = !*e))
            on_forget=on_forget loading=store.loading next_at=controls.next_at now_ms=now digest=digest/>
    }
}

/// The facts notifications depend on, per snapshot.
fn use_digest(store: RunStore, view: RwSignal<ViewState>) -> Signal<Option<Digest>> {
    let memo = Memo::new(move |_| {
        let (precision, dataset, what_if) =
            view.with(|v| (v.precision, v.dataset.unwrap_or_default(), v.budget));
        store.snapshot.with(|s| {
            let s = s.as_ref()?;
            let precision = precision
                .or_else(|| {
                    s.run
                        .config
                        .optimization_precision
                        .as_deref()
                        .and_then(Precision::parse)
                })
                .unwrap_or_default();
            let budget = Budget::of_config(&s.run.config).overridden_by(what_if);
            let trials: Vec<&Trial> = s.trials.iter().map(|v| v.trial.as_ref()).collect();
            let evals: Vec<Evaluated> = trials
                .iter()
                .map(|t| evaluate(t, dataset, precision, budget))
                .collect();
            let best = best_fit(&trials, &evals).map(|i| {
                (
                    trials[i].key.clone(),
                    trials[i].display_name(),
                    evals[i].accuracy.unwrap_or_default(),
                )
            });
            Some(Digest {
                run_name: s
                    .run
                    .config
                    .name
                    .clone()
                    .unwrap_or_else(|| "Tuner run".into()),
                live: s.run.is_live(),
                failed: s.run.job_error.is_some(),
                best,
            })
        })
    });
    memo.into()
}
