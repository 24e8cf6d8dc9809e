//! One test per user flow: the built app in headless Chromium, served under a sub-path, talking
//! to the mock API. Each flow has its own servers, driver and fresh browser profile.
//!
//! Needs a built app (`trunk build --release --offline`), Chromium and chromedriver; see the
//! crate README. Run with `cargo test -p e2e -- --test-threads=2`.

use std::collections::HashSet;
use std::time::Duration;

use e2e::mock_api::jobs;
use e2e::{Harness, MOUNT};

/// The project id used throughout (the mock accepts any positive id).
const PROJECT: &str = "1";

/// The `job` parameter of the completed 30-trial run.
fn completed_job() -> String {
    jobs::COMPLETED.to_string()
}

/// Waits for the error banner of kind `kind` and returns its (non-empty) text.
async fn expect_error_banner(h: &Harness, kind: &str) -> String {
    let banner = h.wait_for_attr("error-banner", "data-kind", kind).await;
    h.wait_until(
        "the error banner to explain the failure",
        e2e::DEFAULT_TIMEOUT,
        async || match banner.text().await {
            Ok(text) if !text.trim().is_empty() => Ok(text),
            Ok(_) => Err("empty text".to_owned()),
            Err(e) => Err(e.to_string()),
        },
    )
    .await
}

/// Without `project`/`job` the page plays the built-in demo run: the demo badge shows, the run
/// moves on by itself (the header's status changes without any user action), and trial cards
/// appear as the simulated run reaches its running phase.
#[tokio::test]
async fn demo_renders_and_advances() {
    let h = Harness::start().await;
    h.open("interval=2").await;

    h.wait_for("demo-badge").await;
    let first = h
        .wait_until(
            "run-header to carry data-status",
            e2e::DEFAULT_TIMEOUT,
            async || {
                h.try_attr("run-header", "data-status")
                    .await?
                    .ok_or_else(|| "no data-status".to_owned())
            },
        )
        .await;
    let later = h
        .wait_until(
            &format!("run-header data-status to move on from {first:?}"),
            Duration::from_secs(40),
            async || match h.try_attr("run-header", "data-status").await? {
                Some(now) if now != first => Ok(now),
                now => Err(format!("data-status={now:?}")),
            },
        )
        .await;
    assert_ne!(later, first);
    h.wait_for_at_least_within("trial-card", 1, Duration::from_secs(40))
        .await;

    h.finish().await;
}

/// Connecting to a finished run with a valid key shows the whole run: all 30 trials (each once),
/// the 3 workers, the completed status and progress. The key travels only in the `x-api-key`
/// header of a cross-origin request, never in the address bar.
#[tokio::test]
async fn real_fetch_shows_every_trial_and_worker() {
    let h = Harness::start().await;
    let job = completed_job();
    h.open_run(PROJECT, jobs::COMPLETED, &h.api_base(), &[])
        .await;

    h.wait_for("connect-form").await;
    assert_eq!(h.input_value("project").await, PROJECT);
    assert_eq!(h.input_value("job").await, job);
    h.fill_input("api-key", "test-key").await;
    h.submit_connect().await;

    h.wait_for_attr("trial-count", "data-total", "30").await;
    h.wait_for_attr("trial-count", "data-shown", "30").await;
    h.wait_for_count("trial-card", 30).await;
    let mut ids = HashSet::new();
    for id in h.attr_of_all("trial-card", "data-trial-id").await {
        let id = id.expect("every trial-card has data-trial-id");
        assert!(ids.insert(id.clone()), "trial {id} is shown twice");
    }
    h.wait_for_count("worker", 3).await;
    h.wait_for_attr("run-header", "data-status", "completed")
        .await;
    h.wait_for_attr("progress", "data-completed", "30").await;

    let state_path = format!("/v1/api/{PROJECT}/optimize/{job}/state");
    let requests = h.api().requests();
    let fetches: Vec<_> = requests
        .iter()
        .filter(|r| r.method == "GET" && r.path.split('?').next() == Some(state_path.as_str()))
        .collect();
    assert!(
        !fetches.is_empty(),
        "no GET {state_path} reached the mock API; it saw: {requests:#?}"
    );
    assert!(
        fetches
            .iter()
            .any(|r| r.api_key.as_deref() == Some("test-key") && r.status == 200),
        "no state request with `x-api-key: test-key` succeeded: {fetches:#?}"
    );
    for r in &fetches {
        assert_eq!(
            r.origin.as_deref(),
            Some(h.app_origin().as_str()),
            "the state request should be cross-origin from the page: {r:?}"
        );
    }

    let address = h.current_url().await;
    assert!(
        !address.as_str().contains("test-key"),
        "the API key leaked into the address bar: {address}"
    );

    h.finish().await;
}

