//! The scripts the benchmark runs in the page.

/// Installed before the page's own scripts on every load: records every long task.
pub const LONG_TASKS_ON_LOAD: &str = r#"
window.__bench = { longTasks: [] };
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
} catch (e) {}
"#;

/// Installed before the page's own scripts on every load, the same for Tunerscope and the
/// reference page: finds the first animation frame with the count and a first `trial-card` in
/// the DOM (checked once per frame; that frame paints them) and records its callback's time
/// (`window.__benchFirstCardsFrame`) and, in a task queued from it, the mark `bench:first-cards`
/// (`detail`: the number of cards in the DOM at that frame). The mark alone would count any
/// task the page queued before it (Tunerscope builds the cards below the first chunk in the
/// task after the first paint), so [`READ_FIRST_CARDS`] ends the time at that frame's paint
/// when it can tell (Long Animation Frame entries).
pub const FIRST_CARDS_ON_LOAD: &str = r#"
(() => {
  const watch = () => {
    const count = document.querySelector('[data-testid="trial-count"][data-total]');
    const cards = count ? document.querySelectorAll('[data-testid="trial-card"]').length : 0;
    if (cards > 0) {
      window.__benchFirstCardsFrame = performance.now();
      setTimeout(() => performance.mark('bench:first-cards', { detail: cards }), 0);
    } else {
      requestAnimationFrame(watch);
    }
  };
  requestAnimationFrame(watch);
  // Long animation frames (over 50 ms): when the first cards' frame ended, and where the
  // frames before it spent their time.
  window.__benchFrames = [];
  try {
    new PerformanceObserver((list) => window.__benchFrames.push(...list.getEntries()))
      .observe({ type: 'long-animation-frame', buffered: true });
  } catch (e) { /* no LoAF in this browser: the mark's time is used as it is */ }
})();
"#;

/// Waits (at most `arguments[0]` ms) for the `bench:first-cards` mark and returns
/// `{firstCards, cards, responseEnd, own, started, frames}`: when the first cards were painted,
/// from navigation start, and the card count; the Resource Timing `responseEnd` of the page's
/// first state request; the reference page's own `reference:first-cards` measure (`null` for
/// Tunerscope); when Tunerscope's first render ended (`tunerscope:mounted`; `null` for the
/// reference); and a breakdown of the long frames up to then.
///
/// When the first cards were painted: the end of the long frame (over 50 ms) whose callbacks
/// found them, if it was one; else the start of the next long frame, if that came before the
/// mark (the cards' frame had ended by then); else the mark.
pub const READ_FIRST_CARDS: &str = r#"
const [timeoutMs, done] = [arguments[0], arguments[arguments.length - 1]];
const start = performance.now();
const check = () => {
  const mark = performance.getEntriesByName('bench:first-cards', 'mark')[0];
  if (!mark) {
    if (performance.now() - start > timeoutMs) done({ error: 'no bench:first-cards mark' });
    else setTimeout(check, 20);
    return;
  }
  const state = performance.getEntriesByType('resource')
    .find((e) => /\/optimize\/\d+\/state(\?|$)/.test(e.name));
  const own = performance.getEntriesByName('reference:first-cards', 'measure')[0];
  const mounted = performance.getEntriesByName('tunerscope:mounted', 'mark')[0];
  const all = window.__benchFrames || [];
  const at = window.__benchFirstCardsFrame;
  let painted = mark.startTime;
  if (typeof at === 'number') {
    const within = all.find((f) => f.startTime <= at && at <= f.startTime + f.duration);
    const next = all.find((f) => f.startTime > at);
    if (within) painted = within.startTime + within.duration;
    else if (next && next.startTime < painted) painted = next.startTime;
  }
  // Long frames up to the first cards: script, forced style and layout inside scripts, and the
  // frames' own style, layout and paint (from styleAndLayoutStart to their end).
  const frames = all.filter((f) => f.startTime < painted);
  const sum = (f) => frames.reduce((a, x) => a + f(x), 0);
  done({
    frames: {
      count: frames.length,
      script: sum((f) => f.scripts.reduce((a, s) => a + s.duration, 0)),
      forcedLayout: sum((f) => f.scripts.reduce((a, s) => a + s.forcedStyleAndLayoutDuration, 0)),
      styleLayoutPaint: sum((f) => f.styleAndLayoutStart ? f.startTime + f.duration - f.styleAndLayoutStart : 0),
      total: sum((f) => f.duration),
    },
    firstCards: painted,
    marked: mark.startTime,
    cards: mark.detail,
    responseEnd: state ? state.responseEnd : null,
    own: own ? own.duration : null,
    started: mounted ? mounted.startTime : null,
  });
};
check();
"#;

