//! Snapshot-to-snapshot diff by trial key: which trials changed, so unchanged trials keep
//! their DOM (their row key stays the same) and changed ones are rebuilt and highlighted.

use crate::model::Trial;
use std::collections::HashMap;
use std::sync::Arc;

/// A trial as held between snapshots: shared, with the snapshot number it last changed in.
#[derive(Clone, Debug)]
pub struct Versioned {
    pub trial: Arc<Trial>,
    pub version: u64,
}

/// Carries `previous` forward into `next` (snapshot number `seq`): a trial equal to its
/// previous self keeps its `Arc` and version; a new or changed one gets version `seq`.
pub fn carry_forward(previous: &[Versioned], next: Vec<Trial>, seq: u64) -> Vec<Versioned> {
    let by_key: HashMap<&str, &Versioned> =
        previous.iter().map(|v| (v.trial.key.as_str(), v)).collect();
    next.into_iter()
        .map(|trial| match by_key.get(trial.key.as_str()) {
            Some(old) if *old.trial == trial => (*old).clone(),
            _ => Versioned {
                trial: Arc::new(trial),
                version: seq,
            },
        })
        .collect()
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
        let first = carry_forward(
            &[],
            vec![t("a", TrialStatus::Running), t("b", TrialStatus::Pending)],
            1,
        );
        let second = carry_forward(
            &first,
            vec![
                t("a", TrialStatus::Completed),
                t("b", TrialStatus::Pending),
                t("c", TrialStatus::Pending),
            ],
            2,
        );
        assert_eq!(
            second.iter().map(|v| v.version).collect::<Vec<_>>(),
            [2, 1, 2]
        );
        assert!(Arc::ptr_eq(&first[1].trial, &second[1].trial));
        assert!(!Arc::ptr_eq(&first[0].trial, &second[0].trial));
    }
}
