//! Live runs in a real browser: polling that stops when the run ends, outages that keep the last
//! good picture, one honest banner per failure kind, `Retry-After`, a hidden tab, the tab title,
//! and an API key that stays where it belongs (issue 3).
//!
//! Needs a built app (`trunk build --release --offline`), Chromium and chromedriver; see the
//! crate README. Run with `cargo test -p e2e --test live -- --test-threads=2`.
//!
//! Request counts come from the mock API's log (`h.api().requests()`), filtered to `GET`s of the
//! state path; waits poll with timeouts. Where a flow must show that something does *not* happen
//! (no more requests), it watches the log for a fixed window and fails as soon as it moves.

use std::time::{Duration, Instant};

use e2e::mock_api::jobs;
use e2e::{query, Harness, DEFAULT_TIMEOUT, MOUNT};
use serde_json::Value;

/// The project id used throughout (the mock accepts any positive id).
const PROJECT: &str = "1";

/// The only key the mock API accepts.
const KEY: &str = "test-key";

/// Where the app keeps the key (JSON `{base, key}`), in `sessionStorage` or `localStorage`.
const STORAGE_KEY: &str = "tunerscope.apiKey";

/// Polling interval (seconds) used by these flows: the smallest the app allows.
const INTERVAL_S: u64 = 2;

/// How often the flows look at the request log while measuring time.
const TICK: Duration = Duration::from_millis(50);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The path of the state endpoint of `job` under `prefix` (`/v1` or `/fault/NAME/v1`).
fn state_path(prefix: &str, job: u64) -> String {
    format!("{prefix}/api/{PROJECT}/optimize/{job}/state")
}

/// Types `key` into the connection form (ticking "remember" if asked) and submits it.
async fn enter_key(h: &Harness, key: &str, remember: bool) {
    h.wait_for("connect-form").await;
    h.fill_input("api-key", key).await;
    h.set_remember_key(remember).await;
    h.submit_connect().await;
}

/// Opens the run `job` at `api` and connects with `key` (not remembered).
async fn connect(h: &Harness, job: u64, api: &str, key: &str) {
    let interval = INTERVAL_S.to_string();
    h.open_run(PROJECT, job, api, &[("interval", &interval)])
        .await;
    enter_key(h, key, false).await;
}

/// Keeps checking `probe` for `window`, failing as soon as it reports a problem.
async fn holds_for(what: &str, window: Duration, mut probe: impl FnMut() -> Result<(), String>) {
    let start = Instant::now();
    loop {
        if let Err(problem) = probe() {
            panic!("{what} broke after {:?}: {problem}", start.elapsed());
        }
        if start.elapsed() >= window {
            return;
        }
        tokio::time::sleep(TICK).await;
    }
}

/// The stored key entry in `sessionStorage` and `localStorage` (raw JSON text, if any).
async fn stored_keys(h: &Harness) -> (Option<String>, Option<String>) {
    let script = format!(
        "return [sessionStorage.getItem('{STORAGE_KEY}'), localStorage.getItem('{STORAGE_KEY}')];"
    );
    let both = h.js(&script).await;
    let item = |i: usize| both[i].as_str().map(str::to_owned);
    (item(0), item(1))
}

/// Empties both storages of the page's origin (a clean slate between scenarios).
async fn clear_storage(h: &Harness) {
    h.js("sessionStorage.clear(); localStorage.clear(); return null;")
        .await;
}

/// Makes the page believe its tab was hidden (`true`) or shown again (`false`), the way the Page
/// Visibility API reports it, and fires `visibilitychange` as the browser does (at the document,
/// bubbling, so listeners on `window` hear it too).
async fn set_hidden(h: &Harness, hidden: bool) {
    let state = if hidden { "hidden" } else { "visible" };
    let script = format!(
        "Object.defineProperty(document, 'hidden', {{configurable: true, get: () => {hidden}}}); \
         Object.defineProperty(document, 'visibilityState', {{configurable: true, get: () => '{state}'}}); \
         document.dispatchEvent(new Event('visibilitychange', {{bubbles: true}})); return null;"
    );
    h.js(&script).await;
}

