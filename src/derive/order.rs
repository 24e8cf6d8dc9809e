//! Trial order: the default (fits → unknown → over, then accuracy) and the sort keys of
//! `CONTRACT.md`. Trials without the sorted value always go last, in either direction.

use super::budget::{accuracy, assess, figures, Assessment, Fit};
use crate::model::{Trial, TrialStatus};
use crate::vocab::{Budget, Dataset, Direction, Precision, SortKey};
use std::borrow::Borrow;
use std::cmp::Ordering;

/// What one trial looks like under the current view choices; computed once per snapshot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evaluated {
    pub accuracy: Option<f64>,
    pub assessment: Assessment,
}

impl Evaluated {
    pub fn fit(&self) -> Fit {
        self.assessment.fit
    }
}

pub fn evaluate(
    trial: &Trial,
    dataset: Dataset,
    precision: Precision,
    budget: Budget,
) -> Evaluated {
    Evaluated {
        accuracy: accuracy(trial, dataset, precision),
        assessment: assess(figures(trial, precision), budget),
    }
}

/// Lifecycle position for sorting by status; unknown statuses last.
fn status_rank(status: Option<&TrialStatus>) -> u8 {
    match status {
        Some(TrialStatus::Running) => 0,
        Some(TrialStatus::Pending) => 1,
        Some(TrialStatus::Completed) => 2,
        Some(TrialStatus::Failed) => 3,
        _ => 4,
    }
}

