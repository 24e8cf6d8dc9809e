//! The one way to find a trial's card in the page: by its selection id (`trial` in the URL,
//! see [`crate::derive::selection`]). Ids are untrusted text, so they never go into a
//! selector: the cards are walked and their attributes compared.

use wasm_bindgen::JsCast;

/// The card of the trial selected by `selection`: the first card whose `data-trial-id` is
/// `selection`, or, for a trial without an id, the card whose element id is `trial-{key}`.
pub fn find_card(selection: &str) -> Option<web_sys::Element> {
    let document = web_sys::window()?.document()?;
    let cards = document
        .query_selector_all("[data-testid=trial-card]")
        .ok()?;
    let by_key = format!("trial-{selection}");
    (0..cards.length())
        .filter_map(|i| cards.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|card| match card.get_attribute("data-trial-id") {
            Some(id) if !id.is_empty() => id == selection,
            _ => card.id() == by_key,
        })
}

/// Scrolls the card of `selection` into view, if it is in the page.
pub fn scroll_to_card(selection: &str) {
    if let Some(card) = find_card(selection) {
        card.scroll_into_view();
    }
}
