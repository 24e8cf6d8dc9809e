//! The page: providers, layout, and which source feeds the run (demo or live API).

use crate::api::key::{self, ApiKey};
use crate::components::connect_form::ConnectForm;
use crate::components::error_banner::ErrorBanner;
use crate::components::run_view::RunView;
use crate::state::demo::use_demo;
use crate::state::live::use_live_run;
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

    // A different run (or demo ↔ live) starts from a clean page.
    Effect::new(
        move |previous: Option<(bool, RunTarget)>| {
            let current = (demo.get(), run_target.get());
            if previous.is_some_and(|p| p != current) {
                store.clear();
            }
            current
        },
    );

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
