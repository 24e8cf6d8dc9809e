//! The colour theme on the page: `<html data-theme>` follows the view's `theme`, and the
//! stylesheet's `light-dark()` colours follow the attribute (none = the system's setting).

use crate::view_state::ViewState;
use crate::vocab::Theme;
use leptos::prelude::*;

/// Keeps `<html data-theme>` on `view`'s theme (call once, in `App`).
pub fn use_theme_attribute(view: RwSignal<ViewState>) {
    Effect::new(move |_| apply(view.with(|v| v.theme)));
}

fn apply(theme: Theme) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme {
        Theme::Auto => root.remove_attribute("data-theme"),
        other => root.set_attribute("data-theme", other.as_str()),
    };
}
