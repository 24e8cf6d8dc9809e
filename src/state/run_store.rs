//! Snapshot → signals. Each new snapshot is diffed against the previous one by trial key
//! ([`crate::derive::diff`]), so unchanged trials keep their `Arc` and their DOM.
//! A failed load keeps the last good snapshot and only sets the error.

use crate::derive::diff::{carry_forward, carry_forward_read, DiffCounts, Versioned};
use crate::model::convert::ReadTrial;
use crate::model::{LoadError, Run};
use leptos::prelude::*;
use std::sync::Arc;

/// One received state: the run (its `trials` moved into `trials`), versioned trials.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub run: Arc<Run>,
    pub trials: Arc<Vec<Versioned>>,
    /// Counts snapshots applied (1, 2, …); a trial's version is the seq it last changed in.
    pub seq: u64,
    /// What this snapshot changed against the previous one.
    pub diff: DiffCounts,
}

/// Snapshots are immutable once applied: the same `seq` and run is the same snapshot.
impl PartialEq for Snapshot {
    fn eq(&self, other: &Self) -> bool {
        self.seq == other.seq && Arc::ptr_eq(&self.run, &other.run)
    }
}

/// The page's data: the last good snapshot and the state of the latest request.
#[derive(Clone, Copy)]
pub struct RunStore {
    pub snapshot: RwSignal<Option<Snapshot>>,
    pub error: RwSignal<Option<LoadError>>,
    pub loading: RwSignal<bool>,
    /// When the data shown was last confirmed (ms since epoch).
    pub last_ok_ms: RwSignal<Option<f64>>,
    /// When the latest failed attempt happened; cleared by a success.
    pub last_fail_ms: RwSignal<Option<f64>>,
    /// The latest good response text, as received (for "Download snapshot").
    /// Kept in the browser's heap, not in wasm memory (see [`crate::api::client::Fetched`]).
    pub state_text: StoredValue<Option<js_sys::Uint8Array>, LocalStorage>,
}

impl RunStore {
    pub fn new() -> Self {
        RunStore {
            snapshot: RwSignal::new(None),
            error: RwSignal::new(None),
            loading: RwSignal::new(false),
            last_ok_ms: RwSignal::new(None),
            last_fail_ms: RwSignal::new(None),
            state_text: StoredValue::new_local(None),
        }
    }

    /// Applies a good response and keeps its text. Uses `try_*` because loads may finish
    /// after the page moved on.
    pub fn apply_text(&self, run: Run, text: Option<String>, now_ms: f64) {
        self.state_text
            .try_set_value(text.map(|t| js_sys::Uint8Array::from(t.as_bytes())));
        self.apply(run, now_ms);
    }

    /// Applies a good response.
    pub fn apply(&self, mut run: Run, now_ms: f64) {
        let trials = std::mem::take(&mut run.trials);
        self.apply_with(run, now_ms, |previous, seq| {
            carry_forward(previous, trials, seq)
        });
    }

    /// Applies a response read by the reusing parser (`run` without trials, then `trials`),
    /// and keeps its text.
    pub fn apply_read(
        &self,
        run: Run,
        trials: Vec<ReadTrial>,
        text: Option<js_sys::Uint8Array>,
        now_ms: f64,
    ) {
        self.state_text.try_set_value(text);
        self.apply_with(run, now_ms, |previous, seq| {
            carry_forward_read(previous, trials, seq)
        });
    }

    fn apply_with(
        &self,
        run: Run,
        now_ms: f64,
        carry: impl FnOnce(&[Versioned], u64) -> (Vec<Versioned>, DiffCounts),
    ) {
        let previous = self.snapshot.try_with_untracked(|s| s.clone()).flatten();
        let seq = previous.as_ref().map_or(1, |s| s.seq + 1);
        let (carried, diff) = carry(previous.as_ref().map_or(&[], |s| s.trials.as_slice()), seq);
        drop(previous);
        self.snapshot.try_set(Some(Snapshot {
            run: Arc::new(run),
            trials: Arc::new(carried),
            seq,
            diff,
        }));
        self.error.try_set(None);
        self.last_fail_ms.try_set(None);
        self.last_ok_ms.try_set(Some(now_ms));
    }

    /// Records a failure; the last good snapshot stays visible.
    pub fn fail(&self, error: LoadError, now_ms: f64) {
        self.error.try_set(Some(error));
        self.last_fail_ms.try_set(Some(now_ms));
    }

    /// Whether the data shown is older than the latest failed attempt.
    pub fn is_stale(&self) -> bool {
        self.last_fail_ms.with(Option::is_some) && self.snapshot.with(Option::is_some)
    }

    /// Forgets everything (a different run was chosen).
    pub fn clear(&self) {
        self.snapshot.try_set(None);
        self.error.try_set(None);
        self.last_ok_ms.try_set(None);
        self.last_fail_ms.try_set(None);
        self.state_text.try_set_value(None);
    }
}

impl Default for RunStore {
    fn default() -> Self {
        Self::new()
    }
}
