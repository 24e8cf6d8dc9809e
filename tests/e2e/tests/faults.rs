//! Issue 12 in a real browser: malformed or failing answers after a good load never wipe the
//! run, a server that echoes the key never puts it on the page, a stalled answer times out once,
//! and `Retry-After` is honoured in both its forms.
//!
//! Needs a built app (`trunk build --release --offline`), Chromium and chromedriver. Run with
//! `cargo test -p e2e --test faults -- --test-threads=1`. Request counts and times come from the
//! mock API's log (`h.api().requests()`, server-side); waits poll with timeouts.

use std::time::Duration;

use e2e::mock_api::jobs;
use e2e::{Harness, DEFAULT_TIMEOUT};

/// The project id used throughout (the mock accepts any positive id).
const PROJECT: &str = "1";
/// The only key the mock API accepts (`goodbad-…` faults check it before going bad).
const KEY: &str = "test-key";
/// A realistic Edge Impulse key, for the `echokey` fault (which accepts any key).
const EI_KEY: &str = "ei_5f0c2a9d81b34e7f9a6c0d2e4b8f1a3c5e7d9b0a2c4e6f8a1b3d5c7e9f0a2b4c";
/// The smallest polling interval the app allows (seconds).
const INTERVAL_S: &str = "2";
/// The app's request timeout (`api::client::DEFAULT_TIMEOUT`), a constant the test can't change.
const APP_TIMEOUT: Duration = Duration::from_secs(20);

/// The state path of `job` under the fault `fault`.
fn fault_path(fault: &str, job: u64) -> String {
    format!("/fault/{fault}/v1/api/{PROJECT}/optimize/{job}/state")
}

/// Opens run `job` behind the fault `fault`, polling every [`INTERVAL_S`], and enters `key`.
async fn open_behind_fault(h: &Harness, fault: &str, job: u64, key: &str) {
    let api = h.fault_base(fault);
    // Each flow opens several fault bases: forget the key stored for the previous one, or the
    // page (rightly) asks before sending it to another server. On the first open the browser
    // is still on `about:blank`, whose storage throws: nothing is stored there anyway.
    h.js("try { sessionStorage.clear(); localStorage.clear(); } catch (e) {}")
        .await;
    h.open_run(PROJECT, job, &api, &[("interval", INTERVAL_S)])
        .await;
    h.enter_key(key).await;
}

/// What the page shows of the run: the trial card ids and `trial-count`'s total.
async fn shown_run(h: &Harness) -> (Vec<Option<String>>, Option<String>) {
    (
        h.attr_of_all("trial-card", "data-trial-id").await,
        h.try_attr("trial-count", "data-total").await.ok().flatten(),
    )
}

/// Issue 12: after a good load, each failure kind (a near-empty 200, truncated JSON, an HTML
/// page, `success:false`, a list, 401, 404, 500, a dropped connection) shows its banner and the
/// stale marker over the *same* trial cards, and the next good answer clears both. Before the
/// fix, `{"success":true,"trials":[]}` replaced the run with an empty one and showed no banner.
#[tokio::test]
async fn the_last_good_run_stays_through_every_bad_answer() {
    let h = Harness::start().await;
    let scenarios = [
        ("empty", "bad-response"),
        ("truncated", "bad-response"),
        ("html", "bad-response"),
        ("unsuccessful", "bad-response"),
        ("array", "bad-response"),
        ("401", "auth"),
        ("404", "not-found"),
        ("500", "server"),
        ("drop", "network"),
    ];
    for (bad, kind) in scenarios {
        h.api().reset();
        // Chromium silently retries a GET once when a reused connection closes without an
        // answer, so a dropped connection must happen twice in a row to reach the page.
        let count = if bad == "drop" { 2 } else { 1 };
        let fault = format!("goodbad-1-{count}-{bad}");
        open_behind_fault(&h, &fault, jobs::RUNNING_MID, KEY).await;
        h.wait_for_at_least_within("trial-card", 1, DEFAULT_TIMEOUT)
            .await;
        let good = shown_run(&h).await;
        assert!(
            !h.is_shown("error-banner").await,
            "{bad}: banner while healthy"
        );

        // The bad answer: banner of the right kind, stale marker, the same cards.
        h.wait_until(
            &format!("{bad}: banner {kind} and stale marker over the last good run"),
            DEFAULT_TIMEOUT,
            async || {
                let now = shown_run(&h).await;
                assert_eq!(now, good, "{bad}: the shown run changed");
                let banner = h.try_attr("error-banner", "data-kind").await;
                let stale = h.is_shown("stale-indicator").await;
                match banner {
                    Ok(Some(k)) if k == kind && stale => Ok(()),
                    other => Err(format!("banner {other:?}, stale marker {stale}")),
                }
            },
        )
        .await;

        // The next good answer clears both; the cards are still the same run.
        h.wait_until(
            &format!("{bad}: banner and stale marker to clear"),
            DEFAULT_TIMEOUT,
            async || {
                let now = shown_run(&h).await;
                assert_eq!(now, good, "{bad}: the shown run changed on recovery");
                let banner = h.is_shown("error-banner").await;
                let stale = h.is_shown("stale-indicator").await;
                if !banner && !stale {
                    Ok(())
                } else {
                    Err(format!("banner {banner}, stale marker {stale}"))
                }
            },
        )
        .await;
        let sent = h.gets(&fault_path(&fault, jobs::RUNNING_MID));
        assert!(sent.len() >= 3, "{bad}: good, bad, good again: {sent:#?}");
    }
    h.finish().await;
}

