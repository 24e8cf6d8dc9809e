//! A trial whose details are malformed, in headless Chromium: its card shows the summary as
//! usual and, expanded, says what could not be read while showing everything else.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use serde_json::{json, Value};
use tunerscope::components::run_view::RunView;
use tunerscope::model::parse_state;
use tunerscope::state::run_store::RunStore;
use tunerscope::view_state::ViewState;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod web_support;
use web_support::{all, built_after_paint, container, one};

wasm_bindgen_test_configure!(run_in_browser);

const COMPLETED: &str = include_str!("fixtures/completed.json");
const ID: &str = "2d64a1eed011";

#[wasm_bindgen_test]
async fn malformed_details_are_named_and_the_rest_is_shown() {
    let mut state: Value = serde_json::from_str(COMPLETED).unwrap();
    let trial = &mut state["trials"][0];
    assert_eq!(trial["id"], ID);
    trial["metrics"]["validation"]["int8"]["confusionMatrix"] = json!("broken");
    trial["impulse"]["learnBlocks"][0]["config"] = json!(5);
    let text = state.to_string();

    let root = container();
    let store = RunStore::new();
    let view = RwSignal::new(ViewState::from_query("precision=int8&dataset=validation"));
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(store);
        let now = RwSignal::new(js_sys::Date::now());
        view! { <RunView view=view now=now/> }
    });
    store.apply(parse_state(&text).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    leptos::task::tick().await;
    // The page as it settles: what the run view builds after its first paint is there too.
    built_after_paint(&root).await;

    let card = one(
        &root,
        &format!("[data-testid=trial-card][data-trial-id='{ID}']"),
    );
    // The summary: validation int8 accuracy 0.6722 (completed.json, read by hand).
    let accuracy = one(&card, ".accuracy").text_content().unwrap();
    assert!(accuracy.contains("67.2"), "{accuracy}");

    one(&card, "button.expand")
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;
    let details = one(&card, ".trial-details");
    let notes = one(&details, "[data-testid=detail-notes]")
        .text_content()
        .unwrap();
    assert!(
        notes.contains("metrics.validation.int8.confusionMatrix"),
        "{notes}"
    );
    assert!(notes.contains("impulse.learnBlocks[0].config"), "{notes}");
    // The rest is still there: the float32 matrix, the other blocks' parameters.
    assert_eq!(
        all(
            &details,
            ".metric-set[data-dataset=validation][data-precision=int8] .confusion"
        )
        .len(),
        0
    );
    assert_eq!(
        all(
            &details,
            ".metric-set[data-dataset=validation][data-precision=float32] .confusion"
        )
        .len(),
        1
    );
    let text = details.text_content().unwrap();
    assert!(text.contains("num_cepstral"), "DSP parameters shown");
}
