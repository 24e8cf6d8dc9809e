//! What every chart reads besides its own data, provided once by the analysis panel.

use crate::charts::color::ColorBy;
use crate::charts::tradeoff::{describe, selection_id};
use crate::derive::list_view::Lens;
use crate::model::{Config, Run, Trial};
use crate::state::run_store::{RunStore, Snapshot};
use crate::view_state::ViewState;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Shared chart inputs. All fields are `Copy` handles.
#[derive(Clone, Copy)]
pub struct ChartContext {
    pub view: RwSignal<ViewState>,
    /// The shared clock (ms since the epoch).
    pub now: Signal<f64>,
    /// The snapshot the charts draw (see [`charts_snapshot`]).
    pub snapshot: Memo<Option<Snapshot>>,
    /// Precision, dataset and budget, as the cards use them.
    pub lens: Memo<Lens>,
    /// `color` from the URL.
    pub color: Memo<ColorBy>,
    /// The selected trial (`trial` in the URL).
    pub selected: Memo<Option<String>>,
    /// Selection id → position in the snapshot's trials, for tooltips.
    pub by_id: Memo<Arc<HashMap<String, usize>>>,
}

impl ChartContext {
    pub fn new(view: RwSignal<ViewState>, now: Signal<f64>, store: RunStore) -> Self {
        let snapshot = charts_snapshot(store);
        let lens = Memo::new(move |_| {
            view.with(|v| {
                snapshot.with(|s| match s {
                    Some(s) => Lens::new(v, &s.run.config),
                    None => Lens::new(v, &Config::default()),
                })
            })
        });
        let by_id = Memo::new(move |_| {
            snapshot.with(|s| {
                let mut map = HashMap::new();
                for (i, v) in s.iter().flat_map(|s| s.trials.iter()).enumerate() {
                    // The first of duplicate ids wins, as `trial=` selects the first card.
                    map.entry(selection_id(&v.trial)).or_insert(i);
                }
                Arc::new(map)
            })
        });
        ChartContext {
            view,
            now,
            snapshot,
            lens,
            color: Memo::new(move |_| view.with(|v| ColorBy::parse(v.color.as_deref()))),
            selected: Memo::new(move |_| view.with(|v| v.trial.clone())),
            by_id,
        }
    }

    /// Runs `f` over the run and its trials (tracked); `None` before the first snapshot.
    pub fn with_trials<R>(&self, f: impl FnOnce(&Run, &[&Trial]) -> R) -> Option<R> {
        self.snapshot.with(|s| {
            s.as_ref().map(|s| {
                let trials: Vec<&Trial> = s.trials.iter().map(|v| v.trial.as_ref()).collect();
                f(&s.run, &trials)
            })
        })
    }

    /// Tooltip lines for the trial with this selection id (untracked: called on hover).
    pub fn describe(&self, id: &str) -> Vec<String> {
        let lens = self.lens.get_untracked();
        let Some(i) = self.by_id.with_untracked(|m| m.get(id).copied()) else {
            return vec![id.to_owned()];
        };
        self.snapshot.with_untracked(|s| {
            s.as_ref()
                .and_then(|s| s.trials.get(i))
                .map_or_else(|| vec![id.to_owned()], |v| describe(&v.trial, &lens))
        })
    }

    /// The trial's name for lists and tables (untracked).
    pub fn name(&self, id: &str) -> String {
        let Some(i) = self.by_id.with_untracked(|m| m.get(id).copied()) else {
            return id.to_owned();
        };
        self.snapshot.with_untracked(|s| {
            s.as_ref()
                .and_then(|s| s.trials.get(i))
                .map_or_else(|| id.to_owned(), |v| v.trial.display_name())
        })
    }
}

/// Runs larger than this draw their charts one painted frame after the cards.
const DEFER_CHARTS_ABOVE: usize = 2_500;

/// The snapshot for the charts. Small runs: the store's, at once. Large runs: the store's
/// one painted frame later, so a poll's header, counts and cards reach the screen before the
/// charts are recomputed (with 10,000 trials the charts alone would hold the main thread for
/// a noticeable moment).
fn charts_snapshot(store: RunStore) -> Memo<Option<Snapshot>> {
    let large = |s: &Option<Snapshot>| {
        s.as_ref()
            .is_some_and(|s| s.trials.len() > DEFER_CHARTS_ABOVE)
    };
    let deferred = RwSignal::new(None::<Snapshot>);
    Effect::new(move |_| {
        if store.snapshot.with(large) {
            // A task queued from the next animation frame runs after that frame is painted.
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        // The latest snapshot (a newer one may have arrived meanwhile).
                        if let Some(s) = store.snapshot.try_get_untracked() {
                            deferred.try_set(s);
                        }
                    },
                    std::time::Duration::ZERO,
                )
            });
        }
    });
    Memo::new(move |_| {
        if store.snapshot.with(large) {
            deferred.get()
        } else {
            store.snapshot.get()
        }
    })
}
