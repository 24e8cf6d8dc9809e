//! The comparison of runs (`run-compare`, issue 16) in headless Chromium (wasm-bindgen-test):
//! a real `RunView` over the page's `RunStore` (run A) and the compared runs' stores, fed
//! fixtures parsed by the real model, driven through real DOM events. Expected trial ids come
//! from the independent derivation written down in `tests/run_compare.rs` (the fixture pair
//! read by hand and by a throwaway script, CONTRACT.md's rules).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use tunerscope::components::run_view::RunView;
use tunerscope::model::{parse_state, ErrorKind, LoadError};
use tunerscope::state::compare::{provide_compared_runs, ComparedRuns};
use tunerscope::state::run_store::RunStore;
use tunerscope::view_state::ViewState;
use tunerscope::vocab::CommonBudget;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlSelectElement};

mod web_support;
use web_support::{all, container, one, until};

wasm_bindgen_test_configure!(run_in_browser);

/// Run A (mock job 4) and run B (job 11): the same project's next run on another board.
const COMPLETED: &str = include_str!("fixtures/completed.json");
const BOARD: &str = include_str!("fixtures/compare-board.json");

/// Best fitting trials (int8, validation), from tests/run_compare.rs: A under its own budget,
/// B under its own (400 ms, 256 KiB), B under a 190 ms what-if on A's budget, and B's best
/// once its own best is gone.
const BEST_A: &str = "c96cd62b4faf";
const BEST_B: &str = "30d34d92b616";
const BEST_B_190MS: &str = "a57a0b45f902";

struct Mounted {
    store: RunStore,
    compared: ComparedRuns,
    view: RwSignal<ViewState>,
    root: HtmlElement,
    /// Unmounts when dropped.
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    /// The store of compared run `job`.
    fn store_of(&self, job: u64) -> RunStore {
        self.compared
            .runs
            .get_untracked()
            .into_iter()
            .find(|r| r.job == job)
            .unwrap_or_else(|| panic!("run {job} is not compared"))
            .store
    }

    fn row(&self, job: u64) -> Element {
        one(
            &self.root,
            &format!("[data-testid=run-compare-row][data-job-id='{job}']"),
        )
    }

    fn best_id(&self, job: u64) -> String {
        one(&self.row(job), "[data-testid=run-compare-best]")
            .get_attribute("data-trial-id")
            .unwrap_or_default()
    }

    fn state(&self, job: u64) -> String {
        self.row(job)
            .get_attribute("data-state")
            .unwrap_or_default()
    }
}

/// Mounts the page's run view for `query` with run A loaded (compared runs empty).
async fn mounted(query: &str) -> Mounted {
    let root = container();
    let store = RunStore::new();
    let view = RwSignal::new(ViewState::from_query(query));
    let compared = RwSignal::new(None::<ComparedRuns>);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(store);
        compared.set(Some(provide_compared_runs(view)));
        let now = RwSignal::new(js_sys::Date::now());
        view! { <RunView view=view now=now/> }
    });
    store.apply(parse_state(COMPLETED).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    Mounted {
        store,
        compared: compared.get_untracked().unwrap(),
        view,
        root,
        _handle: Box::new(handle),
    }
}

/// Picks `value` in a `<select>` and fires `change`, as a user would.
fn choose(root: &Element, selector: &str, value: &str) {
    let select: HtmlSelectElement = one(root, selector).unchecked_into();
    select.set_value(value);
    assert_eq!(select.value(), value, "{selector} offers {value}");
    let ev = web_sys::Event::new("change").unwrap();
    ev.init_event_with_bubbles("change", true);
    select.dispatch_event(&ev).unwrap();
}

fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

/// Whether `a` comes before `b` in the document.
fn precedes(a: &Element, b: &Element) -> bool {
    a.compare_document_position(b) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
}