/// `{parse, apply, render, longTasks}`: the `tunerscope:*` measures as `[start, duration]` pairs
/// in load order, and the long tasks recorded so far.
pub const READ_TIMINGS: &str = r#"
const pick = (name) => performance.getEntriesByName(name).map((e) => [e.startTime, e.duration]);
return {
  parse: pick('tunerscope:parse'),
  apply: pick('tunerscope:apply'),
  render: pick('tunerscope:render'),
  longTasks: (window.__bench && window.__bench.longTasks) || [],
};
"#;

/// Forgets the `tunerscope:chunk` measures taken so far (before the scrolls).
pub const CLEAR_CHUNKS: &str = "performance.clearMeasures('tunerscope:chunk'); return true;";

/// Durations of the `tunerscope:chunk` measures (ms).
pub const CHUNK_TIMES: &str =
    "return performance.getEntriesByName('tunerscope:chunk').map((e) => e.duration);";

/// The number of `tunerscope:render` measures so far.
pub const RENDER_COUNT: &str = "return performance.getEntriesByName('tunerscope:render').length;";

/// Forces two garbage collections, waits a frame, and returns `{heap, wasm}` in bytes.
pub const MEMORY_AFTER_GC: &str = r#"
const done = arguments[arguments.length - 1];
if (window.gc) { window.gc(); window.gc(); }
requestAnimationFrame(() => setTimeout(() => {
  if (window.gc) window.gc();
  done({
    heap: performance.memory ? performance.memory.usedJSHeapSize : null,
    wasm: window.wasmBindings && window.wasmBindings.wasm_memory_bytes
      ? window.wasmBindings.wasm_memory_bytes() : null,
  });
}, 50));
"#;

/// Starts counting DOM mutations under `<body>`: records, and the distinct `trial-card`s that
/// were touched (a mutation inside one, or one added or removed).
pub const START_MUTATIONS: &str = r#"
const cardOf = (node) => {
  const el = node && (node.nodeType === 1 ? node : node.parentElement);
  return el ? el.closest('[data-testid="trial-card"]') : null;
};
const state = { records: 0, cards: new Set(), cardsAdded: 0, cardsRemoved: 0 };
const add = (card) => { if (card) state.cards.add(card.getAttribute('data-trial-id')); };
const isCard = (n) => n.nodeType === 1 && n.matches('[data-testid="trial-card"]');
state.observer = new MutationObserver((list) => {
  for (const r of list) {
    state.records += 1;
    add(cardOf(r.target));
    for (const n of r.addedNodes) if (isCard(n)) { state.cardsAdded += 1; add(n); }
    for (const n of r.removedNodes) if (isCard(n)) { state.cardsRemoved += 1; add(n); }
  }
});
state.observer.observe(document.body,
  { subtree: true, childList: true, attributes: true, characterData: true });
window.__mutations = state;
"#;

/// The ids of the `trial-card`s in the DOM, in document order.
pub const CARD_IDS: &str =
    "return Array.from(document.querySelectorAll('[data-testid=\"trial-card\"]'), \
     (el) => el.getAttribute('data-trial-id'));";

