//! Hostile text and the Content-Security-Policy, in real Chromium: a run whose names, ids,
//! titles, labels and links are attacks (mock job 10, `tests/fixtures/hostile.json`) is shown
//! literally, executes nothing, injects no element, keeps the layout, and offers no
//! `javascript:` link; and the shipped CSP blocks an inline script injected at runtime.

use e2e::mock_api::jobs;
use e2e::thirtyfour::prelude::*;
use e2e::{Harness, DEFAULT_TIMEOUT};
use serde_json::Value;

/// The hostile run's fixture, as the mock API serves it.
fn fixture() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hostile.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

/// The strings of trial `id`'s block parameters (`impulse.*Blocks[].config`) that are markup, entities or
/// script if misread: these appear only in the expanded details, so the details are what shows
/// them.
fn markup_params(fixture: &Value, id: &str) -> Vec<String> {
    let trial = fixture["trials"]
        .as_array()
        .and_then(|ts| ts.iter().find(|t| t["id"] == id))
        .unwrap_or_else(|| panic!("trial {id:?} is not in the fixture"));
    let blocks = trial["impulse"]
        .as_object()
        .unwrap_or_else(|| panic!("trial {id:?} has no impulse"));
    blocks
        .values()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|b| b["config"].as_object())
        .flat_map(|c| c.values())
        .filter_map(Value::as_str)
        .filter(|v| v.contains(['<', '"', '&']) || v.contains("javascript:"))
        .map(str::to_owned)
        .collect()
}

/// The card of trial `id` (ids here hold quotes and markup, so no CSS selector names them).
async fn card(h: &Harness, id: &str) -> WebElement {
    h.wait_until(
        &format!("the card of trial {id:?}"),
        DEFAULT_TIMEOUT,
        async || {
            h.driver()
                .execute(
                    "return Array.from(document.querySelectorAll('[data-testid=\"trial-card\"]'))
                   .find(c => c.getAttribute('data-trial-id') === arguments[0]) || null;",
                    vec![Value::from(id)],
                )
                .await
                .and_then(|r| r.element())
                .map_err(|e| e.to_string())
        },
    )
    .await
}

/// The text of trial `id`'s open details, once they are open (and the URL says so).
async fn open_details_text(h: &Harness, id: &str) -> String {
    h.wait_until(
        &format!("the details of trial {id:?}"),
        DEFAULT_TIMEOUT,
        async || {
            let selected = h.query_param("trial").await;
            if selected.as_deref() != Some(id) {
                return Err(format!("trial={selected:?} in the URL"));
            }
            let details = card(h, id)
                .await
                .find(By::Css(".trial-details"))
                .await
                .map_err(|_| "no .trial-details in the card".to_owned())?;
            details.text().await.map_err(|e| e.to_string())
        },
    )
    .await
}

/// After each step: nothing executed, no element came from the data, no link other than
/// http(s), and the page is no wider than the window.
async fn assert_nothing_escaped(h: &Harness, step: &str) {
    assert_eq!(
        h.js("return window.__pwned === undefined").await,
        Value::Bool(true),
        "{step}: a payload executed"
    );
    let injected = h.js("return document.querySelectorAll('body script, body img, body iframe, body object, body embed, [onerror], [onmouseover]').length").await;
    assert_eq!(
        injected,
        Value::from(0),
        "{step}: markup from the data became elements"
    );
    let js_links = h.js("return Array.from(document.querySelectorAll('a[href]')).filter(a => !/^https?:/i.test(a.href)).map(a => a.getAttribute('href'))").await;
    assert_eq!(
        js_links,
        Value::Array(vec![]),
        "{step}: only http(s) links may be clickable"
    );
    let widths = h
        .js("return [document.documentElement.scrollWidth, window.innerWidth]")
        .await;
    let (scroll, inner) = (widths[0].as_i64().unwrap(), widths[1].as_i64().unwrap());
    assert!(
        scroll <= inner,
        "{step}: 10,000-character strings widened the page: {scroll} > {inner}"
    );
}

