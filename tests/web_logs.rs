//! Logs in headless Chromium (wasm-bindgen-test): the log box fed parsed answers directly
//! (lines, levels, multi-line, literal text, starting at the end, "last N of M", 1,000
//! lines), and the log buttons inside a real `RunView` (nothing loads before the click,
//! errors inside the box, "See the log" on failed cards, where the run log is offered).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use std::sync::Arc;
use tunerscope::api::key::ApiKey;
use tunerscope::components::log_box::LogBox;
use tunerscope::components::run_view::RunView;
use tunerscope::model::logs::{read_log, LogBody};
use tunerscope::model::parse_state;
use tunerscope::state::api_key::{CurrentKey, LiveApi};
use tunerscope::state::logs::{
    provide_trial_logs, start_following, use_follow, use_log, UseLogReturn,
};
use tunerscope::state::run_store::RunStore;
use tunerscope::view_state::ViewState;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

mod web_support;
use web_support::{all, built_after_paint, container, one, until};

wasm_bindgen_test_configure!(run_in_browser);

const TRIAL_LOGS: &str = include_str!("fixtures/trial-logs.json");
const JOB_ERROR: &str = include_str!("fixtures/job-error.json");
const COMPLETED: &str = include_str!("fixtures/completed.json");
/// A run view whose API cannot answer (port 9 refuses): a click that asks shows a network
/// error, and no test here can reach a real server.
const LIVE: &str = "project=1&job=2&api=http://127.0.0.1:9/v1";
const FAILED_TRIAL: &str = "780859d814ba";

fn click(root: &Element, selector: &str) {
    one(root, selector).unchecked_into::<HtmlElement>().click();
}

/// The app's own log styles (scroll box, `pre-wrap`), once per page: component tests load
/// no stylesheet otherwise.
fn with_log_styles() {
    let document = web_sys::window().unwrap().document().unwrap();
    if document.get_element_by_id("log-styles").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("log-styles");
        style.set_text_content(Some(include_str!("../style/trials.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
}

/// Mounts a bare log box showing `body`.
async fn log_box(body: LogBody) -> (RwSignal<Option<Arc<LogBody>>>, HtmlElement, impl Drop) {
    with_log_styles();
    let root = container();
    let signal = RwSignal::new(Some(Arc::new(body)));
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <LogBox testid="trial-logs" label="Log of a test" body=signal file_stem="tunerscope-trial-x"/> }
    });
    leptos::task::tick().await;
    (signal, root, handle)
}

fn at_end(root: &Element) -> bool {
    let lines: HtmlElement = one(root, ".log-lines").unchecked_into();
    lines.scroll_height() > lines.client_height()
        && lines.scroll_top() + lines.client_height() >= lines.scroll_height() - 2
}

/// Pins the log box on the trial log sample: one `log-line` per entry with its level as
/// received (empty when absent), time and level words, error/warn marked in words, the
/// traceback's line breaks kept and laid out (`pre-wrap`), and "last 34 of 1380 lines".
#[wasm_bindgen_test]
async fn the_box_shows_lines_levels_and_what_is_missing() {
    let (_b, root, _h) = log_box(read_log(200, TRIAL_LOGS).unwrap()).await;
    let logs = one(&root, "[data-testid=trial-logs]");
    assert_eq!(logs.get_attribute("data-total").as_deref(), Some("1380"));
    let lines = all(&logs, "[data-testid=log-line]");
    assert_eq!(lines.len(), 34);
    assert_eq!(
        lines[0].get_attribute("data-level").as_deref(),
        Some("info")
    );
    assert!(lines[0]
        .text_content()
        .unwrap()
        .starts_with("08:20:58 INFO"));
    let last = lines.last().unwrap();
    assert_eq!(last.get_attribute("data-level").as_deref(), Some(""));
    let error = &lines[lines.len() - 2];
    assert_eq!(error.get_attribute("data-level").as_deref(), Some("error"));
    assert!(error.class_list().contains("stands-out"));
    assert!(one(error, ".log-level")
        .text_content()
        .unwrap()
        .contains("▲ ERROR"));
    let data = one(error, ".log-data");
    assert!(data
        .text_content()
        .unwrap()
        .contains("\n  File \"/app/train.py\""));
    let warn = all(&logs, "[data-level=warn]");
    assert!(!warn.is_empty() && warn.iter().all(|w| w.class_list().contains("stands-out")));
    assert!(all(&logs, "[data-level=info].stands-out").is_empty());
    assert!(
        one(&logs, ".log-note")
            .text_content()
            .unwrap()
            .contains("last 34 of 1380 lines"),
        "{}",
        one(&logs, ".log-note").text_content().unwrap()
    );
}