/// A rejected key shows an authentication error that explains itself without echoing the key.
#[tokio::test]
async fn wrong_key_shows_auth_error() {
    let h = Harness::start().await;
    h.open_run_with_key(jobs::COMPLETED, &[], "nope").await;

    let text = expect_error_banner(&h, "auth").await;
    assert!(
        !text.contains("nope"),
        "the error banner repeats the key: {text:?}"
    );
    let address = h.current_url().await;
    assert!(
        !address.as_str().contains("nope"),
        "the API key leaked into the address bar: {address}"
    );

    h.finish().await;
}

/// A response body cut off mid-JSON is reported as a bad response, not as a crash or a blank page.
#[tokio::test]
async fn truncated_body_is_bad_response() {
    let h = Harness::start().await;
    h.open_run(PROJECT, jobs::COMPLETED, &h.fault_base("truncated"), &[])
        .await;
    h.enter_key("test-key").await;

    expect_error_banner(&h, "bad-response").await;

    h.finish().await;
}

/// An HTML error page from a failing server or proxy is reported as a server error.
#[tokio::test]
async fn html_error_page_is_server_error() {
    let h = Harness::start().await;
    h.open_run(PROJECT, jobs::COMPLETED, &h.fault_base("html"), &[])
        .await;
    h.enter_key("test-key").await;

    expect_error_banner(&h, "server").await;

    h.finish().await;
}

/// Reloading the tab keeps the view: project and job stay in the address, the key entered in
/// this tab is still known, and the run's 30 trials come back without typing anything again.
#[tokio::test]
async fn reload_keeps_project_and_job() {
    let h = Harness::start().await;
    let job = completed_job();
    h.open_run_with_key(jobs::COMPLETED, &[], "test-key").await;
    h.wait_for_count("trial-card", 30).await;

    h.reload().await;

    assert_eq!(h.query_param("project").await.as_deref(), Some(PROJECT));
    assert_eq!(h.query_param("job").await.as_deref(), Some(job.as_str()));
    h.wait_for_count("trial-card", 30).await;
    // The key entered in this tab is still known: nothing asks for it again.
    assert!(
        h.all("connect-form")
            .await
            .expect("look up connect-form")
            .is_empty(),
        "the connection form is shown again after the reload"
    );
    let address = h.current_url().await;
    assert!(
        !address.as_str().contains("test-key"),
        "the API key leaked into the address bar: {address}"
    );

    h.finish().await;
}

/// Hosted under a sub-path, the page loads all its assets from that sub-path (relative URLs),
/// and comes to life.
#[tokio::test]
async fn sub_path_assets_load() {
    let h = Harness::start().await;
    h.open("").await;

    h.wait_until(
        "any [data-testid] element",
        e2e::DEFAULT_TIMEOUT,
        async || {
            let found = h
                .driver()
                .find_all(e2e::thirtyfour::By::Css("[data-testid]"))
                .await
                .map_err(|e| e.to_string())?;
            if found.is_empty() {
                Err("none".to_owned())
            } else {
                Ok(())
            }
        },
    )
    .await;

    let requests = h.site().requests();
    let assets: Vec<_> = requests
        .iter()
        .filter(|r| {
            let path = r.path.split('?').next().unwrap_or_default();
            [".js", ".wasm"].iter().any(|ext| path.ends_with(ext))
        })
        .collect();
    for ext in [".js", ".wasm"] {
        assert!(
            assets
                .iter()
                .any(|r| r.path.split('?').next().unwrap_or_default().ends_with(ext)),
            "no {ext} asset was requested; the static server saw: {requests:#?}"
        );
    }
    for r in &assets {
        assert!(
            r.path.starts_with(MOUNT),
            "asset requested outside {MOUNT}: {r:?}"
        );
        assert!(
            (200..400).contains(&r.status),
            "asset request failed: {r:?}"
        );
    }

    h.finish().await;
}
