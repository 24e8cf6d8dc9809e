//! Component tests in headless Chromium (wasm-bindgen-test): real components, real DOM,
//! fixtures parsed by the real model. Each test mounts into its own fresh element.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use tunerscope::api::key::ApiKey;
use tunerscope::components::connect_form::ConnectForm;
use tunerscope::components::error_banner::ErrorBanner;
use tunerscope::components::run_view::RunView;
use tunerscope::model::{parse_state, ErrorKind, LoadError};
use tunerscope::state::run_store::RunStore;
use tunerscope::view_state::ViewState;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

mod web_support;
use web_support::{all, built_after_paint, container};

wasm_bindgen_test_configure!(run_in_browser);

const COMPLETED: &str = include_str!("fixtures/completed.json");
const TIMELINE_4: &str = include_str!("fixtures/timeline/004.json");
const TIMELINE_5: &str = include_str!("fixtures/timeline/005.json");

/// Mounts a `RunView` over a fresh store and returns the store, the view signal and the root.
fn mount_run_view(query: &str) -> (RunStore, RwSignal<ViewState>, HtmlElement, impl Drop) {
    let root = container();
    let store = RunStore::new();
    let view = RwSignal::new(ViewState::from_query(query));
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(store);
        let now = RwSignal::new(js_sys::Date::now());
        view! { <RunView view=view now=now/> }
    });
    (store, view, root, handle)
}

