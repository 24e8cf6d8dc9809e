//! Hostile text and the Content-Security-Policy, in real Chromium: a run whose names, ids,
//! titles, labels and links are attacks (mock job 10, `tests/fixtures/hostile.json`) is shown
//! literally, executes nothing, injects no element, keeps the layout, and offers no
//! `javascript:` link; and the shipped CSP blocks an inline script injected at runtime.

use e2e::mock_api::jobs;
use e2e::{query, Harness};
use serde_json::Value;

async fn js(h: &Harness, script: &str) -> Value {
    h.driver()
        .execute(script, Vec::new())
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
        .json()
        .clone()
}

/// Nothing in the hostile run executes or becomes markup; strings appear literally; long
/// strings do not widen the page; look-alike ids stay distinguishable; only http(s) links.
#[tokio::test]
async fn hostile_text_is_shown_literally_and_executes_nothing() {
    let h = Harness::start().await;
    h.set_viewport(1024, 800).await;
    let job = jobs::HOSTILE.to_string();
    h.open(&query(&[
        ("project", "1"),
        ("job", &job),
        ("api", &h.api_base()),
    ]))
    .await;
    h.fill_input("api-key", "test-key").await;
    h.submit_connect().await;
    h.wait_for_count("trial-card", 8).await;
    // Open every card's details and one compare, so that every string is on screen somewhere.
    let ids = h.attr_of_all("trial-card", "data-trial-id").await;
    h.open(&query(&[
        ("project", "1"),
        ("job", &job),
        ("api", &h.api_base()),
        ("trial", ids[0].as_deref().unwrap()),
        (
            "compare",
            &format!(
                "{},{}",
                ids[0].as_deref().unwrap(),
                ids[1].as_deref().unwrap()
            ),
        ),
    ]))
    .await;
    h.wait_for_count("trial-card", 8).await;
    h.wait_for("compare-view").await;

    assert_eq!(
        js(&h, "return window.__pwned === undefined").await,
        Value::Bool(true),
        "a payload executed"
    );
    let injected = js(&h, "return document.querySelectorAll('body script, body img, body iframe, body object, body embed, [onerror], [onmouseover]').length").await;
    assert_eq!(
        injected,
        Value::from(0),
        "markup from the data became elements"
    );
    let text = h.page_text().await;
    for literal in [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=\"window.__pwned=1\">",
        "&lt;b&gt;entity&amp;",
    ] {
        assert!(text.contains(literal), "{literal:?} is not shown literally");
    }
    let js_links = js(&h, "return Array.from(document.querySelectorAll('a[href]')).filter(a => !/^https?:/i.test(a.href)).map(a => a.getAttribute('href'))").await;
    assert_eq!(
        js_links,
        Value::Array(vec![]),
        "only http(s) links may be clickable"
    );
    let widths = js(
        &h,
        "return [document.documentElement.scrollWidth, window.innerWidth]",
    )
    .await;
    let (scroll, inner) = (widths[0].as_i64().unwrap(), widths[1].as_i64().unwrap());
    assert!(
        scroll <= inner,
        "10,000-character strings widened the page: {scroll} > {inner}"
    );
    // The zero-width space in a look-alike worker id is made visible.
    let workers = h.attr_of_all("worker", "data-worker-id").await;
    assert!(workers.iter().flatten().any(|w| w.ends_with('\u{200b}')));
    assert!(
        text.contains("tuner-worker-1⟨U+200B⟩"),
        "look-alike ids must look different"
    );
    h.finish().await;
}

/// The shipped CSP blocks inline script: one injected at runtime does not run (and the refusal
/// is the only console error, which this test expects instead of failing on it).
#[tokio::test]
async fn injected_inline_script_is_blocked_by_the_csp() {
    let h = Harness::start().await;
    h.open("").await;
    h.wait_for("demo-badge").await;
    js(&h, "const s = document.createElement('script'); s.textContent = 'window.__csp = 1'; document.body.appendChild(s); return true").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        js(&h, "return window.__csp === undefined").await,
        Value::Bool(true),
        "the inline script ran: no CSP"
    );
    let refused = h
        .console_log()
        .await
        .iter()
        .any(|e| e.message.contains("Content Security Policy"));
    assert!(refused, "the browser did not report a CSP refusal");
}
