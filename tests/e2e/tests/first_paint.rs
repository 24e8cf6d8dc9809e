//! Issue 15, item 3, in real Chromium against the mock API: the answer first. The state
//! request of a run whose key is stored goes out while the page is still being built (before
//! the app's first render is done); the frame that first shows trial cards has the header,
//! summary, count and the first chunk of cards but not yet the other cards, the configuration
//! or the charts, which follow; a folded
//! configuration section has nothing inside until it is opened, and shows its content when
//! it is; a chart tab is built when it is selected, and works then.
//!
//! Needs a built app (`trunk build --release --offline`), Chromium and chromedriver. Run with
//! `cargo test -p e2e --test first_paint -- --test-threads=1`. Waits poll with timeouts.

use e2e::cdp::on_new_document;
use e2e::mock_api::{jobs, StaticFault, StaticOptions};
use e2e::thirtyfour::prelude::*;
use e2e::{Harness, DEFAULT_TIMEOUT};
use serde_json::{json, Value};
use std::time::Duration;

/// The only key the mock API accepts.
const KEY: &str = "test-key";
/// completed.json: 30 trials, all completed, each with an int8 and a float32 validation
/// accuracy (counted in the fixture), so the quantization chart draws 30 points.
const TRIALS: usize = 30;
/// Cards per chunk of the list (`derive::card_window`): the first chunk is the answer.
const CHUNK: u64 = 24;

/// Installed before the page's scripts: once per animation frame until trial cards are in the
/// DOM, then records what that frame (the first to paint cards) holds, in `window.__firstCards`.
const FIRST_CARDS_FRAME: &str = r#"
(() => {
  const has = (css) => document.querySelector(css) !== null;
  const watch = () => {
    const cards = document.querySelectorAll('[data-testid="trial-card"]').length;
    if (cards > 0) {
      window.__firstCards = {
        cards,
        header: has('[data-testid="run-header"]'),
        summary: has('[data-testid="run-summary"]'),
        count: has('[data-testid="trial-count"]'),
        progress: has('[data-testid="progress"]'),
        config: has('[data-testid="config-summary"]'),
        workers: has('section.workers'),
        charts: has('section.analysis'),
      };
    } else {
      requestAnimationFrame(watch);
    }
  };
  requestAnimationFrame(watch);
})();
"#;

/// Opens completed.json with the key typed in, and waits until the page has settled: the
/// cards, the configuration and the trade-off chart are all there.
async fn open_completed(h: &Harness) {
    h.open_run_with_key(jobs::COMPLETED, &[], KEY).await;
    h.wait_for_count("trial-card", TRIALS).await;
    h.wait_for("config-summary").await;
    h.wait_for("pareto-chart").await;
}

#[tokio::test]
async fn state_request_goes_out_before_the_first_render_is_done() {
    let h = Harness::start().await;
    // The key typed once is kept for the tab: the reload finds it before anything renders.
    open_completed(&h).await;
    h.reload().await;
    h.wait_for_count("trial-card", TRIALS).await;
    let request = the_state_request(&h).await;
    let mounted = h
        .js("return performance.getEntriesByName('tunerscope:mounted', 'mark').map((e) => e.startTime)[0] ?? null;")
        .await
        .as_f64()
        .unwrap_or_else(|| panic!("no tunerscope:mounted mark"));
    assert!(
        request < mounted,
        "the state request started at {request} ms, after the first render ended at {mounted} ms"
    );
    h.finish().await;
}

/// With the key stored, `index.html`'s small script sends the state request before the app's
/// wasm has even arrived (held back 1.5 s here), with the key; the app then takes that answer
/// over instead of asking again, and shows the run from it.
#[tokio::test]
async fn state_request_goes_out_before_the_wasm_arrives() {
    let slow_wasm = StaticOptions::new().fault("_bg.wasm", StaticFault::Delay(SLOW_FILE));
    let h = Harness::start_with(slow_wasm).await;
    open_completed(&h).await;
    let before = h.gets(STATE_PATH).len();
    h.reload().await;
    h.wait_for_count("trial-card", TRIALS).await;
    let request = the_state_request(&h).await;
    let wasm_arrived = *resource_times(&h, WASM, "responseEnd")
        .await
        .first()
        .unwrap_or_else(|| panic!("no wasm in the page's resources"));
    assert!(
        request < wasm_arrived,
        "the state request started at {request} ms, after the wasm arrived at {wasm_arrived} ms"
    );
    // A finished run is asked once: the app read the early answer, it did not send its own.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let sent = h.gets(STATE_PATH);
    assert_eq!(
        sent.len() - before,
        1,
        "state requests after the reload: {sent:#?}"
    );
    assert_eq!(
        sent[before].api_key.as_deref(),
        Some(KEY),
        "the early request went without the stored key"
    );
    h.finish().await;
}