/// Watches `path` for `window`: fails at once if more than `allowed` new `GET`s arrive.
/// Returns how many arrived.
async fn count_new_gets_for(h: &Harness, path: &str, window: Duration, allowed: usize) -> usize {
    let before = h.gets(path).len();
    let start = Instant::now();
    loop {
        let new = h.gets(path).len() - before;
        assert!(
            new <= allowed,
            "{new} new GET {path} within {:?} (at most {allowed} allowed); log: {:#?}",
            start.elapsed(),
            h.gets(path)
        );
        if start.elapsed() >= window {
            return new;
        }
        tokio::time::sleep(TICK).await;
    }
}

/// Waits until the log holds more than `n` `GET`s of `path`; returns when the next one arrived
/// (measured by polling every [`TICK`]).
async fn wait_for_get_after(h: &Harness, path: &str, n: usize, timeout: Duration) -> Instant {
    h.wait_until(&format!("GET #{} of {path}", n + 1), timeout, async || {
        let seen = h.gets(path).len();
        if seen > n {
            Ok(Instant::now())
        } else {
            Err(format!("{seen} GET(s)"))
        }
    })
    .await
}

/// The error banner's text, once it shows kind `kind` with a non-empty explanation.
async fn banner_text(h: &Harness, kind: &str) -> String {
    let banner = h.wait_for_attr("error-banner", "data-kind", kind).await;
    h.wait_until(
        "the error banner to explain the failure",
        DEFAULT_TIMEOUT,
        async || match banner.text().await {
            Ok(text) if !text.trim().is_empty() => Ok(text),
            Ok(_) => Err("empty text".to_owned()),
            Err(e) => Err(e.to_string()),
        },
    )
    .await
}

/// The number of trial cards in the page right now.
async fn card_count(h: &Harness) -> usize {
    h.all("trial-card").await.map_or(0, |v| v.len())
}

// ---------------------------------------------------------------------------------------------
// Flows
// ---------------------------------------------------------------------------------------------

/// A run played from the mock's timeline advances on screen by itself (creating → running →
/// completed), announces that it is finished ("… no longer refreshing"), and then the page stops
/// asking: the server sees no further state request for three polling intervals.
#[tokio::test]
async fn timeline_plays_to_completed_then_requests_stop() {
    let h = Harness::start().await;
    let path = state_path("/v1", jobs::TIMELINE);
    connect(&h, jobs::TIMELINE, &h.api_base(), KEY).await;

    // Record every status the header and every completed count the progress bar shows on the way.
    let mut seen: Vec<String> = Vec::new();
    let mut completed: Vec<String> = Vec::new();
    h.wait_until(
        "run-header data-status to reach \"completed\"",
        Duration::from_secs(60),
        async || {
            if let Some(Some(n)) = h.attr_of_all("progress", "data-completed").await.pop() {
                if completed.last() != Some(&n) {
                    completed.push(n);
                }
            }
            if let Ok(Some(status)) = h.try_attr("run-header", "data-status").await {
                if seen.last() != Some(&status) {
                    seen.push(status.clone());
                }
                if status == "completed" {
                    return Ok(());
                }
            }
            Err(format!("statuses so far: {seen:?}"))
        },
    )
    .await;
    for status in ["creating", "running", "completed"] {
        assert!(
            seen.iter().any(|s| s == status),
            "the header never showed {status:?}; it went {seen:?}"
        );
    }
    let running = seen.iter().position(|s| s == "running").unwrap();
    let creating = seen.iter().position(|s| s == "creating").unwrap();
    assert!(
        creating < running,
        "statuses out of order: {seen:?} (the page should follow the run)"
    );

    assert!(
        completed.len() >= 4,
        "the progress bar should count up as trials finish; it showed {completed:?}"
    );

    let notice = h.wait_for("run-finished").await;
    let text = notice.text().await.expect("the text of run-finished");
    assert!(
        text.contains("no longer refreshing"),
        "run-finished says {text:?}"
    );
    h.wait_for_attr("progress", "data-completed", "10").await;
    h.wait_for_attr("progress", "data-failed", "2").await;
    h.wait_for_count("trial-card", 12).await;

    // Each of the 12 timeline files was fetched (the last one says the run is over) …
    let fetched = h.gets(&path);
    assert!(
        fetched.len() >= 12,
        "only {} state request(s) for 12 timeline steps: {fetched:#?}",
        fetched.len()
    );
    assert!(
        fetched
            .iter()
            .all(|r| r.api_key.as_deref() == Some(KEY) && r.status == 200),
        "every timeline request should carry the key and succeed: {fetched:#?}"
    );
    // … and nothing more for three intervals.
    count_new_gets_for(&h, &path, Duration::from_secs(3 * INTERVAL_S + 1), 0).await;
    // Still finished, still saying so.
    h.wait_for_attr("run-header", "data-status", "completed")
        .await;
    h.wait_for("run-finished").await;

    h.finish().await;
}

