//! One evaluation per trial version: [`EvalCache`] keeps every trial's [`Evaluated`] (figures,
//! verdict, accuracy under the lens) from one snapshot to the next, so a poll evaluates only
//! the trials it changed or added. A lens change (precision, dataset, budget) is recognised by
//! its [`LensId`], a counter bumped whenever the lens differs from the one before, and
//! re-evaluates every trial. Pure; the page keeps one cache (`state::list`).

use super::diff::Versioned;
use super::list_view::Lens;
use super::order::{evaluate, Evaluated};
use crate::model::Trial;
use std::collections::HashMap;
use std::sync::Arc;

/// Every trial evaluated under `lens`, in order (without a cache: tests and one-off uses).
pub fn evaluate_each(trials: &[&Trial], lens: &Lens) -> Vec<Evaluated> {
    trials
        .iter()
        .map(|t| evaluate(t, lens.dataset, lens.precision, lens.budget))
        .collect()
}

/// A lens and the number that identifies it: equal numbers mean the same lens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LensId {
    pub id: u64,
    pub lens: Lens,
}

impl LensId {
    /// `lens` numbered after `previous`: the same number when it is the same lens, else the
    /// next one (the first lens is 1).
    pub fn next(previous: Option<&LensId>, lens: Lens) -> LensId {
        match previous {
            Some(p) if p.lens == lens => *p,
            Some(p) => LensId { id: p.id + 1, lens },
            None => LensId { id: 1, lens },
        }
    }
}

/// A trial as last evaluated: the very `Arc` and version evaluated (an unchanged trial keeps
/// both from snapshot to snapshot, see [`super::diff::carry_forward`]).
#[derive(Clone, Debug)]
struct Entry {
    trial: Arc<Trial>,
    version: u64,
    eval: Evaluated,
}

impl Entry {
    fn is(&self, v: &Versioned) -> bool {
        self.version == v.version && Arc::ptr_eq(&self.trial, &v.trial)
    }
}

/// The last snapshot's evaluations, in its order, for the lens numbered `lens_id`.
#[derive(Debug, Default)]
pub struct EvalCache {
    lens_id: Option<u64>,
    entries: Vec<Entry>,
    evaluations: u64,
}