/// The wasm (the page's biggest download) is requested from the top of the page, not by the
/// bootstrap once the whole page and its JS module are in: with the JS module held back, the
/// wasm has already started, it is requested once (the bootstrap takes the early fetch over),
/// and the app runs on it.
#[tokio::test]
async fn the_wasm_is_requested_before_the_js_module_arrives() {
    let slow_js = StaticOptions::new().fault(".js", StaticFault::Delay(SLOW_FILE));
    let h = Harness::start_with(slow_js).await;
    open_completed(&h).await;
    // Counted where it arrives: a fetch whose body nobody reads never gets a Resource Timing
    // entry, so the page's own list would not show a second, abandoned request.
    let wasm_gets = h
        .site()
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.ends_with("_bg.wasm"))
        .count();
    assert_eq!(wasm_gets, 1, "the wasm is requested once");
    let wasm = resource_times(&h, WASM, "startTime").await;
    let js = resource_times(&h, r"\.js$", "responseEnd").await;
    assert_eq!((wasm.len(), js.len()), (1, 1), "wasm {wasm:?}, JS {js:?}");
    assert!(
        wasm[0] < js[0],
        "the wasm was requested at {} ms, after the JS module arrived at {} ms",
        wasm[0],
        js[0]
    );
    h.finish().await;
}

/// When the page's one state request for completed.json's run started (ms from navigation);
/// fails unless there is exactly one.
async fn the_state_request(h: &Harness) -> f64 {
    let requests = resource_times(h, r"/optimize/4/state(\?|$)", "startTime").await;
    assert_eq!(
        requests.len(),
        1,
        "one state request after the reload: {requests:?}"
    );
    requests[0]
}

/// `field` (`startTime`, `responseEnd`: ms from navigation) of each of the page's resources
/// whose URL matches the JS regular expression `pattern`, in the order they were requested
/// (Resource Timing).
async fn resource_times(h: &Harness, pattern: &str, field: &str) -> Vec<f64> {
    let times = h
        .js_with(
            "const re = new RegExp(arguments[0]);
             return performance.getEntriesByType('resource')
               .filter((e) => re.test(e.name)).map((e) => e[arguments[1]]);",
            vec![json!(pattern), json!(field)],
        )
        .await;
    let Value::Array(times) = times else {
        panic!("no list of resource times: {times}");
    };
    times
        .iter()
        .map(|t| {
            t.as_f64()
                .unwrap_or_else(|| panic!("`{field}` of a resource matching {pattern} is {t}"))
        })
        .collect()
}

/// The wasm's file name, as a pattern for [`resource_times`].
const WASM: &str = r"_bg\.wasm$";
/// How long the slow host holds a file back (the wasm, or the JS module).
const SLOW_FILE: Duration = Duration::from_millis(1500);
/// The state path of completed.json's run (project 1, job 4) at the mock's `/v1` base.
const STATE_PATH: &str = "/v1/api/1/optimize/4/state";

#[tokio::test]
async fn cards_paint_before_the_configuration_and_the_charts() {
    let h = Harness::start().await;
    on_new_document(h.driver(), FIRST_CARDS_FRAME)
        .await
        .expect("install the frame watcher");
    // A small run (30 trials): the order holds for every size, not only past 2,500 trials.
    open_completed(&h).await;
    let frame = h.js("return window.__firstCards || null;").await;
    // Only the first chunk of cards is in that frame (the rest of a short list is built in
    // the task after it is painted; `open_completed` saw all 30 arrive).
    assert_eq!(
        frame["cards"].as_u64(),
        Some(CHUNK),
        "the first frame with cards should hold the first chunk of {CHUNK}: {frame}"
    );
    for part in ["header", "summary", "count", "progress"] {
        assert_eq!(
            frame[part],
            Value::Bool(true),
            "the first frame with cards lacks the {part}: {frame}"
        );
    }
    for part in ["config", "workers", "charts"] {
        assert_eq!(
            frame[part],
            Value::Bool(false),
            "the {part} were built before the first cards were painted: {frame}"
        );
    }
    // And they do come, in their place: between the progress bar and the trial list.
    let progress = h.top_of("[data-testid=progress]").await;
    let config = h.top_of("[data-testid=config-summary]").await;
    let chart = h.top_of("[data-testid=pareto-chart]").await;
    let count = h.top_of("[data-testid=trial-count]").await;
    assert!(
        progress < config && config < chart && chart < count,
        "progress {progress}, configuration {config}, chart {chart}, count {count}"
    );
    h.finish().await;
}

