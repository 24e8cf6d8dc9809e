//! The observers behind the windowed trial list ([`crate::derive::card_window`]): one
//! `IntersectionObserver` says which chunks are near the viewport, one `ResizeObserver`
//! measures rendered chunks so their empty stand-ins keep the same height. Both are created
//! once per list and disconnected when it goes away.
//!
//! The observer's root is the viewport (also inside an iframe: the browser clips by the
//! embedding page), with a margin so cards render a little before they scroll into view.

use crate::derive::card_window::{initial_chunks, ChunkHeights};
use leptos::prelude::*;
use std::collections::HashSet;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, ResizeObserver};

/// How far outside the viewport (px) a chunk counts as near.
const NEAR_MARGIN: &str = "800px 0px";

/// Chunk index of an observed chunk element (`data-chunk`).
fn chunk_index(el: &Element) -> Option<usize> {
    el.get_attribute("data-chunk")?.parse().ok()
}

type Callback = Closure<dyn FnMut(js_sys::Array)>;

struct Observers {
    near: Option<IntersectionObserver>,
    size: Option<ResizeObserver>,
    _callbacks: (Callback, Callback),
}

/// Which chunks are near the viewport, and how tall rendered chunks were.
#[derive(Clone, Copy)]
pub struct CardWindow {
    near: RwSignal<HashSet<usize>>,
    heights: StoredValue<ChunkHeights>,
    /// Bumped when the estimate for never-rendered chunks moved, so their boxes resize.
    estimate: RwSignal<u64>,
    observers: StoredValue<Option<Observers>, LocalStorage>,
    /// Whether the browser gave us an `IntersectionObserver`; without one every chunk counts
    /// as near (slower, but nothing is ever out of reach).
    observing: bool,
}

impl CardWindow {
    /// Creates the observers; they are disconnected when the current owner is cleaned up.
    pub fn start() -> Self {
        let observing = js_sys::Reflect::has(&js_sys::global(), &"IntersectionObserver".into())
            .unwrap_or(false);
        let window = CardWindow {
            near: RwSignal::new(initial_chunks().collect()),
            heights: StoredValue::new(ChunkHeights::default()),
            estimate: RwSignal::new(0),
            observers: StoredValue::new_local(None),
            observing,
        };
        let on_near: Callback = Closure::new(move |entries: js_sys::Array| {
            let (mut entered, mut left) = (Vec::new(), Vec::new());
            for entry in entries.iter() {
                let entry: IntersectionObserverEntry = entry.unchecked_into();
                let target = entry.target();
                let Some(index) = chunk_index(&target) else {
                    continue;
                };
                if entry.is_intersecting() {
                    entered.push(index);
                } else {
                    // Measure before the cards go, so the stand-in is exactly as tall.
                    window.record(index, &target, entry.bounding_client_rect().height());
                    left.push(index);
                }
            }
            window.near.try_update(|near| {
                for i in left {
                    near.remove(&i);
                }
                near.extend(entered);
            });
        });
        let on_size: Callback = Closure::new(move |entries: js_sys::Array| {
            for entry in entries.iter() {
                let entry: web_sys::ResizeObserverEntry = entry.unchecked_into();
                let target = entry.target();
                if let Some(index) = chunk_index(&target) {
                    window.record(index, &target, entry.content_rect().height());
                }
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(NEAR_MARGIN);
        let near =
            IntersectionObserver::new_with_options(on_near.as_ref().unchecked_ref(), &options).ok();
        let size = ResizeObserver::new(on_size.as_ref().unchecked_ref()).ok();
        window.observers.set_value(Some(Observers {
            near,
            size,
            _callbacks: (on_near, on_size),
        }));
        on_cleanup(move || {
            if let Some(o) = window.observers.try_update_value(Option::take).flatten() {
                if let Some(near) = o.near {
                    near.disconnect();
                }
                if let Some(size) = o.size {
                    size.disconnect();
                }
            }
        });
        window
    }

    /// Records the height of a chunk element if its cards are rendered.
    fn record(&self, index: usize, el: &Element, px: f64) {
        let cards = el.child_element_count() as usize;
        if cards == 0 {
            return;
        }
        if self
            .heights
            .try_update_value(|h| h.record(index, cards, px))
            .unwrap_or(false)
        {
            self.estimate.try_update(|v| *v += 1);
        }
    }

    /// Whether chunk `index` is near the viewport (tracked).
    pub fn is_near(&self, index: usize) -> bool {
        !self.observing || self.near.with(|near| near.contains(&index))
    }

    /// Height (px) for the stand-in of chunk `index` holding `len` cards (tracks the estimate).
    pub fn placeholder(&self, index: usize, len: usize) -> f64 {
        self.estimate.track();
        self.heights.with_value(|h| h.placeholder(index, len))
    }

    /// Starts watching a chunk element.
    pub fn observe(&self, el: &Element) {
        self.observers.with_value(|o| {
            if let Some(o) = o {
                if let Some(near) = &o.near {
                    near.observe(el);
                }
                if let Some(size) = &o.size {
                    size.observe(el);
                }
            }
        });
    }

    /// Stops watching a chunk element (it left the list).
    pub fn unobserve(&self, el: &Element) {
        self.observers.try_with_value(|o| {
            if let Some(o) = o {
                if let Some(near) = &o.near {
                    near.unobserve(el);
                }
                if let Some(size) = &o.size {
                    size.unobserve(el);
                }
            }
        });
    }
}
