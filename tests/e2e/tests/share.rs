//! Share, embed, export, offline: the ways people take Tunerscope where they work (issue 6).
//!
//! Each flow has its own servers, driver and fresh browser profile; a flow that needs "a fresh
//! browser" (a teammate opening a link, a snapshot opened elsewhere) starts a second [`Harness`].
//! Needs a built app, Chromium and chromedriver; see the crate README. Run with
//! `cargo test -p e2e --test share -- --test-threads=2`.
//!
//! The demo under the sub-path is covered by `flows.rs` (`demo_renders_and_advances`,
//! `sub_path_assets_load`); [`demo_data_loads_from_the_sub_path`] adds the demo's own data files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use e2e::mock_api::{self, jobs};
use e2e::thirtyfour::prelude::*;
use e2e::{query, Harness, TempDir, DEFAULT_TIMEOUT, MOUNT};
use serde_json::{json, Value};
use url::Url;

/// The project id used throughout (the mock accepts any positive id).
const PROJECT: &str = "1";

/// The key the mock API accepts.
const KEY: &str = mock_api::DEFAULT_API_KEY;

/// The CSV columns, in order, as documented in the README ("Snapshots and CSV").
const CSV_COLUMNS: [&str; 24] = [
    "id",
    "name",
    "status",
    "round",
    "worker",
    "input_blocks",
    "dsp_blocks",
    "learn_blocks",
    "parameters",
    "accuracy_validation_float32",
    "accuracy_validation_int8",
    "accuracy_test_float32",
    "accuracy_test_int8",
    "latency_ms_float32",
    "ram_bytes_float32",
    "rom_bytes_float32",
    "latency_ms_int8",
    "ram_bytes_int8",
    "rom_bytes_int8",
    "memory_figures_int8",
    "fits_budget",
    "retries",
    "finished_at",
    "original_trial_id",
];

/// How long a flow watches for something that must *not* happen (a request, a key accepted).
const QUIET_PERIOD: Duration = Duration::from_secs(3);

/// The `job` parameter of the completed 30-trial run.
fn completed_job() -> String {
    jobs::COMPLETED.to_string()
}

/// `tests/fixtures/completed.json`, the state the mock serves for the completed run.
fn completed_fixture() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/completed.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The fixture's trials.
fn fixture_trials(fixture: &Value) -> &Vec<Value> {
    fixture["trials"]
        .as_array()
        .expect("completed.json has a trials array")
}

/// Opens the completed run on `h`'s mock API with `extra` view parameters in the address, types
/// the key into the connection form and waits until the run is shown.
async fn connect_completed(h: &Harness, extra: &[(&str, &str)]) {
    h.open_run_with_key(jobs::COMPLETED, extra, KEY).await;
    h.wait_for_attr("trial-count", "data-total", "30").await;
}

/// The `data-trial-id` of every trial card, in display order, once `n` cards are shown.
async fn card_ids(h: &Harness, n: usize) -> Vec<String> {
    h.wait_for_count("trial-card", n).await;
    h.attr_of_all("trial-card", "data-trial-id")
        .await
        .into_iter()
        .map(|id| id.expect("every trial-card has data-trial-id"))
        .collect()
}

/// Waits until the cards show exactly `expected` (ids, in order).
async fn wait_for_card_order(h: &Harness, expected: &[String]) {
    h.wait_until(
        &format!("trial cards in the order {expected:?}"),
        DEFAULT_TIMEOUT,
        async || {
            let now: Vec<String> = h
                .attr_of_all("trial-card", "data-trial-id")
                .await
                .into_iter()
                .flatten()
                .collect();
            if now == expected {
                Ok(())
            } else {
                Err(format!("{now:?}"))
            }
        },
    )
    .await;
}