/// The network goes away under a live run and comes back: while it is gone the page keeps the
/// last good trial cards on screen the whole time, marks them stale and shows a `network`
/// error banner; the page keeps retrying (backing off) and, once the network is back, the banner
/// and the stale marker disappear and the data is fresh again, without a reload.
///
/// The outage is the browser's DevTools "Offline" switch (`Network.emulateNetworkConditions`
/// through chromedriver), since the mock's faults fail the first requests of a base, and a run
/// cannot switch bases without starting over.
#[tokio::test]
async fn outage_then_recovery_keeps_cards_and_clears_banner() {
    let h = Harness::start().await;
    let path = state_path("/v1", jobs::RUNNING_MID);
    connect(&h, jobs::RUNNING_MID, &h.api_base(), KEY).await;

    let total = h
        .attr("trial-count", "data-total")
        .await
        .expect("trial-count has data-total");
    let cards = h
        .wait_for_at_least_within("trial-card", 1, DEFAULT_TIMEOUT)
        .await
        .len();
    let ids_before = h.attr_of_all("trial-card", "data-trial-id").await;
    // A second good poll, so the rhythm is established before the outage.
    wait_for_get_after(&h, &path, 1, DEFAULT_TIMEOUT).await;
    let good_epoch: i64 = h
        .attr("last-updated", "data-epoch-ms")
        .await
        .and_then(|v| v.parse().ok())
        .expect("last-updated has data-epoch-ms after a good answer");
    assert!(
        h.displayed("error-banner").await.is_err(),
        "no banner while healthy"
    );
    assert!(
        h.displayed("stale-indicator").await.is_err(),
        "no stale marker while healthy"
    );
    let page_loads = h
        .site()
        .requests()
        .iter()
        .filter(|r| r.path.starts_with(MOUNT) && r.path.split('?').next() == Some(MOUNT))
        .count();

    h.set_offline(true).await;
    let offline_from = h.gets(&path).len();

    // Three failed attempts in a row (Chromium logs each refused fetch), with the last good
    // picture on screen throughout.
    let failures = |log: &[e2e::thirtyfour::BrowserLogEntry]| {
        log.iter()
            .filter(|e| e.message.contains("ERR_INTERNET_DISCONNECTED"))
            .count()
    };
    let already = failures(&h.console_log().await);
    h.wait_until(
        "three failed attempts while offline",
        Duration::from_secs(30),
        async || {
            let n = card_count(&h).await;
            assert_eq!(
                n, cards,
                "the trial cards changed during the outage ({cards} → {n})"
            );
            let failed = failures(&h.console_log().await) - already;
            if failed < 1 {
                return Err("no failed attempt yet".to_owned());
            }
            // From the first failure on: banner and stale marker stay up.
            match h.try_attr("error-banner", "data-kind").await {
                Ok(Some(kind)) if kind == "network" => {}
                other => return Err(format!("error-banner data-kind: {other:?}")),
            }
            h.displayed("stale-indicator")
                .await
                .map_err(|e| format!("stale-indicator: {e}"))?;
            if failed >= 3 {
                Ok(())
            } else {
                Err(format!("{failed} failed attempt(s)"))
            }
        },
    )
    .await;
    assert_eq!(
        h.attr_of_all("trial-card", "data-trial-id").await,
        ids_before,
        "the last good cards should stay as they were"
    );
    assert_eq!(
        h.attr("trial-count", "data-total")
            .await
            .expect("trial-count has data-total"),
        total
    );
    let text = banner_text(&h, "network").await;
    assert!(!text.contains('<'), "banner shows markup: {text:?}");
    assert_eq!(
        h.gets(&path).len(),
        offline_from,
        "requests reached the server while the browser was offline"
    );

    h.set_offline(false).await;

    // The next retry succeeds: banner and stale marker go, the cards stay, the data is fresh.
    h.wait_until(
        "the error banner and stale marker to clear after recovery",
        Duration::from_secs(40),
        async || {
            let n = card_count(&h).await;
            assert_eq!(n, cards, "the trial cards changed during recovery");
            let banner = h.all("error-banner").await?.len();
            let stale = h.all("stale-indicator").await?.len();
            if banner == 0 && stale == 0 {
                Ok(())
            } else {
                Err(format!("{banner} banner(s), {stale} stale marker(s)"))
            }
        },
    )
    .await;
    assert!(
        h.gets(&path).len() > offline_from,
        "recovered without a request reaching the server?"
    );
    let fresh_epoch: i64 = h
        .attr("last-updated", "data-epoch-ms")
        .await
        .and_then(|v| v.parse().ok())
        .expect("last-updated has data-epoch-ms");
    assert!(
        fresh_epoch > good_epoch,
        "last-updated did not move on after recovery ({good_epoch} → {fresh_epoch})"
    );
    let page_loads_after = h
        .site()
        .requests()
        .iter()
        .filter(|r| r.path.starts_with(MOUNT) && r.path.split('?').next() == Some(MOUNT))
        .count();
    assert_eq!(page_loads_after, page_loads, "the page was reloaded");
    h.wait_for_count("trial-card", cards).await;

    h.finish().await;
}

