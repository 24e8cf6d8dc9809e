//! The answer to "which model do I ship?" for one run, from the evaluated list: the best
//! fitting trial (the same one the cards mark `data-best-fit`), the fastest and the smallest
//! fitting trials with what they cost in accuracy against it, and how many trials fit, are
//! over or unknown. Pure, so the run view's summary and (later) a comparison table's rows are
//! the same numbers. The verdicts are [`super::order::evaluate`]'s; nothing is judged here.

use super::budget::{Assessment, Figure, Fit, Usage};
use super::format;
use super::order::{best_fit, default_cmp, Evaluated};
use crate::model::{Trial, TrialStatus};
use std::borrow::Borrow;
use std::cmp::Ordering;

/// One trial named by the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Pick {
    /// The trial's `id` as the card's `data-trial-id` shows it (may be empty).
    pub id: String,
    /// The `trial` URL value that opens its card: the id, else its list key (the rule of
    /// `crate::derive::selection::selection_id`).
    pub selection: String,
    pub name: String,
    pub accuracy: Option<f64>,
    pub assessment: Assessment,
}

impl Pick {
    fn of(trial: &Trial, eval: &Evaluated) -> Self {
        Pick {
            id: trial.id.clone(),
            selection: if trial.id.is_empty() {
                trial.key.clone()
            } else {
                trial.id.clone()
            },
            name: trial.display_name(),
            accuracy: eval.accuracy,
            assessment: eval.assessment,
        }
    }

    /// "91.2 %", or "—".
    pub fn accuracy_words(&self) -> String {
        self.accuracy
            .map_or_else(|| format::MISSING.to_owned(), format::percent)
    }

    /// Each figure against its limit: ("latency", "120 ms of 200 ms"), ("ROM", "36 KiB (no
    /// budget)"), or which part is unknown.
    pub fn figure_words(&self) -> [(&'static str, String); 3] {
        Figure::ALL.map(|f| {
            let show: fn(f64) -> String = match f {
                Figure::Latency => format::millis,
                Figure::Ram | Figure::Rom => format::bytes,
            };
            let text = against(self.assessment.usage(f), show).unwrap_or_else(|| {
                self.assessment
                    .figures
                    .unknown_words(f)
                    .unwrap_or_else(|| format::MISSING.to_owned())
            });
            (f.name(), text)
        })
    }
}

/// "120 ms of 200 ms", "36 KiB (no budget)"; `None` when the figure is unknown.
fn against(usage: Usage, show: fn(f64) -> String) -> Option<String> {
    let value = usage.value?;
    Some(match usage.limit {
        Some(limit) => format!("{} of {}", show(value), show(limit)),
        None => format!("{} (no budget)", show(value)),
    })
}

/// A fitting trial that is better than the best in one way, and what it costs.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub pick: Pick,
    /// Whether it is the best fitting trial itself.
    pub is_best: bool,
    /// Accuracy given up against the best, in percentage points (≥ 0); `None` when either
    /// accuracy is unknown.
    pub cost_pp: Option<f64>,
}

impl Alternative {
    /// "the best fit itself", "same accuracy", "−1.2 pp accuracy", "accuracy unknown".
    pub fn cost_words(&self) -> String {
        if self.is_best {
            return "the best fit itself".to_owned();
        }
        match self.cost_pp {
            None => "accuracy unknown".to_owned(),
            Some(pp) if format::number(pp, 1) == "0" => "same accuracy".to_owned(),
            Some(pp) => format!("−{} pp accuracy", format::number(pp, 1)),
        }
    }
}

/// How many trials stand where. `fits + over + unknown + unfinished == total`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub completed: usize,
    pub fits: usize,
    pub over: usize,
    /// Finished (or of unknown status) and still not judgeable: a figure is missing.
    pub unknown: usize,
    /// Pending or running, with no figures yet: not yet judgeable rather than unknown.
    pub unfinished: usize,
}

/// The answer block of one run, for one precision, dataset and budget.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunSummary {
    pub counts: Counts,
    /// The most accurate trial that fits ([`best_fit`]).
    pub best: Option<Pick>,
    /// The fitting trial with the lowest latency (ties: the default order).
    pub fastest: Option<Alternative>,
    /// The fitting trial with the least RAM + ROM (ties: the default order).
    pub smallest: Option<Alternative>,
}