/// How many of the trials `gen-00000` … `gen-{arguments[0] - 1}` have a card in the DOM.
pub const CARDS_IN_DOM: &str = r#"
const n = arguments[0];
let found = 0;
for (const card of document.querySelectorAll('[data-testid="trial-card"]')) {
  const m = /^gen-(\d+)$/.exec(card.getAttribute('data-trial-id') || '');
  if (m && Number(m[1]) < n) found += 1;
}
return found;
"#;

/// Stops counting mutations (after two frames) and returns
/// `{records, cards: [ids], cardsAdded, cardsRemoved}`.
pub const STOP_MUTATIONS: &str = r#"
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => {
  const s = window.__mutations;
  for (const r of s.observer.takeRecords()) s.records += 1;
  s.observer.disconnect();
  done({ records: s.records, cards: Array.from(s.cards), cardsAdded: s.cardsAdded,
         cardsRemoved: s.cardsRemoved });
}));
"#;

/// Clicks the refresh button and resolves once a new `tunerscope:render` measure exists
/// (`{ok, renders}`), or after `arguments[0]` ms (`ok: false`).
pub const REFRESH_AND_WAIT: &str = r#"
const [timeoutMs, done] = [arguments[0], arguments[arguments.length - 1]];
const count = () => performance.getEntriesByName('tunerscope:render').length;
const before = count();
const button = document.querySelector('[data-testid="refresh"]');
if (!button) { done({ ok: false, renders: before, error: 'no refresh button' }); return; }
button.click();
const start = performance.now();
const check = () => {
  const now = count();
  if (now > before) done({ ok: true, renders: now });
  else if (performance.now() - start > timeoutMs) done({ ok: false, renders: now });
  else setTimeout(check, 10);
};
check();
"#;

/// Fetches `arguments[0]` with the API key `arguments[1]` and times `JSON.parse` of the text
/// `arguments[2]` times: `{bytes, times: [ms]}`.
pub const JSON_PARSE: &str = r#"
const [url, key, reps, done] = arguments;
fetch(url, { headers: { 'x-api-key': key }, cache: 'no-store' })
  .then((r) => r.text())
  .then((text) => {
    const times = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      const v = JSON.parse(text);
      times.push(performance.now() - t0);
      if (!v.trials) throw new Error('no trials');
    }
    done({ bytes: text.length, times });
  })
  .catch((e) => done({ error: String(e) }));
"#;

/// Scrolls the window from the top to the bottom by `arguments[0]` px per animation frame
/// (at most `arguments[1]` frames), and returns `{frames, over50, longest, longTask, height}`:
/// frame times from `requestAnimationFrame` deltas and the longest long task meanwhile.
pub const SCROLL: &str = r#"
const [step, maxFrames, done] = arguments;
window.scrollTo(0, 0);
const longTasks = [];
let observer = null;
try {
  observer = new PerformanceObserver((l) => { for (const e of l.getEntries()) longTasks.push(e.duration); });
  observer.observe({ type: 'longtask' });
} catch (e) {}
const deltas = [];
let frames = 0;
let last = 0;
const finish = () => setTimeout(() => {
  if (observer) { for (const e of observer.takeRecords()) longTasks.push(e.duration); observer.disconnect(); }
  done({
    frames: deltas.length,
    over50: deltas.filter((d) => d > 50).length,
    longest: deltas.length ? Math.max(...deltas) : 0,
    longTask: longTasks.length ? Math.max(...longTasks) : 0,
    height: document.documentElement.scrollHeight,
    atBottom: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
  });
}, 200);
const tick = (now) => {
  deltas.push(now - last);
  last = now;
  const bottom = document.documentElement.scrollHeight - window.innerHeight;
  if (window.scrollY >= bottom - 1 || frames >= maxFrames) { finish(); return; }
  window.scrollBy(0, step);
  frames += 1;
  requestAnimationFrame(tick);
};
requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
"#;