/// Every kind of failure gets its own banner (`data-kind` as in CONTRACT.md) with a plain-text
/// explanation — never the markup of an HTML error page, never the key — and the page stays
/// usable (the toolbar and heading are still there); no failure panics the app.
#[tokio::test]
async fn each_error_kind_has_its_banner() {
    let h = Harness::start().await;
    let scenarios: [(&str, String, u64, &str, &str); 11] = [
        (
            "wrong key",
            h.api_base(),
            jobs::COMPLETED,
            "k-wrong-987",
            "auth",
        ),
        ("unknown job", h.api_base(), 999, KEY, "not-found"),
        (
            "HTTP 500",
            h.fault_base("500"),
            jobs::COMPLETED,
            KEY,
            "server",
        ),
        (
            "HTTP 503",
            h.fault_base("503"),
            jobs::COMPLETED,
            KEY,
            "server",
        ),
        (
            "HTML 502 page",
            h.fault_base("html"),
            jobs::COMPLETED,
            KEY,
            "server",
        ),
        (
            "truncated body",
            h.fault_base("truncated"),
            jobs::COMPLETED,
            KEY,
            "bad-response",
        ),
        (
            "JSON array",
            h.fault_base("array"),
            jobs::COMPLETED,
            KEY,
            "bad-response",
        ),
        (
            "success:false",
            h.api_base(),
            jobs::SUCCESS_FALSE,
            KEY,
            "bad-response",
        ),
        (
            "CORS refused",
            h.fault_base("nocors"),
            jobs::COMPLETED,
            KEY,
            "network",
        ),
        (
            "connection dropped",
            h.fault_base("drop"),
            jobs::COMPLETED,
            KEY,
            "network",
        ),
        (
            "nothing listening",
            unused_base(),
            jobs::COMPLETED,
            KEY,
            "network",
        ),
    ];
    for (i, (what, api, job, key, kind)) in scenarios.iter().enumerate() {
        if i > 0 {
            clear_storage(&h).await;
        }
        connect(&h, *job, api, key).await;

        let text = banner_text(&h, kind).await;
        assert!(
            !text.contains('<') && !text.contains('>'),
            "{what}: the banner shows markup: {text:?}"
        );
        assert!(
            !text.contains(key),
            "{what}: the banner repeats the key: {text:?}"
        );
        let inner = h
            .js_string("return document.querySelector('[data-testid=\"error-banner\"]').innerHTML;")
            .await
            .expect("the error banner's markup");
        let lower = inner.to_ascii_lowercase();
        for tag in [
            "<html", "<body", "<center", "<h1", "<hr", "<script", "<iframe",
        ] {
            assert!(
                !lower.contains(tag),
                "{what}: the banner renders server markup ({tag}): {inner}"
            );
        }
        // Not blank: the page's heading, the run controls and some words are on screen.
        h.displayed("refresh")
            .await
            .unwrap_or_else(|e| panic!("{what}: no refresh button: {e}"));
        let page = h.page_text().await;
        assert!(
            page.contains("Tunerscope") && page.trim().len() > 80,
            "{what}: the page looks blank: {page:?}"
        );
        assert!(
            h.all("fatal-error")
                .await
                .expect("look up fatal-error")
                .is_empty(),
            "{what}: the app hit an internal error: {page}"
        );
        assert!(
            h.console_errors().await.is_empty(),
            "{what}: fatal console entries: {:#?}",
            h.console_errors().await
        );
    }

    h.finish().await;
}

