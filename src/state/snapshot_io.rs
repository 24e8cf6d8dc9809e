//! Snapshot files and CSV, in and out: "Open snapshot" (and a dropped file), "Download
//! snapshot" and "Export CSV". A comparison travels whole: its snapshot holds every compared
//! state and its CSV every compared run's trials, with a `run` column.
//!
//! The download is assembled in the browser from text parts and the response bytes it already
//! holds ([`crate::model::snapshot_file::comparison_parts`]): a 50 MB state never passes
//! through wasm memory.

use crate::api::files;
use crate::derive::csv_export::{runs_csv, trials_csv};
use crate::derive::run_compare::{basis, compare_row};
use crate::model::snapshot_file::{comparison_parts, open_snapshot, state_skip};
use crate::model::time::format_rfc3339_ms;
use crate::model::{Config, LoadError, Trial};
use crate::state::compare::ComparedRuns;
use crate::state::run_store::RunStore;
use crate::view_state::{parse_pairs, ViewState};
use leptos::prelude::*;

/// What the page's file buttons do, and why the last save failed (until one succeeds).
#[derive(Clone, Copy)]
pub struct SnapshotIo {
    /// Opens a snapshot file (or a bare state response).
    pub open: Callback<web_sys::File>,
    /// Saves the shown state(s) and view as a snapshot file.
    pub download: Callback<()>,
    /// Saves the shown trials as CSV.
    pub export_csv: Callback<()>,
    /// Why the last snapshot or CSV download failed, until one succeeds.
    pub problem: RwSignal<Option<String>>,
}

/// The file handlers of the page. `opened` is set to the file's `takenAt` when a snapshot is
/// opened (the page shows it instead of a live run).
pub fn use_snapshot_io(
    view: RwSignal<ViewState>,
    store: RunStore,
    compared: ComparedRuns,
    opened: RwSignal<Option<Option<String>>>,
) -> SnapshotIo {
    let problem = RwSignal::new(None::<String>);
    let open = Callback::new(move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            let opened_file = match files::read_text(&file).await {
                Ok(text) => open_snapshot(&text),
                Err(reason) => Err(LoadError::bad_response(reason)),
            };
            let now = js_sys::Date::now();
            match opened_file {
                Ok(snapshot) => {
                    // Show it with its own view settings, but keep which run the URL names
                    // (the file's compared runs come with it whatever the URL says).
                    let mut next = ViewState::from_pairs(snapshot.view.iter().cloned());
                    view.with_untracked(|v| next.keep_run_of(v));
                    let runs = snapshot
                        .compared
                        .into_iter()
                        .map(|c| {
                            let run = compared.new_run(c.job);
                            match c.run {
                                Ok(state) => run.store.apply_text(state, Some(c.state_text), now),
                                Err(error) => run.store.fail(error, now),
                            }
                            run
                        })
                        .collect();
                    opened.set(Some(snapshot.taken_at));
                    store.clear();
                    compared.show_file(runs);
                    view.set(next);
                    store.apply_text(snapshot.run, Some(snapshot.state_text), now);
                }
                Err(error) => store.fail(error, now),
            }
        });
    });

    let download = Callback::new(move |_| {
        let taken_at = format_rfc3339_ms(js_sys::Date::now() as i64);
        let pairs = view.with_untracked(|v| parse_pairs(&v.to_query()));
        let name = view.with_untracked(|v| match (v.project, v.job) {
            (Some(p), Some(j)) if !v.is_demo() => format!("tunerscope-{p}-{j}-{}", &taken_at[..19]),
            _ => format!("tunerscope-demo-{}", &taken_at[..19]),
        });
        // The compared runs whose answer is kept (one that never loaded has nothing to save).
        let others: Vec<(u64, js_sys::Uint8Array)> = compared.runs.with_untracked(|runs| {
            runs.iter()
                .filter_map(|r| Some((r.job, r.store.state_text.get_value()?)))
                .collect()
        });
        let saved = match store.state_text.get_value() {
            Some(bytes) => {
                let jobs: Vec<u64> = others.iter().map(|(job, _)| *job).collect();
                let texts = comparison_parts(&pairs, &taken_at, &jobs);
                let parts = js_sys::Array::new();
                let states = std::iter::once(&bytes).chain(others.iter().map(|(_, b)| b));
                for (text, state) in texts.iter().zip(states) {
                    parts.push(&text.into());
                    parts.push(&without_bom(state));
                }
                if let Some(last) = texts.last() {
                    parts.push(&last.into());
                }
                files::download_parts(
                    &files::safe_file_name(&name, "json"),
                    "application/json",
                    &parts,
                )
                .map_err(|e| e.to_string())
            }
            None => Err("the answer it was made from is no longer kept".to_owned()),
        };
        problem.set(
            saved
                .err()
                .map(|e| format!("Could not save the snapshot: {e}.")),
        );
    });

    let export_csv = Callback::new(move |_| {
        let csv = if compared.runs.with_untracked(|r| r.is_empty()) {
            store.snapshot.with_untracked(|s| {
                let s = s.as_ref()?;
                let lens = view.with_untracked(|v| v.lens(&s.run.config));
                Some(trials_csv(
                    s.trials.iter().map(|v| v.trial.as_ref()),
                    lens.budget,
                    lens.precision,
                ))
            })
        } else {
            comparison_csv(view, store, compared)
        };
        let saved = match csv {
            Some(csv) => files::download("tunerscope-trials.csv", "text/csv", &csv)
                .map_err(|e| e.to_string()),
            None => Err("there is no run to export".to_owned()),
        };
        problem.set(
            saved
                .err()
                .map(|e| format!("Could not export the CSV: {e}.")),
        );
    });

    SnapshotIo {
        open,
        download,
        export_csv,
        problem,
    }
}

/// Every compared run's trials (run A first), each judged as its row in the table is.
fn comparison_csv(
    view: RwSignal<ViewState>,
    store: RunStore,
    compared: ComparedRuns,
) -> Option<String> {
    let base_job = view.with_untracked(|v| v.job).unwrap_or_default();
    let mut stores = vec![(base_job, store)];
    compared
        .runs
        .with_untracked(|runs| stores.extend(runs.iter().map(|r| (r.job, r.store))));
    let snapshots: Vec<(u64, crate::state::run_store::Snapshot)> = stores
        .iter()
        .filter_map(|(job, s)| Some((*job, s.snapshot.get_untracked()?)))
        .collect();
    if !snapshots.iter().any(|(job, _)| *job == base_job) {
        return None;
    }
    let configs: Vec<(u64, &Config)> = snapshots
        .iter()
        .map(|(job, s)| (*job, &s.run.config))
        .collect();
    let (common, what_if, precision, dataset) = view.with_untracked(|v| {
        (
            v.common,
            v.budget,
            v.precision,
            v.dataset.unwrap_or_default(),
        )
    });
    let judged_by = basis(common, &configs, what_if);
    let runs: Vec<_> = snapshots
        .iter()
        .map(|(job, s)| {
            let trials: Vec<&Trial> = s.trials.iter().map(|v| v.trial.as_ref()).collect();
            let row = compare_row(*job, &s.run, &trials, precision, dataset, judged_by);
            (*job, trials, row.budget, row.precision)
        })
        .collect();
    Some(runs_csv(&runs))
}

/// The state's bytes without a leading byte order mark (invalid in the middle of a file).
fn without_bom(bytes: &js_sys::Uint8Array) -> js_sys::Uint8Array {
    let head = bytes.subarray(0, bytes.length().min(3)).to_vec();
    bytes.subarray(state_skip(&head) as u32, bytes.length())
}
