//! Benchmark of Tunerscope with 100, 1,000 and 10,000 trials: parse, first render, a 1 % update,
//! scrolling, memory over many polls, and the bundle size. Prints a markdown table.
//!
//! ```text
//! trunk build --release --offline && cargo run -p e2e --bin bench [-- --quick]
//! ```
//! (or `.ci/bench`, which builds first). The page runs live against the mock API's generated
//! states (`/gen/{trials}/{changed}/v1`, see `mock_api::generate`), in the harness's headless
//! Chromium, a fresh page load per run and a fresh generated stream (job id) per run.
//!
//! | variable | meaning | default (`--quick`) |
//! |---|---|---|
//! | `BENCH_RUNS` | runs per size (median reported) | 5 (1) |
//! | `BENCH_SIZES` | comma list of trial counts | `100,1000,10000` |
//! | `BENCH_POLLS` | polls of the largest size for the memory reading (0 = skip) | 200 (30) |
//! | `BENCH_SCROLL_STEP` | pixels scrolled per animation frame | 1800 |
//! | `BENCH_PROFILE` | a directory: write a DevTools CPU profile of each first load (`load-<n>-<run>.cpuprofile`, from the blank page to the first cards) and each 1 % update (`update-<n>-<run>.cpuprofile`) there; open them in DevTools' Performance panel | unset |
//! | `BENCH_LATENCY_MS` | ms added to every request's round trip (DevTools network emulation: page, wasm, API; both pages) | 0 |
//! | `BENCH_MBPS` | download bandwidth in Mbit/s, the same way | unlimited |
//! | `TUNERSCOPE_DIST` | the built app | `<repo>/dist` |
//!
//! What each number is:
//! - `tunerscope:parse` / `apply` / `render`: the app's own User Timing measures
//!   (`src/state/perf.rs`); `JSON.parse`: the same response text fetched in the page and parsed
//!   by the browser (median of several).
//! - Longest long task of the first load: `longtask` entries from page start to the end of the
//!   first `tunerscope:render`, each minus its overlap with `tunerscope:parse`.
//! - Update 1 %: the next snapshot (exactly 1 % of the trials changed: the first ones in creation
//!   order, shown at the top since the page uses `sort=order`), loaded with the refresh button;
//!   a `MutationObserver` on `<body>` counts records and the distinct `trial-card`s they touch
//!   (inside a card, or a card added or removed). Past 500 trials the list renders only cards
//!   near the viewport, so the changed trials that have a card in the DOM are counted too.
//! - Scroll (largest size only): `window.scrollBy` once per animation frame, `BENCH_SCROLL_STEP`
//!   px from top to bottom (a scroll-bar drag), then 120 px for 600 frames (a fast fling).
//! - Chunk render (largest size only): the app's `tunerscope:chunk` measures taken during the
//!   two scrolls (a chunk of 24 cards from placeholder to built DOM, layout and paint excluded).
//! - Memory: after `gc()` (Chromium runs with `--js-flags=--expose-gc`),
//!   `performance.memory.usedJSHeapSize` and the wasm linear memory.
//! - First cards (a table of its own): in each run, after Tunerscope's, the reference page
//!   (`tests/reference`: plain JS, `fetch`, `JSON.parse`, the count and the first 24 cards) loads
//!   snapshot 0 of the same generated state (a fresh job), from its own static server, with the
//!   key typed once and kept for the tab, as Tunerscope's is. For both pages the same script,
//!   installed on every new document, finds the first animation frame with the trial count and
//!   a `trial-card` in the DOM (that frame paints them); the time, from navigation start, is the
//!   end of that frame when it was a long one (a Long Animation Frame entry), else the mark
//!   `bench:first-cards` taken in a task queued from it (or the start of the next long frame,
//!   if earlier: the mark would also count a task the page queued first). The long frames up
//!   to then are printed on stderr, split into scripts and style/layout/paint. "Answer → cards" starts at the Resource Timing
//!   `responseEnd` of the state request; "answer and app started → cards" at the later of
//!   that and the end of Tunerscope's first render (`tunerscope:mounted`), since the answer
//!   to the page's early request may come before the wasm has started. Before each measured load, `about:blank` and `gc()`
//!   (the last page's heap is not collected during the next one); before the runs of each size,
//!   one unmeasured load of Tunerscope at that API base, so the measured ones send the stored
//!   key without the "send the key to this API?" question.