/// An API base nothing listens on (connection refused): a port the OS just handed out and that
/// was released again.
fn unused_base() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let port = listener.local_addr().expect("local address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}/v1")
}

/// A 429 whose `Retry-After: 7` the page can read (the mock exposes it) is honoured: although the
/// polling interval is 2 s, the next attempt comes only after about 7 s — and it does come.
#[tokio::test]
async fn retry_after_is_honoured() {
    let h = Harness::start().await;
    let path = state_path("/fault/429/v1", jobs::COMPLETED);
    connect(&h, jobs::COMPLETED, &h.fault_base("429"), KEY).await;

    let first = wait_for_get_after(&h, &path, 0, DEFAULT_TIMEOUT).await;
    banner_text(&h, "server").await;
    let second = wait_for_get_after(&h, &path, 1, Duration::from_secs(20)).await;
    let gap = second - first;
    assert!(
        gap >= Duration::from_millis(6_500),
        "the retry came {gap:?} after a 429 with Retry-After: 7 (interval {INTERVAL_S} s)"
    );
    assert!(
        gap <= Duration::from_millis(10_000),
        "the retry came only {gap:?} after a 429 with Retry-After: 7"
    );
    // Still server-side trouble, and the second wait is no shorter.
    let third = wait_for_get_after(&h, &path, 2, Duration::from_secs(20)).await;
    let gap = third - second;
    assert!(
        gap >= Duration::from_millis(6_500),
        "the second retry came {gap:?} after a 429 with Retry-After: 7"
    );
    let sent = h.gets(&path);
    assert!(
        sent.iter().all(|r| r.status == 429),
        "unexpected answers: {sent:#?}"
    );

    h.finish().await;
}

