//! Robust, safe, accessible (issue 8): a panic shows the `fatal-error` panel whose Reload keeps
//! the view; the page works from the keyboard alone (logical tab order, visible focus, Enter and
//! Space expand a card, Escape closes details and the comparison and gives focus back); and
//! screen readers hear a status once, not again on every poll that changed nothing.
//!
//! Needs a built app (`trunk build --release --offline`), Chromium and chromedriver; see the
//! crate README. Run with `cargo test -p e2e --test robust`.

use std::time::Duration;

use e2e::mock_api::jobs;
use e2e::thirtyfour::prelude::*;
use e2e::{query, Harness, DEFAULT_TIMEOUT};
use serde_json::Value;

/// The project id used throughout (the mock accepts any positive id).
const PROJECT: &str = "1";

/// The only key the mock API accepts.
const KEY: &str = "test-key";

/// What `trigger_panic_for_test` panics with (src/lib.rs): the only console error the panic
/// flow may leave.
const TEST_PANIC: &str = "trigger_panic_for_test was called (a test of the panic panel)";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The path of the mock's state endpoint for `job`.
fn state_path(job: u64) -> String {
    format!("/v1/api/{PROJECT}/optimize/{job}/state")
}

/// How many `GET`s of the state of `job` the mock API has answered.
fn polls(h: &Harness, job: u64) -> usize {
    h.gets(&state_path(job)).len()
}

/// Opens the run `job` of the mock API with `extra` query pairs and connects with the test key.
async fn connect(h: &Harness, job: u64, extra: &[(&str, &str)]) {
    h.open_run_with_key(job, extra, KEY).await;
}

/// Presses `key` once, sent to whatever has focus (as a user would).
async fn press(h: &Harness, key: Key) {
    h.driver()
        .action_chain()
        .send_keys(key)
        .perform()
        .await
        .unwrap_or_else(|e| panic!("cannot press a key: {e}"));
}

/// Presses Shift+Tab.
async fn press_shift_tab(h: &Harness) {
    h.driver()
        .action_chain()
        .key_down(Key::Shift)
        .send_keys(Key::Tab)
        .key_up(Key::Shift)
        .perform()
        .await
        .unwrap_or_else(|e| panic!("cannot press Shift+Tab: {e}"));
}

/// Describes the focused element: where it sits in the document, which part of the page it
/// belongs to, which card (if any), whether it is a card's expand button, and whether its
/// focus is visible (`:focus-visible` with a non-none outline or box shadow).
const DESCRIBE_FOCUS_JS: &str = r#"
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return { none: true };
const all = document.getElementsByTagName('*');
let index = -1;
for (let i = 0; i < all.length; i++) { if (all[i] === el) { index = i; break; } }
const card = el.closest('[data-testid="trial-card"]');
const zone = card ? 'card'
  : el.closest('.page-header') ? 'header'
  : el.closest('[data-testid="connect-form"]') ? 'connect'
  : el.closest('[role="toolbar"]') ? 'toolbar'
  : el.closest('.trials') ? 'list-controls'
  : el.closest('.analysis') ? 'analysis'
  : 'other';
const style = getComputedStyle(el);
const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
const shadow = style.boxShadow && style.boxShadow !== 'none';
return {
  none: false,
  index,
  zone,
  card: card ? card.getAttribute('data-trial-id') : null,
  expand: !!(card && el.matches('button.expand')),
  focusVisible: el.matches(':focus-visible'),
  ring: outline || shadow,
  label: `${el.tagName.toLowerCase()}${el.name ? '[name=' + el.name + ']' : ''} "${(el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`,
};
"#;

/// One look at the focused element (see [`DESCRIBE_FOCUS_JS`]).
async fn focus(h: &Harness) -> Value {
    h.js(DESCRIBE_FOCUS_JS).await
}

/// The `data-trial-id` of the card holding the focused element, if it is a card's expand button.
async fn focused_expand_button(h: &Harness) -> Option<String> {
    let f = focus(h).await;
    (f["expand"] == true).then(|| f["card"].as_str().unwrap_or_default().to_owned())
}

