//! User Timing marks (`tunerscope:*`) around loading a state, so a benchmark (or DevTools'
//! Performance panel) can read how long parsing, applying and painting a snapshot took.
//!
//! | measure | from → to |
//! |---|---|
//! | `tunerscope:parse` | response text received → model built (live API only) |
//! | `tunerscope:apply` | model built → store, derived lists and DOM updated |
//! | `tunerscope:render` | model built → the next frame painted |
//! | `tunerscope:chunk` | a chunk of cards starts rendering → its DOM is built (scrolling) |
//!
//! One mark stays: `tunerscope:mounted`, when the app's first render is done (the state
//! request of a run whose key is known goes out before it).
//!
//! Marks are best-effort: a browser without User Timing simply gets none. Marks are cleared
//! once measured, so a page polling for days keeps only the measures (a few hundred bytes per
//! load; the soak test and the benchmark count loads by them).

use wasm_bindgen::prelude::*;

pub const RECEIVED: &str = "tunerscope:received";
pub const PARSED: &str = "tunerscope:parsed";
/// The app's first render is done (set once by `main`).
pub const MOUNTED: &str = "tunerscope:mounted";
const APPLIED: &str = "tunerscope:applied";
const PAINTED: &str = "tunerscope:painted";

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

fn measure(name: &str, start: &str, end: &str) {
    if let Some(p) = performance() {
        let _ = p.measure_with_start_mark_and_end_mark(name, start, end);
    }
}

fn clear(names: &[&str]) {
    if let Some(p) = performance() {
        for name in names {
            p.clear_marks_with_mark_name(name);
        }
    }
}

/// After the response text is turned into the model.
pub fn parsed() {
    mark(PARSED);
    measure("tunerscope:parse", RECEIVED, PARSED);
}

/// After a snapshot was applied to the store. Leptos flushes effects (the DOM) in a
/// microtask, so "applied" is taken in a microtask after that, and "painted" once the next
/// frame has been produced (a task queued from `requestAnimationFrame` runs after paint).
pub fn applied(start: &'static str) {
    wasm_bindgen_futures::spawn_local(async move {
        mark(APPLIED);
        measure("tunerscope:apply", start, APPLIED);
        let after_paint = Closure::once_into_js(move || {
            leptos::prelude::set_timeout(
                move || {
                    mark(PAINTED);
                    measure("tunerscope:render", start, PAINTED);
                    clear(&[RECEIVED, PARSED, APPLIED, PAINTED]);
                },
                std::time::Duration::ZERO,
            );
        });
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(after_paint.unchecked_ref());
        }
    });
}

/// `tunerscope:chunk`: one chunk of cards going from placeholder to built DOM. Called when the
/// chunk's cards are computed; the measure ends in a microtask, after the synchronous render
/// that follows (layout and paint are not included). `index` keeps the start marks of chunks
/// rendered in the same task apart.
pub fn chunk_started(index: usize) {
    let start = format!("tunerscope:chunk-{index}");
    mark(&start);
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(p) = performance() {
            let _ = p.measure_with_start_mark("tunerscope:chunk", &start);
            p.clear_marks_with_mark_name(&start);
        }
    });
}