/// The key stays where it belongs. After several polls it is in no address (the page's, nor any
/// resource the page loaded), not in the page's text or markup, not in any console message; the
/// server sees it only on state requests to the API base; with "remember" unticked it lives in
/// `sessionStorage` only, bound to its base. "Forget key" removes it from both storages, brings
/// back the connection form and stops the requests.
#[tokio::test]
async fn key_hygiene() {
    let h = Harness::start().await;
    let path = state_path("/v1", jobs::RUNNING_MID);
    connect(&h, jobs::RUNNING_MID, &h.api_base(), KEY).await;

    h.wait_for_at_least_within("trial-card", 1, DEFAULT_TIMEOUT)
        .await;
    // Several polls.
    wait_for_get_after(&h, &path, 2, Duration::from_secs(20)).await;

    let address = h.current_url().await;
    assert!(
        !address.as_str().contains(KEY),
        "the key is in the address: {address}"
    );
    let resources = h
        .js(
            "return performance.getEntriesByType('resource').map((e) => e.name)\
             .concat(performance.getEntriesByType('navigation').map((e) => e.name));",
        )
        .await;
    let resources: Vec<&str> = resources
        .as_array()
        .expect("a list of URLs")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        resources.len() >= 3,
        "too few resources recorded: {resources:?}"
    );
    assert!(
        resources.iter().all(|u| !u.contains(KEY)),
        "the key is in a URL the page loaded: {resources:#?}"
    );
    let text = h.page_text().await;
    assert!(!text.contains(KEY), "the key is in the page text: {text}");
    let markup = h
        .js_string("return document.documentElement.outerHTML;")
        .await
        .expect("the page's markup");
    assert!(!markup.contains(KEY), "the key is in the page's markup");
    let title = h
        .js_string("return document.title;")
        .await
        .expect("the page's title");
    assert!(!title.contains(KEY), "the key is in the tab title: {title}");

    let log = h.console_log().await;
    let leaks: Vec<_> = log.iter().filter(|e| e.message.contains(KEY)).collect();
    assert!(leaks.is_empty(), "the key is in the console: {leaks:#?}");

    let api_log = h.api().requests();
    let with_key: Vec<_> = api_log.iter().filter(|r| r.api_key.is_some()).collect();
    assert!(with_key.len() >= 3, "too few keyed requests: {api_log:#?}");
    for r in &with_key {
        assert_eq!(r.api_key.as_deref(), Some(KEY));
        assert_eq!(
            r.path.split('?').next(),
            Some(path.as_str()),
            "the key went to something other than the state path: {r:?}"
        );
        assert_eq!(r.method, "GET", "the key went with a non-GET: {r:?}");
    }
    assert!(
        api_log.iter().all(|r| !r.path.contains(KEY)),
        "the key is in a request path: {api_log:#?}"
    );
    let site_log = h.site().requests();
    assert!(
        site_log
            .iter()
            .all(|r| r.api_key.is_none() && !r.path.contains(KEY)),
        "the key went to the page's own host: {site_log:#?}"
    );

    let (session, local) = stored_keys(&h).await;
    assert_eq!(
        local, None,
        "with \"remember\" unticked nothing belongs in localStorage"
    );
    let session = session.expect("the key is kept in sessionStorage for this tab");
    let stored: Value = serde_json::from_str(&session).expect("the stored key is JSON");
    assert_eq!(stored["key"], KEY, "stored: {session}");
    assert_eq!(
        stored["base"],
        h.api_base(),
        "the key is bound to its API base"
    );

    let forget = h.wait_for("forget-key").await;
    forget.click().await.expect("click forget-key");
    h.wait_for("connect-form").await;
    h.wait_until(
        "both storages to be emptied",
        DEFAULT_TIMEOUT,
        async || match stored_keys(&h).await {
            (None, None) => Ok(()),
            other => Err(format!("{other:?}")),
        },
    )
    .await;
    // The form does not hand the forgotten key back.
    assert_eq!(h.input_value("api-key").await, "");
    // And nothing is sent any more.
    count_new_gets_for(&h, &path, Duration::from_secs(2 * INTERVAL_S + 1), 0).await;

    h.finish().await;
}

/// With "remember the key on this device" ticked the key goes to `localStorage`, so a new tab
/// opens the run straight away; unticked, a new tab asks for the key again.
#[tokio::test]
async fn remembered_key_survives_a_new_tab_only_when_ticked() {
    let h = Harness::start().await;
    let path = state_path("/v1", jobs::COMPLETED);
    let run_query = query(&[
        ("project", PROJECT),
        ("job", &jobs::COMPLETED.to_string()),
        ("api", &h.api_base()),
    ]);

    // Not remembered: this tab works, a new tab does not know the key.
    connect(&h, jobs::COMPLETED, &h.api_base(), KEY).await;
    h.wait_for_count("trial-card", 30).await;
    let (session, local) = stored_keys(&h).await;
    assert!(
        session.is_some() && local.is_none(),
        "{session:?} / {local:?}"
    );

    let tab2 = h.driver().new_tab().await.expect("open a tab");
    h.driver()
        .switch_to_window(tab2)
        .await
        .expect("switch tabs");
    let before = h.gets(&path).len();
    h.open(&run_query).await;
    h.wait_for("connect-form").await;
    assert!(
        h.displayed("confirm-api").await.is_err(),
        "nothing to confirm: the new tab has no key"
    );
    assert_eq!(stored_keys(&h).await, (None, None));
    assert_eq!(
        h.gets(&path).len(),
        before,
        "a new tab sent a request without being given a key"
    );

    // Remembered: stored in localStorage (and not also in sessionStorage).
    enter_key(&h, KEY, true).await;
    h.wait_for_count("trial-card", 30).await;
    let (session, local) = stored_keys(&h).await;
    assert_eq!(session, None, "remembered keys live in localStorage only");
    let local = local.expect("a remembered key is in localStorage");
    let stored: Value = serde_json::from_str(&local).expect("the stored key is JSON");
    assert_eq!(stored["key"], KEY);
    assert_eq!(stored["base"], h.api_base());

    let tab3 = h.driver().new_tab().await.expect("open a tab");
    h.driver()
        .switch_to_window(tab3)
        .await
        .expect("switch tabs");
    let before = h.gets(&path).len();
    h.open(&run_query).await;
    h.wait_for_count("trial-card", 30).await;
    assert!(
        h.displayed("connect-form").await.is_err(),
        "the remembered key should open the run without asking"
    );
    let sent = h.gets(&path);
    assert!(
        sent[before..]
            .iter()
            .any(|r| r.api_key.as_deref() == Some(KEY) && r.status == 200),
        "the new tab did not use the remembered key: {sent:#?}"
    );

    h.finish().await;
}