#[path = "bench/js.rs"]
mod js;
#[path = "bench/report.rs"]
mod report;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use e2e::{query, Harness, DEFAULT_TIMEOUT};
use report::{median, size, thousands, Metric, Samples};
use serde_json::{json, Value};

const KEY: &str = "test-key";

/// How long one load of the largest state may take.
const LOAD_TIMEOUT: Duration = Duration::from_secs(120);

/// Settings, from the command line and the environment.
struct Config {
    sizes: Vec<usize>,
    runs: usize,
    polls: usize,
    json_reps: usize,
    scroll_step: u32,
    /// Where to write CPU profiles of the 1 % updates (`BENCH_PROFILE`); none when unset.
    profile_dir: Option<PathBuf>,
    /// Added to every request's round trip, as DevTools' network throttling adds it
    /// (`BENCH_LATENCY_MS`; 0 = loopback as it is).
    latency_ms: usize,
    /// The download bandwidth in Mbit/s (`BENCH_MBPS`; 0 = unlimited).
    mbps: usize,
}

impl Config {
    fn from_env() -> Config {
        let quick = std::env::args().any(|a| a == "--quick");
        let num = |var: &str, default: usize| {
            std::env::var(var)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(default)
        };
        let sizes = std::env::var("BENCH_SIZES")
            .ok()
            .map(|v| {
                v.split(',')
                    .filter_map(|s| s.trim().replace('_', "").parse().ok())
                    .filter(|&n| (1..=mock_api_max()).contains(&n))
                    .collect::<Vec<usize>>()
            })
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| vec![100, 1_000, 10_000]);
        Config {
            sizes,
            runs: num("BENCH_RUNS", if quick { 1 } else { 5 }).max(1),
            polls: num("BENCH_POLLS", if quick { 30 } else { 200 }),
            json_reps: if quick { 3 } else { 5 },
            scroll_step: num("BENCH_SCROLL_STEP", 1800).max(1) as u32,
            profile_dir: std::env::var_os("BENCH_PROFILE").map(PathBuf::from),
            latency_ms: num("BENCH_LATENCY_MS", 0),
            mbps: num("BENCH_MBPS", 0),
        }
    }

    fn largest(&self) -> usize {
        self.sizes.iter().copied().max().unwrap_or(10_000)
    }
}

fn mock_api_max() -> usize {
    e2e::mock_api::generate::MAX_TRIALS
}

/// The app's `api` parameter for generated states of `n` trials, `changed` changing per poll.
fn gen_base(h: &Harness, n: usize, changed: usize) -> String {
    format!("{}/gen/{n}/{changed}/v1", h.api().base_url())
}

/// Asks the mock API for `path` once and drops the answer (makes the base state of a size
/// before anything is timed).
fn warm_up(h: &Harness, path: &str) {
    let port = h.api().port();
    let result = TcpStream::connect(("127.0.0.1", port)).and_then(|mut s| {
        s.write_all(
            format!(
                "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: {KEY}\r\nConnection: close\r\n\r\n"
            )
            .as_bytes(),
        )?;
        let mut sink = Vec::new();
        s.read_to_end(&mut sink).map(drop)
    });
    if let Err(e) = result {
        eprintln!("warning: warming up {path} failed: {e}");
    }
}

async fn script(h: &Harness, source: &str, args: Vec<Value>) -> Value {
    h.driver()
        .execute(source, args)
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{source}"))
        .json()
        .clone()
}

