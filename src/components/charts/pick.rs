//! What picking a trial in a chart does: a click selects it (`trial` in the URL) and scrolls
//! its card into view; a shift-click adds it to or removes it from the comparison
//! (`compare`, at most 4: the oldest pick drops out).

use crate::state::card_dom::scroll_to_card;
use crate::view_state::ViewState;
use leptos::prelude::*;

/// Most trials compared side by side (`CONTRACT.md`).
pub const MAX_COMPARE: usize = 4;

/// Selects `id` and scrolls its card into view.
pub fn select(view: RwSignal<ViewState>, id: String) {
    view.update(|v| v.trial = Some(id.clone()));
    // After the next frame, so an expanded card has been rendered.
    request_animation_frame(move || scroll_to_card(&id));
}

/// Adds `id` to the comparison, or removes it if it is there.
pub fn toggle_compare(view: RwSignal<ViewState>, id: String) {
    view.update(|v| {
        if let Some(at) = v.compare.iter().position(|c| *c == id) {
            v.compare.remove(at);
        } else {
            v.compare.push(id);
            if v.compare.len() > MAX_COMPARE {
                v.compare.remove(0);
            }
        }
    });
}

/// A click: shift toggles the comparison, otherwise it selects.
pub fn pick(view: RwSignal<ViewState>, id: String, shift: bool) {
    if shift {
        toggle_compare(view, id);
    } else {
        select(view, id);
    }
}