/// A link to the same run at a different API base does not receive the stored key: the page asks
/// first (`confirm-api`) and sends nothing there meanwhile; "no" leads to the connection form
/// (still nothing sent); "yes" sends the key to the new base, which then serves the run.
#[tokio::test]
async fn other_api_base_asks_before_sending_the_key() {
    let h = Harness::start().await;
    let other = h.fault_base("open");
    let other_prefix = "/fault/open/";
    let sent_to_other = || {
        h.api()
            .requests()
            .into_iter()
            .filter(|r| r.path.starts_with(other_prefix))
            .collect::<Vec<_>>()
    };

    connect(&h, jobs::COMPLETED, &h.api_base(), KEY).await;
    h.wait_for_count("trial-card", 30).await;

    let interval = INTERVAL_S.to_string();
    h.open_run(PROJECT, jobs::COMPLETED, &other, &[("interval", &interval)])
        .await;
    let question = h.wait_for("confirm-api").await;
    let text = question.text().await.expect("the text of confirm-api");
    assert!(
        text.contains(&other),
        "the question should name the new base: {text:?}"
    );
    assert!(!text.contains(KEY), "the question shows the key: {text:?}");
    // While the question is open, the key does not go there (watched for 1.5 intervals).
    holds_for(
        "no key to the other base before confirmation",
        Duration::from_secs(INTERVAL_S) * 3 / 2,
        || match sent_to_other() {
            sent if sent.iter().all(|r| r.api_key.is_none()) => Ok(()),
            sent => Err(format!("{sent:#?}")),
        },
    )
    .await;

    let no = h.wait_for("confirm-api-no").await;
    no.click().await.expect("click confirm-api-no");
    h.wait_for("connect-form").await;
    h.wait_until("confirm-api to go away", DEFAULT_TIMEOUT, async || match h
        .all("confirm-api")
        .await?
        .len()
    {
        0 => Ok(()),
        n => Err(format!("{n} still shown")),
    })
    .await;
    assert_eq!(
        h.input_value("api-key").await,
        "",
        "the form is not pre-filled with the key"
    );
    holds_for(
        "no key to the other base after \"no\"",
        Duration::from_secs(INTERVAL_S),
        || match sent_to_other() {
            sent if sent.iter().all(|r| r.api_key.is_none()) => Ok(()),
            sent => Err(format!("{sent:#?}")),
        },
    )
    .await;
    let (session, _) = stored_keys(&h).await;
    let stored: Value = serde_json::from_str(&session.expect("the key is still stored"))
        .expect("the stored key is JSON");
    assert_eq!(
        stored["base"],
        h.api_base(),
        "\"no\" keeps the key bound to its base"
    );

    // Ask again, and say yes this time.
    h.reload().await;
    let yes = h.wait_for("confirm-api-yes").await;
    assert!(sent_to_other().iter().all(|r| r.api_key.is_none()));
    yes.click().await.expect("click confirm-api-yes");
    h.wait_for_count("trial-card", 30).await;
    let sent = sent_to_other();
    assert!(
        sent.iter()
            .any(|r| r.method == "GET" && r.api_key.as_deref() == Some(KEY) && r.status == 200),
        "after \"yes\" the key should go to the other base: {sent:#?}"
    );
    let (session, _) = stored_keys(&h).await;
    let stored: Value = serde_json::from_str(&session.expect("the key is still stored"))
        .expect("the stored key is JSON");
    assert_eq!(
        stored["base"], other,
        "\"yes\" binds the key to the new base"
    );

    h.finish().await;
}

