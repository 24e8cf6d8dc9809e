//! DOM helpers shared by the browser test files (`tests/web_*.rs`, each `mod web_support;`).
#![allow(dead_code)] // each test file uses a different subset

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// A fresh element appended to `<body>`, to mount one test's view into.
pub fn container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

/// Every element under `root` matching `selector`, in document order.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

/// The first element under `root` matching `selector`; panics naming it when there is none.
pub fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// Waits (up to 5 s, yielding to the browser) until `ready` holds; panics with `what`.
pub async fn until(what: &str, mut ready: impl FnMut() -> bool) {
    let start = js_sys::Date::now();
    while !ready() {
        assert!(js_sys::Date::now() - start < 5000.0, "timed out: {what}");
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

/// Waits until a `RunView` in `root` has built what it builds after its first paint (the
/// configuration, workers and charts; issue 15: the header, counts and cards come first),
/// and a short list has every chunk of cards rendered.
pub async fn built_after_paint(root: &Element) {
    until(
        "the configuration and charts, built after the first paint",
        || root.query_selector("section.analysis").unwrap().is_some(),
    )
    .await;
    // A list short enough to render every card (not windowed) has no chunk left empty.
    until(
        "every card of a short list, built after the first paint",
        || {
            root.query_selector("[data-windowed=false] .cards.unrendered")
                .unwrap()
                .is_none()
        },
    )
    .await;
}
