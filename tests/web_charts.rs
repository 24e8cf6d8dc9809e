//! The analysis charts in headless Chromium (wasm-bindgen-test): real components over
//! fixtures parsed by the real model, real pointer events through the one delegated
//! handler per chart. Each test mounts into its own fresh element.
//!
//! Expected ids are the ones `tests/charts_fixtures.rs` derives (and documents) natively.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use tunerscope::components::charts::AnalysisPanel;
use tunerscope::components::run_view::RunView;
use tunerscope::model::parse_state;
use tunerscope::state::run_store::RunStore;
use tunerscope::view_state::ViewState;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, MouseEvent, MouseEventInit};

mod web_support;
use web_support::{all, built_after_paint, container, one};

wasm_bindgen_test_configure!(run_in_browser);

const COMPLETED: &str = include_str!("fixtures/completed.json");
const CREATING: &str = include_str!("fixtures/creating.json");
const LARGE_GZ: &[u8] = include_bytes!("fixtures/large-2000.json.gz");

/// The fitting latency front of completed.json (see `charts_fixtures.rs`).
const FRONT: [&str; 4] = [
    "1983af4eace6",
    "56f60e4c4ed3",
    "3e0394de829b",
    "c96cd62b4faf",
];

/// Mounts the panel alone, or with `cards` the whole run view (which contains the panel and
/// the trial list), over a fresh store.
fn mount(query: &str, cards: bool) -> (RunStore, RwSignal<ViewState>, HtmlElement, impl Drop) {
    let root = container();
    let store = RunStore::new();
    let view = RwSignal::new(ViewState::from_query(query));
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(store);
        let now = RwSignal::new(js_sys::Date::now());
        if cards {
            view! { <RunView view=view now=now/> }.into_any()
        } else {
            view! { <AnalysisPanel view=view now=now/> }.into_any()
        }
    });
    (store, view, root, handle)
}