/// Pins "multi-line entries keep their breaks": three short lines in one entry take three
/// lines on screen (`white-space: pre-wrap`), not one.
#[wasm_bindgen_test]
async fn multi_line_entries_keep_their_breaks() {
    let json = serde_json::json!({"success": true, "totalCount": 2, "stdout": [
        {"created": "2025-03-10T08:21:01Z", "data": "one", "logLevel": "info"},
        {"created": "2025-03-10T08:21:02Z", "data": "one\ntwo\nthree", "logLevel": "error"}]});
    let (_b, root, _h) = log_box(read_log(200, &json.to_string()).unwrap()).await;
    let lines = all(&root, "[data-testid=log-line]");
    let height = |e: &Element| e.unchecked_ref::<HtmlElement>().offset_height();
    let (single, triple) = (height(&lines[0]), height(&lines[1]));
    assert!(
        2 * triple > 5 * single,
        "{triple} px for 3 lines vs {single} px for one"
    );
}

/// Pins literal rendering: markup in a log line (and in its level) stays text; no element
/// is created from it.
#[wasm_bindgen_test]
async fn hostile_text_is_shown_literally() {
    let hostile = r#"<img src=x onerror="window.__pwned=1"><b>bold</b>"#;
    let json = serde_json::json!({"success": true, "totalCount": 1,
        "stdout": [{"created": "2025-03-10T08:21:01Z", "data": hostile, "logLevel": "<i>warn</i>"}]});
    let (_b, root, _h) = log_box(read_log(200, &json.to_string()).unwrap()).await;
    let line = one(&root, "[data-testid=log-line]");
    assert_eq!(one(&line, ".log-data").text_content().unwrap(), hostile);
    assert_eq!(
        line.get_attribute("data-level").as_deref(),
        Some("<i>warn</i>")
    );
    assert!(root.query_selector("img, b, i").unwrap().is_none());
    assert!(no_more_lines_note(&root));
}

fn no_more_lines_note(root: &Element) -> bool {
    !one(root, ".log-note")
        .text_content()
        .unwrap()
        .contains("last")
}

/// Pins "starts at the end", for the first answer and for the next one; and measures a
/// 1,000-line log (the API's ceiling) from the answer to the lines in the DOM.
#[wasm_bindgen_test]
async fn a_thousand_lines_render_fast_and_start_at_the_end() {
    let (signal, root, _h) = log_box(read_log(200, TRIAL_LOGS).unwrap()).await;
    until("the sample starts scrolled to the end", || at_end(&root)).await;

    let entries: Vec<_> = (0..1000)
        .map(|i| {
            serde_json::json!({"created": "2025-03-10T08:21:01Z",
                "data": format!("Epoch {i}/1000 - loss: 0.{i:04} - accuracy: 0.5"),
                "logLevel": if i % 100 == 0 { "warn" } else { "info" }})
        })
        .collect();
    let json = serde_json::json!({"success": true, "totalCount": 52_000, "stdout": entries});
    let body = read_log(200, &json.to_string()).unwrap();
    let one_box: HtmlElement = one(&root, ".log-lines").unchecked_into();
    let perf = web_sys::window().unwrap().performance().unwrap();
    let start = perf.now();
    signal.set(Some(Arc::new(body)));
    leptos::task::tick().await;
    let _ = one_box.scroll_height(); // forces layout
    let took = perf.now() - start;
    // Printed, not asserted: a timing on a shared 2-core CI machine is a benchmark's job.
    console_log!("1,000 log lines: rendered and laid out in {took:.1} ms");
    assert_eq!(all(&root, "[data-testid=log-line]").len(), 1000);
    until("a new answer scrolls to the end again", || at_end(&root)).await;
    assert!(one(&root, ".log-note")
        .text_content()
        .unwrap()
        .contains("last 1000 of 52000 lines"));
}