/// Number of elements matching `css` inside the configuration's `<details class=…>`.
async fn inside_details(h: &Harness, class: &str, css: &str) -> u64 {
    h.js_with(
        "const d = document.querySelector('[data-testid=config-summary] details.' + arguments[0]);
         return d ? d.querySelectorAll(arguments[1]).length : -1;",
        vec![class.into(), css.into()],
    )
    .await
    .as_i64()
    .and_then(|n| u64::try_from(n).ok())
    .unwrap_or_else(|| panic!("no details.{class} in the configuration"))
}

#[tokio::test]
async fn folded_configuration_is_built_when_opened() {
    let h = Harness::start().await;
    open_completed(&h).await;
    // Closed: only the summaries.
    assert_eq!(inside_details(&h, "space", ".space-impulse").await, 0);
    assert_eq!(inside_details(&h, "space", "li").await, 0);
    assert_eq!(inside_details(&h, "advanced", "dt").await, 0);

    // completed.json's search space: one impulse, DSP blocks mfe, mfcc and spectrogram.
    let space = h
        .driver()
        .find(By::Css(
            "[data-testid=config-summary] details.space > summary",
        ))
        .await
        .expect("the search space's summary");
    space.click().await.expect("open the search space");
    h.wait_until("the search space's content", DEFAULT_TIMEOUT, async || {
        let text = h
            .js_string("const d = document.querySelector('[data-testid=config-summary] details.space'); return d && d.open ? d.innerText : null;")
            .await
            .unwrap_or_default();
        let shown = ["Impulse 1", "mfe", "mfcc", "spectrogram"]
            .iter()
            .all(|t| text.contains(t));
        if shown { Ok(()) } else { Err(text) }
    })
    .await;
    assert_eq!(inside_details(&h, "space", ".space-impulse").await, 1);

    // completed.json sets maxMACCS (1750000): the advanced part lists it once opened.
    let advanced = h
        .driver()
        .find(By::Css(
            "[data-testid=config-summary] details.advanced > summary",
        ))
        .await
        .expect("the advanced part's summary");
    advanced.click().await.expect("open the advanced part");
    h.wait_until("the advanced part's content", DEFAULT_TIMEOUT, async || {
        let text = h
            .js_string("const d = document.querySelector('[data-testid=config-summary] details.advanced'); return d && d.open ? d.innerText : null;")
            .await
            .unwrap_or_default();
        if text.contains("Max MACCs") && text.contains("1750000") {
            Ok(())
        } else {
            Err(text)
        }
    })
    .await;
    h.finish().await;
}

/// Distinct trials drawn in the open chart tab.
async fn points_in_tab(h: &Harness) -> u64 {
    h.js("const ids = new Set([...document.querySelectorAll('[role=tabpanel] svg [data-trial-id]')].map((e) => e.getAttribute('data-trial-id'))); return ids.size;")
        .await
        .as_u64()
        .unwrap_or(0)
}

#[tokio::test]
async fn chart_tab_is_built_when_selected() {
    let h = Harness::start().await;
    open_completed(&h).await;
    // The trade-off chart is open; the quantization chart is not built.
    assert_eq!(
        h.js("return document.getElementById('gap-title') === null;")
            .await,
        Value::Bool(true),
        "the hidden quantization chart is in the DOM"
    );
    h.driver()
        .find(By::Id("tab-gap"))
        .await
        .expect("the Quantization tab")
        .click()
        .await
        .expect("select the Quantization tab");
    h.wait_until("the quantization chart", DEFAULT_TIMEOUT, async || {
        let n = points_in_tab(&h).await;
        let titled = h
            .js("return document.getElementById('gap-title') !== null;")
            .await
            == Value::Bool(true);
        if titled && n == TRIALS as u64 {
            Ok(())
        } else {
            Err(format!("titled {titled}, {n} points"))
        }
    })
    .await;
    // Only the open tab is built: the trade-off chart went away.
    assert!(h.all("pareto-chart").await.unwrap_or_default().is_empty());
    h.finish().await;
}