/// Compares optional values with `None` last regardless of `dir`.
fn cmp_opt<T: PartialOrd>(a: Option<T>, b: Option<T>, dir: Direction) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => {
            let o = a.partial_cmp(&b).unwrap_or(Ordering::Equal);
            if dir == Direction::Desc {
                o.reverse()
            } else {
                o
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Name, then id: the final tie-break everywhere.
fn cmp_name(a: &Trial, b: &Trial) -> Ordering {
    // Borrowed: this runs for every comparison of a sort of thousands of trials.
    fn name(t: &Trial) -> &str {
        t.name.as_deref().unwrap_or_default()
    }
    name(a)
        .cmp(name(b))
        .then_with(|| a.id.cmp(&b.id))
        .then_with(|| a.index.cmp(&b.index))
}

/// The contract's default order.
pub fn default_cmp(a: (&Trial, &Evaluated), b: (&Trial, &Evaluated)) -> Ordering {
    a.1.fit()
        .rank()
        .cmp(&b.1.fit().rank())
        .then_with(|| cmp_opt(a.1.accuracy, b.1.accuracy, Direction::Desc))
        .then_with(|| cmp_name(a.0, b.0))
}

/// Indices of `trials` in display order. `key: None` is the default order.
pub fn sorted_indices<T: Borrow<Trial>>(
    trials: &[T],
    evals: &[Evaluated],
    key: Option<SortKey>,
    dir: Option<Direction>,
) -> Vec<usize> {
    sorted_from(trials, evals, key, dir, None)
}

/// [`sorted_indices`] starting from `previous` (the order of the snapshot before): after a
/// poll that changed a few trials it is nearly sorted already, and the sort (which finds
/// runs already in order) does a fraction of the comparisons. Every order here is total
/// (ties end on the trial's position), so the result is the same from any start.
pub fn resorted<T: Borrow<Trial>>(
    previous: &[usize],
    trials: &[T],
    evals: &[Evaluated],
    key: Option<SortKey>,
    dir: Option<Direction>,
) -> Vec<usize> {
    sorted_from(trials, evals, key, dir, Some(previous))
}

fn sorted_from<T: Borrow<Trial>>(
    trials: &[T],
    evals: &[Evaluated],
    key: Option<SortKey>,
    dir: Option<Direction>,
    start: Option<&[usize]>,
) -> Vec<usize> {
    let trials: Vec<&Trial> = trials.iter().map(Borrow::borrow).collect();
    let n = trials.len().min(evals.len());
    let mut idx: Vec<usize> = match start {
        // The previous order without trials that are gone, then the new ones.
        Some(previous) => {
            let mut seen = vec![false; n];
            let mut idx: Vec<usize> = previous
                .iter()
                .copied()
                .filter(|&i| i < n && !std::mem::replace(&mut seen[i], true))
                .collect();
            idx.extend((0..n).filter(|&i| !seen[i]));
            idx
        }
        None => (0..n).collect(),
    };
    let Some(key) = key else {
        sort_indices(&mut idx, &|a, b| {
            default_cmp((trials[a], &evals[a]), (trials[b], &evals[b]))
        });
        return idx;
    };
    let dir = dir.unwrap_or(key.natural_direction());
    sort_indices(&mut idx, &|ia, ib| {
        let (a, b) = (trials[ia], trials[ib]);
        let (ea, eb) = (&evals[ia], &evals[ib]);
        let primary = match key {
            SortKey::Accuracy => cmp_opt(ea.accuracy, eb.accuracy, dir),
            SortKey::Latency => cmp_opt(
                ea.assessment.figures.latency_ms,
                eb.assessment.figures.latency_ms,
                dir,
            ),
            SortKey::Ram => cmp_opt(ea.assessment.figures.ram, eb.assessment.figures.ram, dir),
            SortKey::Rom => cmp_opt(ea.assessment.figures.rom, eb.assessment.figures.rom, dir),
            SortKey::Name => {
                let o = cmp_name(a, b);
                if dir == Direction::Desc {
                    o.reverse()
                } else {
                    o
                }
            }
            SortKey::Status => cmp_opt(
                Some(status_rank(a.status.as_ref())),
                Some(status_rank(b.status.as_ref())),
                dir,
            ),
            SortKey::Order => cmp_opt(Some(a.index), Some(b.index), dir),
            SortKey::Finished => cmp_opt(
                a.last_completed_training_ms,
                b.last_completed_training_ms,
                dir,
            ),
        };
        primary.then_with(|| default_cmp((a, ea), (b, eb)))
    });
    idx
}

/// Sorts `idx` (positions in some list) by `cmp`, stably: the one sort of positions in the
/// app. Every `sort_by` with a closure of its own is its own copy of the sort in the wasm
/// (about 4 KB each); through a `dyn` comparison they share one.
#[inline(never)]
pub fn sort_indices(idx: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    idx.sort_by(|&a, &b| cmp(a, b));
}

/// Sorts `items` by `cmp`, stably, through [`sort_indices`]: for the short lists of charts,
/// menus and details, where a copy of the sort per call site cost more wasm than the sorting
/// ever costs time. (Per-trial and per-poll work keeps its own `sort`: this allocates.)
pub fn sort_items_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut idx, &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(idx.into_iter().filter_map(|i| slots[i].take()));
}

/// The most accurate trial that fits the budget, if any (`data-best-fit`).
pub fn best_fit<T: Borrow<Trial>>(trials: &[T], evals: &[Evaluated]) -> Option<usize> {
    (0..trials.len().min(evals.len()))
        .filter(|&i| evals[i].fit() == Fit::Fits && evals[i].accuracy.is_some())
        .min_by(|&a, &b| {
            default_cmp(
                (trials[a].borrow(), &evals[a]),
                (trials[b].borrow(), &evals[b]),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::budget::Usage;

    fn eval(fit: Fit, accuracy: Option<f64>, latency: Option<f64>) -> Evaluated {
        let figures = super::super::budget::Figures {
            latency_ms: latency,
            ..Default::default()
        };
        let u = Usage {
            value: None,
            limit: None,
        };
        Evaluated {
            accuracy,
            assessment: Assessment {
                figures,
                latency: u,
                ram: u,
                rom: u,
                fit,
            },
        }
    }

    fn trial(name: &str, index: usize) -> Trial {
        Trial {
            id: format!("id-{name}"),
            key: format!("id-{name}"),
            name: Some(name.into()),
            index,
            ..Default::default()
        }
    }

    #[test]
    fn default_order_is_fit_group_then_accuracy_then_name() {
        let trials: Vec<Trial> = [
            "over-best",
            "unknown",
            "fits-low",
            "fits-none",
            "fits-high",
            "fits-high-b",
        ]
        .iter()
        .enumerate()
        .map(|(i, n)| trial(n, i))
        .collect();
        let evals = vec![
            eval(Fit::Over, Some(0.99), None),
            eval(Fit::Unknown, Some(0.9), None),
            eval(Fit::Fits, Some(0.5), None),
            eval(Fit::Fits, None, None),
            eval(Fit::Fits, Some(0.8), None),
            eval(Fit::Fits, Some(0.8), None),
        ];
        let order: Vec<&str> = sorted_indices(&trials, &evals, None, None)
            .into_iter()
            .map(|i| trials[i].name.as_deref().unwrap())
            .collect();
        assert_eq!(
            order,
            [
                "fits-high",
                "fits-high-b",
                "fits-low",
                "fits-none",
                "unknown",
                "over-best"
            ]
        );
        assert_eq!(best_fit(&trials, &evals), Some(4));
    }

    #[test]
    fn missing_values_sort_last_in_both_directions() {
        let trials: Vec<Trial> = (0..3).map(|i| trial(&format!("t{i}"), i)).collect();
        let evals = vec![
            eval(Fit::Fits, None, Some(5.0)),
            eval(Fit::Fits, None, None),
            eval(Fit::Fits, None, Some(1.0)),
        ];
        assert_eq!(
            sorted_indices(
                &trials,
                &evals,
                Some(SortKey::Latency),
                Some(Direction::Asc)
            ),
            [2, 0, 1]
        );
        assert_eq!(
            sorted_indices(
                &trials,
                &evals,
                Some(SortKey::Latency),
                Some(Direction::Desc)
            ),
            [0, 2, 1]
        );
        assert_eq!(
            sorted_indices(&trials, &evals, Some(SortKey::Order), Some(Direction::Desc)),
            [2, 1, 0]
        );
    }

    #[test]
    fn no_best_fit_without_a_fitting_trial() {
        let trials = vec![trial("a", 0)];
        assert_eq!(best_fit(&trials, &[eval(Fit::Over, Some(0.9), None)]), None);
    }

    #[test]
    fn sort_keys_round_trip() {
        for k in SortKey::ALL {
            assert_eq!(SortKey::parse(k.as_str()), Some(k));
        }
        assert_eq!(SortKey::parse("bogus"), None);
    }

    #[test]
    fn resorting_from_any_previous_order_gives_the_same_order() {
        // Many ties (few names, accuracies, fits, statuses) so every tie-break is exercised.
        let mut seed = 7u64;
        let mut next = move |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let fits = [Fit::Fits, Fit::Over, Fit::Unknown];
        let statuses = [
            TrialStatus::Running,
            TrialStatus::Completed,
            TrialStatus::Failed,
        ];
        let n = 300;
        let mut trials = Vec::new();
        let mut evals = Vec::new();
        for index in 0..n {
            let mut t = trial(&format!("t{}", next(7)), index);
            t.status = Some(statuses[next(3) as usize].clone());
            t.last_completed_training_ms = (next(2) == 0).then(|| next(5) as i64);
            trials.push(t);
            let acc = (next(4) > 0).then(|| next(6) as f64 / 10.0);
            let lat = (next(4) > 0).then(|| next(5) as f64);
            evals.push(eval(fits[next(3) as usize], acc, lat));
        }
        let keys = std::iter::once(None).chain(SortKey::ALL.map(Some));
        for key in keys {
            for dir in [None, Some(Direction::Asc), Some(Direction::Desc)] {
                let sorted = sorted_indices(&trials, &evals, key, dir);
                let reversed: Vec<usize> = (0..n).rev().collect();
                // A previous order of a longer list (gone trials) with one trial missing (new).
                let mut stale: Vec<usize> = sorted.iter().map(|&i| i + 3).collect();
                stale.retain(|&i| i != 42);
                for previous in [&sorted, &reversed, &stale] {
                    assert_eq!(
                        resorted(previous, &trials, &evals, key, dir),
                        sorted,
                        "{key:?} {dir:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn items_sort_stably_through_positions() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_items_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        sort_items_by(&mut empty, u8::cmp);
        assert!(empty.is_empty());
    }
}