async fn script_async(h: &Harness, source: &str, args: Vec<Value>) -> Value {
    h.driver()
        .execute_async(source, args)
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{source}"))
        .json()
        .clone()
}

async fn render_count(h: &Harness) -> usize {
    script(h, js::RENDER_COUNT, Vec::new())
        .await
        .as_u64()
        .unwrap_or(0) as usize
}

/// Leaves the current page for `about:blank` and collects its garbage, so that a measured load
/// does not pay for the last page's heap.
async fn blank_page(h: &Harness) {
    h.driver()
        .goto("about:blank")
        .await
        .unwrap_or_else(|e| panic!("cannot open about:blank: {e}"));
    script(
        h,
        "if (window.gc) { window.gc(); window.gc(); }",
        Vec::new(),
    )
    .await;
}

/// Opens the live run `job` at `api` in a fresh page, gets past the key form or the
/// "send the stored key to this API?" question, and waits for the first render.
async fn open_live(h: &Harness, api: &str, job: u64) {
    blank_page(h).await;
    let job = job.to_string();
    h.open(&query(&[
        ("project", "1"),
        ("job", &job),
        ("api", api),
        // Polls would interleave with the measured loads; the refresh button drives them.
        ("interval", "300"),
        // Creation order: the trials the first update changes are at the top of the list.
        ("sort", "order"),
    ]))
    .await;
    let (mut submitted, mut confirmed) = (false, false);
    let deadline = Instant::now() + LOAD_TIMEOUT;
    loop {
        if render_count(h).await >= 1 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "no tunerscope:render after {LOAD_TIMEOUT:?} for {api} job {job}; page: {}",
            h.page_text().await.chars().take(600).collect::<String>()
        );
        if !confirmed && h.displayed("confirm-api-yes").await.is_ok() {
            if let Ok(yes) = h.displayed("confirm-api-yes").await {
                let _ = yes.click().await;
                confirmed = true;
            }
        } else if !submitted && h.displayed("connect-form").await.is_ok() {
            h.fill_input("api-key", KEY).await;
            h.submit_connect().await;
            submitted = true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Navigation → first cards painted, and the state's `responseEnd` → first cards painted (ms),
/// read from the page just loaded (see `js::FIRST_CARDS_ON_LOAD`).
async fn first_cards(h: &Harness, page: &str) -> Option<FirstCards> {
    let v = script_async(
        h,
        js::READ_FIRST_CARDS,
        vec![json!(LOAD_TIMEOUT.as_millis())],
    )
    .await;
    let (Some(at), Some(answer)) = (v["firstCards"].as_f64(), v["responseEnd"].as_f64()) else {
        eprintln!("warning: no first-cards time for {page}: {v}");
        return None;
    };
    let f = &v["frames"];
    let ms_of = |x: &Value| x.as_f64().map_or("?".to_string(), |x| format!("{x:.0}"));
    let ms = |k: &str| ms_of(&f[k]);
    eprintln!(
        "  {page}: first cards at {at:.0} ms (marked at {} ms; {} in the DOM), answer at {answer:.0} ms{}; long frames before: {} ({} ms: scripts {} ms of which forced style/layout {} ms, frames' own style/layout/paint {} ms)",
        ms_of(&v["marked"]),
        v["cards"],
        v["own"]
            .as_f64()
            .map_or_else(String::new, |own| format!(", its own measure {own:.0} ms")),
        f["count"],
        ms("total"),
        ms("script"),
        ms("forcedLayout"),
        ms("styleLayoutPaint"),
    );
    Some(FirstCards {
        at,
        from_answer: at - answer,
        from_ready: v["started"]
            .as_f64()
            .map(|started| at - answer.max(started)),
    })
}

/// When a page's first cards were painted (ms).
struct FirstCards {
    /// From navigation start.
    at: f64,
    /// From the state response's `responseEnd`.
    from_answer: f64,
    /// From the later of `responseEnd` and the end of Tunerscope's first render (`None` for
    /// the reference page, which has no such mark).
    from_ready: Option<f64>,
}

/// The reference page (`tests/reference`), served from its own static root and origin.
struct Reference {
    /// Its address (the mount, with a trailing slash).
    url: String,
    /// Keeps its static server running.
    _server: e2e::mock_api::Server,
}

impl Reference {
    fn start() -> Reference {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../reference");
        let server = e2e::mock_api::start_static(&dir, "/reference/")
            .unwrap_or_else(|e| panic!("cannot serve {}: {e}", dir.display()));
        Reference {
            url: format!("{}/reference/", server.base_url()),
            _server: server,
        }
    }

    /// Opens the page for the run `job` at `api`; types the key if it asks for it (the first
    /// time in this tab).
    async fn open(&self, h: &Harness, api: &str, job: u64) {
        blank_page(h).await;
        let job = job.to_string();
        let url = format!(
            "{}?{}",
            self.url,
            query(&[("project", "1"), ("job", &job), ("api", api)])
        );
        h.driver()
            .goto(url.as_str())
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
        if h.displayed("connect-form").await.is_ok() {
            h.fill_input("api-key", KEY).await;
            h.submit_connect().await;
        }
    }
}

/// Waits until the cards in the DOM stay the same for 300 ms (chunks near the viewport render
/// after an `IntersectionObserver` callback), at most 10 s.
async fn settle(h: &Harness) {
    let ids = async || script(h, js::CARD_IDS, Vec::new()).await;
    let mut last = ids().await;
    for _ in 0..33 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = ids().await;
        if now == last {
            return;
        }
        last = now;
    }
}

/// `[start, duration]` pairs of `timings[name]`.
fn pairs(timings: &Value, name: &str) -> Vec<(f64, f64)> {
    timings[name]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                .collect()
        })
        .unwrap_or_default()
}