/// The query pairs of `url`, sorted (order is not significant).
fn sorted_pairs(url: &Url) -> BTreeSet<(String, String)> {
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Cuts the browser off the network (DevTools' network emulation), and proves it: a same-origin
/// fetch from the page must fail afterwards.
async fn go_offline(h: &Harness) {
    h.set_offline(true).await;
    let probe = h
        .js_string(
            "return fetch('./index.html?offline-probe', { cache: 'no-store' }) \
           .then(() => 'online', (e) => 'offline: ' + e);",
        )
        .await
        .unwrap_or_default();
    assert!(
        probe.starts_with("offline"),
        "the network emulation did not take the page offline (probe: {probe})"
    );
}

/// A fresh scratch directory, removed (best effort) when dropped.
fn scratch(prefix: &str) -> TempDir {
    TempDir::new(prefix).unwrap_or_else(|e| panic!("cannot create a {prefix} directory: {e}"))
}

/// Lets the page's downloads land in a fresh directory, and returns it.
async fn allow_downloads(h: &Harness) -> TempDir {
    let dir = scratch("tunerscope-e2e-downloads");
    h.cdp(
        "Browser.setDownloadBehavior",
        json!({ "behavior": "allow", "downloadPath": dir.path().to_string_lossy() }),
    )
    .await;
    dir
}

/// Waits until a finished download whose name starts with `prefix` and ends with `suffix` is in
/// `dir`, and returns its path.
async fn wait_for_download(h: &Harness, dir: &Path, prefix: &str, suffix: &str) -> PathBuf {
    h.wait_until(
        &format!("a download {prefix}…{suffix} in {}", dir.display()),
        DEFAULT_TIMEOUT,
        async || {
            let names: Vec<String> = std::fs::read_dir(dir)
                .map_err(|e| e.to_string())?
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            let done = names
                .iter()
                .find(|n| n.starts_with(prefix) && n.ends_with(suffix));
            let partial = names.iter().any(|n| n.ends_with(".crdownload"));
            match done {
                Some(name) if !partial => Ok(dir.join(name)),
                _ => Err(format!("files: {names:?}")),
            }
        },
    )
    .await
}

/// Clicks the displayed hook `testid` once it is enabled.
async fn click_when_enabled(h: &Harness, testid: &str) {
    let button = h
        .wait_until(
            &format!("[data-testid={testid}] to be enabled"),
            DEFAULT_TIMEOUT,
            async || {
                let el = h.displayed(testid).await?;
                match el.is_enabled().await {
                    Ok(true) => Ok(el),
                    Ok(false) => Err("disabled".to_owned()),
                    Err(e) => Err(e.to_string()),
                }
            },
        )
        .await;
    button
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click [data-testid={testid}]: {e}"));
}

/// Drops a file `run.json` holding `text` on `target`, as a drag from the file manager does.
async fn drop_file(h: &Harness, target: &WebElement, text: &str) {
    h.js_with(
        "const [target, text] = arguments; \
         const data = new DataTransfer(); \
         data.items.add(new File([text], 'run.json', { type: 'application/json' })); \
         for (const type of ['dragenter', 'dragover', 'drop']) { \
           target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true })); \
         } \
         return null;",
        vec![
            target.to_json().expect("an element serialises"),
            Value::from(text),
        ],
    )
    .await;
}

/// Clicks "Download snapshot" on the completed run and reads the file: its path and JSON.
/// It must never carry the API key.
async fn download_snapshot(h: &Harness, dir: &Path) -> (PathBuf, Value) {
    click_when_enabled(h, "download-snapshot").await;
    let prefix = format!("tunerscope-{PROJECT}-{}-", completed_job());
    let file = wait_for_download(h, dir, &prefix, ".json").await;
    let text = std::fs::read_to_string(&file).expect("the snapshot is readable");
    assert!(!text.contains(KEY), "the snapshot file carries the API key");
    let snapshot: Value = serde_json::from_str(&text).expect("the snapshot is JSON");
    (file, snapshot)
}

/// Picks `file` in the "Open snapshot" file input.
async fn open_snapshot_file(h: &Harness, file: &Path) {
    let input = h
        .wait_until(
            "the open-snapshot file input",
            DEFAULT_TIMEOUT,
            async || match h.all("open-snapshot").await?.into_iter().next() {
                Some(el) => Ok(el),
                None => Err("no such element".to_owned()),
            },
        )
        .await;
    input
        .send_keys(file.to_string_lossy())
        .await
        .unwrap_or_else(|e| panic!("cannot pick {} in open-snapshot: {e}", file.display()));
}

/// Watches for `period` that `probe` keeps returning `Ok`; fails at once when it returns `Err`.
async fn stays_true(
    what: &str,
    period: Duration,
    mut probe: impl AsyncFnMut() -> Result<(), String>,
) {
    let end = Instant::now() + period;
    loop {
        if let Err(seen) = probe().await {
            panic!("expected {what} for {period:?}, but: {seen}");
        }
        if Instant::now() >= end {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A strict RFC 4180 reader: CRLF record ends, quoted fields may hold commas, CR/LF and
/// doubled quotes. Panics on anything else (a bare LF, a quote inside an unquoted field).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    // Whether the current field started with a quote, and whether we are inside the quotes.
    let (mut was_quoted, mut in_quotes) = (false, false);
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !was_quoted => (was_quoted, in_quotes) = (true, true),
            '"' => panic!("CSV: a quote inside an unquoted field after {field:?}"),
            ',' => {
                record.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                was_quoted = false;
            }
            '\r' | '\n' => panic!("CSV: a bare line break after {field:?} (RFC 4180 wants CRLF)"),
            _ if was_quoted => panic!("CSV: {c:?} after the closing quote of {field:?}"),
            _ => field.push(c),
        }
    }
    assert!(!in_quotes, "CSV: the file ends inside a quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "CSV: the last record does not end with CRLF"
    );
    records
}

#[test]
fn the_csv_reader_follows_rfc_4180() {
    let rows = parse_csv("a,\"b,\"\"c\"\"\r\nd\",\r\n\"\",x\r\n");
    assert_eq!(
        rows,
        vec![vec!["a", "b,\"c\"\r\nd", ""], vec!["", "x"]]
            .into_iter()
            .map(|r| r.into_iter().map(str::to_owned).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );
}

/// Served under a sub-path and addressed through its `index.html`, the demo loads its recorded
/// run from beside the bundle (relative URLs): the demo badge shows, trial cards appear, and
/// every demo data file was fetched from under the sub-path.
#[tokio::test]
async fn demo_data_loads_from_the_sub_path() {
    let h = Harness::start().await;
    let url = format!("{}{MOUNT}index.html?demo=1&interval=2", h.app_origin());
    h.driver()
        .goto(url.as_str())
        .await
        .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));

    h.wait_for("demo-badge").await;
    h.wait_for_at_least_within("trial-card", 1, Duration::from_secs(40))
        .await;

    let requests = h.site().requests();
    let data: Vec<_> = requests
        .iter()
        .filter(|r| {
            r.path
                .split('?')
                .next()
                .unwrap_or_default()
                .ends_with(".json")
        })
        .collect();
    assert!(
        !data.is_empty(),
        "the demo fetched no data file; the static server saw: {requests:#?}"
    );
    for r in &data {
        assert!(
            r.path.starts_with(&format!("{MOUNT}demo/")) && r.status == 200,
            "demo data should come from {MOUNT}demo/: {r:?}"
        );
    }
    assert!(
        h.api().requests().is_empty(),
        "the demo needs no API, yet the mock API was called: {:#?}",
        h.api().requests()
    );

    h.finish().await;
}

/// "Copy link" gives the address of the current view: filters, sort, precision, dataset,
/// selected and compared trials, chart axis, never the key. A teammate opening it in a fresh
/// browser is told which run the link is for, enters a key, and gets the same view (the same
/// address parameters), the same trials in the same order and the same trial expanded.
#[tokio::test]
async fn shared_link_restores_the_view_without_the_key() {
    let fixture = completed_fixture();
    let trials = fixture_trials(&fixture);
    let mfe: Vec<&str> = trials
        .iter()
        .filter(|t| t["name"].as_str().unwrap_or_default().contains("mfe"))
        .map(|t| t["id"].as_str().expect("trial id"))
        .collect();
    assert!(mfe.len() >= 3, "the fixture should have mfe trials");
    let selected = mfe[1];
    let compared = format!("{},{}", mfe[0], mfe[2]);
    let view: Vec<(&str, &str)> = vec![
        ("sort", "latency"),
        ("dir", "asc"),
        ("status", "completed"),
        ("q", "mfe"),
        ("precision", "float32"),
        ("dataset", "test"),
        ("trial", selected),
        ("compare", &compared),
        ("axis", "ram"),
    ];

    let a = Harness::start().await;
    connect_completed(&a, &view).await;
    let shown = mfe.len().to_string();
    a.wait_for_attr("trial-count", "data-shown", &shown).await;
    let order = card_ids(&a, mfe.len()).await;

    let copy = a.wait_for("copy-link").await;
    copy.click().await.expect("copy-link is clickable");
    let field = a.wait_for("share-link").await;
    let link: String = field
        .prop("value")
        .await
        .ok()
        .flatten()
        .expect("share-link has a value");
    assert!(
        !link.contains(KEY),
        "the shared link carries the API key: {link}"
    );
    let link_url = Url::parse(&link).unwrap_or_else(|e| panic!("share-link {link:?}: {e}"));
    assert_eq!(
        format!(
            "{}{}",
            link_url.origin().ascii_serialization(),
            link_url.path()
        ),
        a.app_url(""),
        "the link should point at this page"
    );
    let link_pairs = sorted_pairs(&link_url);
    let job = completed_job();
    let api = a.api_base();
    for (k, v) in [("project", PROJECT), ("job", job.as_str()), ("api", &api)]
        .into_iter()
        .chain(view.iter().copied())
    {
        assert!(
            link_pairs.contains(&(k.to_owned(), v.to_owned())),
            "the link lacks {k}={v}: {link}"
        );
    }
    assert_eq!(
        sorted_pairs(&a.current_url().await),
        link_pairs,
        "the link should be the address bar's view"
    );
    // The clipboard may be refused (headless); either way the button says what happened.
    a.wait_until("the copy status", DEFAULT_TIMEOUT, async || {
        let text = a.page_text().await;
        if text.contains("Link copied") || text.contains("Copy blocked") {
            Ok(())
        } else {
            Err("no status yet".to_owned())
        }
    })
    .await;

    // A teammate: another browser with a fresh profile, same link.
    let b = Harness::start().await;
    b.driver()
        .goto(link.as_str())
        .await
        .unwrap_or_else(|e| panic!("cannot open {link}: {e}"));
    let note = b.wait_for("link-for").await;
    let note = note.text().await.expect("link-for text");
    assert!(
        note.contains(&format!("tuner job {job}")) && note.contains(&format!("project {PROJECT}")),
        "the link explanation should name the run: {note:?}"
    );
    assert_eq!(b.input_value("project").await, PROJECT);
    assert_eq!(b.input_value("job").await, job);
    assert_eq!(b.input_value("api").await, api);
    assert_eq!(
        b.input_value("api-key").await,
        "",
        "the key field starts empty"
    );
    b.fill_input("api-key", KEY).await;
    b.submit_connect().await;

    b.wait_for_attr("trial-count", "data-total", "30").await;
    b.wait_for_attr("trial-count", "data-shown", &shown).await;
    wait_for_card_order(&b, &order).await;
    assert_eq!(sorted_pairs(&b.current_url().await), link_pairs);
    let expanded = b.js_bool("return !!document.querySelector(`[data-testid=\"trial-card\"][data-trial-id=\"${arguments[0]}\"] [aria-expanded=\"true\"]`);",
        vec![Value::from(selected)],
    )
    .await;
    assert!(expanded, "trial {selected} should be expanded");

    b.finish().await;
    a.finish().await;
}

/// "Download snapshot" saves the run and the view as one file; opened in another browser that
/// is offline and has no key, it shows the same cards in the same order, marked as a snapshot
/// with the time it was taken, with the saved view applied, and without any network request.
#[tokio::test]
async fn snapshot_round_trip_works_offline() {
    let a = Harness::start().await;
    let selected = "13f600b31c28";
    connect_completed(
        &a,
        &[
            ("sort", "name"),
            ("dir", "desc"),
            ("precision", "float32"),
            ("trial", selected),
        ],
    )
    .await;
    let order = card_ids(&a, 30).await;

    let downloads = allow_downloads(&a).await;
    let (file, snapshot) = download_snapshot(&a, downloads.path()).await;
    assert_eq!(snapshot["format"], "tunerscope-snapshot");
    assert_eq!(snapshot["version"], 1);
    let taken_at = snapshot["takenAt"].as_str().expect("takenAt is a string");
    assert!(
        taken_at.len() >= 20 && taken_at.as_bytes()[10] == b'T',
        "takenAt should be RFC 3339: {taken_at:?}"
    );
    for (k, v) in [
        ("sort", "name"),
        ("dir", "desc"),
        ("precision", "float32"),
        ("trial", selected),
    ] {
        assert_eq!(snapshot["view"][k], v, "view.{k} in {:#}", snapshot["view"]);
    }
    assert_eq!(snapshot["state"]["success"], true);
    assert_eq!(
        snapshot["state"]["trials"].as_array().map(Vec::len),
        Some(30)
    );

    // Another browser, no key, and (once the page is up) no network at all.
    let b = Harness::start().await;
    b.open_run(PROJECT, jobs::COMPLETED, &b.api_base(), &[])
        .await;
    b.wait_for("connect-form").await;
    go_offline(&b).await;
    let site_before = b.site().requests().len();

    open_snapshot_file(&b, &file).await;
    b.wait_for_attr("snapshot-badge", "data-taken-at", taken_at)
        .await;
    wait_for_card_order(&b, &order).await;
    b.wait_for_attr("trial-count", "data-total", "30").await;
    b.wait_for_attr("run-header", "data-status", "completed")
        .await;
    assert_eq!(b.query_param("sort").await.as_deref(), Some("name"));
    assert_eq!(b.query_param("dir").await.as_deref(), Some("desc"));
    assert_eq!(b.query_param("precision").await.as_deref(), Some("float32"));
    assert_eq!(b.query_param("trial").await.as_deref(), Some(selected));
    assert!(
        b.all("connect-form").await.expect("lookup").is_empty(),
        "a snapshot needs no connection form"
    );

    let failed_before = failed_loads(&b).await;
    stays_true(
        "no network use while the snapshot is shown",
        QUIET_PERIOD,
        async || {
            let api = b.api().requests();
            let site = b.site().requests();
            let failed = failed_loads(&b).await;
            if !api.is_empty() {
                Err(format!("the mock API saw {api:#?}"))
            } else if site.len() != site_before {
                Err(format!("the site saw {:#?}", &site[site_before..]))
            } else if failed.len() != failed_before.len() {
                Err(format!("the page tried the network: {failed:#?}"))
            } else {
                Ok(())
            }
        },
    )
    .await;

    b.finish().await;
    a.finish().await;
}

/// A comparison travels whole (issue 16): its snapshot holds both states and reopens offline
/// with both rows, and its CSV has every run's trials with a leading `run` column.
#[tokio::test]
async fn a_comparison_snapshot_and_csv_carry_every_run() {
    let board = mock_api::jobs::COMPARE_BOARD.to_string();
    let a = Harness::start().await;
    connect_completed(&a, &[("vs", &board)]).await;
    a.wait_for_attr("run-compare-row", "data-state", "ready")
        .await;
    let ready = async || {
        let states = a.attr_of_all("run-compare-row", "data-state").await;
        if states.iter().all(|s| s.as_deref() == Some("ready")) && states.len() == 2 {
            Ok(())
        } else {
            Err(format!("rows: {states:?}"))
        }
    };
    a.wait_until("both rows ready", DEFAULT_TIMEOUT, ready)
        .await;
    let bests = a.attr_of_all("run-compare-best", "data-trial-id").await;

    let downloads = allow_downloads(&a).await;
    let (file, snapshot) = download_snapshot(&a, downloads.path()).await;
    assert_eq!(snapshot["view"]["vs"], board.as_str());
    assert_eq!(
        snapshot["state"]["trials"].as_array().map(Vec::len),
        Some(30)
    );
    assert_eq!(
        snapshot["compared"][0]["job"],
        mock_api::jobs::COMPARE_BOARD
    );
    assert_eq!(
        snapshot["compared"][0]["state"]["trials"]
            .as_array()
            .map(Vec::len),
        Some(25),
        "compare-board.json has 25 trials"
    );

    click_when_enabled(&a, "export-csv").await;
    let csv = wait_for_download(&a, downloads.path(), "tunerscope-trials", ".csv").await;
    let rows = parse_csv(&std::fs::read_to_string(&csv).expect("the CSV is text"));
    assert_eq!(rows[0][0], "run");
    assert_eq!(&rows[0][1..], CSV_COLUMNS);
    let per_run = |job: &str| rows[1..].iter().filter(|r| r[0] == job).count();
    assert_eq!(
        (per_run(&completed_job()), per_run(&board), rows.len()),
        (30, 25, 56)
    );

    // Another browser, no key, offline: the file brings both runs back.
    let b = Harness::start().await;
    let job = completed_job();
    b.open_run(PROJECT, jobs::COMPLETED, &b.api_base(), &[])
        .await;
    b.wait_for("connect-form").await;
    go_offline(&b).await;
    open_snapshot_file(&b, &file).await;
    b.wait_for("snapshot-badge").await;
    b.wait_for_attr("run-compare", "data-job-ids", &format!("{job},{board}"))
        .await;
    let b_ready = async || {
        let states = b.attr_of_all("run-compare-row", "data-state").await;
        let found = b.attr_of_all("run-compare-best", "data-trial-id").await;
        if states.iter().all(|s| s.as_deref() == Some("ready")) && found == bests {
            Ok(())
        } else {
            Err(format!(
                "rows: {states:?}, bests {found:?} (want {bests:?})"
            ))
        }
    };
    b.wait_until("the file's rows, as they were", DEFAULT_TIMEOUT, b_ready)
        .await;
    assert!(b.api().requests().is_empty(), "a snapshot uses no network");

    b.finish().await;
    a.finish().await;
}

/// Console entries of requests the browser could not make (offline).
async fn failed_loads(h: &Harness) -> Vec<String> {
    h.console_log()
        .await
        .into_iter()
        .map(|e| e.message)
        .filter(|m| m.contains("ERR_INTERNET_DISCONNECTED") || m.contains("Failed to fetch"))
        .filter(|m| !m.contains("offline-probe"))
        .collect()
}

/// "Export CSV" of the completed run gives one RFC 4180 row per trial, with the documented
/// columns and each trial's validation accuracy (int8) as in the API response.
#[tokio::test]
async fn csv_export_reads_back() {
    let fixture = completed_fixture();
    let trials = fixture_trials(&fixture);
    let h = Harness::start().await;
    connect_completed(&h, &[]).await;
    h.wait_for_count("trial-card", 30).await;

    let downloads = allow_downloads(&h).await;
    click_when_enabled(&h, "export-csv").await;
    let file = wait_for_download(&h, downloads.path(), "tunerscope-trials", ".csv").await;
    let text = std::fs::read_to_string(&file).expect("the CSV is UTF-8 text");
    let rows = parse_csv(&text);

    assert_eq!(
        rows[0], CSV_COLUMNS,
        "the header should be the documented columns"
    );
    let body = &rows[1..];
    assert_eq!(body.len(), 30, "one row per trial");
    let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
    let mut seen = BTreeSet::new();
    for row in body {
        assert_eq!(row.len(), CSV_COLUMNS.len(), "row {row:?}");
        let id = &row[col("id")];
        assert!(seen.insert(id.clone()), "trial {id} has two rows");
        let trial = trials
            .iter()
            .find(|t| t["id"] == id.as_str())
            .unwrap_or_else(|| panic!("row for unknown trial {id:?}"));
        assert_eq!(row[col("name")], trial["name"].as_str().unwrap());
        assert_eq!(row[col("status")], trial["status"].as_str().unwrap());
        let want = trial["metrics"]["validation"]["int8"]["accuracy"]
            .as_f64()
            .unwrap_or_else(|| panic!("trial {id} has no validation int8 accuracy"));
        let got: f64 = row[col("accuracy_validation_int8")]
            .parse()
            .unwrap_or_else(|e| {
                panic!(
                    "trial {id}: accuracy {:?}: {e}",
                    row[col("accuracy_validation_int8")]
                )
            });
        assert!(
            (got - want).abs() < 1e-6,
            "trial {id}: accuracy_validation_int8 {got} ≠ {want}"
        );
    }
    assert_eq!(seen.len(), trials.len());

    h.finish().await;
}

/// A snapshot file dropped onto the page opens like a picked one: it replaces the demo, is
/// marked with the time it was taken, and shows every trial.
#[tokio::test]
async fn dropping_a_snapshot_file_opens_it() {
    let taken_at = "2026-01-02T03:04:05.678Z";
    let file = json!({
        "format": "tunerscope-snapshot",
        "version": 1,
        "takenAt": taken_at,
        "view": { "sort": "name", "dir": "asc" },
        "state": completed_fixture(),
    });
    let ids: BTreeSet<String> = fixture_trials(&file["state"])
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();

    let h = Harness::start().await;
    h.open(&query(&[("demo", "1")])).await;
    let badge = h.wait_for("demo-badge").await;
    // What a drag from the file manager delivers: a drop event carrying the file.
    drop_file(&h, &badge, &file.to_string()).await;

    h.wait_for_attr("snapshot-badge", "data-taken-at", taken_at)
        .await;
    let shown: BTreeSet<String> = card_ids(&h, 30).await.into_iter().collect();
    assert_eq!(shown, ids, "every trial of the file is shown");
    assert!(
        h.all("demo-badge").await.expect("lookup").is_empty(),
        "the snapshot replaces the demo"
    );
    assert_eq!(h.query_param("sort").await.as_deref(), Some("name"));

    h.finish().await;
}

/// A state response saved from the API (no snapshot wrapper) opens without a key, and a trial
/// name with a comma, quotes and a line break survives "Export CSV" as one field.
#[tokio::test]
async fn csv_keeps_awkward_names_of_an_opened_state_response() {
    let mut state = completed_fixture();
    let awkward = "mfe, \"wide\"\nsecond line";
    state["trials"][0]["name"] = Value::from(awkward);
    let id = state["trials"][0]["id"].as_str().unwrap().to_owned();
    let dir = scratch("tunerscope-e2e-state");
    let file = dir.path().join("state.json");
    std::fs::write(&file, state.to_string()).expect("write the state file");

    let h = Harness::start().await;
    h.open(&query(&[("demo", "1")])).await;
    h.wait_for("demo-badge").await;
    open_snapshot_file(&h, &file).await;
    h.wait_for_attr("snapshot-badge", "data-taken-at", "").await;
    h.wait_for_attr("trial-count", "data-total", "30").await;
    assert!(
        h.all("demo-badge").await.expect("lookup").is_empty(),
        "the snapshot replaces the demo"
    );

    let downloads = allow_downloads(&h).await;
    click_when_enabled(&h, "export-csv").await;
    let csv = wait_for_download(&h, downloads.path(), "tunerscope-trials", ".csv").await;
    let rows = parse_csv(&std::fs::read_to_string(&csv).expect("the CSV is text"));
    assert_eq!(rows.len(), 31, "header and one row per trial");
    let row = rows
        .iter()
        .find(|r| r[0] == id)
        .unwrap_or_else(|| panic!("no row for trial {id}"));
    assert_eq!(row[1], awkward, "the name should survive as one field");

    h.finish().await;
}

/// A portal page on another origin that embeds the app and records what it posts.
struct Portal {
    server: mock_api::Server,
    _dir: TempDir,
}

impl Portal {
    /// Serves `embed.html`, which frames the address `app(portal origin)` (its height follows
    /// `tunerscope:resize`, as in the README's snippet), keeps every message from the frame in
    /// `window.__msgs`, and offers `window.__sendKey(key)` to post `tunerscope:auth` to the frame.
    fn start(app: impl FnOnce(&str) -> String) -> Self {
        let dir = scratch("tunerscope-e2e-portal");
        // Started first: the page needs the portal's own origin. Files are read per request.
        let server = mock_api::start_static(dir.path().to_owned(), "/")
            .unwrap_or_else(|e| panic!("cannot serve the portal: {e}"));
        let src = app(&server.base_url());
        let page = format!(
            r#"<!doctype html>
<html><head><meta charset="utf-8"><title>Portal</title></head>
<body>
<p>Portal</p>
<iframe id="ts" style="width:900px;border:0"></iframe>
<script>
const frame = document.getElementById("ts");
window.__msgs = [];
window.addEventListener("message", (e) => {{
  if (e.source !== frame.contentWindow) return;
  window.__msgs.push({{ origin: e.origin, data: e.data }});
  if (e.data && e.data.type === "tunerscope:resize") frame.style.height = e.data.height + "px";
}});
window.__sendKey = (key) =>
  frame.contentWindow.postMessage({{ type: "tunerscope:auth", apiKey: key }}, "*");
frame.src = {src};
</script>
</body></html>
"#,
            src = Value::from(src)
        );
        std::fs::write(dir.path().join("embed.html"), page).expect("write embed.html");
        Self { server, _dir: dir }
    }

    fn url(&self) -> String {
        format!("{}/embed.html", self.server.base_url())
    }
}

/// The app's embed address for the completed run on `h`'s mock, taking keys from `origins`.
fn embed_url(h: &Harness, origins: &str) -> String {
    let job = completed_job();
    let api = h.api_base();
    h.app_url(&query(&[
        ("embed", "1"),
        ("project", PROJECT),
        ("job", &job),
        ("api", &api),
        ("origins", origins),
    ]))
}

/// Has the portal post `tunerscope:auth` with the mock's key to the frame (target origin `*`).
async fn send_key_from_portal(h: &Harness) {
    h.js_with(
        "window.__sendKey(arguments[0]); return null;",
        vec![Value::from(KEY)],
    )
    .await;
}

/// Opens `portal` and waits for the frame's first `tunerscope:resize`; returns its height.
async fn open_portal(h: &Harness, portal: &Portal) -> i64 {
    let url = portal.url();
    h.driver()
        .goto(url.as_str())
        .await
        .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    wait_for_resize(h, 1).await
}

/// Every message the portal received from the frame.
async fn portal_messages(h: &Harness) -> Vec<Value> {
    match h.js_with("return window.__msgs || [];", Vec::new()).await {
        Value::Array(msgs) => msgs,
        other => panic!("window.__msgs is {other}"),
    }
}

/// Waits until the portal has at least `n` resize messages from the app's origin, all with a
/// positive height; returns the last height.
async fn wait_for_resize(h: &Harness, n: usize) -> i64 {
    let app_origin = h.app_origin();
    h.wait_until(
        &format!("{n} tunerscope:resize message(s) in the portal"),
        DEFAULT_TIMEOUT,
        async || {
            let msgs = portal_messages(h).await;
            let heights: Vec<i64> = msgs
                .iter()
                .filter(|m| m["data"]["type"] == "tunerscope:resize")
                .map(|m| {
                    assert_eq!(m["origin"], app_origin.as_str(), "resize from {m}");
                    m["data"]["height"].as_i64().unwrap_or(-1)
                })
                .collect();
            assert!(heights.iter().all(|h| *h > 0), "resize heights {heights:?}");
            match heights.last() {
                Some(last) if heights.len() >= n => Ok(*last),
                _ => Err(format!("messages: {msgs:?}")),
            }
        },
    )
    .await
}

/// Switches WebDriver into the portal's frame.
async fn enter_app_frame(h: &Harness) {
    h.driver()
        .enter_frame(0)
        .await
        .unwrap_or_else(|e| panic!("cannot enter the portal's frame: {e}"));
}

/// Switches WebDriver back to the portal page.
async fn leave_app_frame(h: &Harness) {
    h.driver()
        .enter_default_frame()
        .await
        .unwrap_or_else(|e| panic!("cannot leave the frame: {e}"));
}

/// Inside the frame: the compact layout and the refused keyless load.
async fn expect_embedded_auth_error(h: &Harness) {
    h.wait_for_attr("error-banner", "data-kind", "auth").await;
    for absent in ["connect-form", "theme-toggle", "copy-link"] {
        assert!(
            h.all(absent).await.expect("lookup").is_empty(),
            "embedded, the page should have no {absent}"
        );
    }
    let header = h
        .js_bool(
            "return !!document.querySelector('header.page-header, h1');",
            Vec::new(),
        )
        .await;
    assert!(!header, "embedded, the page should have no page header");
    let full_view = h
        .js_string(
            "const a = Array.from(document.querySelectorAll('a')).find((a) => a.textContent.includes('Open full view')); \
             return a ? a.href : null;",
        )
        .await;
    let full_view = full_view.expect("an \"Open full view\" link");
    let full_view = Url::parse(&full_view).expect("the full view link is a URL");
    let pairs = sorted_pairs(&full_view);
    assert!(
        pairs.contains(&("job".to_owned(), completed_job()))
            && !pairs.iter().any(|(k, _)| k == "embed" || k == "origins"),
        "the full view link should open the same run without embed: {full_view}"
    );
}

/// The state requests the mock saw, as (key, status).
fn state_requests(h: &Harness) -> Vec<(Option<String>, u16)> {
    let path = format!("/v1/api/{PROJECT}/optimize/{}/state", completed_job());
    h.gets(&path)
        .into_iter()
        .map(|r| (r.api_key, r.status))
        .collect()
}

/// Embedded in a portal on another origin, the page reports its height to the portal, loads at
/// once without a key (refused here: an auth error, no form, no page header), and connects when
/// the portal, an allowed origin, hands over the key; the portal's frame then grows.
#[tokio::test]
async fn embed_reports_height_and_takes_the_key_from_an_allowed_origin() {
    let h = Harness::start().await;
    let portal =
        Portal::start(|origin| embed_url(&h, &format!("https://elsewhere.example,{origin}")));
    let first = open_portal(&h, &portal).await;
    assert!(first > 0);

    enter_app_frame(&h).await;
    expect_embedded_auth_error(&h).await;
    leave_app_frame(&h).await;
    assert!(
        state_requests(&h)
            .iter()
            .any(|(key, status)| key.as_deref().unwrap_or("").is_empty() && *status == 401),
        "the frame should have tried without a key: {:?}",
        state_requests(&h)
    );

    send_key_from_portal(&h).await;
    enter_app_frame(&h).await;
    h.wait_for_count("trial-card", 30).await;
    h.wait_for_attr("run-header", "data-status", "completed")
        .await;
    leave_app_frame(&h).await;
    assert!(
        state_requests(&h)
            .iter()
            .any(|(key, status)| key.as_deref() == Some(KEY) && *status == 200),
        "no state request with the handed-over key succeeded: {:?}",
        state_requests(&h)
    );
    let grown = h
        .wait_until(
            "the frame to report a taller page",
            DEFAULT_TIMEOUT,
            async || {
                let last = wait_for_resize(&h, 1).await;
                if last > first {
                    Ok(last)
                } else {
                    Err(format!("last height {last}, first {first}"))
                }
            },
        )
        .await;
    let frame_height = h
        .js_with(
            "return document.getElementById('ts').getBoundingClientRect().height;",
            Vec::new(),
        )
        .await
        .as_f64()
        .expect("the frame's height");
    assert_eq!(
        frame_height.round() as i64,
        grown,
        "the portal sized the frame"
    );

    h.finish().await;
    drop(portal);
}

/// A key posted by a portal whose origin is not in `origins` is ignored: the frame keeps its auth
/// error and the key never reaches the API. (Height reports still arrive: they are not secret.)
#[tokio::test]
async fn embed_ignores_a_key_from_another_origin() {
    let h = Harness::start().await;
    let portal = Portal::start(|_| embed_url(&h, "https://not-the-parent.example"));
    open_portal(&h, &portal).await;

    enter_app_frame(&h).await;
    expect_embedded_auth_error(&h).await;
    leave_app_frame(&h).await;

    send_key_from_portal(&h).await;
    stays_true(
        "the key to be ignored",
        QUIET_PERIOD,
        async || match state_requests(&h)
            .into_iter()
            .find(|(key, _)| key.as_deref() == Some(KEY))
        {
            Some(r) => Err(format!("the API got the key: {r:?}")),
            None => Ok(()),
        },
    )
    .await;
    enter_app_frame(&h).await;
    h.wait_for_attr("error-banner", "data-kind", "auth").await;
    assert!(
        h.all("trial-card").await.expect("lookup").is_empty(),
        "no trials without an accepted key"
    );
    leave_app_frame(&h).await;

    h.finish().await;
    drop(portal);
}

/// The height the frame reports follows its content both ways: after the trials are filtered
/// down to none, a portal that sizes the frame to the reports gets a smaller height.
#[tokio::test]
async fn embed_height_shrinks_with_its_content() {
    let h = Harness::start().await;
    let portal = Portal::start(|origin| embed_url(&h, origin));
    open_portal(&h, &portal).await;
    send_key_from_portal(&h).await;
    enter_app_frame(&h).await;
    h.wait_for_count("trial-card", 30).await;
    leave_app_frame(&h).await;
    let tall = h
        .wait_until("a settled tall height", DEFAULT_TIMEOUT, async || {
            let last = wait_for_resize(&h, 1).await;
            if last > 1000 {
                Ok(last)
            } else {
                Err(format!("last height {last}"))
            }
        })
        .await;

    enter_app_frame(&h).await;
    let q = h
        .driver()
        .find(By::Css(r#"input[name="q"]"#))
        .await
        .expect("the text filter");
    q.send_keys("no-such-trial").await.expect("type a filter");
    h.wait_for_attr("trial-count", "data-shown", "0").await;
    leave_app_frame(&h).await;
    h.wait_until(
        "the frame to report a smaller height",
        DEFAULT_TIMEOUT,
        async || {
            let last = wait_for_resize(&h, 1).await;
            if last < tall {
                Ok(())
            } else {
                Err(format!("last height {last}, tall {tall}"))
            }
        },
    )
    .await;

    h.finish().await;
    drop(portal);
}

/// Waits until the frame's last `tunerscope:resize` equals the framed document's own height
/// (the value the app measures), and that height is plausible for a page with content;
/// returns it. Called on the portal page; enters and leaves the frame itself.
async fn wait_for_matching_resize(h: &Harness, what: &str) -> i64 {
    h.wait_until(
        &format!("the last resize to match the framed page ({what})"),
        DEFAULT_TIMEOUT,
        async || {
            let reported = wait_for_resize(h, 1).await;
            enter_app_frame(h).await;
            let actual = h
                .js_with(
                    "return Math.ceil(document.documentElement.getBoundingClientRect().height);",
                    Vec::new(),
                )
                .await
                .as_i64();
            leave_app_frame(h).await;
            match actual {
                Some(actual) if actual == reported && (200..20_000).contains(&actual) => Ok(actual),
                _ => Err(format!(
                    "reported {reported}, the page is {actual:?} px high"
                )),
            }
        },
    )
    .await
}

/// Pins issue 12: the embed protocol runs for every source, not only a live run. The demo
/// embedded in a portal reports its height (it never did: the resize reporting was wired to the
/// live source), and so does a snapshot opened in the frame, by dropping it on the page.
#[tokio::test]
async fn embedded_demo_and_snapshot_report_their_height() {
    let h = Harness::start().await;
    let portal = Portal::start(|_| h.app_url(&query(&[("demo", "1"), ("embed", "1")])));
    open_portal(&h, &portal).await;
    enter_app_frame(&h).await;
    h.wait_for("demo-badge").await;
    leave_app_frame(&h).await;
    let demo = wait_for_matching_resize(&h, "the demo").await;

    // A snapshot whose view filters every trial out: a page of a clearly different height.
    let file = json!({
        "format": "tunerscope-snapshot",
        "version": 1,
        "takenAt": "2026-01-02T03:04:05.678Z",
        "view": { "q": "no-such-trial" },
        "state": completed_fixture(),
    });
    enter_app_frame(&h).await;
    let badge = h.wait_for("demo-badge").await;
    drop_file(&h, &badge, &file.to_string()).await;
    h.wait_for("snapshot-badge").await;
    h.wait_for_attr("trial-count", "data-shown", "0").await;
    leave_app_frame(&h).await;
    h.wait_until(
        "the snapshot's own height to be reported",
        DEFAULT_TIMEOUT,
        async || {
            let snapshot = wait_for_matching_resize(&h, "the snapshot").await;
            if snapshot != demo {
                Ok(())
            } else {
                Err(format!("still the demo's {demo} px"))
            }
        },
    )
    .await;

    h.finish().await;
    drop(portal);
}

/// Pins issue 12: a download the browser refuses is said on the page, in words, instead of
/// nothing happening. The refusal is real browser behaviour provoked in the page
/// (`URL.createObjectURL` throwing, as a download-blocking policy or extension does); the
/// next download that works clears the message.
#[tokio::test]
async fn a_refused_download_is_said_on_the_page() {
    let h = Harness::start().await;
    h.open(&query(&[("demo", "1")])).await;
    h.wait_for("demo-badge").await;
    h.js_with(
        "window.__createObjectURL = URL.createObjectURL; \
         URL.createObjectURL = () => { throw new DOMException('blocked', 'SecurityError'); }; \
         return null;",
        Vec::new(),
    )
    .await;

    click_when_enabled(&h, "download-snapshot").await;
    let problem = h.wait_for("data-problem").await;
    let text = problem.text().await.expect("the problem's text");
    assert!(
        text.starts_with("Could not save the snapshot")
            && text.contains("refused to start the download"),
        "{text:?}"
    );
    assert_eq!(
        problem.attr("role").await.expect("role").as_deref(),
        Some("alert")
    );

    click_when_enabled(&h, "export-csv").await;
    h.wait_until("the CSV failure to be said", DEFAULT_TIMEOUT, async || {
        let el = h.displayed("data-problem").await?;
        let text = el.text().await.map_err(|e| e.to_string())?;
        if text.starts_with("Could not export the CSV") {
            Ok(())
        } else {
            Err(text)
        }
    })
    .await;

    h.js_with(
        "URL.createObjectURL = window.__createObjectURL; return null;",
        Vec::new(),
    )
    .await;
    let downloads = allow_downloads(&h).await;
    click_when_enabled(&h, "download-snapshot").await;
    let file = wait_for_download(&h, downloads.path(), "tunerscope-demo-", ".json").await;
    let text = std::fs::read_to_string(&file).expect("the snapshot is readable");
    let snapshot: Value = serde_json::from_str(&text).expect("the snapshot is JSON");
    assert_eq!(snapshot["format"], "tunerscope-snapshot");
    h.wait_until("the message to go", DEFAULT_TIMEOUT, async || {
        match h.all("data-problem").await?.len() {
            0 => Ok(()),
            n => Err(format!("{n} problem(s) still shown")),
        }
    })
    .await;

    h.finish().await;
}

/// The theme switch cycles auto → light → dark → auto; the choice shows in the colours, sits in
/// the address (so a link or reload keeps it) and on `<html data-theme>`.
#[tokio::test]
async fn theme_toggle_cycles_and_sticks_in_the_url() {
    let h = Harness::start().await;
    let job = completed_job();
    let api = h.api_base();
    h.open_run(PROJECT, jobs::COMPLETED, &api, &[]).await;
    h.wait_for("connect-form").await;
    h.wait_for_attr("theme-toggle", "data-theme", "auto").await;
    assert_eq!(html_theme(&h).await, None);
    assert_eq!(h.query_param("theme").await, None);

    click_when_enabled(&h, "theme-toggle").await;
    wait_for_theme(&h, Some("light")).await;
    let light = body_brightness(&h).await;

    click_when_enabled(&h, "theme-toggle").await;
    wait_for_theme(&h, Some("dark")).await;
    let dark = body_brightness(&h).await;
    assert!(
        dark < light,
        "the dark theme should have a darker background ({dark} vs {light})"
    );

    h.reload().await;
    h.wait_for("connect-form").await;
    wait_for_theme(&h, Some("dark")).await;
    assert_eq!(body_brightness(&h).await, dark);
    assert_eq!(h.query_param("job").await.as_deref(), Some(job.as_str()));

    click_when_enabled(&h, "theme-toggle").await;
    wait_for_theme(&h, None).await;

    h.finish().await;
}

/// `<html data-theme>`.
async fn html_theme(h: &Harness) -> Option<String> {
    h.js_string("return document.documentElement.getAttribute('data-theme');")
        .await
}

/// Waits until the toggle, `<html data-theme>` and the `theme` parameter agree on `theme`
/// (`None`: auto, no attribute and no parameter).
async fn wait_for_theme(h: &Harness, theme: Option<&str>) {
    let want = theme.map(str::to_owned);
    h.wait_until(&format!("theme {theme:?}"), DEFAULT_TIMEOUT, async || {
        let toggle = h.try_attr("theme-toggle", "data-theme").await?;
        let html = html_theme(h).await;
        let param = h.query_param("theme").await;
        let toggle_ok = toggle.as_deref() == Some(theme.unwrap_or("auto"));
        if toggle_ok && html == want && param == want {
            Ok(())
        } else {
            Err(format!(
                "toggle {toggle:?}, html {html:?}, theme= {param:?}"
            ))
        }
    })
    .await;
}

/// The sum of the body background's RGB channels.
async fn body_brightness(h: &Harness) -> u32 {
    let colour = h
        .js_string("return getComputedStyle(document.body).backgroundColor;")
        .await
        .expect("the body's background colour");
    colour
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .map(|s| s.parse::<u32>().unwrap())
        .sum()
}

/// A run opened once is remembered on this device (project, job, API base, run name; never the
/// key), offered in "Recent runs" from any page, reopens from there, and the list can be cleared.
#[tokio::test]
async fn recent_runs_remember_runs_without_keys() {
    let fixture = completed_fixture();
    let run_name = fixture["config"]["name"].as_str().expect("the run's name");
    let h = Harness::start().await;
    connect_completed(&h, &[]).await;
    h.wait_for_count("trial-card", 30).await;

    let api = h.api_base();
    let stored = h
        .wait_until(
            "tunerscope.recentRuns to hold the run",
            DEFAULT_TIMEOUT,
            async || {
                let text = h
                    .js_string("return localStorage.getItem('tunerscope.recentRuns');")
                    .await;
                let text = text.ok_or("nothing stored")?;
                let list: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
                let found = list.as_array().into_iter().flatten().any(|r| {
                    r["project"] == 1
                        && r["job"] == jobs::COMPLETED
                        && r["api"] == api.as_str()
                        && r["name"] == run_name
                });
                if found {
                    Ok(text)
                } else {
                    Err(text)
                }
            },
        )
        .await;
    assert!(!stored.contains(KEY), "recent runs store the key: {stored}");
    let all_storage = h
        .js_string("return JSON.stringify(Object.entries(localStorage));")
        .await
        .unwrap_or_default();
    assert!(
        !all_storage.contains(KEY),
        "the key was not asked to be remembered, yet localStorage holds it"
    );

    // The demo page offers it; choosing it reopens the run (the tab still knows the key).
    h.open("demo=1").await;
    h.wait_for("demo-badge").await;
    let summary = h
        .driver()
        .find(By::Css("details.recent-runs summary"))
        .await
        .expect("the recent runs switcher");
    summary.click().await.expect("open the switcher");
    let entry = h
        .wait_until("the run in the switcher", DEFAULT_TIMEOUT, async || {
            let buttons = h
                .driver()
                .find_all(By::Css("details.recent-runs li button"))
                .await
                .map_err(|e| e.to_string())?;
            for b in buttons {
                if b.text().await.is_ok_and(|t| t.contains(run_name)) {
                    return Ok(b);
                }
            }
            Err("not listed".to_owned())
        })
        .await;
    entry.click().await.expect("choose the run");
    h.wait_for_count("trial-card", 30).await;
    assert_eq!(h.query_param("project").await.as_deref(), Some(PROJECT));
    assert_eq!(
        h.query_param("job").await,
        Some(completed_job()),
        "the switcher opens the run"
    );
    assert_eq!(h.query_param("api").await, Some(api.clone()));

    // "Clear the list" forgets them all.
    let details_open = h
        .js_bool(
            "return !!document.querySelector('details.recent-runs[open]');",
            Vec::new(),
        )
        .await;
    if !details_open {
        h.driver()
            .find(By::Css("details.recent-runs summary"))
            .await
            .expect("the switcher")
            .click()
            .await
            .expect("open the switcher");
    }
    let clear = h
        .driver()
        .find(By::XPath(
            "//details[contains(@class,'recent-runs')]//button[contains(., 'Clear the list')]",
        ))
        .await
        .expect("a Clear button");
    clear.click().await.expect("clear the list");
    h.wait_until("the list to be forgotten", DEFAULT_TIMEOUT, async || {
        let text = h
            .js_string("return localStorage.getItem('tunerscope.recentRuns');")
            .await;
        let listed = h
            .driver()
            .find_all(By::Css("details.recent-runs li"))
            .await
            .map_err(|e| e.to_string())?
            .len();
        match text {
            Some(t) if t != "[]" => Err(format!("stored: {t}")),
            _ if listed > 0 => Err(format!("{listed} run(s) still listed")),
            _ => Ok(()),
        }
    })
    .await;

    h.finish().await;
}
