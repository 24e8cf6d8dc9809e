//! Scale: the page with thousands of trials (the mock API's generated states,
//! `/gen/{trials}/{changed}/v1`). Pass/fail checks, not timings (those are `.ci/bench`).

use std::collections::BTreeSet;
use std::time::Duration;

use e2e::thirtyfour::prelude::*;
use e2e::Harness;
use serde_json::json;

const KEY: &str = "test-key";

/// Generous: 10,000 trials are ~49 MB of JSON, and CI machines are slow.
const LOAD_TIMEOUT: Duration = Duration::from_secs(90);

/// Pins `Date.now()` to the time the document started, so relative times never tick.
const FREEZE_CLOCK: &str = "(() => { const t = Date.now(); Date.now = () => t; })();";

/// Counts the distinct `trial-card`s that mutations touch (inside one, or one added/removed).
const START_MUTATIONS: &str = r#"
const cardOf = (node) => {
  const el = node && (node.nodeType === 1 ? node : node.parentElement);
  return el ? el.closest('[data-testid="trial-card"]') : null;
};
const state = { cards: new Set(), outside: 0 };
const add = (card) => { if (card) state.cards.add(card.getAttribute('data-trial-id')); };
const isCard = (n) => n.nodeType === 1 && n.matches('[data-testid="trial-card"]');
state.observer = new MutationObserver((list) => {
  for (const r of list) {
    const card = cardOf(r.target);
    if (card) add(card); else state.outside += 1;
    for (const n of r.addedNodes) if (isCard(n)) add(n);
    for (const n of r.removedNodes) if (isCard(n)) add(n);
  }
});
state.observer.observe(document.body,
  { subtree: true, childList: true, attributes: true, characterData: true });
window.__mutations = state;
"#;

/// Stops counting (after two frames) and returns the touched cards' ids.
const STOP_MUTATIONS: &str = r#"
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
  const s = window.__mutations;
  s.observer.disconnect();
  done(Array.from(s.cards));
}, 300)));
"#;

/// `[id, top, scrollY]`: the first `trial-card` whose bottom is inside the viewport, its top
/// relative to the viewport, and the window's scroll offset.
const FIRST_VISIBLE_CARD: &str = r#"
for (const card of document.querySelectorAll('[data-testid="trial-card"]')) {
  const r = card.getBoundingClientRect();
  if (r.bottom > 0) return [card.getAttribute('data-trial-id'), r.top, window.scrollY];
}
return [null, null, window.scrollY];
"#;

/// The number of `tunerscope:render` measures (one per applied snapshot).
const RENDER_COUNT: &str = "return performance.getEntriesByName('tunerscope:render').length;";

/// Opens generated states of `trials` trials (`changed` per poll) with `extra` view parameters,
/// enters the key, and waits for the whole list to be counted.
async fn open_generated(h: &Harness, trials: usize, changed: usize, extra: &[(&str, &str)]) {
    let api = format!("{}/gen/{trials}/{changed}/v1", h.api().base_url());
    let mut pairs = vec![("interval", "300")];
    pairs.extend_from_slice(extra);
    h.open_run("1", 1, &api, &pairs).await;
    h.enter_key(KEY).await;
    h.wait_for_attr_within(
        "trial-count",
        "data-total",
        &trials.to_string(),
        LOAD_TIMEOUT,
    )
    .await;
}

/// The ids of the `trial-card`s in the DOM, in document order.
async fn card_ids(h: &Harness) -> Vec<String> {
    h.attr_of_all("trial-card", "data-trial-id")
        .await
        .into_iter()
        .flatten()
        .collect()
}

/// Waits until the set of cards in the DOM stays the same for half a second (chunks near the
/// viewport render after an `IntersectionObserver` callback).
async fn settle(h: &Harness) {
    let mut last = card_ids(h).await;
    h.wait_until("the rendered cards to settle", LOAD_TIMEOUT, async || {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = card_ids(h).await;
        let same = now == last;
        last = now;
        if same {
            Ok(())
        } else {
            Err(format!("{} cards, still changing", last.len()))
        }
    })
    .await;
}

