//! How a trial is named in the `trial` and `compare` URL values: its id, else its list key
//! (a trial the server sent without an id). The cards, the charts and the DOM lookup
//! ([`crate::state::card_dom`]) all go through these two functions.

use crate::model::Trial;

/// The `trial` URL value that selects `trial`: its id, else its list key.
pub fn selection_id(trial: &Trial) -> String {
    if trial.id.is_empty() {
        trial.key.clone()
    } else {
        trial.id.clone()
    }
}

/// Whether `id` is `trial`'s [`selection_id`] (without building it: lists scan thousands).
pub fn has_selection_id(trial: &Trial, id: &str) -> bool {
    if trial.id.is_empty() {
        trial.key == id
    } else {
        trial.id == id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins: a trial is found by its id, or by its key when it has no id (as `trial=` selects);
    /// a repeated id (key `a#4`) is still selected by the id the server sent.
    #[test]
    fn selection_ids_match_without_being_built() {
        let with_id = Trial {
            id: "a".into(),
            key: "a#4".into(),
            ..Default::default()
        };
        let keyed = Trial {
            key: "#3".into(),
            ..Default::default()
        };
        assert_eq!(selection_id(&with_id), "a");
        assert_eq!(selection_id(&keyed), "#3");
        assert!(has_selection_id(&with_id, "a"));
        assert!(!has_selection_id(&with_id, "a#4"));
        assert!(has_selection_id(&keyed, "#3"));
        assert!(!has_selection_id(&keyed, ""));
        assert!(!has_selection_id(&with_id, "b"));
    }
}