impl RunSummary {
    /// The sentence shown instead of a best trial; `None` when there is one.
    pub fn no_best_words(&self) -> Option<&'static str> {
        if self.best.is_some() {
            None
        } else if self.counts.completed == 0 {
            Some("The run has no completed trial yet.")
        } else if self.counts.fits == 0 {
            Some("No trial fits the budget yet.")
        } else {
            // Fitting trials exist, but none has an accuracy for this dataset and precision.
            Some("Trials fit the budget, but none has an accuracy for this dataset and precision.")
        }
    }

    /// "22 fit · 8 over · 0 unknown of 30 trials (30 completed)" and the unfinished.
    pub fn counts_words(&self) -> String {
        let c = self.counts;
        let mut words = format!(
            "{} fit · {} over · {} unknown of {} trials ({} completed",
            c.fits, c.over, c.unknown, c.total, c.completed
        );
        if c.unfinished > 0 {
            words.push_str(&format!(", {} not finished", c.unfinished));
        }
        words.push(')');
        words
    }
}

/// The summary of `trials`, evaluated as `evals` (one per trial, in the same order: the
/// list view's `evals`).
pub fn run_summary<T: Borrow<Trial>>(trials: &[T], evals: &[Evaluated]) -> RunSummary {
    let n = trials.len().min(evals.len());
    let mut counts = Counts {
        total: n,
        ..Counts::default()
    };
    for i in 0..n {
        let status = trials[i].borrow().status.as_ref();
        if status == Some(&TrialStatus::Completed) {
            counts.completed += 1;
        }
        match evals[i].fit() {
            Fit::Fits => counts.fits += 1,
            Fit::Over => counts.over += 1,
            Fit::Unknown
                if matches!(
                    status,
                    Some(TrialStatus::Pending) | Some(TrialStatus::Running)
                ) =>
            {
                counts.unfinished += 1
            }
            Fit::Unknown => counts.unknown += 1,
        }
    }

    let best = best_fit(trials, evals);
    let pick = |i: usize| Pick::of(trials[i].borrow(), &evals[i]);
    // The fitting trial with the least `cost`; equal costs fall back to the default order.
    let least = |cost: &dyn Fn(&Evaluated) -> Option<f64>| -> Option<Alternative> {
        let i = (0..n)
            .filter(|&i| evals[i].fit() == Fit::Fits)
            .filter_map(|i| cost(&evals[i]).map(|c| (i, c)))
            .min_by(|(a, ca), (b, cb)| {
                ca.partial_cmp(cb).unwrap_or(Ordering::Equal).then_with(|| {
                    default_cmp(
                        (trials[*a].borrow(), &evals[*a]),
                        (trials[*b].borrow(), &evals[*b]),
                    )
                })
            })?
            .0;
        let cost_pp = match (best.and_then(|b| evals[b].accuracy), evals[i].accuracy) {
            (Some(b), Some(a)) => Some(((b - a) * 100.0).max(0.0)),
            _ => None,
        };
        Some(Alternative {
            pick: pick(i),
            is_best: best == Some(i),
            cost_pp,
        })
    };
    let fastest = least(&|e| e.assessment.figures.latency_ms);
    let smallest = least(&|e| Some(e.assessment.figures.ram? + e.assessment.figures.rom?));
    RunSummary {
        counts,
        best: best.map(pick),
        fastest,
        smallest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_words() {
        let pick = Pick {
            id: String::new(),
            selection: "k".into(),
            name: "t".into(),
            accuracy: None,
            assessment: super::super::budget::assess(Default::default(), Default::default()),
        };
        let alt = |is_best, cost_pp| Alternative {
            pick: pick.clone(),
            is_best,
            cost_pp,
        };
        assert_eq!(alt(true, Some(0.0)).cost_words(), "the best fit itself");
        assert_eq!(alt(false, Some(1.234)).cost_words(), "−1.2 pp accuracy");
        assert_eq!(alt(false, Some(0.01)).cost_words(), "same accuracy");
        assert_eq!(alt(false, None).cost_words(), "accuracy unknown");
        assert_eq!(pick.figure_words()[0].0, "latency");
    }
}
