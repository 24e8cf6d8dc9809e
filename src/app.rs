//! The page: providers and layout.
//!
//! `App` provides the URL-backed view state, the run store, the key, the shared clock and
//! the navigation between runs (`state::navigation`); the sources (`DemoSource`,
//! `LiveSource`, an opened snapshot) only push snapshots into the store, and `RunView` only
//! reads it: data walks one way. A different run is chosen only through the navigation's few
//! handlers, and each clears the store explicitly; Back/Forward to another run clears it too.
//!
//! A project without a job is the run picker: the live source asks for the key, then lists
//! the project's runs; picking one pushes a history entry, so Back returns to the list.

use crate::components::data_menu::DataMenu;
use crate::components::demo_source::DemoSource;
use crate::components::error_banner::ErrorBanner;
use crate::components::live_source::LiveSource;
use crate::components::recent_runs_menu::RecentRunsMenu;
use crate::components::run_finished::{Ending, RunFinished};
use crate::components::run_switcher::SwitchRuns;
use crate::components::run_view::RunView;
use crate::components::share_link::ShareLink;
use crate::components::theme_toggle::ThemeToggle;
use crate::model::newest_ms;
use crate::state::api_key::{provide_current_key, LiveApi};
use crate::state::clock::use_clock;
use crate::state::compare::provide_compared_runs;
use crate::state::embed::use_embed_resize;
use crate::state::list::{provide_shared_list, SharedList};
use crate::state::navigation::{provide_navigation, Source};
use crate::state::recent::provide_recent_list;
use crate::state::run_store::RunStore;
use crate::state::share::full_view_url;
use crate::state::snapshot_io::use_snapshot_io;
use crate::state::theme::use_theme_attribute;
use crate::state::view_url::use_view_state;
use leptos::prelude::*;
use std::time::Duration;

/// Demo step when the URL does not set `interval`: quick enough to watch.
const DEMO_STEP_DEFAULT: Duration = Duration::from_secs(3);

/// The app's root.
#[component]
pub fn App() -> impl IntoView {
    let view = use_view_state();
    let store = RunStore::new();
    provide_context(store);
    // The one evaluated trial list every part of the page reads (issue 14).
    let shared = provide_shared_list(view);
    provide_current_key();
    let compared = provide_compared_runs(view);
    let recent = provide_recent_list();
    let nav = provide_navigation(view, store, compared, recent);
    let now = use_clock();
    let embed = view.with_untracked(|v| v.embed);
    if embed {
        // Here, not in a source: the portal sizes its frame whatever the page shows.
        use_embed_resize();
    }
    // Asks the live source to show its connection form (e.g. after a refused key).
    let editing = RwSignal::new(false);
    use_theme_attribute(view);
    use_tab_title(store, shared);
    let io = use_snapshot_io(view, store, compared, nav.opened);

    let (source, picking) = (nav.source, nav.picking);
    provide_context(LiveApi(Signal::derive(move || {
        source.get() == Source::Live && !picking.get() && view.with(|v| v.job.is_some())
    })));
    provide_context(SwitchRuns {
        view,
        live: Signal::derive(move || source.get() == Source::Live && !picking.get()),
        on_open: nav.open_run,
        now_ms: now.into(),
        on_compare: nav.compare,
    });
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            io.open.run(file);
        }
    };

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
    let has_data = Signal::derive(move || store.snapshot.with(Option::is_some));

    view! {
        <div class="app" class:embed=embed on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            {(!embed).then(|| view! {
                <header class="page-header">
                    <h1>"Tunerscope"</h1>
                    <p class="tagline">"Live view of an Edge Impulse EON Tuner run"</p>
                    <div class="header-tools">
                        <RecentRunsMenu runs=recent.0 on_open=nav.open_recent on_clear=Callback::new(move |_| recent.clear())/>
                        <ThemeToggle view=view/>
                    </div>
                </header>
            })}
            {embed.then(|| view! {
                <a class="full-view" href=move || view.with(full_view_url) target="_blank" rel="noopener">"Open full view ↗"</a>
            })}
            <main>
                {move || match source.get() {
                    Source::Snapshot { taken_at } => view! {
                        <p class="snapshot-badge" data-testid="snapshot-badge" data-taken-at=taken_at.clone().unwrap_or_default()>
                            <strong>"Snapshot"</strong>
                            {match &taken_at {
                                Some(t) => format!(" taken at {t}: a saved copy, not live. No network is used."),
                                None => " (a saved state response): not live. No network is used.".to_owned(),
                            }}
                            " "<button type="button" on:click=move |_| nav.close_snapshot.run(())>"Close snapshot"</button>
                        </p>
                    }.into_any(),
                    Source::Demo => {
                        let step = view.with_untracked(|v| v.interval_s).map(|s| Duration::from_secs(u64::from(s))).unwrap_or(DEMO_STEP_DEFAULT);
                        view! { <DemoSource step=step/> }.into_any()
                    }
                    Source::Live => view! { <LiveSource view=view now=now editing=editing/> }.into_any(),
                }}
                {(!embed).then(|| view! {
                    <div class="share-bar">
                        <ShareLink view=view/>
                        <DataMenu can_save=has_data problem=io.problem on_download=io.download on_csv=io.export_csv on_open=io.open/>
                    </div>
                })}
                <ErrorBanner error=store.error has_data=has_data target=target on_reenter=Callback::new(move |_| editing.set(true))/>
                <RunFinished ending=ending/>
                {move || (!picking.get()).then(|| view! { <RunView view=view now=now/> })}
            </main>
        </div>
    }
}

/// Keeps the tab title on the run's progress: `12/30 · run name` (the progress bar's counts).
fn use_tab_title(store: RunStore, shared: SharedList) {
    // A memo, so the document is touched only when the text changes: setting the title costs
    // the browser work even when it is the same (several ms a poll at 10,000 trials).
    let title = Memo::new(move |_| {
        let p = shared.counts.get();
        store.snapshot.with(|s| match s {
            Some(s) => {
                let name = s
                    .run
                    .config
                    .name
                    .clone()
                    .unwrap_or_else(|| "Tunerscope".into());
                format!("{}/{} · {name}", p.done(), p.denominator)
            }
            None => "Tunerscope".into(),
        })
    });
    Effect::new(move |_| {
        let title = title.get();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
    });
}
