//! Snapshot-to-snapshot diff by trial key: which trials changed, so unchanged trials keep
//! their DOM (their row key stays the same) and changed ones are rebuilt and highlighted.

use crate::model::convert::{KnownTrials, ReadTrial};
use crate::model::Trial;
use std::collections::HashMap;
use std::sync::Arc;

/// A trial as held between snapshots: shared, with the snapshot number it last changed in.
#[derive(Clone, Debug)]
pub struct Versioned {
    pub trial: Arc<Trial>,
    pub version: u64,
    /// Hash of the trial's JSON text, when it may be reused by the next parse.
    pub hash: Option<u64>,
}

/// The trials the next parse may reuse instead of parsing again (see
/// [`crate::model::convert::parse_state_reusing`]).
pub fn known_trials(previous: &[Versioned]) -> KnownTrials {
    previous
        .iter()
        .filter_map(|v| Some((v.hash?, v.trial.clone())))
        .collect()
}

/// What a snapshot did to the trials of the one before, by trial key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiffCounts {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub unchanged: usize,
}

impl DiffCounts {
    /// "Latest update: 3 changed, 1 new": what the newest snapshot changed, in words; `None`
    /// for the first snapshot (everything is new, which says nothing).
    pub fn describe(&self, seq: u64) -> Option<String> {
        if seq <= 1 {
            return None;
        }
        let parts: Vec<String> = [
            (self.changed, "changed"),
            (self.added, "new"),
            (self.removed, "gone"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        Some(if parts.is_empty() {
            "Latest update: no trial changed".to_owned()
        } else {
            format!("Latest update: {}", parts.join(", "))
        })
    }
}

/// Carries `previous` forward into `next` (snapshot number `seq`): a trial equal to its
/// previous self keeps its `Arc` and version; a new or changed one gets version `seq`.
pub fn carry_forward(
    previous: &[Versioned],
    next: Vec<Trial>,
    seq: u64,
) -> (Vec<Versioned>, DiffCounts) {
    let read = next
        .into_iter()
        .map(|t| ReadTrial {
            trial: Arc::new(t),
            hash: None,
            reused: false,
        })
        .collect();
    carry_forward_read(previous, read, seq)
}

/// [`carry_forward`] for trials read by the reusing parser: a reused trial is unchanged
/// without being compared; only re-parsed ones are compared with their previous self.
pub fn carry_forward_read(
    previous: &[Versioned],
    next: Vec<ReadTrial>,
    seq: u64,
) -> (Vec<Versioned>, DiffCounts) {
    // Trials mostly keep their place from one poll to the next: each is looked for at its own
    // index first, and the map by key is built only when one is not found there.
    let mut by_key: Option<HashMap<&str, &Versioned>> = None;
    let mut counts = DiffCounts::default();
    let mut kept = 0;
    let carried = next
        .into_iter()
        .enumerate()
        .map(|(i, read)| {
            let key = read.trial.key.as_str();
            let old = previous.get(i).filter(|o| o.trial.key == key).or_else(|| {
                by_key
                    .get_or_insert_with(|| {
                        previous.iter().map(|v| (v.trial.key.as_str(), v)).collect()
                    })
                    .get(key)
                    .copied()
            });
            match old {
                Some(old) => {
                    kept += 1;
                    if read.reused || *old.trial == *read.trial {
                        counts.unchanged += 1;
                        Versioned {
                            trial: old.trial.clone(),
                            version: old.version,
                            hash: read.hash,
                        }
                    } else {
                        counts.changed += 1;
                        Versioned {
                            trial: read.trial,
                            version: seq,
                            hash: read.hash,
                        }
                    }
                }
                None => {
                    counts.added += 1;
                    Versioned {
                        trial: read.trial,
                        version: seq,
                        hash: read.hash,
                    }
                }
            }
        })
        .collect();
    // Keys are unique within a snapshot (the model makes them so), so every previous key
    // found again was found once.
    counts.removed = previous.len().saturating_sub(kept);
    (carried, counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TrialStatus;

    fn t(key: &str, status: TrialStatus) -> Trial {
        Trial {
            id: key.into(),
            key: key.into(),
            status: Some(status),
            ..Default::default()
        }
    }

    #[test]
    fn unchanged_trials_keep_their_arc_and_version() {
        let (first, counts) = carry_forward(
            &[],
            vec![t("a", TrialStatus::Running), t("b", TrialStatus::Pending)],
            1,
        );
        assert_eq!(
            counts,
            DiffCounts {
                added: 2,
                ..DiffCounts::default()
            }
        );
        let (second, counts) = carry_forward(
            &first,
            vec![
                t("a", TrialStatus::Completed),
                t("b", TrialStatus::Pending),
                t("c", TrialStatus::Pending),
            ],
            2,
        );
        assert_eq!(
            counts,
            DiffCounts {
                added: 1,
                removed: 0,
                changed: 1,
                unchanged: 1
            }
        );
        assert_eq!(
            counts.describe(2).as_deref(),
            Some("Latest update: 1 changed, 1 new")
        );
        assert_eq!(counts.describe(1), None, "the first snapshot");
        let (_, counts) = carry_forward(&second, vec![t("c", TrialStatus::Pending)], 3);
        assert_eq!(counts.describe(3).as_deref(), Some("Latest update: 2 gone"));
        assert_eq!(
            DiffCounts::default().describe(4).as_deref(),
            Some("Latest update: no trial changed")
        );
        assert_eq!(
            counts,
            DiffCounts {
                added: 0,
                removed: 2,
                changed: 0,
                unchanged: 1
            }
        );
        assert_eq!(
            second.iter().map(|v| v.version).collect::<Vec<_>>(),
            [2, 1, 2]
        );
        assert!(Arc::ptr_eq(&first[1].trial, &second[1].trial));
        assert!(!Arc::ptr_eq(&first[0].trial, &second[0].trial));
    }

    #[test]
    fn trials_that_moved_are_found_by_key() {
        let (first, _) = carry_forward(
            &[],
            vec![
                t("a", TrialStatus::Running),
                t("b", TrialStatus::Pending),
                t("c", TrialStatus::Pending),
            ],
            1,
        );
        // `b` is gone, `c` moved up into its place, `a` moved down, `d` is new.
        let (second, counts) = carry_forward(
            &first,
            vec![
                t("c", TrialStatus::Pending),
                t("d", TrialStatus::Pending),
                t("a", TrialStatus::Completed),
            ],
            2,
        );
        assert_eq!(
            counts,
            DiffCounts {
                added: 1,
                removed: 1,
                changed: 1,
                unchanged: 1
            }
        );
        assert!(Arc::ptr_eq(&second[0].trial, &first[2].trial), "c kept");
        assert_eq!(
            second.iter().map(|v| v.version).collect::<Vec<_>>(),
            [1, 2, 2]
        );
    }
}