/// Asserts that `secret` is nowhere the user or a console reader could see it.
async fn assert_nowhere(h: &Harness, secret: &str, when: &str) {
    let text = h.page_text().await;
    assert!(
        !text.contains(secret),
        "{when}: the key is in the page text:\n{text}"
    );
    let title = h.driver().title().await.unwrap_or_default();
    assert!(
        !title.contains(secret),
        "{when}: the key is in the title {title:?}"
    );
    let html = h
        .js_string("return document.documentElement.outerHTML;")
        .await
        .expect("the page's markup");
    assert!(!html.contains(secret), "{when}: the key is in the markup");
    let console = h.console_log().await;
    let leaks: Vec<_> = console
        .iter()
        .filter(|e| e.message.contains(secret))
        .collect();
    assert!(
        leaks.is_empty(),
        "{when}: the key is in the console: {leaks:#?}"
    );
}

/// Issue 12: a 401 whose error text repeats the key (`API key 'ei_…' is not valid`) shows the
/// server's words with the key masked, never the key: not in the page text, the markup, the
/// title or the console. Both an `ei_` key on a first load, and the stored key (not shaped like
/// an `ei_` key) echoed after a good load.
#[tokio::test]
async fn an_echoed_key_never_reaches_the_page_title_or_console() {
    let h = Harness::start().await;

    open_behind_fault(&h, "echokey", jobs::RUNNING_MID, EI_KEY).await;
    h.wait_for_attr("error-banner", "data-kind", "auth").await;
    let sent = h.gets(&fault_path("echokey", jobs::RUNNING_MID));
    assert_eq!(
        sent.first().and_then(|r| r.api_key.as_deref()),
        Some(EI_KEY),
        "the key was sent (so the echo carried it)"
    );
    let banner = h.wait_for("error-banner").await.text().await.unwrap();
    assert!(
        banner.contains("API key '[API key hidden]' is not valid"),
        "the server's words, masked: {banner}"
    );
    assert_nowhere(&h, EI_KEY, "ei_ key echoed on a first load").await;

    h.api().reset();
    let fault = "goodbad-1-1-echokey";
    open_behind_fault(&h, fault, jobs::RUNNING_MID, KEY).await;
    h.wait_for_at_least_within("trial-card", 1, DEFAULT_TIMEOUT)
        .await;
    h.wait_for_attr("error-banner", "data-kind", "auth").await;
    assert!(
        h.is_shown("stale-indicator").await,
        "the last good run is marked stale"
    );
    let echoed = h.gets(&fault_path(fault, jobs::RUNNING_MID));
    assert_eq!(echoed.get(1).map(|r| r.status), Some(401), "{echoed:#?}");
    assert_nowhere(&h, KEY, "stored key echoed after a good load").await;

    h.finish().await;
}

