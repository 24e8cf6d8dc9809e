//! Which trials the list shows: status, DSP type, learn type, optimization round, "fits the
//! budget only" and free text, all combined with AND. Pure; the URL's view state builds one
//! (`ViewState::filter`).
//!
//! Free text is split into words; every word must occur (case-insensitively) in the trial's
//! name, its id, or one of its block types, so `q=mfe conv` finds `mfe-conv1d-3`.

use super::budget::Fit;
use super::order::Evaluated;
use crate::model::{ImpulseBlock, Trial};
use std::borrow::Borrow;
use std::collections::BTreeMap;

/// The name of a missing status or block type: a choice in the filters and a URL value
/// (`status=unknown`), so a word, not the figures' placeholder (`format::MISSING`).
pub const UNKNOWN: &str = "unknown";

/// The list filters. Empty lists and `None` do not filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrialFilter {
    pub status: Vec<String>,
    pub dsp: Vec<String>,
    pub learn: Vec<String>,
    pub round: Vec<u64>,
    /// Lower-cased words of the free-text filter.
    pub words: Vec<String>,
    pub fits_only: bool,
}

impl TrialFilter {
    /// The lower-cased words of a free-text filter (`mfe  Conv` → `mfe`, `conv`).
    pub fn words(q: &str) -> Vec<String> {
        q.split_whitespace().map(str::to_lowercase).collect()
    }

    /// Whether any filter is set.
    pub fn is_active(&self) -> bool {
        *self != TrialFilter::default()
    }

    /// Whether `trial` (evaluated as `eval`) passes every filter.
    pub fn matches(&self, trial: &Trial, eval: &Evaluated) -> bool {
        let status = trial.status.as_ref().map_or(UNKNOWN, |s| s.as_str());
        (self.status.is_empty() || contains(&self.status, status))
            && (self.dsp.is_empty() || block_types(&trial.dsp).any(|t| contains(&self.dsp, t)))
            && (self.learn.is_empty()
                || block_types(&trial.learn).any(|t| contains(&self.learn, t)))
            && (self.round.is_empty() || trial.round.is_some_and(|r| self.round.contains(&r)))
            && (!self.fits_only || eval.fit() == Fit::Fits)
            && self.words.iter().all(|w| text_matches(trial, w))
    }
}

fn contains(list: &[String], value: &str) -> bool {
    list.iter().any(|v| v.eq_ignore_ascii_case(value))
}

/// A block's type as the filters see it.
pub fn block_type(block: &ImpulseBlock) -> &str {
    block.type_name.as_deref().unwrap_or(UNKNOWN)
}

fn block_types(blocks: &[ImpulseBlock]) -> impl Iterator<Item = &str> {
    blocks.iter().map(block_type)
}

/// `word` is already lower-case.
fn text_matches(trial: &Trial, word: &str) -> bool {
    let hit = |text: &str| text.to_lowercase().contains(word);
    trial.name.as_deref().is_some_and(hit)
        || hit(&trial.id)
        || [&trial.input, &trial.dsp, &trial.learn]
            .into_iter()
            .flat_map(|blocks| blocks.iter().filter_map(|b| b.type_name.as_deref()))
            .any(hit)
}

/// Indices of `order` (display order) that pass `filter`.
pub fn filtered<T: Borrow<Trial>>(
    order: Vec<usize>,
    trials: &[T],
    evals: &[Evaluated],
    filter: &TrialFilter,
) -> Vec<usize> {
    if !filter.is_active() {
        return order;
    }
    order
        .into_iter()
        .filter(|&i| filter.matches(trials[i].borrow(), &evals[i]))
        .collect()
}

/// The values the filters can choose from, each with how many trials have it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facets {
    pub status: Vec<(String, usize)>,
    pub dsp: Vec<(String, usize)>,
    pub learn: Vec<(String, usize)>,
    pub round: Vec<(u64, usize)>,
}

