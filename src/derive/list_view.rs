//! The trial list as the view state asks for it: which precision, dataset and budget apply
//! (the URL's choice, else the run's own), every trial evaluated once, the best fit, and the
//! shown trials in order. The page builds it in steps that each redo only what changed
//! (`state::list`: evaluation per trial version, order per sort, shown per filter); tests call
//! [`list_view`] directly, or `ViewState::list_view` with the URL's choices.

use super::filter::{filtered, TrialFilter};
use super::order::{best_fit, evaluate, sorted_indices, Evaluated};
use crate::model::{Config, Trial};
use crate::vocab::{Budget, Dataset, Direction, Precision, SortKey};
use std::borrow::Borrow;
use std::sync::Arc;

/// What every card is measured by.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lens {
    pub precision: Precision,
    pub dataset: Dataset,
    /// The run's target with the what-if override applied.
    pub budget: Budget,
    /// The run's own target, to show what an override replaces.
    pub run_budget: Budget,
}

impl Lens {
    /// Precision: the chosen one, else the run's `optimizationPrecision`, else int8. Dataset:
    /// the chosen one, else validation. Budget: the run's target overridden field by field by
    /// `what_if`. (`ViewState::lens` passes the URL's choices.)
    pub fn new(
        config: &Config,
        precision: Option<Precision>,
        dataset: Option<Dataset>,
        what_if: Budget,
    ) -> Self {
        let run_budget = Budget::of_config(config);
        Lens {
            precision: precision
                .or_else(|| {
                    config
                        .optimization_precision
                        .as_deref()
                        .and_then(Precision::parse)
                })
                .unwrap_or_default(),
            dataset: dataset.unwrap_or_default(),
            budget: run_budget.overridden_by(what_if),
            run_budget,
        }
    }

    /// Whether a what-if budget changes anything.
    pub fn is_what_if(&self) -> bool {
        self.budget != self.run_budget
    }
}

/// The evaluated list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListView {
    /// One per trial, in response order (shared: the page's evaluation of the snapshot).
    pub evals: Arc<[Evaluated]>,
    /// Indices of the shown trials, in display order.
    pub shown: Vec<usize>,
    /// The best trial that fits, among all trials (filters don't change which one it is).
    pub best: Option<usize>,
}

/// Evaluates, orders and filters `trials` for `lens`, the sort and the filters.
pub fn list_view<T: Borrow<Trial>>(
    trials: &[T],
    lens: &Lens,
    sort: Option<SortKey>,
    dir: Option<Direction>,
    filter: &TrialFilter,
) -> ListView {
    let evals: Arc<[Evaluated]> = trials
        .iter()
        .map(|t| evaluate(t.borrow(), lens.dataset, lens.precision, lens.budget))
        .collect();
    let best = best_fit(trials, &evals);
    let order = sorted_indices(trials, &evals, sort, dir);
    shown_list(trials, evals, best, order, filter)
}

/// The list from trials already evaluated (`evals`, `best`) and ordered (`order`, from
/// [`sorted_indices`]): only the filters are applied here.
pub fn shown_list<T: Borrow<Trial>>(
    trials: &[T],
    evals: Arc<[Evaluated]>,
    best: Option<usize>,
    order: Vec<usize>,
    filter: &TrialFilter,
) -> ListView {
    let shown = filtered(order, trials, &evals, filter);
    ListView { evals, shown, best }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Device;

    #[test]
    fn lens_defaults_to_the_run_and_applies_overrides_per_field() {
        let config = Config {
            optimization_precision: Some("float32".into()),
            target_latency_ms: Some(200.0),
            device: Some(Device {
                ram: Some(131072.0),
                rom: Some(0.0),
                name: None,
            }),
            ..Default::default()
        };
        let lens = Lens::new(&config, None, None, Budget::default());
        assert_eq!(
            (lens.precision, lens.dataset),
            (Precision::Float32, Dataset::Validation)
        );
        assert_eq!(
            lens.budget,
            Budget {
                latency_ms: Some(200.0),
                ram: Some(131072.0),
                rom: None
            }
        );
        assert!(!lens.is_what_if());
        let what_if = Budget {
            ram: Some(40960.0),
            rom: Some(65536.0),
            ..Budget::default()
        };
        let lens = Lens::new(&config, Some(Precision::Int8), Some(Dataset::Test), what_if);
        assert_eq!(
            (lens.precision, lens.dataset),
            (Precision::Int8, Dataset::Test)
        );
        assert_eq!(
            lens.budget,
            Budget {
                latency_ms: Some(200.0),
                ram: Some(40960.0),
                rom: Some(65536.0)
            }
        );
        assert!(lens.is_what_if());
        let bare = Lens::new(&Config::default(), None, None, Budget::default());
        assert_eq!(
            (bare.precision, bare.budget),
            (Precision::Int8, Budget::default())
        );
    }
}