/// The longest long task that ends by `until`, minus each one's overlap with `exclude`.
fn longest_task(tasks: &[(f64, f64)], until: f64, exclude: (f64, f64)) -> f64 {
    let (ex_start, ex_end) = (exclude.0, exclude.0 + exclude.1);
    tasks
        .iter()
        .filter(|(start, _)| *start <= until)
        .map(|&(start, dur)| {
            let overlap = ((start + dur).min(ex_end) - start.max(ex_start)).max(0.0);
            dur - overlap
        })
        .fold(0.0, f64::max)
}

/// Reads `{heap, wasm}` after garbage collection, in bytes.
async fn memory(h: &Harness) -> (f64, f64) {
    let m = script_async(h, js::MEMORY_AFTER_GC, Vec::new()).await;
    (
        m["heap"].as_f64().unwrap_or(f64::NAN),
        m["wasm"].as_f64().unwrap_or(f64::NAN),
    )
}

/// Starts DevTools' sampling profiler (0.1 ms) in the current page's renderer.
async fn start_profile(h: &Harness) {
    h.cdp("Profiler.enable", json!({})).await;
    h.cdp("Profiler.setSamplingInterval", json!({ "interval": 100 }))
        .await;
    h.cdp("Profiler.start", json!({})).await;
}

/// Stops the profiler and writes `{dir}/{name}.cpuprofile` (open it in DevTools' Performance
/// panel).
async fn stop_profile(h: &Harness, dir: &std::path::Path, name: &str) {
    let profile = h.cdp("Profiler.stop", json!({})).await;
    let path = dir.join(format!("{name}.cpuprofile"));
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&path, profile["profile"].to_string()))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    eprintln!("CPU profile: {}", path.display());
}

