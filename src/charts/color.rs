//! Point colours as CSS classes (`style/charts.css` maps them to theme variables), chosen by
//! the `color` URL value. Classes, not colours, so light and dark themes both read well.

use crate::derive::budget::Fit;
use crate::model::TrialStatus;
use crate::vocab::ColorBy;

/// Distinct round colours before they repeat.
pub const ROUND_COLOURS: u64 = 8;

/// [`ColorBy`] is vocabulary (`crate::vocab`); the classes it picks are here.
impl ColorBy {
    /// The class of a point with these properties.
    pub fn class(self, fit: Fit, round: Option<u64>, status: Option<&TrialStatus>) -> &'static str {
        match self {
            ColorBy::Fits => fit_class(fit),
            ColorBy::Round => round_class(round),
            ColorBy::Status => status_class(status),
        }
    }
}

pub fn fit_class(fit: Fit) -> &'static str {
    match fit {
        Fit::Fits => "c-fits",
        Fit::Over => "c-over",
        Fit::Unknown => "c-unknown",
    }
}

pub fn round_class(round: Option<u64>) -> &'static str {
    const CLASSES: [&str; ROUND_COLOURS as usize] = [
        "c-r0", "c-r1", "c-r2", "c-r3", "c-r4", "c-r5", "c-r6", "c-r7",
    ];
    match round {
        Some(r) => CLASSES[(r % ROUND_COLOURS) as usize],
        None => "c-unknown",
    }
}

pub fn status_class(status: Option<&TrialStatus>) -> &'static str {
    match status {
        Some(TrialStatus::Completed) => "c-completed",
        Some(TrialStatus::Running) => "c-running",
        Some(TrialStatus::Pending) => "c-pending",
        Some(TrialStatus::Failed) => "c-failed",
        _ => "c-unknown",
    }
}

/// A legend entry: class and words (colour is never the only signal; the tooltip and the
/// text alternative say the same in words).
pub fn legend(by: ColorBy, rounds: &[u64]) -> Vec<(&'static str, String)> {
    match by {
        ColorBy::Fits => vec![
            ("c-fits", "fits the budget".into()),
            ("c-over", "over budget".into()),
            ("c-unknown", "fit unknown".into()),
        ],
        ColorBy::Status => ["completed", "running", "pending", "failed"]
            .into_iter()
            .map(|s| (status_class(Some(&TrialStatus::parse(s))), s.to_owned()))
            .collect(),
        ColorBy::Round => {
            let mut entries: Vec<(&'static str, String)> = rounds
                .iter()
                .take(ROUND_COLOURS as usize)
                .map(|r| (round_class(Some(*r)), format!("round {r}")))
                .collect();
            if rounds.len() > ROUND_COLOURS as usize {
                entries.push(("c-unknown", "colours repeat every 8 rounds".into()));
            }
            entries
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_the_choice_and_unknown_values_fall_back() {
        assert_eq!(ColorBy::Round.class(Fit::Fits, Some(9), None), "c-r1");
        assert_eq!(ColorBy::Round.class(Fit::Fits, None, None), "c-unknown");
        assert_eq!(
            ColorBy::Status.class(Fit::Over, None, Some(&TrialStatus::Failed)),
            "c-failed"
        );
        assert_eq!(ColorBy::Fits.class(Fit::Over, Some(1), None), "c-over");
        assert_eq!(
            legend(ColorBy::Round, &(0..10).collect::<Vec<_>>()).len(),
            9
        );
    }
}