/// Pins: 10,000 trials render (header, truthful count, a first screen of cards), and the last
/// trial is reachable both by scrolling to the bottom and by the text filter.
#[tokio::test]
async fn ten_thousand_trials_render_and_the_last_one_is_reachable() {
    let h = Harness::start().await;
    open_generated(&h, 10_000, 0, &[("sort", "order")]).await;
    h.wait_for("run-header").await;
    assert_eq!(
        h.attr("trial-count", "data-shown").await.as_deref(),
        Some("10000")
    );
    // The list starts below the run's header and charts; bring its top into view (a long list
    // renders only the cards near the viewport).
    h.js_with(
        "document.querySelector('[data-testid=\"trial-count\"]').scrollIntoView();",
        Vec::new(),
    )
    .await;
    let first = h
        .wait_for_at_least_within("trial-card", 3, LOAD_TIMEOUT)
        .await;
    assert_eq!(
        first[0].attr("data-trial-id").await.unwrap().as_deref(),
        Some("gen-00000"),
        "sort=order starts with the first trial"
    );

    let last = r#"[data-testid="trial-card"][data-trial-id="gen-09999"]"#;
    h.wait_until(
        "the last trial's card after scrolling to the bottom",
        LOAD_TIMEOUT,
        async || {
            let found = h
                .js_with(
                    "window.scrollTo(0, document.documentElement.scrollHeight); \
             return [!!document.querySelector(arguments[0]), window.scrollY];",
                    vec![json!(last)],
                )
                .await;
            if found[0] == true {
                Ok(())
            } else {
                Err(format!("not yet, scrollY {}", found[1]))
            }
        },
    )
    .await;
    let card = h.driver().find(By::Css(last)).await.expect("the last card");
    card.scroll_into_view()
        .await
        .expect("scroll to the last card");
    assert!(
        card.is_displayed().await.unwrap(),
        "the last card is visible"
    );

    h.js_with("window.scrollTo(0, 0);", Vec::new()).await;
    let search = h
        .driver()
        .find(By::Css(r#"input[name="q"]"#))
        .await
        .expect("the list's text filter");
    search.send_keys("gen-09999").await.expect("type a filter");
    h.wait_for_attr_within("trial-count", "data-shown", "1", LOAD_TIMEOUT)
        .await;
    assert_eq!(
        h.attr("trial-count", "data-total").await.as_deref(),
        Some("10000")
    );
    h.wait_for_count("trial-card", 1).await;
    assert_eq!(card_ids(&h).await, ["gen-09999"]);
    assert_eq!(h.query_param("q").await.as_deref(), Some("gen-09999"));
    h.finish().await;
}

/// Pins: when 10 of 2,000 trials change, only those 10 cards are touched in the DOM; the window
/// keeps its scroll position and the expanded card stays expanded.
#[tokio::test]
async fn an_update_of_ten_in_two_thousand_touches_only_their_cards() {
    let h = Harness::start().await;
    e2e::cdp::on_new_document(h.driver(), FREEZE_CLOCK)
        .await
        .expect("freeze the page clock");
    // The first update changes the first 10 trials in creation order: the top of `sort=order`.
    open_generated(&h, 2_000, 10, &[("sort", "order"), ("trial", "gen-00005")]).await;
    let expanded = r#"[data-testid="trial-card"][data-trial-id="gen-00005"] button.expand"#;
    let is_expanded = async || {
        h.driver()
            .find(By::Css(expanded))
            .await
            .expect("the expanded card's button")
            .attr("aria-expanded")
            .await
            .unwrap()
    };
    assert_eq!(is_expanded().await.as_deref(), Some("true"));
    // Into the list: its top, then a bit further, so the first cards are on screen.
    h.js_with(
        "document.querySelector('[data-testid=\"trial-count\"]').scrollIntoView(); \
         window.scrollBy(0, 240);",
        Vec::new(),
    )
    .await;
    settle(&h).await;
    let before: Vec<String> = card_ids(&h).await;
    let expected: BTreeSet<String> = (0..10).map(|i| format!("gen-{i:05}")).collect();
    assert!(
        expected.iter().all(|id| before.contains(id)),
        "the changed trials have cards in the DOM: {before:?}"
    );
    let view_before = h.js_with(FIRST_VISIBLE_CARD, Vec::new()).await;
    assert_eq!(h.js_with(RENDER_COUNT, Vec::new()).await, 1);

    h.js_with(START_MUTATIONS, Vec::new()).await;
    // Clicked from script: WebDriver's click would first scroll the button into view.
    h.wait_for("refresh").await;
    h.js_with(
        "document.querySelector('[data-testid=\"refresh\"]').click();",
        Vec::new(),
    )
    .await;
    h.wait_until("the update to render", LOAD_TIMEOUT, async || {
        match h.js_with(RENDER_COUNT, Vec::new()).await.as_u64() {
            Some(2) => Ok(()),
            n => Err(format!("{n:?} renders")),
        }
    })
    .await;
    let touched: BTreeSet<String> = h
        .driver()
        .execute_async(STOP_MUTATIONS, Vec::new())
        .await
        .expect("collect mutations")
        .convert()
        .expect("a list of ids");
    assert_eq!(touched, expected, "cards touched by the update");
    // Kept as the user sees it: the card at the top of the viewport stays where it was
    // (`scrollY` itself may move when something above grows and scroll anchoring follows).
    let view_after = h
        .js_with(
            "const [id] = arguments; \
             const card = document.querySelector(`[data-testid=\"trial-card\"][data-trial-id=\"${id}\"]`); \
             return [id, card ? card.getBoundingClientRect().top : null, window.scrollY];",
            vec![view_before[0].clone()],
        )
        .await;
    let (top_before, top_after) = (view_before[1].as_f64(), view_after[1].as_f64());
    assert!(
        matches!((top_before, top_after), (Some(a), Some(b)) if (a - b).abs() <= 2.0),
        "the first visible card moved on screen: [id, top, scrollY] {view_before} before, \
         {view_after} after"
    );
    assert_eq!(is_expanded().await.as_deref(), Some("true"));
    assert_eq!(h.query_param("trial").await.as_deref(), Some("gen-00005"));
    h.finish().await;
}