/// Pins: over-budget trials say so in words (not colour alone), one trial is marked as the
/// best that fits, and every trial gets exactly one card with its id and status.
#[wasm_bindgen_test]
async fn completed_run_marks_budget_verdicts_in_words() {
    let (store, _view, root, _h) = mount_run_view("");
    store.apply(parse_state(COMPLETED).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    built_after_paint(&root).await;
    let cards = all(&root, "[data-testid=trial-card]");
    assert_eq!(cards.len(), 30);
    let over: Vec<_> = cards
        .iter()
        .filter(|c| c.get_attribute("data-fits").as_deref() == Some("false"))
        .collect();
    assert_eq!(
        over.len(),
        8,
        "completed.json has 8 trials over the int8 budget"
    );
    for card in &over {
        assert!(
            card.text_content().unwrap().contains("over budget"),
            "over-budget card must say so in words"
        );
    }
    let best = all(&root, "[data-best-fit=true]");
    assert_eq!(best.len(), 1);
    assert_eq!(best[0].get_attribute("data-fits").as_deref(), Some("true"));
    // Default order: the best fitting trial comes first, the over-budget ones last.
    assert_eq!(
        cards[0].get_attribute("data-best-fit").as_deref(),
        Some("true")
    );
    assert_eq!(
        cards[29].get_attribute("data-fits").as_deref(),
        Some("false")
    );
    let count = root
        .query_selector("[data-testid=trial-count]")
        .unwrap()
        .unwrap();
    assert_eq!(count.get_attribute("data-total").as_deref(), Some("30"));
    let progress = root
        .query_selector("[data-testid=progress]")
        .unwrap()
        .unwrap();
    assert_eq!(
        progress.get_attribute("data-completed").as_deref(),
        Some("30")
    );
    built_after_paint(&root).await;
    assert_eq!(all(&root, "[data-testid=worker]").len(), 3);
    let summary = root
        .query_selector("[data-testid=config-summary]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        summary.contains("128 KiB") && summary.contains("200 ms"),
        "budget shown in the summary: {summary}"
    );
}

/// Pins: switching precision to float32 re-evaluates every card (more trials go over).
#[wasm_bindgen_test]
async fn precision_choice_changes_the_verdicts() {
    let (store, view, root, _h) = mount_run_view("");
    store.apply(parse_state(COMPLETED).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    let over = |root: &Element| all(root, "[data-testid=trial-card][data-fits=false]").len();
    let int8 = over(&root);
    view.update(|v| v.precision = tunerscope::vocab::Precision::parse("float32"));
    leptos::task::tick().await;
    assert!(
        over(&root) > int8,
        "float32 variants exceed the budget more often"
    );
}

/// Pins the in-place update: a new snapshot rebuilds only the cards of trials that changed;
/// the others keep their very DOM nodes.
#[wasm_bindgen_test]
async fn new_snapshot_keeps_dom_of_unchanged_trials() {
    let (store, _view, root, _h) = mount_run_view("sort=order");
    store.apply(parse_state(TIMELINE_4).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    let before: Vec<(String, Element)> = all(&root, "[data-testid=trial-card]")
        .into_iter()
        .map(|c| (c.get_attribute("data-trial-id").unwrap(), c))
        .collect();
    assert!(!before.is_empty());

    let old = parse_state(TIMELINE_4).unwrap();
    let new = parse_state(TIMELINE_5).unwrap();
    store.apply(parse_state(TIMELINE_5).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    let after = all(&root, "[data-testid=trial-card]");
    assert_eq!(after.len(), new.trials.len());
    let mut kept = 0;
    let mut rebuilt = 0;
    for (id, old_node) in &before {
        let now_node = after
            .iter()
            .find(|c| c.get_attribute("data-trial-id").as_deref() == Some(id))
            .unwrap();
        let unchanged =
            old.trials.iter().find(|t| &t.id == id) == new.trials.iter().find(|t| &t.id == id);
        let same = now_node.is_same_node(Some(old_node));
        assert_eq!(
            same, unchanged,
            "trial {id}: DOM kept iff the trial did not change"
        );
        if same {
            kept += 1;
        } else {
            rebuilt += 1;
        }
    }
    assert!(
        kept > 0 && rebuilt > 0,
        "the fixture pair has both kinds (kept {kept}, rebuilt {rebuilt})"
    );
}

/// Pins: after a good load, a failed refresh keeps the run on screen (header and every trial
/// card, unchanged), with the error banner saying the data below is from the last successful
/// refresh and the stale marker in the header; the next good answer clears both. Mounted as the
/// page mounts them (`app.rs`): the banner over the `RunView`, both reading one `RunStore`.
#[wasm_bindgen_test]
async fn a_failed_refresh_keeps_the_last_run_on_screen() {
    let root = container();
    let store = RunStore::new();
    let view = RwSignal::new(ViewState::from_query(""));
    let _h = leptos::mount::mount_to(root.clone(), move || {
        provide_context(store);
        let now = RwSignal::new(js_sys::Date::now());
        let has_data = Signal::derive(move || store.snapshot.with(Option::is_some));
        view! {
            <ErrorBanner error=store.error has_data=has_data/>
            <RunView view=view now=now/>
        }
    });
    let ids = |root: &Element| -> Vec<Option<String>> {
        all(root, "[data-testid=trial-card]")
            .iter()
            .map(|c| c.get_attribute("data-trial-id"))
            .collect()
    };
    store.apply(parse_state(COMPLETED).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    built_after_paint(&root).await;
    let good = ids(&root);
    assert_eq!(good.len(), 30, "the good load shows every trial");
    assert!(all(&root, "[data-testid=error-banner]").is_empty());
    assert!(all(&root, "[data-testid=stale-indicator]").is_empty());

    for kind in [
        ErrorKind::BadResponse,
        ErrorKind::Server,
        ErrorKind::Network,
    ] {
        store.fail(
            LoadError::new(kind, None, "refresh failed"),
            js_sys::Date::now(),
        );
        leptos::task::tick().await;
        assert_eq!(
            ids(&root),
            good,
            "{kind:?}: the cards of the last good run stay"
        );
        assert_eq!(
            all(&root, "[data-testid=run-header]").len(),
            1,
            "{kind:?}: the run header stays"
        );
        let banner = all(&root, "[data-testid=error-banner]");
        assert_eq!(banner.len(), 1, "{kind:?}: one error banner");
        assert_eq!(
            banner[0].get_attribute("data-kind").as_deref(),
            Some(kind.as_str())
        );
        assert!(
            banner[0]
                .text_content()
                .unwrap()
                .contains("last successful refresh"),
            "{kind:?}: the banner says the data below is older"
        );
        assert_eq!(
            all(&root, "[data-testid=stale-indicator]").len(),
            1,
            "{kind:?}: the header marks the data stale"
        );
    }

    store.apply(parse_state(COMPLETED).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    assert_eq!(ids(&root), good);
    assert!(
        all(&root, "[data-testid=error-banner]").is_empty(),
        "a good answer clears the banner"
    );
    assert!(
        all(&root, "[data-testid=stale-indicator]").is_empty(),
        "a good answer clears the stale marker"
    );
}

/// Pins: error text from the server is shown literally (never parsed as HTML), and the banner
/// says when older data stays beneath it.
#[wasm_bindgen_test]
async fn error_banner_renders_server_text_as_text() {
    let root = container();
    let error = RwSignal::new(Some(LoadError::new(
        ErrorKind::Server,
        Some(500),
        "<img src=x onerror=alert(1)> & <b>bold</b>",
    )));
    let _h = leptos::mount::mount_to(
        root.clone(),
        move || view! { <ErrorBanner error=error has_data=Signal::derive(|| true)/> },
    );
    leptos::task::tick().await;
    let banner = root
        .query_selector("[data-testid=error-banner]")
        .unwrap()
        .unwrap();
    assert_eq!(banner.get_attribute("data-kind").as_deref(), Some("server"));
    assert!(banner
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)> & <b>bold</b>"));
    assert!(
        banner.query_selector("img, b").unwrap().is_none(),
        "no element injected"
    );
    assert!(
        banner
            .text_content()
            .unwrap()
            .contains("last successful refresh"),
        "says the older data stays"
    );
    error.set(None);
    leptos::task::tick().await;
    assert!(root
        .query_selector("[data-testid=error-banner]")
        .unwrap()
        .is_none());
}

/// Pins the connect form: bad ids are refused with a sentence; a good submit hands over the
/// view and the key, and the key is not part of the view (so never in the URL).
#[wasm_bindgen_test]
async fn connect_form_validates_and_keeps_the_key_out_of_the_url() {
    let root = container();
    let got: RwSignal<Option<(ViewState, ApiKey)>, LocalStorage> = RwSignal::new_local(None);
    let view = RwSignal::new(ViewState::from_query("project=5"));
    let _h = leptos::mount::mount_to(root.clone(), move || {
        view! { <ConnectForm view=view on_connect=Callback::new(move |pair| got.set(Some(pair)))/> }
    });
    leptos::task::tick().await;
    let input = |name: &str| -> HtmlInputElement {
        root.query_selector(&format!("input[name={name}]"))
            .unwrap()
            .unwrap()
            .unchecked_into()
    };
    assert_eq!(input("project").value(), "5", "prefilled from the URL");
    let submit: HtmlElement = root
        .query_selector("[data-testid=connect]")
        .unwrap()
        .unwrap()
        .unchecked_into();

    input("job").set_value("zero");
    submit.click();
    leptos::task::tick().await;
    assert!(got.get_untracked().is_none());
    assert!(root
        .text_content()
        .unwrap()
        .contains("positive whole numbers"));

    input("job").set_value("77");
    input("api").set_value("http://127.0.0.1:9/v1/");
    input("api-key").set_value("ei_secret_123");
    submit.click();
    leptos::task::tick().await;
    let (next, key) = got.get_untracked().expect("connect called");
    assert_eq!((next.project, next.job), (Some(5), Some(77)));
    assert_eq!(next.api_base(), "http://127.0.0.1:9/v1");
    assert_eq!(key.secret(), "ei_secret_123");
    assert_eq!(
        key.base(),
        "http://127.0.0.1:9/v1",
        "the key is bound to the base it was entered for"
    );
    assert!(!next.to_query().contains("ei_secret_123"));
    assert!(
        !format!("{key:?}").contains("ei_secret_123"),
        "Debug never prints the key"
    );
}

/// Leaves an early request the way `src/prefetch.js` does (here one whose answer never comes)
/// and returns its controller.
fn leave_early_request(url: &str, base: &str, keyed: bool) -> web_sys::AbortController {
    let controller = web_sys::AbortController::new().expect("an abort controller");
    let early = js_sys::Object::new();
    let set = |name: &str, value: &wasm_bindgen::JsValue| {
        js_sys::Reflect::set(&early, &name.into(), value).expect("set a field");
    };
    set("url", &url.into());
    set("base", &base.into());
    set("keyed", &keyed.into());
    set("response", &js_sys::Promise::new(&mut |_, _| {}).into());
    set("controller", &controller.clone().into());
    let window = web_sys::window().expect("a window");
    js_sys::Reflect::set(&window, &"__tunerscopePrefetch".into(), &early).expect("leave it");
    controller
}

const EARLY_BASE: &str = "http://127.0.0.1:9/v1";

fn early_url(job: u64) -> String {
    format!("{EARLY_BASE}/api/1/optimize/{job}/state")
}

/// The page's early request is taken only by the same request (same address, a key for the
/// same base, a header exactly when it had one), once; other requests leave it alone (a
/// compared run's may come first), and its abort handle is the request's own.
#[wasm_bindgen_test]
fn an_early_request_is_taken_only_by_the_same_request() {
    use tunerscope::api::prefetch::{discard, take};
    let key = ApiKey::new(EARLY_BASE, "test-key", false);
    let controller = leave_early_request(&early_url(4), EARLY_BASE, true);
    assert!(take(&early_url(11), &key).is_none(), "another run took it");
    let elsewhere = ApiKey::new("http://127.0.0.1:9/other/v1", "test-key", false);
    assert!(
        take(&early_url(4), &elsewhere).is_none(),
        "a key of another base took it"
    );
    let proxy = ApiKey::new(EARLY_BASE, "", false);
    assert!(
        take(&early_url(4), &proxy).is_none(),
        "a request without a key took it"
    );
    assert!(
        !controller.signal().aborted(),
        "a request that did not take it cancelled it"
    );

    let taken = take(&early_url(4), &key).expect("the same request takes it");
    assert!(
        take(&early_url(4), &key).is_none(),
        "it can be taken only once"
    );
    taken.abort.abort();
    assert!(
        controller.signal().aborted(),
        "its abort handle is not the request's"
    );
    discard();
}

/// An early request nothing took by the end of the first render is cancelled and forgotten.
#[wasm_bindgen_test]
fn an_early_request_nothing_takes_is_cancelled() {
    use tunerscope::api::prefetch::{discard, take};
    let controller = leave_early_request(&early_url(4), EARLY_BASE, true);
    discard();
    assert!(controller.signal().aborted(), "left running");
    let key = ApiKey::new(EARLY_BASE, "test-key", false);
    assert!(
        take(&early_url(4), &key).is_none(),
        "still there after being cancelled"
    );
}
