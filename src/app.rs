//! The page: providers, layout, and which source feeds the run: a snapshot file, the
//! built-in demo, or the live API.
//!
//! `App` owns the URL-backed view state, the run store and the shared clock; the sources
//! (`DemoSource`, `LiveSource`, an opened snapshot) only push snapshots into the store, and
//! `RunView` only reads it: data walks one way. A different run is chosen only through a
//! few handlers (connect, recent runs, the run picker and switcher, snapshots), and each
//! clears the store explicitly; Back/Forward to another run clears it too.
//!
//! A project without a job is the run picker: the live source asks for the key, then lists
//! the project's runs; picking one pushes a history entry, so Back returns to the list.

use crate::components::data_menu::DataMenu;
use crate::components::demo_source::DemoSource;
use crate::components::error_banner::ErrorBanner;
use crate::components::live_source::LiveSource;
use crate::components::recent_runs_menu::{view_for, RecentRunsMenu};
use crate::components::run_finished::{Ending, RunFinished};
use crate::components::run_switcher::SwitchRuns;
use crate::components::run_view::RunView;
use crate::components::share_link::ShareLink;
use crate::components::theme_toggle::{apply_theme, ThemeToggle};
use crate::derive::progress::progress_counts;
use crate::model::{newest_ms, Trial};
use crate::recent_runs::RecentRun;
use crate::state::api_key::{provide_current_key, LiveApi};
use crate::state::compare::provide_compared_runs;
use crate::state::embed::use_embed_resize;
use crate::state::recent::{self, provide_recent_list};
use crate::state::run_store::RunStore;
use crate::state::snapshot_io::use_snapshot_io;
use crate::state::view_url::{open_view, use_view_state};
use crate::view_state::ViewState;
use leptos::prelude::*;
use std::time::Duration;

/// Demo step when the URL does not set `interval`: quick enough to watch.
const DEMO_STEP_DEFAULT: Duration = Duration::from_secs(3);
/// The shared clock for relative times ticks at most this often (an idle page stays quiet).
const CLOCK_TICK: Duration = Duration::from_secs(10);

/// Where the shown run comes from.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    /// A snapshot file; `taken_at` as the file says.
    Snapshot {
        taken_at: Option<String>,
    },
    Demo,
    Live,
}

/// The app's root.
#[component]
pub fn App() -> impl IntoView {
    let view = use_view_state();
    let store = RunStore::new();
    provide_context(store);
    provide_current_key();
    let compared = provide_compared_runs(view);
    let now = use_clock();
    let opened = RwSignal::new(None::<Option<String>>);
    let source = Memo::new(move |_| match opened.get() {
        Some(taken_at) => Source::Snapshot { taken_at },
        None if view.with(ViewState::is_demo) => Source::Demo,
        None => Source::Live,
    });
    let embed = view.with_untracked(|v| v.embed);
    if embed {
        // Here, not in a source: the portal sizes its frame whatever the page shows.
        use_embed_resize();
    }
    // Asks the live source to show its connection form (e.g. after a refused key).
    let editing = RwSignal::new(false);
    let recent_runs = provide_recent_list().0;

    Effect::new(move |_| apply_theme(view.with(|v| v.theme)));
    use_tab_title(store);

    let io = use_snapshot_io(view, store, compared, opened);
    let close_snapshot = move |_| {
        store.clear();
        opened.set(None);
        compared.follow_url();
    };
    let open_recent = Callback::new(move |run: RecentRun| {
        store.clear();
        opened.set(None);
        view.update(|v| *v = view_for(&run, v));
    });
    // Another run of the same project, chosen in the run picker or the header's switcher: a
    // new history entry (Back returns to the list or the run before), remembered with the
    // name the project's run list gives it.
    let open_run = Callback::new(move |(job, name): (u64, Option<String>)| {
        let next = view.with_untracked(|v| v.with_job(job));
        if let Some(project) = next.project {
            recent_runs.set(recent::record(RecentRun {
                project,
                job,
                api: next.api.clone(),
                name,
                opened_ms: js_sys::Date::now(),
            }));
        }
        store.clear();
        opened.set(None);
        open_view(view, next);
    });
    use_clear_on_run_change(view, store, opened);
    let picking =
        Memo::new(move |_| source.get() == Source::Live && view.with(ViewState::is_picker));
    provide_context(LiveApi(Signal::derive(move || {
        source.get() == Source::Live && !picking.get() && view.with(|v| v.job.is_some())
    })));
    provide_context(SwitchRuns {
        view,
        live: Signal::derive(move || source.get() == Source::Live && !picking.get()),
        on_open: open_run,
        now_ms: now.into(),
        // Comparing is another view of the same run: a history entry, so Back ends it.
        on_compare: Callback::new(move |job| {
            open_view(view, view.with_untracked(|v| v.with_compared(job)))
        }),
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
                        <RecentRunsMenu runs=recent_runs on_open=open_recent on_clear=Callback::new(move |_| {
                            recent::clear();
                            recent_runs.set(Vec::new());
                        })/>
                        <ThemeToggle view=view/>
                    </div>
                </header>
            })}
            {embed.then(|| view! {
                <a class="full-view" href=move || {
                    let mut full = view.get();
                    full.embed = false;
                    full.origins.clear();
                    crate::components::share_link::share_url(&full)
                } target="_blank" rel="noopener">"Open full view ↗"</a>
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
                            " "<button type="button" on:click=close_snapshot>"Close snapshot"</button>
                        </p>
                    }.into_any(),
                    Source::Demo => {
                        let step = view.with_untracked(|v| v.interval_s).map(|s| Duration::from_secs(u64::from(s))).unwrap_or(DEMO_STEP_DEFAULT);
                        view! { <DemoSource step=step/> }.into_any()
                    }
                    Source::Live => view! { <LiveSource view=view now=now editing=editing recent_runs=recent_runs on_pick=open_run/> }.into_any(),
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

/// Forgets the shown run when the address names another one without going through a
/// handler (Back/Forward between the run list and runs).
/// A different run in the address (Back/Forward, a pick) shows that run: the store is cleared,
/// and an open snapshot file is closed (it would otherwise keep its badge over an empty page).
fn use_clear_on_run_change(
    view: RwSignal<ViewState>,
    store: RunStore,
    opened: RwSignal<Option<Option<String>>>,
) {
    let run = Memo::new(move |_| view.with(|v| (v.project, v.job, v.api.clone(), v.demo)));
    Effect::new(move |previous: Option<()>| {
        run.track();
        if previous.is_some() {
            store.clear();
            opened.set(None);
        }
    });
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
