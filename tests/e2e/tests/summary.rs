//! Issue 16, item 0, in real Chromium against the mock API: the run summary (`run-summary`)
//! is the first thing under the run header, above the trade-off chart and the first trial
//! card, on a phone (390 px) and a desktop (1280 px); its "Open its card" link expands the
//! best fitting trial's card, puts `trial=` in the address and brings the card on screen.
//!
//! Needs a built app (`trunk build --release --offline`), Chromium and chromedriver. Run with
//! `cargo test -p e2e --test summary -- --test-threads=1`. Waits poll with timeouts.

use e2e::mock_api::jobs;
use e2e::thirtyfour::prelude::*;
use e2e::{Harness, DEFAULT_TIMEOUT};

/// The only key the mock API accepts.
const KEY: &str = "test-key";
/// The best fitting trial of completed.json (int8, validation, the run's budget).
const BEST: &str = "c96cd62b4faf";

/// Lays the page out `width` CSS pixels wide. Through DevTools, because a headless window
/// cannot be made narrower than about 500 px (`set_viewport` stops there).
async fn emulate_width(h: &Harness, width: u32, height: u32) {
    h.cdp(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
    )
    .await;
}

/// Pins the place of the summary at both widths: its top is above the chart's and the first
/// card's, and it names the best fitting trial.
#[tokio::test]
async fn summary_is_above_the_charts_and_the_list() {
    let h = Harness::start().await;
    emulate_width(&h, 390, 900).await;
    h.open_run_with_key(jobs::COMPLETED, &[], KEY).await;
    h.wait_for_attr("run-summary-best", "data-trial-id", BEST)
        .await;
    h.wait_for("pareto-chart").await;
    h.wait_for("trial-card").await;
    // The same page laid out at each width (the layout follows the resize at once).
    for width in [390, 1280] {
        emulate_width(&h, width, 900).await;
        let inner = h.js("return window.innerWidth;").await.as_u64();
        assert_eq!(
            inner,
            Some(u64::from(width)),
            "the viewport is {width} px wide"
        );
        let summary = h.top_of("[data-testid=run-summary]").await;
        let chart = h.top_of("[data-testid=pareto-chart]").await;
        let card = h.top_of("[data-testid=trial-card]").await;
        let header = h.top_of("[data-testid=run-header]").await;
        assert!(
            header < summary && summary < chart && summary < card,
            "at {width} px: header {header}, summary {summary}, chart {chart}, card {card}"
        );
        // The answer is on the first screen, not several screens down.
        assert!(
            summary < 900.0,
            "at {width} px the summary starts at {summary}"
        );
    }
    h.finish().await;
}

/// Pins the link: a click expands that card (its Details button says so), writes
/// `trial=c96cd62b4faf` into the address and scrolls the card into the viewport.
#[tokio::test]
async fn summary_link_opens_the_best_trial_card() {
    let h = Harness::start().await;
    emulate_width(&h, 390, 700).await;
    h.open_run_with_key(jobs::COMPLETED, &[], KEY).await;
    let best = h
        .wait_for_attr("run-summary-best", "data-trial-id", BEST)
        .await;
    best.find(By::Css("a.open-card"))
        .await
        .expect("the summary links to the card")
        .click()
        .await
        .expect("the link can be clicked");
    let card = format!("[data-testid=trial-card][data-trial-id='{BEST}']");
    let expanded = format!("{card} button.expand[aria-expanded=true]");
    let visible = format!(
        "const r = document.querySelector({}).getBoundingClientRect(); \
         return r.top < window.innerHeight && r.bottom > 0;",
        serde_json::Value::from(card.as_str())
    );
    h.wait_until("the card to open on screen", DEFAULT_TIMEOUT, async || {
        h.driver()
            .find(By::Css(&expanded))
            .await
            .map_err(|e| e.to_string())?;
        let on_screen = h
            .driver()
            .execute(&visible, Vec::new())
            .await
            .map_err(|e| e.to_string())?
            .json()
            .as_bool();
        match on_screen {
            Some(true) => Ok(()),
            other => Err(format!("card on screen: {other:?}")),
        }
    })
    .await;
    assert_eq!(h.query_param("trial").await.as_deref(), Some(BEST));
    h.finish().await;
}