/// One run at `n` trials: first load, memory, a 1 % update, `JSON.parse`, and (largest size
/// only) a scroll to the bottom.
async fn run(h: &Harness, cfg: &Config, n: usize, job: u64, samples: &mut Samples) {
    let changed = (n / 100).max(1);
    let api = gen_base(h, n, changed);
    let runs_so_far = samples.get(n, Metric::Parse).len() + 1;
    if cfg.profile_dir.is_some() {
        // From the blank page on, so the profile holds the wasm's start and the first render.
        blank_page(h).await;
        start_profile(h).await;
    }
    open_live(h, &api, job).await;
    h.wait_for_attr_within("trial-count", "data-total", &n.to_string(), LOAD_TIMEOUT)
        .await;
    if let Some(first) = first_cards(h, "Tunerscope").await {
        samples.push(n, Metric::FirstCards, first.at);
        samples.push(n, Metric::AnswerToCards, first.from_answer);
        if let Some(from_ready) = first.from_ready {
            samples.push(n, Metric::ReadyToCards, from_ready);
        }
    }
    if let Some(dir) = &cfg.profile_dir {
        stop_profile(h, dir, &format!("load-{n}-{runs_so_far}")).await;
    }

    let t = script(h, js::READ_TIMINGS, Vec::new()).await;
    let (parse, apply, render) = (pairs(&t, "parse"), pairs(&t, "apply"), pairs(&t, "render"));
    let (Some(&p0), Some(&a0), Some(&r0)) = (parse.first(), apply.first(), render.first()) else {
        panic!("missing tunerscope:* measures after the first load: {t}");
    };
    samples.push(n, Metric::Parse, p0.1);
    samples.push(n, Metric::FirstApply, a0.1);
    samples.push(n, Metric::FirstRender, r0.1);
    let tasks = pairs(&t, "longTasks");
    samples.push(
        n,
        Metric::LoadLongTask,
        longest_task(&tasks, r0.0 + r0.1, p0),
    );

    let (heap, wasm) = memory(h).await;
    samples.push(n, Metric::HeapMb, heap / 1e6);
    samples.push(n, Metric::WasmMb, wasm / 1e6);

    // The 1 % update: it changes the first `changed` trials (`gen-00000`, …), at the top of the
    // list, which is brought into view first (a long list renders only cards near the viewport).
    script(
        h,
        "document.querySelector('[data-testid=\"trial-count\"]').scrollIntoView();",
        Vec::new(),
    )
    .await;
    settle(h).await;
    let in_dom = script(h, js::CARDS_IN_DOM, vec![json!(changed)]).await;
    samples.push(
        n,
        Metric::UpdateChangedInDom,
        in_dom.as_f64().unwrap_or(f64::NAN),
    );
    script(h, js::START_MUTATIONS, Vec::new()).await;
    if cfg.profile_dir.is_some() {
        start_profile(h).await;
    }
    let refreshed = script_async(
        h,
        js::REFRESH_AND_WAIT,
        vec![json!(LOAD_TIMEOUT.as_millis())],
    )
    .await;
    if let Some(dir) = &cfg.profile_dir {
        stop_profile(h, dir, &format!("update-{n}-{runs_so_far}")).await;
    }
    assert_eq!(
        refreshed["ok"], true,
        "the update never rendered: {refreshed}"
    );
    let m = script_async(h, js::STOP_MUTATIONS, Vec::new()).await;
    let t = script(h, js::READ_TIMINGS, Vec::new()).await;
    for (name, metric) in [
        ("parse", Metric::UpdateParse),
        ("apply", Metric::UpdateApply),
        ("render", Metric::UpdateRender),
    ] {
        if let Some(&(_, d)) = pairs(&t, name).get(1) {
            samples.push(n, metric, d);
        }
    }
    samples.push(
        n,
        Metric::UpdateRecords,
        m["records"].as_f64().unwrap_or(f64::NAN),
    );
    let cards = m["cards"].as_array().map_or(0, Vec::len);
    samples.push(n, Metric::UpdateCards, cards as f64);
    let added_removed =
        m["cardsAdded"].as_f64().unwrap_or(0.0) + m["cardsRemoved"].as_f64().unwrap_or(0.0);
    samples.push(n, Metric::UpdateCardsAddedRemoved, added_removed);

    // JSON.parse of the very text of the first load (snapshot 0 of this job's stream).
    let url = format!(
        "{}/gen/{n}/0/v1/api/1/optimize/{job}/state",
        h.api().base_url()
    );
    let jp = script_async(
        h,
        js::JSON_PARSE,
        vec![json!(url), json!(KEY), json!(cfg.json_reps)],
    )
    .await;
    let times: Vec<f64> = jp["times"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    if let Some(json_ms) = median(&times) {
        samples.push(n, Metric::JsonParse, json_ms);
        samples.push(n, Metric::ParseRatio, p0.1 / json_ms);
    } else {
        eprintln!("warning: JSON.parse timing failed: {jp}");
    }
    samples.push(
        n,
        Metric::ResponseMb,
        jp["bytes"].as_f64().unwrap_or(f64::NAN) / 1e6,
    );

    if n == cfg.largest() {
        script(h, js::CLEAR_CHUNKS, Vec::new()).await;
        let s = script_async(h, js::SCROLL, vec![json!(cfg.scroll_step), json!(5_000)]).await;
        if s["atBottom"] != true {
            eprintln!("warning: the scroll stopped before the bottom: {s}");
        }
        samples.push(
            n,
            Metric::ScrollLongTask,
            s["longTask"].as_f64().unwrap_or(f64::NAN),
        );
        samples.push(
            n,
            Metric::ScrollSlowFrames,
            s["over50"].as_f64().unwrap_or(f64::NAN),
        );
        samples.push(
            n,
            Metric::ScrollFrames,
            s["frames"].as_f64().unwrap_or(f64::NAN),
        );
        // A fast wheel or trackpad fling (7,200 px/s), not a scroll-bar drag: 72,000 px.
        let f = script_async(h, js::SCROLL, vec![json!(FLING_STEP), json!(FLING_FRAMES)]).await;
        samples.push(
            n,
            Metric::FlingLongTask,
            f["longTask"].as_f64().unwrap_or(f64::NAN),
        );
        samples.push(
            n,
            Metric::FlingSlowFrames,
            f["over50"].as_f64().unwrap_or(f64::NAN),
        );
        let chunks: Vec<f64> = script(h, js::CHUNK_TIMES, Vec::new())
            .await
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        if let Some(m) = median(&chunks) {
            samples.push(n, Metric::ChunkRender, m);
            samples.push(
                n,
                Metric::ChunkRenderMax,
                chunks.iter().copied().fold(0.0, f64::max),
            );
        }
    }
}

/// The reference page's load of the state of `n` trials (snapshot 0 of the job `job`, which
/// nothing else asks for): its first-cards times.
async fn run_reference(
    h: &Harness,
    reference: &Reference,
    n: usize,
    job: u64,
    samples: &mut Samples,
) {
    let api = gen_base(h, n, (n / 100).max(1));
    reference.open(h, &api, job).await;
    h.wait_for_attr_within("trial-count", "data-total", &n.to_string(), LOAD_TIMEOUT)
        .await;
    if let Some(first) = first_cards(h, "reference").await {
        samples.push(n, Metric::RefFirstCards, first.at);
        samples.push(n, Metric::RefAnswerToCards, first.from_answer);
    }
}

/// The second scroll: pixels per frame and frames.
const FLING_STEP: u32 = 120;
const FLING_FRAMES: u32 = 600;

/// The result of the polling run.
struct Soak {
    n: usize,
    /// `(poll, heap bytes, wasm bytes)` readings.
    readings: Vec<(usize, f64, f64)>,
    /// Seconds per poll (refresh click → rendered), median.
    poll_s: f64,
    /// Why the polling stopped early, if it did.
    failure: Option<String>,
}

/// `polls` successive 1 % updates of `n` trials, driven by the refresh button; memory read
/// after gc at a tenth of the polls and at the end.
async fn soak(h: &Harness, n: usize, polls: usize, job: u64) -> Soak {
    let api = gen_base(h, n, (n / 100).max(1));
    open_live(h, &api, job).await;
    let first_read = (polls / 10).max(1);
    let mut readings = Vec::new();
    let mut times = Vec::new();
    let mut failure = None;
    for poll in 1..=polls {
        let start = Instant::now();
        let r = h
            .driver()
            .execute_async(js::REFRESH_AND_WAIT, vec![json!(LOAD_TIMEOUT.as_millis())])
            .await
            .map(|r| r.json().clone());
        match r {
            Ok(r) if r["ok"] == true => {}
            Ok(r) => {
                failure = Some(format!("poll {poll} never rendered: {r}"));
                break;
            }
            Err(e) => {
                failure = Some(format!("poll {poll} failed: {e}"));
                break;
            }
        }
        times.push(start.elapsed().as_secs_f64());
        if poll == first_read || poll == polls {
            let (heap, wasm) = memory(h).await;
            readings.push((poll, heap, wasm));
        }
        if poll % 20 == 0 {
            eprintln!("  poll {poll}/{polls}");
        }
    }
    Soak {
        n,
        readings,
        poll_s: median(&times).unwrap_or(f64::NAN),
        failure,
    }
}

/// The built app's directory (as the harness finds it).
fn dist_dir() -> PathBuf {
    std::env::var_os("TUNERSCOPE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist"))
}