/// One row per run in URL order, each judged by its own budget; the table sits above run A's
/// header and summary; the differences are in words.
#[wasm_bindgen_test]
async fn one_row_per_run_above_the_run_view() {
    let m = mounted("project=1&job=4&vs=11").await;
    let b = m.store_of(11);
    until("row 11 loading", || m.state(11) == "loading").await;
    b.apply(parse_state(BOARD).unwrap(), js_sys::Date::now());
    until("row 11 ready", || m.state(11) == "ready").await;

    let section = one(&m.root, "[data-testid=run-compare]");
    assert_eq!(
        section.get_attribute("data-job-ids").as_deref(),
        Some("4,11")
    );
    let rows: Vec<String> = all(&section, "[data-testid=run-compare-row]")
        .iter()
        .map(|r| r.get_attribute("data-job-id").unwrap())
        .collect();
    assert_eq!(rows, ["4", "11"]);
    assert_eq!(
        (m.best_id(4), m.best_id(11)),
        (BEST_A.into(), BEST_B.into())
    );
    let row_b = m.row(11).text_content().unwrap();
    for words in [
        "Keyword spotting on nRF52840 #4",
        "nordic-nrf52840-64mhz",
        "400 ms · 256 KiB RAM · 1 MiB ROM",
        "hyperband",
        "25 completed · 20 fit · 5 over",
    ] {
        assert!(row_b.contains(words), "row 11 says {words}: {row_b}");
    }
    assert!(precedes(
        &section,
        &one(&m.root, "[data-testid=run-header]")
    ));
    assert!(precedes(
        &section,
        &one(&m.root, "[data-testid=run-summary]")
    ));

    // One chart with both runs' completed trials: 30 in A, 25 in B (SOURCE.md).
    let legend: Vec<(String, String)> = all(&section, "[data-testid=runs-chart-run]")
        .iter()
        .map(|r| {
            (
                r.get_attribute("data-job-id").unwrap(),
                r.get_attribute("data-points").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        legend,
        [("4".into(), "30".into()), ("11".into(), "25".into())]
    );
    // Drawn, not only counted: run B arrived after the chart first rendered.
    until("the chart draws both runs' points", || {
        all(&section, "[data-testid=runs-chart-point]").len() == 55
    })
    .await;

    let diffs: Vec<String> = all(&section, "[data-testid=run-compare-diff][data-job-id='11']")
        .iter()
        .map(|d| d.text_content().unwrap())
        .collect();
    for words in [
        "cortex-m4f-80mhz → nordic-nrf52840-64mhz",
        "bayesian → hyperband",
        "removes DSP block spectrogram",
        "adds learn block keras-transfer-kws",
    ] {
        assert!(
            diffs.iter().any(|d| d.contains(words)),
            "a difference says {words}: {diffs:?}"
        );
    }
}

/// A run that cannot be loaded says why in its own row; the others stay as they are.
#[wasm_bindgen_test]
async fn a_failing_run_shows_its_error_in_its_row() {
    let m = mounted("project=1&job=4&vs=11,99").await;
    m.store_of(11)
        .apply(parse_state(BOARD).unwrap(), js_sys::Date::now());
    m.store_of(99).fail(
        LoadError::new(ErrorKind::NotFound, Some(404), "Tuner job not found"),
        js_sys::Date::now(),
    );
    until("row 99 failed", || m.state(99) == "error").await;
    let error = one(&m.row(99), "[data-testid=run-compare-error]")
        .text_content()
        .unwrap();
    assert!(
        error.contains("Could not load run 99") && error.contains("No such project or tuner job"),
        "{error}"
    );
    assert_eq!((m.state(4), m.state(11)), ("ready".into(), "ready".into()));
    assert_eq!(
        (m.best_id(4), m.best_id(11)),
        (BEST_A.into(), BEST_B.into())
    );
    assert!(
        all(&m.row(11), "[data-testid=run-compare-error]").is_empty(),
        "the error stays in its own row"
    );

    // A later failure of a loaded run keeps its row's data and says so.
    m.store_of(11).fail(
        LoadError::new(ErrorKind::Server, Some(503), ""),
        js_sys::Date::now(),
    );
    until("row 11 shows its error", || {
        !all(&m.row(11), "[data-testid=run-compare-error]").is_empty()
    })
    .await;
    assert_eq!(m.best_id(11), BEST_B, "the last good state stays");
    assert!(m
        .row(11)
        .text_content()
        .unwrap()
        .contains("last state that loaded"));
}

/// The common budget switch writes `common=` and judges every row by the one budget.
#[wasm_bindgen_test]
async fn a_common_budget_rejudges_every_row() {
    let m = mounted("project=1&job=4&vs=11&budget=lat:190").await;
    m.store_of(11)
        .apply(parse_state(BOARD).unwrap(), js_sys::Date::now());
    until("row 11 ready", || m.state(11) == "ready").await;
    assert_eq!(
        m.best_id(11),
        BEST_B,
        "own budget: the what-if is run A's view's"
    );

    choose(&m.root, "[data-testid=run-compare-budget]", "whatif");
    until("row 11 judged by the what-if budget", || {
        m.best_id(11) == BEST_B_190MS
    })
    .await;
    assert_eq!(m.view.get_untracked().common, Some(CommonBudget::WhatIf));
    assert_eq!(
        m.best_id(4),
        BEST_A,
        "A's best is 122 ms: still within 190 ms"
    );
    assert!(
        one(&m.root, "[data-testid=run-compare]")
            .text_content()
            .unwrap()
            .contains("190 ms"),
        "the table names the budget it judges by"
    );

    choose(&m.root, "[data-testid=run-compare-budget]", "");
    until("back to own budgets", || m.best_id(11) == BEST_B).await;
    assert_eq!(m.view.get_untracked().common, None);
}

/// A poll of a compared run updates its row in place; Remove and Stop comparing end it.
#[wasm_bindgen_test]
async fn rows_follow_their_runs_and_can_be_removed() {
    let m = mounted("project=1&job=4&vs=11").await;
    let b = m.store_of(11);
    b.apply(parse_state(BOARD).unwrap(), js_sys::Date::now());
    until("row 11 ready", || m.state(11) == "ready").await;
    let row = m.row(11);

    // The next poll: B's best trial is gone (say, it was deleted); its runner-up under its own
    // budget (tests/run_compare.rs) takes its place, in the same row.
    let mut state: serde_json::Value = serde_json::from_str(BOARD).unwrap();
    state["trials"]
        .as_array_mut()
        .unwrap()
        .retain(|t| t["id"] != BEST_B);
    b.apply(
        parse_state(&state.to_string()).unwrap(),
        js_sys::Date::now(),
    );
    until("row 11's best changes", || m.best_id(11) != BEST_B).await;
    assert!(!m.best_id(11).is_empty(), "another trial fits");
    assert!(row.is_connected(), "the row was updated, not rebuilt");

    // Each trial keeps its link into its own run.
    let link = one(&m.row(11), "[data-testid=run-compare-open]");
    let href = link.get_attribute("href").unwrap();
    assert!(
        href.contains("job=11") && href.contains(&format!("trial={}", m.best_id(11))),
        "{href}"
    );
    assert!(!href.contains("vs="), "{href}");
    click(&one(&m.row(4), "[data-testid=run-compare-open]"));
    until("run A's best card opens in place", || {
        m.view.get_untracked().trial.as_deref() == Some(BEST_A)
    })
    .await;
    assert_eq!(m.view.get_untracked().job, Some(4));

    click(&one(&m.row(11), "[data-testid=run-compare-remove]"));
    until("the comparison ends", || {
        all(&m.root, "[data-testid=run-compare]").is_empty()
    })
    .await;
    assert!(m.view.get_untracked().vs.is_empty());
    assert!(
        m.store.snapshot.with_untracked(|s| s.is_some()),
        "run A stays"
    );
}

/// The run switcher offers "Compare" beside every run but the open one; a compared run's
/// button says so and is disabled; the picker (no offer) has none.
#[wasm_bindgen_test]
async fn the_switcher_offers_compare_beside_other_runs() {
    use std::sync::{Arc, Mutex};
    use tunerscope::components::run_options::{CompareOffer, RunOptions};
    use tunerscope::model::runs::parse_runs;
    const RUNS: &str = include_str!("fixtures/runs.json");

    let root = container();
    let asked = Arc::new(Mutex::new(Vec::new()));
    let log = asked.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let list = Signal::stored(parse_runs(RUNS).unwrap());
        let offer = CompareOffer {
            on_compare: Callback::new(move |job| log.lock().unwrap().push(job)),
            blocked: Signal::stored(vec![3]),
            full: Signal::stored(false),
        };
        view! {
            <div class="switcher"><RunOptions list=list current=Signal::stored(Some(4)) now_ms=Signal::stored(0.0)
                on_pick=Callback::new(|_| {}) compare=offer/></div>
            <div class="picker"><RunOptions list=list now_ms=Signal::stored(0.0) on_pick=Callback::new(|_| {})/></div>
        }
    });
    leptos::task::tick().await;
    let switcher = one(&root, ".switcher");
    let buttons: Vec<(String, bool, String)> = all(&switcher, "[data-testid=run-option-compare]")
        .iter()
        .map(|b| {
            (
                b.get_attribute("data-job-id").unwrap(),
                b.has_attribute("disabled"),
                b.text_content().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        buttons,
        [
            ("3".to_owned(), true, "Compared".to_owned()),
            ("5".to_owned(), false, "Compare".to_owned()),
        ],
        "none for the open run 4; the hidden run 8 waits behind its switch"
    );
    click(&one(
        &switcher,
        "[data-testid=run-option-compare][data-job-id='5']",
    ));
    click(&one(
        &switcher,
        "[data-testid=run-option-compare][data-job-id='3']",
    ));
    assert_eq!(
        *asked.lock().unwrap(),
        [5],
        "a disabled button does nothing"
    );
    assert!(all(&one(&root, ".picker"), "[data-testid=run-option-compare]").is_empty());
}
