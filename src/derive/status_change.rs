//! Which trials changed status between two snapshots, so their cards can be briefly
//! highlighted. Only trials present in both count: the first snapshot, and trials that just
//! appeared, are not "changes".

use super::diff::Versioned;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What changed status in one snapshot, and that snapshot's trials (to compare the next
/// one with).
#[derive(Clone, Debug, Default)]
pub struct StatusChanges {
    /// Snapshot number these are for (0 = none yet).
    pub seq: u64,
    /// The snapshot's trials (shared with the snapshot, not copied).
    pub trials: Arc<Vec<Versioned>>,
    /// Keys of trials whose status differs from the previous snapshot's.
    pub changed: Arc<HashSet<String>>,
}

/// The same snapshot is the same answer.
impl PartialEq for StatusChanges {
    fn eq(&self, other: &Self) -> bool {
        self.seq == other.seq
            && Arc::ptr_eq(&self.trials, &other.trials)
            && self.changed == other.changed
    }
}

/// Carries `previous` forward to snapshot `seq` holding `trials`. The same `seq` returns
/// `previous` unchanged; `seq` 1 (a fresh run) starts over.
///
/// Only trials the snapshots changed are looked at: a trial's version is the snapshot it last
/// changed in ([`super::diff::carry_forward`]), so one newer than `previous` is the only kind
/// whose status can differ. A poll that changed 1 % of 10,000 trials compares 100 statuses,
/// not 10,000.
pub fn status_changes(
    previous: Option<&StatusChanges>,
    seq: u64,
    trials: &Arc<Vec<Versioned>>,
) -> StatusChanges {
    if let Some(p) = previous.filter(|p| p.seq == seq) {
        return p.clone();
    }
    let changed = match previous {
        Some(p) if seq > 1 && p.seq > 0 => changed_since(p, trials),
        _ => HashSet::new(),
    };
    StatusChanges {
        seq,
        trials: trials.clone(),
        changed: Arc::new(changed),
    }
}

fn changed_since(previous: &StatusChanges, trials: &[Versioned]) -> HashSet<String> {
    let old = previous.trials.as_slice();
    // Trials mostly keep their place; the map by key is built only when one moved.
    let mut by_key: Option<HashMap<&str, usize>> = None;
    let mut changed = HashSet::new();
    for (i, v) in trials.iter().enumerate() {
        if v.version <= previous.seq {
            continue;
        }
        let key = v.trial.key.as_str();
        let found = old.get(i).filter(|o| o.trial.key == key).or_else(|| {
            let map = by_key.get_or_insert_with(|| {
                old.iter()
                    .enumerate()
                    .map(|(j, o)| (o.trial.key.as_str(), j))
                    .collect()
            });
            map.get(key).map(|&j| &old[j])
        });
        if found.is_some_and(|o| o.trial.status != v.trial.status) {
            changed.insert(key.to_owned());
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::diff::carry_forward;
    use crate::model::{Trial, TrialStatus};

    fn t(key: &str, status: TrialStatus) -> Trial {
        Trial {
            key: key.into(),
            status: Some(status),
            ..Default::default()
        }
    }

    /// Snapshot `seq` of `trials` carried forward from `previous` (as the store does).
    fn snap(previous: &[Versioned], trials: Vec<Trial>, seq: u64) -> Arc<Vec<Versioned>> {
        Arc::new(carry_forward(previous, trials, seq).0)
    }

    fn keys(c: &StatusChanges) -> Vec<&str> {
        let mut k: Vec<&str> = c.changed.iter().map(String::as_str).collect();
        k.sort_unstable();
        k
    }

    #[test]
    fn only_status_changes_of_known_trials_count() {
        let s1 = snap(
            &[],
            vec![t("a", TrialStatus::Pending), t("b", TrialStatus::Running)],
            1,
        );
        let first = status_changes(None, 1, &s1);
        assert!(
            first.changed.is_empty(),
            "nothing changes on the first snapshot"
        );
        let s2 = snap(
            &s1,
            vec![
                t("a", TrialStatus::Running),
                t("b", TrialStatus::Running),
                t("c", TrialStatus::Pending),
            ],
            2,
        );
        let second = status_changes(Some(&first), 2, &s2);
        assert_eq!(keys(&second), ["a"]);
        assert_eq!(
            status_changes(Some(&second), 2, &Arc::new(Vec::new())),
            second,
            "same snapshot, same answer"
        );
        let s3 = snap(&s2, vec![t("a", TrialStatus::Running)], 3);
        let third = status_changes(Some(&second), 3, &s3);
        assert!(third.changed.is_empty(), "the highlight lasts one snapshot");
        let s1b = snap(&[], vec![t("a", TrialStatus::Failed)], 1);
        let restarted = status_changes(Some(&third), 1, &s1b);
        assert!(restarted.changed.is_empty(), "a new run starts over");
    }

    #[test]
    fn moved_trials_and_skipped_snapshots_are_still_compared_by_key() {
        let s1 = snap(
            &[],
            vec![
                t("a", TrialStatus::Running),
                t("b", TrialStatus::Pending),
                t("c", TrialStatus::Pending),
            ],
            1,
        );
        let first = status_changes(None, 1, &s1);
        // Snapshot 2 is never looked at (nobody read the changes then): `b` completed in it.
        let s2 = snap(
            &s1,
            vec![
                t("a", TrialStatus::Running),
                t("b", TrialStatus::Completed),
                t("c", TrialStatus::Pending),
            ],
            2,
        );
        // Snapshot 3 lists the trials in another order, `c` failed, and `a` changed other
        // fields only.
        let mut a = t("a", TrialStatus::Running);
        a.current_epoch = Some(3);
        let s3 = snap(
            &s2,
            vec![
                t("c", TrialStatus::Failed),
                a,
                t("b", TrialStatus::Completed),
            ],
            3,
        );
        let third = status_changes(Some(&first), 3, &s3);
        assert_eq!(keys(&third), ["b", "c"]);
    }
}