/// Mounts a `RunView` over `fixture` with the view `query`; `live` is what `App` would say
/// ([`LiveApi`]: the run is shown from the API), with a key for [`LIVE`]'s base.
async fn run_view(query: &str, fixture: &str, live: bool) -> (RunStore, HtmlElement, impl Drop) {
    let root = container();
    let store = RunStore::new();
    let view = RwSignal::new(ViewState::from_query(query));
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(LiveApi(Signal::stored(live)));
        provide_context(CurrentKey(RwSignal::new(Some(ApiKey::new(
            "http://127.0.0.1:9/v1",
            "test-key",
            false,
        )))));
        provide_context(store);
        let now = RwSignal::new(js_sys::Date::now());
        view! { <RunView view=view now=now/> }
    });
    store.apply(parse_state(fixture).unwrap(), js_sys::Date::now());
    leptos::task::tick().await;
    leptos::task::tick().await;
    built_after_paint(&root).await;
    (store, root, handle)
}

/// Pins "on demand": an expanded trial shows "Show log" and no log box until the click;
/// the click asks the API, and its failure is shown inside the log box with the banner's kind.
#[wasm_bindgen_test]
async fn a_trial_log_loads_only_when_asked_and_errors_stay_in_the_box() {
    let (_s, root, _h) = run_view(&format!("{LIVE}&trial={FAILED_TRIAL}"), JOB_ERROR, true).await;
    let button = one(&root, "[data-testid=trial-logs-load]");
    assert_eq!(button.text_content().unwrap(), "Show log");
    assert!(root
        .query_selector("[data-testid=trial-logs]")
        .unwrap()
        .is_none());
    click(&root, "[data-testid=trial-logs-load]");
    until("the network error inside the log box", || {
        root.query_selector("[data-testid=trial-logs] .log-error[data-kind=network]")
            .unwrap()
            .is_some()
    })
    .await;
    assert!(root
        .query_selector("[data-testid=error-banner]")
        .unwrap()
        .is_none());
    assert_eq!(
        one(&root, "[data-testid=trial-logs-load]")
            .text_content()
            .unwrap(),
        "Refresh log"
    );
}

/// Pins "see the log": a failed trial's card offers it; the click expands the trial with its
/// log opened. Other cards don't offer it.
#[wasm_bindgen_test]
async fn a_failed_card_points_at_its_log() {
    let (_s, root, _h) = run_view(LIVE, JOB_ERROR, true).await;
    assert_eq!(all(&root, ".see-log").len(), 6, "one per failed trial");
    let card = one(&root, &format!("[data-trial-id='{FAILED_TRIAL}']"));
    one(&card, ".see-log")
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;
    until("the trial expanded with its log box", || {
        root.query_selector(&format!(
            "[data-trial-id='{FAILED_TRIAL}'] [data-testid=trial-logs]"
        ))
        .unwrap()
        .is_some()
    })
    .await;
}

/// Pins where the run log is offered: right under the header with the reason for a run
/// with `jobError` and failed trials; beside the configuration for a run without trouble.
#[wasm_bindgen_test]
async fn the_run_log_is_prominent_only_when_the_run_failed() {
    let (_s, root, _h) = run_view(LIVE, JOB_ERROR, true).await;
    let section = one(&root, ".run-log.prominent");
    assert!(section
        .text_content()
        .unwrap()
        .contains("The run reported an error and 6 trials failed"));
    assert!(section
        .query_selector("[data-testid=run-log-load]")
        .unwrap()
        .is_some());
    // Above the progress bar, not tucked away.
    let progress = one(&root, "[data-testid=progress]");
    assert_eq!(
        section.compare_document_position(&progress) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING,
        web_sys::Node::DOCUMENT_POSITION_FOLLOWING
    );
    assert!(root
        .query_selector("[data-testid=run-log]")
        .unwrap()
        .is_none());

    let (_s, calm, _h2) = run_view(LIVE, COMPLETED, true).await;
    assert!(calm.query_selector(".run-log.prominent").unwrap().is_none());
    one(&calm, ".columns [data-testid=run-log-load]");
}

