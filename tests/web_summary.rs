//! The run summary (`run-summary`) in headless Chromium (wasm-bindgen-test): a real `RunView`
//! over a `RunStore` fed fixtures parsed by the real model, typed into and clicked through
//! real DOM events. Expected ids come from the independent derivation of
//! `tests/run_summary.rs` (a Python script over the fixture JSON, CONTRACT.md's rules).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use tunerscope::components::run_view::RunView;
use tunerscope::model::parse_state;
use tunerscope::state::run_store::RunStore;
use tunerscope::view_state::ViewState;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

mod web_support;
use web_support::{built_after_paint, container, one};

wasm_bindgen_test_configure!(run_in_browser);

const COMPLETED: &str = include_str!("fixtures/completed.json");
const TIMELINE_4: &str = include_str!("fixtures/timeline/004.json");
const TIMELINE_6: &str = include_str!("fixtures/timeline/006.json");
const TIMELINE_9: &str = include_str!("fixtures/timeline/009.json");
const TIMELINE_11: &str = include_str!("fixtures/timeline/011.json");

/// Mounts a `RunView` over a fresh store fed with `fixture`.
async fn mounted(
    query: &str,
    fixture: &str,
) -> (RunStore, RwSignal<ViewState>, HtmlElement, impl Drop) {
    let root = container();
    let store = RunStore::new();
    let view = RwSignal::new(ViewState::from_query(query));
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(store);
        let now = RwSignal::new(js_sys::Date::now());
        view! { <RunView view=view now=now/> }
    });
    store.apply(parse_state(fixture).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    leptos::task::tick().await;
    built_after_paint(&root).await;
    (store, view, root, handle)
}

fn best(root: &Element) -> Element {
    one(
        root,
        "[data-testid=run-summary] [data-testid=run-summary-best]",
    )
}

fn best_id(root: &Element) -> String {
    best(root)
        .get_attribute("data-trial-id")
        .unwrap_or_default()
}

fn summary_text(root: &Element) -> String {
    one(root, "[data-testid=run-summary]")
        .text_content()
        .unwrap()
}

/// Whether `a` comes before `b` in the document.
fn precedes(a: &Element, b: &Element) -> bool {
    a.compare_document_position(b) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
}

/// Types `text` into an input and fires `change`, as a user would.
fn type_into(root: &Element, selector: &str, text: &str) {
    let input: HtmlInputElement = one(root, selector).unchecked_into();
    input.set_value(text);
    let ev = web_sys::Event::new("change").unwrap();
    ev.init_event_with_bubbles("change", true);
    input.dispatch_event(&ev).unwrap();
}

/// Pins the answer for completed.json (int8, validation, 200 ms / 128 KiB / 1 MiB): the best
/// fitting trial c96cd62b4faf with its figures against the budget, the fastest and smallest
/// fitting trials with their accuracy cost, the counts; the block comes before the charts and
/// the list; its link opens (expands) that trial's card and puts it in the view (URL).
#[wasm_bindgen_test]
async fn shows_the_best_fitting_trial_and_opens_its_card() {
    let (_s, view, root, _h) = mounted("", COMPLETED).await;
    assert_eq!(best_id(&root), "c96cd62b4faf");
    let text = summary_text(&root);
    for words in [
        "mfcc-conv2d-2",
        "96.9 %",
        "122 ms of 200 ms",
        "16 KiB of 128 KiB",
        "40 KiB of 1 MiB",
        "mfe-conv1d-1",
        "−15.9 pp accuracy",
        "mfcc-conv1d-2",
        "−17.8 pp accuracy",
        "22 fit · 8 over · 0 unknown of 30 trials",
        "int8 · validation set",
    ] {
        assert!(text.contains(words), "{words:?} in {text}");
    }
    let summary = one(&root, "[data-testid=run-summary]");
    let card = one(&root, "[data-testid=trial-card]");
    let chart = one(&root, "[data-testid=pareto-chart]");
    assert!(precedes(&summary, &chart) && precedes(&summary, &card));

    let card = one(
        &root,
        "[data-testid=trial-card][data-trial-id=c96cd62b4faf]",
    );
    assert!(!card.class_list().contains("open"));
    one(&best(&root), "a.open-card")
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;
    assert_eq!(
        view.with_untracked(|v| v.trial.clone()).as_deref(),
        Some("c96cd62b4faf")
    );
    assert!(card.class_list().contains("open"), "the card expands");
}

/// Pins the what-if budget: 100 ms moves the best to 56f60e4c4ed3 (9 fit); 5 ms leaves
/// nothing fitting, which is said in words with an empty `data-trial-id`.
#[wasm_bindgen_test]
async fn follows_the_what_if_budget() {
    let (_s, _v, root, _h) = mounted("", COMPLETED).await;
    let block = best(&root);
    type_into(&root, "input[name=budget-lat]", "100 ms");
    leptos::task::tick().await;
    assert_eq!(best_id(&root), "56f60e4c4ed3");
    assert!(summary_text(&root).contains("9 fit · 21 over"));
    assert!(summary_text(&root).contains("what-if budget"));
    type_into(&root, "input[name=budget-lat]", "5 ms");
    leptos::task::tick().await;
    assert_eq!(best_id(&root), "");
    let text = summary_text(&root);
    assert!(text.contains("No trial fits the budget yet."), "{text}");
    assert!(text.contains("0 fit · 30 over"), "{text}");
    assert!(block.is_same_node(Some(&best(&root))), "updated in place");
}

/// Pins live updates along the timeline: 004 has no completed trial (said so), 006's best is
/// 39b7dd699a3c, 009's is 2a8c2362eb34, and 011 (finished) counts 10 fitting and 2 failed
/// trials as unknown; the block is the same element throughout.
#[wasm_bindgen_test]
async fn updates_in_place_while_the_run_is_live() {
    let (store, _v, root, _h) = mounted("", TIMELINE_4).await;
    let block = best(&root);
    assert_eq!(best_id(&root), "");
    let text = summary_text(&root);
    assert!(
        text.contains("The run has no completed trial yet."),
        "{text}"
    );
    for (fixture, id, counts) in [
        (TIMELINE_6, "39b7dd699a3c", "3 fit · 0 over"),
        (
            TIMELINE_9,
            "2a8c2362eb34",
            "9 fit · 0 over · 0 unknown of 12 trials (9 completed, 3 not finished)",
        ),
        (
            TIMELINE_11,
            "2a8c2362eb34",
            "10 fit · 0 over · 2 unknown of 12 trials (10 completed)",
        ),
    ] {
        store.apply(parse_state(fixture).unwrap(), js_sys::Date::now());
        leptos::task::tick().await;
        assert_eq!(best_id(&root), id);
        let text = summary_text(&root);
        assert!(text.contains(counts), "{counts:?} in {text}");
        assert!(block.is_same_node(Some(&best(&root))), "updated in place");
    }
}
