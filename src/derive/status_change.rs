//! Which trials changed status between two snapshots, so their cards can be briefly
//! highlighted. Only trials present in both count: the first snapshot, and trials that just
//! appeared, are not "changes".

use crate::model::{Trial, TrialStatus};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The statuses of one snapshot and what changed since the one before.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatusChanges {
    /// Snapshot number these are for (0 = none yet).
    pub seq: u64,
    pub statuses: Arc<HashMap<String, Option<TrialStatus>>>,
    /// Keys of trials whose status differs from the previous snapshot's.
    pub changed: Arc<HashSet<String>>,
}

/// Carries `previous` forward to snapshot `seq` holding `trials`. The same `seq` returns
/// `previous` unchanged; `seq` 1 (a fresh run) starts over.
pub fn status_changes<'a>(
    previous: Option<&StatusChanges>,
    seq: u64,
    trials: impl IntoIterator<Item = &'a Trial>,
) -> StatusChanges {
    if let Some(p) = previous.filter(|p| p.seq == seq) {
        return p.clone();
    }
    let statuses: HashMap<String, Option<TrialStatus>> = trials
        .into_iter()
        .map(|t| (t.key.clone(), t.status.clone()))
        .collect();
    let changed = match previous {
        Some(p) if seq > 1 && p.seq > 0 => statuses
            .iter()
            .filter(|(k, s)| p.statuses.get(*k).is_some_and(|old| old != *s))
            .map(|(k, _)| k.clone())
            .collect(),
        _ => HashSet::new(),
    };
    StatusChanges {
        seq,
        statuses: Arc::new(statuses),
        changed: Arc::new(changed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(key: &str, status: TrialStatus) -> Trial {
        Trial {
            key: key.into(),
            status: Some(status),
            ..Default::default()
        }
    }

    #[test]
    fn only_status_changes_of_known_trials_count() {
        let first = status_changes(
            None,
            1,
            &[t("a", TrialStatus::Pending), t("b", TrialStatus::Running)],
        );
        assert!(
            first.changed.is_empty(),
            "nothing changes on the first snapshot"
        );
        let second = status_changes(
            Some(&first),
            2,
            &[
                t("a", TrialStatus::Running),
                t("b", TrialStatus::Running),
                t("c", TrialStatus::Pending),
            ],
        );
        assert_eq!(*second.changed, HashSet::from(["a".to_owned()]));
        assert_eq!(
            status_changes(Some(&second), 2, &[]),
            second,
            "same snapshot, same answer"
        );
        let third = status_changes(Some(&second), 3, &[t("a", TrialStatus::Running)]);
        assert!(third.changed.is_empty(), "the highlight lasts one snapshot");
        let restarted = status_changes(Some(&third), 1, &[t("a", TrialStatus::Failed)]);
        assert!(restarted.changed.is_empty(), "a new run starts over");
    }
}