/// Nothing in the hostile run executes or becomes markup; strings appear literally; long
/// strings do not widen the page; look-alike ids stay distinguishable; only http(s) links.
/// Every card's details are opened in turn (one is open at a time), with its Details button as
/// a user would, and checked open, so that every string of the run has been on screen.
#[tokio::test]
async fn hostile_text_is_shown_literally_and_executes_nothing() {
    let fixture = fixture();
    let h = Harness::start().await;
    h.set_viewport(1024, 800).await;
    h.open_run("1", jobs::HOSTILE, &h.api_base(), &[]).await;
    h.fill_input("api-key", "test-key").await;
    h.submit_connect().await;
    h.wait_for_count("trial-card", 8).await;
    assert_nothing_escaped(&h, "the list").await;

    let ids: Vec<String> = h
        .attr_of_all("trial-card", "data-trial-id")
        .await
        .into_iter()
        .map(|id| id.expect("every card has data-trial-id"))
        .collect();
    let mut looked_for = 0;
    for id in &ids {
        let button = card(&h, id)
            .await
            .find(By::Css("button.expand"))
            .await
            .unwrap_or_else(|e| panic!("the card of trial {id:?} has no Details button: {e}"));
        button
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click Details of trial {id:?}: {e}"));
        let details = open_details_text(&h, id).await;
        for literal in markup_params(&fixture, id) {
            looked_for += 1;
            assert!(
                details.contains(&literal),
                "the details of trial {id:?} do not show {literal:?} literally"
            );
        }
        assert_nothing_escaped(&h, &format!("details of trial {id:?}")).await;
    }
    assert!(
        looked_for >= 3,
        "only {looked_for} markup parameters looked for in the details: is the fixture read?"
    );

    // And a comparison of the first two trials beside the last one's details.
    h.open_run(
        "1",
        jobs::HOSTILE,
        &h.api_base(),
        &[
            ("trial", ids[ids.len() - 1].as_str()),
            ("compare", &format!("{},{}", ids[0], ids[1])),
        ],
    )
    .await;
    h.wait_for_count("trial-card", 8).await;
    h.wait_for("compare-view").await;
    assert_nothing_escaped(&h, "the comparison").await;

    let text = h.page_text().await;
    for literal in [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=\"window.__pwned=1\">",
        "&lt;b&gt;entity&amp;",
    ] {
        assert!(text.contains(literal), "{literal:?} is not shown literally");
    }
    // The zero-width space in a look-alike worker id is made visible.
    let workers = h.attr_of_all("worker", "data-worker-id").await;
    assert!(workers.iter().flatten().any(|w| w.ends_with('\u{200b}')));
    assert!(
        text.contains("tuner-worker-1⟨U+200B⟩"),
        "look-alike ids must look different"
    );
    h.finish().await;
}

/// The script [`injected_inline_script_is_blocked_by_the_csp`] injects.
const INJECTED: &str = "window.__csp = 1";

/// The shipped CSP blocks inline script: one injected at runtime does not run, and the
/// browser's refusal of exactly that script (named by its hash) is the only fatal console
/// entry of the flow: [`Harness::finish`] still fails on any other, e.g. a refusal of the
/// app's own scripts.
#[tokio::test]
async fn injected_inline_script_is_blocked_by_the_csp() {
    let h = Harness::start().await;
    h.open("").await;
    h.wait_for("demo-badge").await;
    let before = h.console_errors().await;
    assert!(
        before.is_empty(),
        "fatal console entries before the injection: {before:?}"
    );
    // Chromium names a refused inline script by the hash a CSP would need to allow it.
    let hash = h
        .js(&format!(
            "return crypto.subtle.digest('SHA-256', new TextEncoder().encode({INJECTED:?}))
               .then(d => 'sha256-' + btoa(String.fromCharCode(...new Uint8Array(d))));"
        ))
        .await;
    let hash = hash.as_str().expect("a SHA-256 hash").to_owned();
    h.expect_console(&format!("'{hash}'"));
    h.js(&format!(
        "const s = document.createElement('script'); s.textContent = {INJECTED:?}; \
             document.body.appendChild(s); return true"
    ))
    .await;
    // An inline script runs while it is appended, so its effect, if any, is there now.
    assert_eq!(
        h.js("return window.__csp === undefined").await,
        Value::Bool(true),
        "the inline script ran: no CSP"
    );
    h.wait_until(
        "the browser to report refusing the injected script",
        DEFAULT_TIMEOUT,
        async || {
            let log = h.console_log().await;
            if log
                .iter()
                .any(|e| e.message.contains("Content Security Policy") && e.message.contains(&hash))
            {
                Ok(())
            } else {
                Err(format!(
                    "{} console entries, none a refusal of {hash}",
                    log.len()
                ))
            }
        },
    )
    .await;
    h.finish().await;
}