/// Issue 12: an answer whose headers arrive but whose body never finishes ends after the app's
/// 20 s timeout with a `network` banner over the last good run, and pressing Refresh meanwhile
/// never starts a second request: the mock sees exactly one request during the stall. The
/// timeout is a constant of the app, so this flow takes about 20 s.
#[tokio::test]
async fn a_stalled_answer_times_out_once_despite_refresh() {
    let h = Harness::start().await;
    let fault = "goodbad-1-1-stall";
    let path = fault_path(fault, jobs::RUNNING_MID);
    open_behind_fault(&h, fault, jobs::RUNNING_MID, KEY).await;
    h.wait_for_at_least_within("trial-card", 1, DEFAULT_TIMEOUT)
        .await;
    let good = shown_run(&h).await;

    // The second request is the stalled one.
    let stalled_at = h
        .wait_until("the stalled request", DEFAULT_TIMEOUT, async || {
            match h.gets(&path).get(1) {
                Some(r) => Ok(r.received_at),
                None => Err("one request so far".to_owned()),
            }
        })
        .await;
    let refresh = h.wait_for("refresh").await;
    let mut clicks = 0;
    h.wait_until(
        "a network banner after the timeout, Refresh pressed meanwhile",
        APP_TIMEOUT + Duration::from_secs(10),
        async || {
            assert_eq!(
                shown_run(&h).await,
                good,
                "the run changed during the stall"
            );
            if let Ok(Some(kind)) = h.try_attr("error-banner", "data-kind").await {
                if kind == "network" {
                    return Ok(());
                }
            }
            // A user pressing Refresh while the answer hangs (not in the last second before the
            // timeout: once it has fired, a click rightly loads again and the banner would go).
            if stalled_at.elapsed() < APP_TIMEOUT - Duration::from_secs(1) {
                refresh
                    .click()
                    .await
                    .unwrap_or_else(|e| panic!("cannot click Refresh: {e}"));
                clicks += 1;
            }
            Err(format!("no banner yet after {clicks} Refresh click(s)"))
        },
    )
    .await;
    let waited = stalled_at.elapsed();
    assert!(
        waited >= APP_TIMEOUT - Duration::from_millis(500),
        "the banner came after {waited:?}, before the {APP_TIMEOUT:?} timeout"
    );
    assert!(clicks >= 10, "Refresh was pressed only {clicks} time(s)");
    // Server-side: nothing but the good answer and the stalled one before the timeout fired
    // (after it, Refresh rightly works again).
    let sent = h.gets(&path);
    let before_timeout = sent
        .iter()
        .filter(|r| r.received_at < stalled_at + APP_TIMEOUT - Duration::from_millis(200))
        .count();
    assert_eq!(
        before_timeout, 2,
        "Refresh started another request during the stall: {sent:#?}"
    );
    assert!(
        h.is_shown("stale-indicator").await,
        "the last good run is marked stale"
    );
    let text = h.wait_for("error-banner").await.text().await.unwrap();
    assert!(text.contains("did not finish within 20 s"), "{text}");
    // Polling goes on: the next answer is good and clears the banner.
    h.wait_until("recovery after the stall", DEFAULT_TIMEOUT, async || {
        if h.is_shown("error-banner").await {
            Err("banner still up".to_owned())
        } else {
            Ok(())
        }
    })
    .await;
    assert_eq!(shown_run(&h).await, good);
    h.finish().await;
}

/// Issue 12: a 503 whose `Retry-After` says 6 s, as a number or as an HTTP-date, delays the next
/// request by at least that (server-side times), although the polling interval is 2 s.
#[tokio::test]
async fn retry_after_in_seconds_and_as_a_date_is_honoured() {
    let h = Harness::start().await;
    for fault in ["retryafter-1-6", "retrydate-1-6"] {
        h.api().reset();
        let path = fault_path(fault, jobs::RUNNING_MID);
        open_behind_fault(&h, fault, jobs::RUNNING_MID, KEY).await;
        h.wait_for_attr("error-banner", "data-kind", "server").await;
        let sent = h
            .wait_until(
                &format!("{fault}: the request after the 503"),
                Duration::from_secs(20),
                async || match h.gets(&path) {
                    sent if sent.len() >= 2 => Ok(sent),
                    sent => Err(format!("{} request(s)", sent.len())),
                },
            )
            .await;
        assert_eq!(sent[0].status, 503, "{sent:#?}");
        let gap = sent[1].received_at - sent[0].received_at;
        assert!(
            gap >= Duration::from_secs(6),
            "{fault}: the retry came {gap:?} after Retry-After of 6 s (interval {INTERVAL_S} s)"
        );
        assert!(
            gap <= Duration::from_secs(12),
            "{fault}: the retry took {gap:?}"
        );
        h.wait_for_at_least_within("trial-card", 1, DEFAULT_TIMEOUT)
            .await;
    }
    h.finish().await;
}