impl EvalCache {
    /// Every trial of `trials` evaluated under `lens`, in the same order. A trial seen by the
    /// previous call (same `Arc`, same version) under the same lens number is not evaluated
    /// again; the cache then holds exactly `trials`.
    pub fn evaluate_all(&mut self, trials: &[Versioned], lens: &LensId) -> Vec<Evaluated> {
        if self.lens_id != Some(lens.id) {
            self.entries.clear();
            self.lens_id = Some(lens.id);
        }
        let old = std::mem::take(&mut self.entries);
        // Trials mostly stay where they were; the map by key is built only when one moved.
        let mut by_key: Option<HashMap<&str, usize>> = None;
        let mut evaluations = 0;
        let entries: Vec<Entry> = trials
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let same_place = old.get(i).filter(|e| e.is(v));
                let found = same_place.or_else(|| {
                    let map = by_key.get_or_insert_with(|| {
                        old.iter()
                            .enumerate()
                            .map(|(j, e)| (e.trial.key.as_str(), j))
                            .collect()
                    });
                    map.get(v.trial.key.as_str())
                        .map(|&j| &old[j])
                        .filter(|e| e.is(v))
                });
                match found {
                    Some(e) => e.clone(),
                    None => {
                        evaluations += 1;
                        let l = &lens.lens;
                        Entry {
                            trial: v.trial.clone(),
                            version: v.version,
                            eval: evaluate(&v.trial, l.dataset, l.precision, l.budget),
                        }
                    }
                }
            })
            .collect();
        self.evaluations += evaluations;
        let evals = entries.iter().map(|e| e.eval).collect();
        self.entries = entries;
        evals
    }

    /// How many trial evaluations this cache has run in all (what the cache saves is visible
    /// here: an unchanged poll adds nothing).
    pub fn evaluations(&self) -> u64 {
        self.evaluations
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::budget::Fit;
    use crate::derive::diff::carry_forward;
    use crate::model::{
        Accuracies, DevicePerformance, ImpulseBlock, PrecisionPair, PrecisionPerformance, Reading,
        TrialStatus,
    };
    use crate::vocab::{Budget, Dataset, Precision};

    /// A completed trial with int8 latency `latency_ms` and validation accuracy `accuracy`.
    fn trial(key: &str, latency_ms: f64, accuracy: f64) -> Trial {
        Trial {
            id: key.into(),
            key: key.into(),
            status: Some(TrialStatus::Completed),
            learn: vec![ImpulseBlock {
                accuracy: Accuracies {
                    validation: PrecisionPair {
                        int8: Some(accuracy),
                        float32: None,
                    },
                    ..Default::default()
                },
                ..Default::default()
            }],
            device: DevicePerformance {
                int8: Some(PrecisionPerformance {
                    latency_ms: Reading::of(latency_ms),
                    ..Default::default()
                }),
                float32: None,
            },
            ..Default::default()
        }
    }

    fn lens(latency_ms: Option<f64>) -> Lens {
        let budget = Budget {
            latency_ms,
            ram: None,
            rom: None,
        };
        Lens {
            precision: Precision::Int8,
            dataset: Dataset::Validation,
            budget,
            run_budget: budget,
        }
    }

    #[test]
    fn lens_number_changes_only_with_the_lens() {
        let a = LensId::next(None, lens(Some(10.0)));
        let same = LensId::next(Some(&a), lens(Some(10.0)));
        let other = LensId::next(Some(&same), lens(Some(20.0)));
        let back = LensId::next(Some(&other), lens(Some(10.0)));
        assert_eq!(a.id, same.id);
        assert_ne!(other.id, same.id);
        assert_ne!(back.id, other.id);
        // Back to an earlier lens is still a change: the cache must not reuse the other's.
        assert_ne!(back.id, a.id);
    }

    #[test]
    fn an_unchanged_poll_evaluates_nothing_and_a_changed_trial_only_itself() {
        let first: Vec<Trial> = (0..5).map(|i| trial(&format!("t{i}"), 5.0, 0.8)).collect();
        let (snap1, _) = carry_forward(&[], first.clone(), 1);
        let l = LensId::next(None, lens(Some(10.0)));
        let mut cache = EvalCache::default();
        let evals = cache.evaluate_all(&snap1, &l);
        assert_eq!(cache.evaluations(), 5);
        assert!(evals.iter().all(|e| e.fit() == Fit::Fits));

        // The same trials again: nothing is evaluated, the answers stay.
        let (snap2, _) = carry_forward(&snap1, first.clone(), 2);
        assert_eq!(cache.evaluate_all(&snap2, &l), evals);
        assert_eq!(cache.evaluations(), 5);

        // One trial got slower than the budget: only it is evaluated, and its verdict moves.
        let mut next = first.clone();
        next[3] = trial("t3", 50.0, 0.8);
        let (snap3, _) = carry_forward(&snap2, next, 3);
        let evals = cache.evaluate_all(&snap3, &l);
        assert_eq!(cache.evaluations(), 6);
        let fits: Vec<Fit> = evals.iter().map(Evaluated::fit).collect();
        assert_eq!(
            fits,
            [Fit::Fits, Fit::Fits, Fit::Fits, Fit::Over, Fit::Fits]
        );
    }

    #[test]
    fn a_lens_change_re_evaluates_every_trial() {
        let trials: Vec<Trial> = (0..4).map(|i| trial(&format!("t{i}"), 5.0, 0.8)).collect();
        let (snap, _) = carry_forward(&[], trials, 1);
        let roomy = LensId::next(None, lens(Some(10.0)));
        let mut cache = EvalCache::default();
        cache.evaluate_all(&snap, &roomy);
        let tight = LensId::next(Some(&roomy), lens(Some(1.0)));
        let evals = cache.evaluate_all(&snap, &tight);
        assert_eq!(cache.evaluations(), 8);
        assert!(evals.iter().all(|e| e.fit() == Fit::Over));
    }

    #[test]
    fn reordered_new_and_gone_trials_keep_their_own_evaluation() {
        let trials: Vec<Trial> = ["a", "b", "c"].iter().map(|k| trial(k, 5.0, 0.8)).collect();
        let (snap1, _) = carry_forward(&[], trials.clone(), 1);
        let l = LensId::next(None, lens(Some(10.0)));
        let mut cache = EvalCache::default();
        cache.evaluate_all(&snap1, &l);
        // "b" is gone, "c" moved to the front, "d" (slow) is new.
        let next = vec![trials[2].clone(), trials[0].clone(), trial("d", 50.0, 0.7)];
        let (snap2, _) = carry_forward(&snap1, next, 2);
        let evals = cache.evaluate_all(&snap2, &l);
        assert_eq!(cache.evaluations(), 4);
        let fits: Vec<Fit> = evals.iter().map(Evaluated::fit).collect();
        assert_eq!(fits, [Fit::Fits, Fit::Fits, Fit::Over]);
        assert_eq!(evals[2].accuracy, Some(0.7));
    }

    #[test]
    fn a_new_run_with_the_same_keys_and_versions_is_evaluated_afresh() {
        let l = LensId::next(None, lens(Some(10.0)));
        let mut cache = EvalCache::default();
        let (fast, _) = carry_forward(&[], vec![trial("t0", 5.0, 0.8)], 1);
        cache.evaluate_all(&fast, &l);
        // The store was cleared: the next run starts at seq 1 again, with the same key.
        let (slow, _) = carry_forward(&[], vec![trial("t0", 50.0, 0.8)], 1);
        assert_eq!(cache.evaluate_all(&slow, &l)[0].fit(), Fit::Over);
    }
}