/// `(file name, raw bytes, gzip -9 bytes)` of the `.wasm` and `.js` files of the bundle.
fn bundle() -> Vec<(String, u64, Option<u64>)> {
    let dir = dist_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "wasm" || x == "js"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let raw = std::fs::metadata(&path).map_or(0, |m| m.len());
            let gz = std::process::Command::new("gzip")
                .args(["-9", "-c"])
                .arg(&path)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| o.stdout.len() as u64);
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            (name, raw, gz)
        })
        .collect()
}

/// `CPU model, N cores, Chromium version`.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")?
                .split_once(':')
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let chrome = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let version = std::process::Command::new(&chrome)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| format!("{chrome} (version unknown)"));
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned());
    format!("{model}, {cores} cores, {version} (headless), load average {load} at the start")
}

#[tokio::main]
async fn main() {
    let cfg = Config::from_env();
    let started = Instant::now();
    let machine = machine();
    eprintln!("bench: {machine}");
    eprintln!(
        "bench: sizes {:?}, {} run(s) each, {} polls",
        cfg.sizes, cfg.runs, cfg.polls
    );

    let h = Harness::start().await;
    h.driver()
        .set_script_timeout(LOAD_TIMEOUT + DEFAULT_TIMEOUT)
        .await
        .unwrap_or_else(|e| panic!("cannot set the script timeout: {e}"));
    if let Err(e) = e2e::cdp::on_new_document(h.driver(), js::LONG_TASKS_ON_LOAD).await {
        eprintln!("warning: long tasks of page loads are not recorded ({e})");
    }
    if let Err(e) = e2e::cdp::on_new_document(h.driver(), js::FIRST_CARDS_ON_LOAD).await {
        eprintln!("warning: first cards on screen are not timed ({e})");
    }
    if cfg.latency_ms > 0 || cfg.mbps > 0 {
        // Every request of the tab (page, wasm, API) waits this long, both pages alike.
        h.cdp("Network.enable", json!({})).await;
        h.cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": cfg.latency_ms,
                // Bytes per second; -1 is no limit.
                "downloadThroughput": if cfg.mbps > 0 { (cfg.mbps * 125_000) as i64 } else { -1 },
                "uploadThroughput": -1,
            }),
        )
        .await;
        eprintln!(
            "bench: {} ms added to every request's round trip, download limited to {} Mbit/s (0: none)",
            cfg.latency_ms, cfg.mbps
        );
    }
    let reference = Reference::start();

    // First page loads that are not measured: compile the wasm once and enter the key, in
    // Tunerscope and in the reference page.
    let mut key_base = gen_base(&h, 100, 1);
    open_live(&h, &key_base, 99).await;
    reference.open(&h, &key_base, 98).await;

    let mut samples = Samples::default();
    let mut job = 100;
    // The reference page's jobs: snapshot 0 each, never asked for by anything else.
    let mut reference_job = 1_000_000;
    for &n in &cfg.sizes {
        warm_up(&h, &format!("/gen/{n}/0/v1/api/1/optimize/1/state"));
        let api = gen_base(&h, n, (n / 100).max(1));
        if api != key_base {
            // Answers "send the stored key to this API?" once, outside the measured loads.
            open_live(&h, &api, 97).await;
            key_base = api;
        }
        for r in 1..=cfg.runs {
            job += 1;
            reference_job += 1;
            let t = Instant::now();
            run(&h, &cfg, n, job, &mut samples).await;
            run_reference(&h, &reference, n, reference_job, &mut samples).await;
            eprintln!(
                "bench: {} trials, run {r}/{}: parse {:.1} ms, render {:.1} ms ({:.1} s)",
                thousands(n),
                cfg.runs,
                samples.get(n, Metric::Parse).last().unwrap_or(&f64::NAN),
                samples
                    .get(n, Metric::FirstRender)
                    .last()
                    .unwrap_or(&f64::NAN),
                t.elapsed().as_secs_f64()
            );
        }
    }
    let soak = if cfg.polls > 0 {
        eprintln!(
            "bench: {} polls of {} trials",
            cfg.polls,
            thousands(cfg.largest())
        );
        Some(soak(&h, cfg.largest(), cfg.polls, job + 1).await)
    } else {
        None
    };
    println!("## Tunerscope benchmark\n");
    println!("Machine: {machine}.  ");
    println!(
        "Median of {} run(s) per size (range in brackets), each a fresh page load; {:.0} s in all.\n",
        cfg.runs,
        started.elapsed().as_secs_f64()
    );
    println!("{}", samples.table(&cfg.sizes));
    println!(
        "**First cards on screen**, from navigation (median; Tunerscope / reference is the ratio \
         of the medians; \"answer\" is the state response's `responseEnd`):\n"
    );
    println!("{}", samples.first_cards_table(&cfg.sizes));
    if let Some(s) = soak {
        println!(
            "**Memory over {} polls** of {} trials with 1 % changed each (refresh button, median {:.2} s per poll), after gc:\n",
            cfg.polls,
            thousands(s.n),
            s.poll_s
        );
        println!(
            "| after poll | JS heap (MB) | wasm memory (MB) | total (MB) |\n|---:|---:|---:|---:|"
        );
        for (poll, heap, wasm) in &s.readings {
            println!(
                "| {poll} | {:.2} | {:.2} | {:.2} |",
                heap / 1e6,
                wasm / 1e6,
                (heap + wasm) / 1e6
            );
        }
        if let Some(why) = &s.failure {
            println!("\n**The polling stopped early:** {why}\n");
        }
        if let [(p1, h1, w1), .., (p2, h2, w2)] = s.readings.as_slice() {
            let growth = |a: f64, b: f64| (b - a) / a * 100.0;
            println!(
                "\nGrowth from poll {p1} to poll {p2}: JS heap {:+.1} %, wasm {:+.1} %, total {:+.1} %.\n",
                growth(*h1, *h2),
                growth(*w1, *w2),
                growth(h1 + w1, h2 + w2)
            );
        }
    }
    println!("**Bundle** ({}):\n", dist_dir().display());
    println!("| file | raw | gzip -9 |\n|---|---:|---:|");
    for (name, raw, gz) in bundle() {
        println!(
            "| {name} | {} | {} |",
            size(raw),
            gz.map_or_else(|| "?".to_owned(), size)
        );
    }
    // Last, so that the report is out even if the page logged a fatal error.
    h.finish().await;
}