/// Waits until the focus is on the expand button of card `id`.
async fn wait_focus_on_expand(h: &Harness, id: &str, why: &str) {
    h.wait_until(
        &format!("focus on the Details button of card {id} ({why})"),
        DEFAULT_TIMEOUT,
        async || {
            let f = focus(h).await;
            if f["expand"] == true && f["card"] == id {
                Ok(())
            } else {
                Err(format!("focus is on {f}"))
            }
        },
    )
    .await;
}

/// Waits until the expanded trial is `id` (`trial` in the URL, details shown in its card), or
/// until nothing is expanded (`None`).
async fn wait_expanded(h: &Harness, id: Option<&str>) {
    let what = match id {
        Some(id) => format!("trial {id} to be expanded"),
        None => "no trial to be expanded".to_owned(),
    };
    h.wait_until(&what, DEFAULT_TIMEOUT, async || {
        let trial = h.query_param("trial").await;
        let open: Vec<String> = serde_json::from_value(
            h.js(
                "return Array.from(document.querySelectorAll('[data-testid=\"trial-card\"]'))
                   .filter(c => c.querySelector('.trial-details'))
                   .map(c => c.getAttribute('data-trial-id'));",
            )
            .await,
        )
        .map_err(|e| format!("cannot read the open cards: {e}"))?;
        let want: Vec<String> = id.iter().map(|s| (*s).to_owned()).collect();
        if trial.as_deref() == id && open == want {
            Ok(())
        } else {
            Err(format!("trial={trial:?}, details shown in {open:?}"))
        }
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// 1. The panic panel
// ---------------------------------------------------------------------------------------------

/// A Rust panic (provoked through `wasmBindings.trigger_panic_for_test`) shows the
/// `fatal-error` panel with an explanation and a Reload control; Reload brings the app back
/// with the same view (the query string), without the panel. Pins the panic hook in
/// `src/fatal.rs`.
#[tokio::test]
async fn panic_shows_the_fatal_panel_and_reload_keeps_the_view() {
    let h = Harness::start().await;
    // The panic is provoked on purpose: its console report is the one expected error.
    h.expect_console(TEST_PANIC);
    let view = query(&[("demo", "1"), ("sort", "latency"), ("dir", "asc")]);
    h.open(&view).await;
    h.wait_for("demo-badge").await;
    h.wait_for("run-header").await;
    assert!(
        h.all("fatal-error")
            .await
            .expect("look up fatal-error")
            .is_empty(),
        "the fatal-error panel is shown before anything went wrong"
    );

    let thrown = h
        .js(
            "try { window.wasmBindings.trigger_panic_for_test(); return null; } \
         catch (e) { return String(e); }",
        )
        .await;
    assert!(
        thrown.is_string(),
        "trigger_panic_for_test returned instead of failing (is the hook exported?)"
    );

    let panel = h.wait_for("fatal-error").await;
    let text = panel.text().await.expect("the text of fatal-error");
    let words = text.split_whitespace().count();
    assert!(
        words >= 8 && text.to_lowercase().contains("reload"),
        "the panel should explain what happened and offer a reload; it says: {text:?}"
    );
    assert_eq!(
        panel.attr("role").await.ok().flatten().as_deref(),
        Some("alert"),
        "the panel is announced (role=alert)"
    );
    let reload = panel
        .find(By::XPath(
            ".//*[(self::a or self::button) and contains(translate(normalize-space(.), 'RELOAD', 'reload'), 'reload')]",
        ))
        .await
        .unwrap_or_else(|e| panic!("no Reload link or button in the panel ({e}); it says {text:?}"));
    assert!(
        reload.is_displayed().await.unwrap_or(false),
        "the Reload control is hidden"
    );

    // Marks this document, so the wait below knows when a new one replaced it.
    h.js("window.__beforeReload = true; return null;").await;
    reload.click().await.expect("click Reload");
    h.wait_until("the page to reload", DEFAULT_TIMEOUT, async || {
        match h
            .driver()
            .execute("return window.__beforeReload === true;", Vec::new())
            .await
        {
            Ok(r) if r.json() == &Value::Bool(false) => Ok(()),
            Ok(_) => Err("still the old document".to_owned()),
            Err(e) => Err(e.to_string()),
        }
    })
    .await;
    h.wait_for("demo-badge").await;
    h.wait_for("run-header").await;
    let after = h.current_url().await;
    assert_eq!(
        after.query(),
        Some(view.as_str()),
        "Reload should keep the view in the address"
    );
    let sort = h
        .js("const s = document.querySelector('select[name=sort]'); return s ? s.value : null;")
        .await;
    assert!(
        sort.as_str().is_some_and(|s| s.contains("latency")),
        "the sort control should still say latency after the reload, it says {sort}"
    );
    assert!(
        h.all("fatal-error")
            .await
            .expect("look up fatal-error")
            .is_empty(),
        "the fatal-error panel is still shown after the reload"
    );
    h.finish().await;
}

// ---------------------------------------------------------------------------------------------
// 2. Keyboard only
// ---------------------------------------------------------------------------------------------

/// Tab stops pressed through at most (the completed run has 30 cards).
const MAX_TABS: usize = 400;

/// The page works from the keyboard alone: Tab walks the page in document order (toolbar, then
/// the list controls, then every card in display order) with a visible focus ring on every
/// stop; Enter and Space on a card's Details button expand it (`trial` in the URL, details
/// shown); Escape closes the details and puts the focus back on that button, also when the
/// focus was inside the details; Escape in the text filter leaves the details alone; Escape
/// closes the comparison first (`compare` leaves the URL), then the details. Pins
/// `src/state/keys.rs`.
#[tokio::test]
async fn keyboard_only_walk() {
    let h = Harness::start().await;
    connect(&h, jobs::COMPLETED, &[]).await;
    h.wait_for_count("trial-card", 30).await;
    h.wait_for("run-finished").await;
    let cards: Vec<String> = h
        .attr_of_all("trial-card", "data-trial-id")
        .await
        .into_iter()
        .flatten()
        .collect();

    // Start from the top of the page with nothing focused.
    h.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); return null;",
    )
    .await;

    // Walk forward until the last card's Details button.
    let mut stops: Vec<Value> = Vec::new();
    let last = cards.last().expect("cards").clone();
    for _ in 0..MAX_TABS {
        press(&h, Key::Tab).await;
        let f = focus(&h).await;
        assert!(
            f["none"] == false,
            "Tab #{} left the focus nowhere (on <body>); stops so far: {}",
            stops.len() + 1,
            labels(&stops)
        );
        let done = f["expand"] == true && f["card"] == last.as_str();
        stops.push(f);
        if done {
            break;
        }
    }
    let reached_last = stops
        .last()
        .is_some_and(|f| f["expand"] == true && f["card"] == last.as_str());
    assert!(
        reached_last,
        "{MAX_TABS} Tabs did not reach the last card's Details button; stops: {}",
        labels(&stops)
    );

    // Document order: every Tab moves forward in the page, never back (no positive tabindex,
    // no trap).
    for pair in stops.windows(2) {
        assert!(
            pair[1]["index"].as_i64() > pair[0]["index"].as_i64(),
            "Tab went backwards in the page: {} → {}",
            pair[0]["label"],
            pair[1]["label"]
        );
    }
    // Visible focus on every stop.
    let invisible: Vec<&Value> = stops
        .iter()
        .filter(|f| f["focusVisible"] != true || f["ring"] != true)
        .collect();
    assert!(
        invisible.is_empty(),
        "focus is not visible on: {}",
        invisible
            .iter()
            .map(|f| f["label"].to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    // Parts in reading order: toolbar, then list controls, then cards.
    let first = |zone: &str| stops.iter().position(|f| f["zone"] == zone);
    let (toolbar, controls, card) = (first("toolbar"), first("list-controls"), first("card"));
    assert!(
        toolbar.is_some() && controls.is_some() && card.is_some(),
        "Tab missed a part of the page (toolbar {toolbar:?}, list controls {controls:?}, cards {card:?}); stops: {}",
        labels(&stops)
    );
    assert!(
        toolbar < controls && controls < card,
        "Tab order is not toolbar → list controls → cards; stops: {}",
        labels(&stops)
    );
    assert!(
        stops[card.unwrap_or_default()..]
            .iter()
            .all(|f| f["zone"] == "card"),
        "once in the cards, Tab should stay in them until the last; stops: {}",
        labels(&stops)
    );
    // Every card's Details button, in the order the cards are shown.
    let expand_order: Vec<String> = stops
        .iter()
        .filter(|f| f["expand"] == true)
        .map(|f| f["card"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        expand_order, cards,
        "Tab should reach every card's Details button in display order"
    );

    // Enter expands the focused card; Escape closes it and the focus stays on its button.
    press(&h, Key::Enter).await;
    wait_expanded(&h, Some(&last)).await;
    wait_focus_on_expand(&h, &last, "after Enter").await;
    press(&h, Key::Escape).await;
    wait_expanded(&h, None).await;
    wait_focus_on_expand(&h, &last, "after Escape").await;

    // Shift+Tab back to the previous card's button; Space expands it.
    let mut previous = None;
    for _ in 0..20 {
        press_shift_tab(&h).await;
        if let Some(id) = focused_expand_button(&h).await {
            previous = Some(id);
            break;
        }
    }
    let previous = previous.expect("Shift+Tab reaches the previous card's Details button");
    assert_eq!(
        Some(&previous),
        cards.iter().rev().nth(1),
        "Shift+Tab from the last card should reach the card before it"
    );
    press(&h, Key::Space).await;
    wait_expanded(&h, Some(&previous)).await;

    // Tab into the details (the model parameters region is focusable), then Escape: the
    // details close under the focus, which must come back to the card's button.
    let mut inside = false;
    for _ in 0..10 {
        press(&h, Key::Tab).await;
        let is_inside = h
            .js("const el = document.activeElement; return !!(el && el.closest('.trial-details'));")
            .await;
        if is_inside == true {
            inside = true;
            break;
        }
    }
    assert!(inside, "Tab should reach something inside the open details");
    press(&h, Key::Escape).await;
    wait_expanded(&h, None).await;
    wait_focus_on_expand(&h, &previous, "after Escape from inside the details").await;

    // Escape typed in the text filter belongs to the field: the details stay open.
    press(&h, Key::Enter).await;
    wait_expanded(&h, Some(&previous)).await;
    let search = h
        .driver()
        .find(By::Css("input[name=q]"))
        .await
        .expect("the text filter");
    search.focus().await.expect("focus the text filter");
    // Filter by the open trial's id (its card stays listed), so that Escape has text to clear:
    // the field clearing itself (`q` leaving the URL) shows the key was handled, page-wide
    // handler included, before the details are checked.
    search
        .send_keys(previous.as_str())
        .await
        .expect("type into the text filter");
    h.wait_until("the filter in the URL", DEFAULT_TIMEOUT, async || {
        match h.query_param("q").await {
            Some(q) if q == previous => Ok(()),
            q => Err(format!("q={q:?}")),
        }
    })
    .await;
    press(&h, Key::Escape).await;
    h.wait_until(
        "Escape to clear the text filter",
        DEFAULT_TIMEOUT,
        async || match h.query_param("q").await {
            None => Ok(()),
            q => Err(format!("q={q:?}")),
        },
    )
    .await;
    assert_eq!(
        h.query_param("trial").await.as_deref(),
        Some(previous.as_str()),
        "Escape in the text filter closed the details"
    );

    // With a comparison and a trial open, Escape closes the comparison first, then the details.
    let mut url = h.current_url().await;
    let compare = format!("{},{}", cards[0], cards[1]);
    url.query_pairs_mut().append_pair("compare", &compare);
    h.driver()
        .goto(url.as_str())
        .await
        .expect("open the comparison");
    h.wait_for("compare-view").await;
    wait_expanded(&h, Some(&previous)).await;
    h.js("document.activeElement && document.activeElement.blur(); return null;")
        .await;
    press(&h, Key::Escape).await;
    h.wait_until("the comparison to close", DEFAULT_TIMEOUT, async || {
        let shown = h.all("compare-view").await?.len();
        let param = h.query_param("compare").await;
        if shown == 0 && param.is_none() {
            Ok(())
        } else {
            Err(format!("{shown} compare view(s), compare={param:?}"))
        }
    })
    .await;
    assert_eq!(
        h.query_param("trial").await.as_deref(),
        Some(previous.as_str()),
        "the first Escape should close only the comparison"
    );
    press(&h, Key::Escape).await;
    wait_expanded(&h, None).await;
    wait_focus_on_expand(
        &h,
        &previous,
        "after closing the comparison, then the details",
    )
    .await;
    h.finish().await;
}

/// The stops of a Tab walk, for failure messages.
fn labels(stops: &[Value]) -> String {
    stops
        .iter()
        .map(|f| format!("{}:{}", f["zone"].as_str().unwrap_or("?"), f["label"]))
        .collect::<Vec<_>>()
        .join(" → ")
}

// ---------------------------------------------------------------------------------------------
// 3. Announcements
// ---------------------------------------------------------------------------------------------

/// Records every change inside a live region (`aria-live` other than `off`, or role `status`,
/// `alert`, `log`): one entry per region per observer callback, with the region's text after
/// the change, into `window.__announced`. Only child and text changes are recorded, which is
/// what screen readers read out (attributes are not).
const RECORD_LIVE_REGIONS_JS: &str = r#"
if (window.__announced) return null;
window.__announced = [];
const names = new WeakMap();
let next = 0;
const liveOf = (node) => {
  let el = node && (node.nodeType === 1 ? node : node.parentElement);
  for (; el; el = el.parentElement) {
    const live = el.getAttribute('aria-live');
    if (live === 'off') return null;
    if (live || ['status', 'alert', 'log'].includes(el.getAttribute('role'))) return el;
  }
  return null;
};
const nameOf = (el) => {
  if (!names.has(el)) {
    const id = el.getAttribute('data-testid') || el.className || el.tagName.toLowerCase();
    names.set(el, `${id}#${next++}`);
  }
  return names.get(el);
};
new MutationObserver((records) => {
  const touched = new Set();
  for (const r of records) {
    const region = liveOf(r.target);
    if (region) touched.add(region);
    for (const n of r.addedNodes) {
      if (n.nodeType === 1 && !region) {
        const inner = liveOf(n) ? [n] : Array.from(n.querySelectorAll(
          '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]'));
        inner.forEach((el) => touched.add(el));
      }
    }
  }
  for (const el of touched) {
    window.__announced.push({
      at: Math.round(performance.now()),
      region: nameOf(el),
      text: el.isConnected ? el.textContent.replace(/\s+/g, ' ').trim() : '(removed)',
    });
  }
}).observe(document.body, { childList: true, characterData: true, subtree: true });
return null;
"#;

/// Everything recorded by [`RECORD_LIVE_REGIONS_JS`] so far.
async fn announced(h: &Harness) -> Vec<Value> {
    match h.js("return window.__announced || [];").await {
        Value::Array(a) => a,
        other => panic!("unexpected recording {other}"),
    }
}

/// Waits until the page has applied `n` more good answers, each seen as a new time in
/// `last-updated` (`data-epoch-ms`; answers come 2 s apart, the probe looks every 100 ms).
async fn wait_for_answers(h: &Harness, n: usize, timeout: Duration) {
    let mut last = h
        .attr("last-updated", "data-epoch-ms")
        .await
        .expect("last-updated has data-epoch-ms after a good answer");
    let mut applied = 0;
    h.wait_until(
        &format!("{n} more answer(s) applied"),
        timeout,
        async || {
            let now = h
                .try_attr("last-updated", "data-epoch-ms")
                .await?
                .ok_or("no data-epoch-ms on last-updated")?;
            if now != last {
                applied += 1;
                last = now;
            }
            if applied >= n {
                Ok(())
            } else {
                Err(format!("{applied} answer(s) applied"))
            }
        },
    )
    .await;
}

/// Polls (state requests of `job`) to sit through while nothing changes: 6 × 2 s outlasts
/// the app's 10 s clock tick, so a region re-rendered by the clock is caught too.
const QUIET_POLLS: usize = 6;

/// A live run polled every 2 s without any change says nothing new to screen readers: no
/// live region (trial count, status, banners) is touched by a poll that changed nothing.
/// Pins `trial-count` (aria-live) and the other regions against re-rendering per poll.
#[tokio::test]
async fn unchanged_polls_announce_nothing() {
    let h = Harness::start().await;
    connect(&h, jobs::RUNNING_MID, &[("interval", "2")]).await;
    h.wait_for("trial-count").await;
    // Let the first load settle (first paint, "just changed" marks) before listening: a second
    // answer applied has nothing left to mark.
    wait_for_answers(&h, 1, DEFAULT_TIMEOUT).await;
    h.js(RECORD_LIVE_REGIONS_JS).await;
    let start = polls(&h, jobs::RUNNING_MID);
    // Wait for the answers to be applied, not only requested.
    wait_for_answers(
        &h,
        QUIET_POLLS,
        Duration::from_secs(4 * QUIET_POLLS as u64 + 10),
    )
    .await;
    let said = announced(&h).await;
    assert!(
        said.is_empty(),
        "{} polls that changed nothing touched live regions (screen readers repeat these): {said:#?}",
        polls(&h, jobs::RUNNING_MID) - start
    );
    h.finish().await;
}

/// A run that finishes while watched is announced once ("Run finished …; no longer
/// refreshing." in the `run-finished` status region), and no live region is ever re-set to
/// the text it already had while the run played.
#[tokio::test]
async fn a_finished_run_is_announced_once() {
    let h = Harness::start().await;
    let api = h.api_base();
    h.open_run(PROJECT, jobs::TIMELINE, api.as_str(), &[("interval", "2")])
        .await;
    h.wait_for("connect-form").await;
    // Listen from before the first answer; the connection form does not leave the page.
    h.js(RECORD_LIVE_REGIONS_JS).await;
    h.fill_input("api-key", KEY).await;
    h.submit_connect().await;
    h.wait_for_within("run-finished", Duration::from_secs(60))
        .await;
    // Nothing may repeat after the end, when the app's clock (10 s) ticks: wait for a tick,
    // seen as `last-updated` changing its text ("just now" → "10 s ago").
    let before = h
        .wait_for("last-updated")
        .await
        .text()
        .await
        .expect("the text of last-updated");
    h.wait_until(
        "the page's clock to tick after the end",
        Duration::from_secs(25),
        async || {
            let now = h
                .displayed("last-updated")
                .await?
                .text()
                .await
                .map_err(|e| e.to_string())?;
            if now != before {
                Ok(())
            } else {
                Err(format!("last-updated still says {now:?}"))
            }
        },
    )
    .await;
    let said = announced(&h).await;

    let finished: Vec<&Value> = said
        .iter()
        .filter(|r| {
            r["text"]
                .as_str()
                .is_some_and(|t| t.contains("no longer refreshing"))
        })
        .collect();
    assert_eq!(
        finished.len(),
        1,
        "the end of the run should be announced exactly once; recorded: {said:#?}"
    );
    let mut last: std::collections::HashMap<&str, &str> = Default::default();
    for r in &said {
        let (region, text) = (
            r["region"].as_str().unwrap_or_default(),
            r["text"].as_str().unwrap_or_default(),
        );
        assert!(
            last.insert(region, text) != Some(text),
            "live region {region} was re-set to the same text {text:?}; recorded: {said:#?}"
        );
    }
    eprintln!(
        "announcements while the run played: {}",
        said.iter()
            .map(|r| format!("{}: {}", r["region"], r["text"]))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    h.finish().await;
}