/// The element with this `data-trial-id` among `elements` (ids are compared, never put
/// into a selector).
fn by_id(elements: &[Element], id: &str) -> Element {
    elements
        .iter()
        .find(|e| e.get_attribute("data-trial-id").as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no element for {id}"))
        .clone()
}

/// Dispatches a bubbling mouse event at the centre of `at`, on `target`.
fn mouse(kind: &str, target: &Element, at: &Element, shift: bool) {
    let r = at.get_bounding_client_rect();
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_client_x((r.left() + r.width() / 2.0).round() as i32);
    init.set_client_y((r.top() + r.height() / 2.0).round() as i32);
    init.set_shift_key(shift);
    let ev = MouseEvent::new_with_mouse_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

/// Pins the `pareto-chart` hooks on completed.json: one `pareto-point` per completed trial
/// (30), the 8 over-budget ones `data-fits="false"`, exactly the fitting front marked
/// `data-optimal="true"`, and the front listed in words.
#[wasm_bindgen_test]
async fn pareto_chart_marks_the_fitting_front() {
    let (store, _view, root, _h) = mount("", false);
    store.apply(parse_state(COMPLETED).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    let chart = one(&root, "[data-testid=pareto-chart]");
    let points = all(&chart, "[data-testid=pareto-point]");
    assert_eq!(points.len(), 30);
    let run = parse_state(COMPLETED).unwrap();
    for t in &run.trials {
        by_id(&points, &t.id);
    }
    assert_eq!(
        all(&chart, "[data-testid=pareto-point][data-fits=false]").len(),
        8
    );
    let mut optimal: Vec<String> = all(&chart, "[data-testid=pareto-point][data-optimal=true]")
        .iter()
        .map(|p| p.get_attribute("data-trial-id").unwrap())
        .collect();
    optimal.sort();
    let mut expected = FRONT.map(String::from).to_vec();
    expected.sort();
    assert_eq!(optimal, expected);
    assert_eq!(all(&chart, ".chart-front li").len(), 4);
    assert!(chart
        .text_content()
        .unwrap()
        .contains("30 of 30 completed trials plotted"));
}

/// Pins click → select: a real click at a point's screen position, dispatched on the
/// `<svg>` (so only the delegated hit-test can resolve it), sets `trial`, puts it in the
/// URL and opens that trial's card; a click on the circle itself works too; shift-click
/// toggles the trial in `compare`; hovering shows a tooltip with its name.
#[wasm_bindgen_test]
async fn clicking_a_point_selects_its_trial_and_card() {
    let (store, view, root, _h) = mount("", true);
    store.apply(parse_state(COMPLETED).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    built_after_paint(&root).await;
    let chart = one(&root, "[data-testid=pareto-chart]");
    let svg = one(&chart, "svg.chart");
    let points = all(&chart, "[data-testid=pareto-point]");
    let target = by_id(&points, "c96cd62b4faf");
    mouse("click", &svg, &target, false);
    leptos::task::tick().await;
    assert_eq!(
        view.with_untracked(|v| v.trial.clone()).as_deref(),
        Some("c96cd62b4faf")
    );
    assert!(view
        .with_untracked(ViewState::to_query)
        .contains("trial=c96cd62b4faf"));
    let cards = all(&root, "[data-testid=trial-card]");
    assert!(
        by_id(&cards, "c96cd62b4faf").class_list().contains("open"),
        "the card opens"
    );
    assert_eq!(
        all(&chart, ".ring.selected").len(),
        1,
        "the selection is highlighted"
    );

    let other = by_id(&points, "1983af4eace6");
    mouse("click", &other, &other, false);
    leptos::task::tick().await;
    assert_eq!(
        view.with_untracked(|v| v.trial.clone()).as_deref(),
        Some("1983af4eace6")
    );

    mouse("click", &svg, &target, true);
    mouse("click", &svg, &other, true);
    leptos::task::tick().await;
    assert_eq!(
        view.with_untracked(|v| v.compare.clone()),
        ["c96cd62b4faf", "1983af4eace6"]
    );
    assert_eq!(
        all(&root, "[data-testid=compare-view] [data-trial-id]").len(),
        2
    );
    mouse("click", &svg, &target, true);
    leptos::task::tick().await;
    assert_eq!(view.with_untracked(|v| v.compare.clone()), ["1983af4eace6"]);

    mouse("mousemove", &svg, &target, false);
    leptos::task::tick().await;
    let tip = one(&chart, ".chart-tip").text_content().unwrap();
    assert!(
        tip.contains("mfcc-conv2d-2") && tip.contains("accuracy"),
        "{tip}"
    );
}

/// Pins the compare view from the URL: `compare=a,b` shows one column per trial (in that
/// order), marks the differing DSP block type, and "differences only" hides equal rows.
#[wasm_bindgen_test]
async fn compare_view_from_the_url_marks_differences() {
    let (store, _view, root, _h) = mount("compare=2d64a1eed011,1983af4eace6", false);
    store.apply(parse_state(COMPLETED).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    let cmp = one(&root, "[data-testid=compare-view]");
    let ids: Vec<String> = all(&cmp, "[data-trial-id]")
        .iter()
        .map(|c| c.get_attribute("data-trial-id").unwrap())
        .collect();
    assert_eq!(ids, ["2d64a1eed011", "1983af4eace6"]);
    let differing: Vec<String> = all(&cmp, "tr[data-differs=true]")
        .iter()
        .map(|r| r.text_content().unwrap())
        .collect();
    assert!(
        differing
            .iter()
            .any(|r| r.contains("type") && r.contains("mfcc") && r.contains("mfe")),
        "{differing:?}"
    );
    assert!(!all(&cmp, "tr[data-differs=false]").is_empty());
    let toggle: web_sys::HtmlInputElement =
        one(&cmp, ".compare-head input[type=checkbox]").unchecked_into();
    toggle.click();
    leptos::task::tick().await;
    assert!(all(&cmp, "tr[data-differs=false]").is_empty());
    assert_eq!(all(&cmp, "tr[data-differs=true]").len(), differing.len());
}

/// Pins the empty states: with no trials every chart says why instead of drawing nothing.
#[wasm_bindgen_test]
async fn every_chart_says_why_it_is_empty() {
    let (store, _view, root, _h) = mount("", false);
    store.apply(parse_state(CREATING).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    for tab in all(&root, "[role=tab]") {
        tab.unchecked_ref::<HtmlElement>().click();
        leptos::task::tick().await;
        let empty = one(&root, "[role=tabpanel] .chart-empty")
            .text_content()
            .unwrap();
        assert!(
            empty.contains("yet"),
            "{}: {empty}",
            tab.text_content().unwrap()
        );
    }
}

/// Smoke test of every tab on completed.json: each draws an SVG with marks or bars and a
/// summary in words; the timeline says the run has finished.
#[wasm_bindgen_test]
async fn every_tab_draws_completed_json() {
    let (store, _view, root, _h) = mount("color=round", false);
    store.apply(parse_state(COMPLETED).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    for tab in all(&root, "[role=tab]") {
        tab.unchecked_ref::<HtmlElement>().click();
        leptos::task::tick().await;
        let panel = one(&root, "[role=tabpanel]");
        let name = tab.text_content().unwrap();
        assert!(!all(&panel, "svg.chart").is_empty(), "{name} draws");
        assert!(
            !all(&panel, "svg.chart .pt, svg.chart .bar").is_empty(),
            "{name} has marks"
        );
        assert!(
            !all(&panel, ".chart-summary").is_empty(),
            "{name} says it in words"
        );
        if name == "Workers" {
            assert!(one(&panel, "[data-testid=eta]")
                .text_content()
                .unwrap()
                .contains("finished"));
        }
    }
    assert!(one(&root, "[role=tabpanel]")
        .text_content()
        .unwrap()
        .contains("DSP block"));
}

/// Pins the worker timeline's frame (the shared plot frame, as on the other charts) on
/// completed.json: a lane label per worker of the run (its full id as the label's title), the
/// x axis counting elapsed time from "0", and the frame's two axis lines.
#[wasm_bindgen_test]
async fn the_timeline_draws_the_shared_frame() {
    let (store, _view, root, _h) = mount("", false);
    store.apply(parse_state(COMPLETED).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    let workers = all(&root, "[role=tab]")
        .into_iter()
        .find(|t| t.text_content().unwrap_or_default() == "Workers")
        .expect("a Workers tab");
    workers.unchecked_ref::<HtmlElement>().click();
    leptos::task::tick().await;
    let svg = one(&root, "[role=tabpanel] svg.chart");
    let lanes: Vec<String> = all(&svg, "g.axes text.tick title")
        .iter()
        .map(|t| t.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        lanes,
        ["tuner-worker-1", "tuner-worker-2", "tuner-worker-3"]
    );
    let first_tick = all(&svg, "g.axes text.tick")
        .into_iter()
        .find(|t| t.query_selector("title").unwrap().is_none())
        .expect("time labels");
    assert_eq!(first_tick.text_content().as_deref(), Some("0"));
    assert_eq!(all(&svg, "g.axes line.axis").len(), 2);
    assert!(
        all(&svg, "g.axes line.grid").len() >= 3 + 2,
        "lanes and time ticks"
    );
}

/// Unzips with the browser's DecompressionStream (no JS library, no extra web-sys feature).
async fn gunzip(bytes: &[u8]) -> String {
    use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
    use wasm_bindgen::JsValue;
    let get = |o: &JsValue, k: &str| Reflect::get(o, &JsValue::from_str(k)).unwrap();
    let global: JsValue = js_sys::global().into();
    let response: Function = get(&global, "Response").dyn_into().unwrap();
    let decompress: Function = get(&global, "DecompressionStream").dyn_into().unwrap();
    let ds = Reflect::construct(&decompress, &Array::of1(&"gzip".into())).unwrap();
    let zipped = Reflect::construct(&response, &Array::of1(&Uint8Array::from(bytes))).unwrap();
    let body = get(&zipped, "body");
    let pipe: Function = get(&body, "pipeThrough").dyn_into().unwrap();
    let plain =
        Reflect::construct(&response, &Array::of1(&pipe.call1(&body, &ds).unwrap())).unwrap();
    let text: Function = get(&plain, "text").dyn_into().unwrap();
    let promise: Promise = text.call0(&plain).unwrap().dyn_into().unwrap();
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .unwrap()
        .as_string()
        .unwrap()
}

/// large-2000.json: the Pareto chart draws all 1,874 completed trials; prints how long the
/// first render, a re-colouring, a hover and every other tab take (not asserted: machines
/// differ).
#[wasm_bindgen_test]
async fn large_run_renders_the_pareto_chart() {
    let run = parse_state(&gunzip(LARGE_GZ).await).unwrap();
    let (store, view, root, _h) = mount("", false);
    let perf = web_sys::window().unwrap().performance().unwrap();
    let t0 = perf.now();
    store.apply(run, js_sys::Date::now());
    leptos::task::tick().await;
    let t1 = perf.now();
    let points = all(&root, "[data-testid=pareto-point]");
    assert_eq!(points.len(), 1874);
    assert!(!all(&root, "[data-testid=pareto-point][data-optimal=true]").is_empty());
    view.update(|v| v.color = tunerscope::vocab::ColorBy::Round);
    leptos::task::tick().await;
    let t2 = perf.now();
    // Points are keyed by what they show: a new colour is a new point.
    let points = all(&root, "[data-testid=pareto-point]");
    assert_eq!(points.len(), 1874);
    let svg = one(&root, "[data-testid=pareto-chart] svg.chart");
    mouse("mousemove", &svg, &points[100], false);
    leptos::task::tick().await;
    let t3 = perf.now();
    // A second hover, layout already done: the cost of the delegated hit-test + tooltip.
    points[900].get_bounding_client_rect();
    let t4 = perf.now();
    mouse("mousemove", &svg, &points[900], false);
    leptos::task::tick().await;
    let t5 = perf.now();
    console_log!(
        "large-2000: first render {:.0} ms, re-colour {:.0} ms, first hover (with layout) {:.1} ms, next hover {:.1} ms",
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t5 - t4
    );
    assert!(one(&root, ".chart-tip")
        .text_content()
        .unwrap()
        .contains("accuracy"));

    // Every other tab at this size: drawn, with its time printed.
    for tab in all(&root, "[role=tab]").into_iter().skip(1) {
        let t = perf.now();
        tab.unchecked_ref::<HtmlElement>().click();
        leptos::task::tick().await;
        let panel = one(&root, "[role=tabpanel]");
        let drawn = all(&panel, "svg.chart circle.pt, svg.chart rect.bar").len();
        console_log!(
            "large-2000: {} tab {:.0} ms, {drawn} marks in the DOM",
            tab.text_content().unwrap(),
            perf.now() - t
        );
        assert!(drawn > 0);
    }
}

/// completed.json cut down to its first trial, with a total latency of 2 ms (1 ms of DSP,
/// 1 ms of model, int8).
fn one_trial_at_2_ms() -> String {
    let mut state: serde_json::Value = serde_json::from_str(COMPLETED).unwrap();
    let trials = state["trials"].as_array_mut().unwrap();
    trials.truncate(1);
    let trial = &mut trials[0];
    assert_eq!(trial["status"], "completed");
    for dsp in trial["impulse"]["dspBlocks"].as_array_mut().unwrap() {
        dsp["performance"]["latency"] = 1.into();
    }
    trial["devicePerformance"]["int8"]["latency"] = 1.into();
    state.to_string()
}

/// Pins issue 12: a run with one completed trial at 2 ms drew the trade-off chart's x axis as
/// "1.9 ms, 1.9 ms, 2 ms, 2 ms, 2.1 ms, 2.1 ms". Every tick label drawn is now distinct, and
/// the point's own value is one of them.
#[wasm_bindgen_test]
async fn one_trial_chart_has_distinct_tick_labels() {
    let (store, _view, root, _h) = mount("", false);
    store.apply(
        parse_state(&one_trial_at_2_ms()).unwrap(),
        js_sys::Date::now(),
    );
    leptos::task::tick().await;
    let chart = one(&root, "[data-testid=pareto-chart]");
    assert_eq!(all(&chart, "[data-testid=pareto-point]").len(), 1);
    let labels: Vec<String> = all(&chart, "text.tick")
        .iter()
        .map(|t| t.text_content().unwrap_or_default())
        .collect();
    let x: Vec<&String> = labels.iter().filter(|l| l.ends_with(" ms")).collect();
    assert!(x.len() >= 3, "x ticks {labels:?}");
    assert!(x.iter().any(|l| l.as_str() == "2 ms"), "x ticks {labels:?}");
    for (i, label) in labels.iter().enumerate() {
        assert!(
            !labels[..i].contains(label),
            "{label:?} is drawn twice: {labels:?}"
        );
    }
}
