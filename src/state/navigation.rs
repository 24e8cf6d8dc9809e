//! Which run the page shows, and the few ways to show another: connect, a recent run, the run
//! picker or switcher, a comparison, a snapshot file and closing it. Each clears the run
//! store explicitly; a different run in the address (Back/Forward) clears it too.

use crate::recent_runs::RecentRun;
use crate::state::compare::ComparedRuns;
use crate::state::recent::RecentList;
use crate::state::run_store::RunStore;
use crate::state::view_url::open_view;
use crate::view_state::ViewState;
use leptos::prelude::*;

/// Where the shown run comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// A snapshot file; `taken_at` as the file says.
    Snapshot {
        taken_at: Option<String>,
    },
    Demo,
    Live,
}

/// The page's source and its ways to another run. Provided by `App`.
#[derive(Clone, Copy)]
pub struct Navigation {
    pub source: Memo<Source>,
    /// The live source lists a project's runs (no job named): no run is shown.
    pub picking: Memo<bool>,
    /// `Some(takenAt)` while a snapshot file is shown (set by `state::snapshot_io`).
    pub opened: RwSignal<Option<Option<String>>>,
    /// The connect form's run (project, job, API): the store is cleared if it is another run.
    pub connect: Callback<ViewState>,
    /// A run from the "Recent runs" menu (filters reset: it is a different run).
    pub open_recent: Callback<RecentRun>,
    /// Another run of the same project (job id, name when known), from the run picker or the
    /// header's switcher: a new history entry (Back returns to the list or the run before),
    /// remembered with the name the project's run list gives it.
    pub open_run: Callback<(u64, Option<String>)>,
    /// Adds a run (job id) to the comparison. Another view of the same run: a history entry,
    /// so Back ends it.
    pub compare: Callback<u64>,
    /// Leaves the snapshot file for what the address names.
    pub close_snapshot: Callback<()>,
}

/// Provides the page's [`Navigation`] (call once, in `App`).
pub fn provide_navigation(
    view: RwSignal<ViewState>,
    store: RunStore,
    compared: ComparedRuns,
    recent: RecentList,
) -> Navigation {
    let opened = RwSignal::new(None::<Option<String>>);
    let source = Memo::new(move |_| match opened.get() {
        Some(taken_at) => Source::Snapshot { taken_at },
        None if view.with(ViewState::is_demo) => Source::Demo,
        None => Source::Live,
    });
    let picking =
        Memo::new(move |_| source.get() == Source::Live && view.with(ViewState::is_picker));
    use_clear_on_run_change(view, store, opened);

    let navigation = Navigation {
        source,
        picking,
        opened,
        connect: Callback::new(move |next: ViewState| {
            let same_run = view.with_untracked(|v| {
                (v.project, v.job, v.api.clone()) == (next.project, next.job, next.api.clone())
            });
            if !same_run {
                store.clear();
            }
            view.set(next);
        }),
        open_recent: Callback::new(move |run: RecentRun| {
            store.clear();
            opened.set(None);
            view.update(|v| *v = run.view_from(v));
        }),
        open_run: Callback::new(move |(job, name): (u64, Option<String>)| {
            let next = view.with_untracked(|v| v.with_job(job));
            if let Some(project) = next.project {
                recent.record(RecentRun {
                    project,
                    job,
                    api: next.api.clone(),
                    name,
                    opened_ms: js_sys::Date::now(),
                });
            }
            store.clear();
            opened.set(None);
            open_view(view, next);
        }),
        compare: Callback::new(move |job| {
            open_view(view, view.with_untracked(|v| v.with_compared(job)))
        }),
        close_snapshot: Callback::new(move |_| {
            store.clear();
            opened.set(None);
            compared.follow_url();
        }),
    };
    provide_context(navigation);
    navigation
}

/// The page's [`Navigation`].
pub fn use_navigation() -> Navigation {
    expect_context::<Navigation>()
}

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