/// Collects [`Facets`] from every trial (not only the shown ones, so a choice never vanishes
/// because of another filter). A trial with two learn blocks of one type counts once.
pub fn facets<T: Borrow<Trial>>(trials: &[T]) -> Facets {
    // Counted under borrowed names; only the few distinct names are copied at the end.
    let mut status: BTreeMap<&str, usize> = BTreeMap::new();
    let mut dsp: BTreeMap<&str, usize> = BTreeMap::new();
    let mut learn: BTreeMap<&str, usize> = BTreeMap::new();
    let mut round: BTreeMap<u64, usize> = BTreeMap::new();
    for t in trials.iter().map(Borrow::borrow) {
        let s = t.status.as_ref().map_or(UNKNOWN, |s| s.as_str());
        *status.entry(s).or_default() += 1;
        for (map, blocks) in [(&mut dsp, &t.dsp), (&mut learn, &t.learn)] {
            let mut types: Vec<&str> = block_types(blocks).collect();
            types.sort_unstable();
            types.dedup();
            for ty in types {
                *map.entry(ty).or_default() += 1;
            }
        }
        if let Some(r) = t.round {
            *round.entry(r).or_default() += 1;
        }
    }
    let owned = |m: BTreeMap<&str, usize>| m.into_iter().map(|(k, n)| (k.to_owned(), n)).collect();
    Facets {
        status: owned(status),
        dsp: owned(dsp),
        learn: owned(learn),
        round: round.into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::budget::{Assessment, Figures, Usage};
    use crate::model::TrialStatus;

    fn eval(fit: Fit) -> Evaluated {
        let u = Usage {
            value: None,
            limit: None,
        };
        Evaluated {
            accuracy: None,
            assessment: Assessment {
                figures: Figures::default(),
                latency: u,
                ram: u,
                rom: u,
                fit,
            },
        }
    }

    fn block(ty: &str) -> ImpulseBlock {
        ImpulseBlock {
            type_name: Some(ty.into()),
            ..Default::default()
        }
    }

    fn trial() -> Trial {
        Trial {
            id: "AB12cd".into(),
            name: Some("MFE-Conv1D-3".into()),
            status: Some(TrialStatus::Completed),
            dsp: vec![block("mfe")],
            learn: vec![block("keras"), block("anomaly")],
            round: Some(2),
            ..Default::default()
        }
    }

    /// The filter that a query's filter parameters ask for, read here without the URL state
    /// (which builds it from its own fields, `ViewState::filter`, tested there).
    fn view(query: &str) -> TrialFilter {
        let mut f = TrialFilter::default();
        for (key, value) in query.split('&').filter_map(|p| p.split_once('=')) {
            let list = || value.split(',').map(str::to_owned).collect();
            match key {
                "status" => f.status = list(),
                "dsp" => f.dsp = list(),
                "learn" => f.learn = list(),
                "round" => f.round = value.split(',').map(|r| r.parse().unwrap()).collect(),
                "q" => f.words = TrialFilter::words(&value.replace("%20", " ")),
                "fits" => f.fits_only = value == "1",
                _ => panic!("not a filter: {key}"),
            }
        }
        f
    }

    #[test]
    fn each_filter_narrows_and_they_combine_with_and() {
        let (t, fits) = (trial(), eval(Fit::Fits));
        for (query, expected) in [
            ("", true),
            ("status=completed", true),
            ("status=Running,COMPLETED", true),
            ("status=failed", false),
            ("dsp=mfcc,mfe", true),
            ("dsp=mfcc", false),
            ("learn=anomaly", true),
            ("round=1,2", true),
            ("round=3", false),
            ("q=conv1d", true),
            ("q=ab12", true),
            ("q=KERAS mfe", true),
            ("q=keras mfcc", false),
            ("q=%20%20", true),
            ("status=completed&dsp=mfe&round=3", false),
            ("fits=1", true),
        ] {
            assert_eq!(view(query).matches(&t, &fits), expected, "{query}");
        }
        assert!(!view("fits=1").matches(&t, &eval(Fit::Unknown)));
        assert!(!view("fits=1").matches(&t, &eval(Fit::Over)));
        assert!(!view("").is_active() && view("q=x").is_active());
    }

    #[test]
    fn missing_values_match_only_unknown() {
        let t = Trial {
            dsp: vec![ImpulseBlock::default()],
            ..Default::default()
        };
        let e = eval(Fit::Unknown);
        assert!(view("status=unknown&dsp=unknown").matches(&t, &e));
        assert!(!view("status=completed").matches(&t, &e));
        assert!(!view("round=0").matches(&t, &e));
        assert!(!view("learn=keras").matches(&t, &e));
    }

    #[test]
    fn facets_count_each_trial_once_per_value() {
        let mut other = trial();
        other.learn = vec![block("keras"), block("keras")];
        other.round = None;
        let f = facets(&[trial(), other]);
        assert_eq!(f.learn, [("anomaly".into(), 1), ("keras".into(), 2)]);
        assert_eq!(f.round, [(2, 1)]);
        assert_eq!(f.status, [("completed".into(), 2)]);
    }
}
