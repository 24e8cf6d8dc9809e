//! Addresses of the page for a view: what "Copy link" shares and what an embedded page's
//! "Open full view" opens. Never the key: it is not part of the view.

use crate::view_state::ViewState;

/// The full address that reopens `view`.
pub fn share_url(view: &ViewState) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    let query = view.to_query();
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

/// The address of an embedded `view` as a page of its own (outside the portal's frame).
pub fn full_view_url(view: &ViewState) -> String {
    let mut full = view.clone();
    full.embed = false;
    full.origins.clear();
    share_url(&full)
}