/// How many requests the page has made whose URL contains `part` (the browser's own record).
fn requests_to(part: &str) -> usize {
    let perf = web_sys::window().unwrap().performance().unwrap();
    perf.get_entries_by_type("resource")
        .iter()
        .filter(|e| {
            js_sys::Reflect::get(e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .is_some_and(|n| n.contains(part))
        })
        .count()
}

/// No log button, no log box and no log request anywhere in `root`.
fn no_logs_offered(root: &Element, what: &str) {
    for selector in [
        "[data-testid=trial-logs-load]",
        "[data-testid=run-log-load]",
        ".see-log",
        ".trial-log",
        ".run-log",
    ] {
        assert!(
            root.query_selector(selector).unwrap().is_none(),
            "{what}: {selector} is offered"
        );
    }
    assert_eq!(requests_to("/stdout"), 0, "{what}: a log was asked for");
}

/// Pins "logs only for a run shown from the API": the demo of a named run (`demo=1`) and a
/// live-looking URL whose run is not shown from the API (no `LiveApi`, e.g. a snapshot file
/// over it) offer no log at all: no "Show log" in the expanded failed trial, no "See the log"
/// on failed cards, no run log, and nothing asked.
#[wasm_bindgen_test]
async fn no_logs_in_the_demo_or_without_the_api() {
    let (_s, demo, _h) = run_view(
        &format!("project=1&job=2&demo=1&trial={FAILED_TRIAL}"),
        JOB_ERROR,
        false,
    )
    .await;
    one(&demo, "[data-testid=trial-card]");
    no_logs_offered(&demo, "the demo");

    let (_s, file, _h2) = run_view(&format!("{LIVE}&trial={FAILED_TRIAL}"), JOB_ERROR, false).await;
    one(&file, "[data-testid=trial-card]");
    no_logs_offered(&file, "not shown from the API");
}

/// A feed for [`use_log`] + [`use_follow`] against the test runner's own server (same origin):
/// it answers the log URL with a 404, and the browser's resource timing counts each request.
async fn follow_probe(
    name: &str,
    first_seq: u64,
    running: bool,
) -> (UseLogReturn, RwSignal<Option<u64>>, String, impl Drop) {
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let base = format!("{origin}/v1");
    let url = format!("{base}/api/1/optimize/trial/{name}/stdout");
    let seq = RwSignal::new(Some(first_seq));
    let out = std::rc::Rc::new(std::cell::Cell::new(None::<UseLogReturn>));
    let handle = leptos::mount::mount_to(container(), {
        let (out, url) = (out.clone(), url.clone());
        move || {
            provide_context(LiveApi(Signal::stored(true)));
            provide_context(CurrentKey(RwSignal::new(Some(ApiKey::new(
                &base, "test-key", false,
            )))));
            let log = use_log(Signal::stored(Some(url.clone())));
            use_follow(log, seq.into(), running);
            out.set(Some(log));
            view! { <p>"probe"</p> }
        }
    });
    leptos::task::tick().await;
    (out.get().unwrap(), seq, name.to_owned(), handle)
}

/// Pins "the last reload after the trial stops is not lost": following, a snapshot in which
/// the trial has stopped arrives while a load is still in flight; the reload it asks for
/// runs once that load ends, and only then is following over.
#[wasm_bindgen_test]
async fn follow_keeps_its_last_reload_while_a_load_is_in_flight() {
    let (log, seq, name, _h) = follow_probe("probe-final", 3, false).await;
    log.open();
    start_following(log, Some(3));
    assert!(log.loading.get_untracked(), "the first load is in flight");
    seq.set(Some(4));
    until("the final reload after the load in flight", || {
        requests_to(&name) == 2 && !log.loading.get_untracked()
    })
    .await;
    assert!(!log.follow.get_untracked(), "following ends with the trial");
}

/// Pins following across a cleared store: `seq` restarts at 1 (the same run opened again)
/// while the log remembers 5; the new snapshot still reloads it.
#[wasm_bindgen_test]
async fn follow_reloads_after_the_store_restarts_its_seq() {
    let (log, seq, name, _h) = follow_probe("probe-restart", 5, true).await;
    log.open();
    until("the first load", || {
        requests_to(&name) == 1 && !log.loading.get_untracked()
    })
    .await;
    start_following(log, Some(5));
    seq.set(None);
    leptos::task::tick().await;
    seq.set(Some(1));
    until("a reload for the restarted seq", || requests_to(&name) == 2).await;
    assert!(log.follow.get_untracked(), "the trial still runs");
}

/// A log of `n` generated lines.
fn generated(n: usize) -> LogBody {
    let entries: Vec<_> = (0..n)
        .map(|i| {
            serde_json::json!({"created": "2025-03-10T08:21:01Z",
                "data": format!("Epoch {i}/{n}"), "logLevel": "info"})
        })
        .collect();
    let json = serde_json::json!({"success": true, "totalCount": n, "stdout": entries});
    read_log(200, &json.to_string()).unwrap()
}

/// Pins "a reader keeps their place": scrolled up, a new answer (as Follow brings with each
/// poll) leaves the box where it was; back at the end, the next answer follows to the end.
#[wasm_bindgen_test]
async fn a_new_answer_scrolls_only_a_box_already_at_the_end() {
    let (signal, root, _h) = log_box(generated(100)).await;
    until("the first answer starts at the end", || at_end(&root)).await;
    let lines: HtmlElement = one(&root, ".log-lines").unchecked_into();
    lines.set_scroll_top(0);

    signal.set(Some(Arc::new(generated(200))));
    until("the second answer rendered", || {
        all(&root, "[data-testid=log-line]").len() == 200
    })
    .await;
    leptos::task::tick().await;
    leptos::task::tick().await;
    assert_eq!(lines.scroll_top(), 0, "the reader was pulled away");

    lines.set_scroll_top(lines.scroll_height());
    assert!(at_end(&root));
    signal.set(Some(Arc::new(generated(300))));
    until("the third answer rendered", || {
        all(&root, "[data-testid=log-line]").len() == 300
    })
    .await;
    until("a box at the end follows the new lines", || at_end(&root)).await;
}

/// Pins "Downloaded … / Copied" as a passing word: it is shown after the click and gone with
/// the next answer.
#[wasm_bindgen_test]
async fn the_tool_status_clears_on_the_next_answer() {
    let (signal, root, _h) = log_box(generated(3)).await;
    click(&root, ".log-download");
    let status = || one(&root, ".log-status").text_content().unwrap_or_default();
    until("a download status", || !status().is_empty()).await;
    signal.set(Some(Arc::new(generated(4))));
    until("the status gone with the next answer", || {
        status().is_empty()
    })
    .await;
}

/// Pins that `TrialLogs` forgets the previous run's logs: moving to another job (same
/// project and base) disposes the logs opened in the first, and the same run keeps its own.
#[wasm_bindgen_test]
async fn trial_logs_are_dropped_when_the_run_changes() {
    let out = std::rc::Rc::new(std::cell::Cell::new(None));
    let _h = leptos::mount::mount_to(container(), {
        let out = out.clone();
        move || {
            out.set(Some(provide_trial_logs()));
            view! { <p>"logs"</p> }
        }
    });
    let logs = out.get().unwrap();
    let first = ViewState::from_query(LIVE);
    let a = logs.for_trial(&first, "a").unwrap();
    a.shown.set(true);
    let again = logs.for_trial(&first, "a").unwrap();
    assert!(again.shown.get_untracked(), "the same run keeps its log");
    let other = ViewState::from_query("project=1&job=3&api=http://127.0.0.1:9/v1");
    let b = logs.for_trial(&other, "b").unwrap();
    assert!(!b.shown.get_untracked());
    assert_eq!(
        a.shown.try_get_untracked(),
        None,
        "the old run's log is still kept"
    );
}