/// A hidden tab slows polling to the background rate (at most once a minute), and the moment it
/// is shown again the page fetches fresh data and resumes the normal interval.
#[tokio::test]
async fn hidden_tab_slows_polling_and_refreshes_on_return() {
    let h = Harness::start().await;
    let path = state_path("/v1", jobs::RUNNING_MID);
    connect(&h, jobs::RUNNING_MID, &h.api_base(), KEY).await;
    h.wait_for_at_least_within("trial-card", 1, DEFAULT_TIMEOUT)
        .await;
    // Polling at the normal rate first.
    wait_for_get_after(&h, &path, 2, Duration::from_secs(15)).await;

    set_hidden(&h, true).await;
    // A request already on its way when the tab hid may still land; nothing more for 3
    // intervals (visible, there would be ~3).
    count_new_gets_for(&h, &path, Duration::from_secs(3 * INTERVAL_S), 1).await;

    let n = h.gets(&path).len();
    set_hidden(&h, false).await;
    let shown = Instant::now();
    let back = wait_for_get_after(&h, &path, n, Duration::from_millis(1_500)).await;
    assert!(back - shown <= Duration::from_millis(1_500));
    // And the normal rhythm again.
    wait_for_get_after(
        &h,
        &path,
        n + 1,
        Duration::from_secs(INTERVAL_S) + Duration::from_millis(1_500),
    )
    .await;
    h.wait_for_at_least_within("trial-card", 1, DEFAULT_TIMEOUT)
        .await;

    h.finish().await;
}

/// The tab title tells the run's progress and name: `30/30 · Keyword spotting sweep #3`.
#[tokio::test]
async fn tab_title_shows_progress() {
    let h = Harness::start().await;
    connect(&h, jobs::COMPLETED, &h.api_base(), KEY).await;

    let title = h
        .wait_until(
            "the tab title to show progress",
            DEFAULT_TIMEOUT,
            async || {
                let title = h.driver().title().await.map_err(|e| e.to_string())?;
                if title.starts_with("30/30 · ") {
                    Ok(title)
                } else {
                    Err(format!("title {title:?}"))
                }
            },
        )
        .await;
    assert_eq!(title, "30/30 · Keyword spotting sweep #3");

    h.finish().await;
}

/// The server itself fails three times in a row after a good answer, then recovers: the banner
/// (`server`) and the stale marker appear, the last cards stay on screen the whole time, and
/// both clear by themselves, without a reload, once the server answers again.
#[tokio::test]
async fn server_fails_three_times_then_recovers() {
    let h = Harness::start().await;
    let base = h.fault_base("outage-1-3-500");
    connect(&h, jobs::RUNNING_MID, &base, "test-key").await;
    h.wait_for_count("trial-card", 24).await;
    let ids = h.attr_of_all("trial-card", "data-trial-id").await;

    h.wait_for_attr_within(
        "error-banner",
        "data-kind",
        "server",
        Duration::from_secs(20),
    )
    .await;
    h.wait_for("stale-indicator").await;
    let path = state_path(
        &format!("/fault/outage-1-3-500{}", "/v1"),
        jobs::RUNNING_MID,
    );
    // During the outage (answers 2–4 fail) the cards stay exactly as they were.
    let deadline = Instant::now() + Duration::from_secs(60);
    while h.gets(&path).len() < 5 {
        assert_eq!(
            h.attr_of_all("trial-card", "data-trial-id").await,
            ids,
            "cards changed during the outage"
        );
        assert!(
            Instant::now() < deadline,
            "the page stopped retrying: {} requests",
            h.gets(&path).len()
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    h.wait_until(
        "the banner and stale marker to clear",
        Duration::from_secs(20),
        async || {
            let banner = h.all("error-banner").await?.len();
            let stale = h.all("stale-indicator").await?.len();
            if banner == 0 && stale == 0 {
                Ok(())
            } else {
                Err(format!("banner {banner}, stale {stale}"))
            }
        },
    )
    .await;
    assert_eq!(h.attr_of_all("trial-card", "data-trial-id").await, ids);
    let statuses: Vec<u16> = h.gets(&path).iter().map(|r| r.status).take(5).collect();
    assert_eq!(statuses, [200, 500, 500, 500, 200]);
    assert_eq!(
        h.site()
            .requests()
            .iter()
            .filter(|r| r.path.ends_with('/') || r.path.contains("/?"))
            .count(),
        1,
        "no reload"
    );
    h.finish().await;
}
