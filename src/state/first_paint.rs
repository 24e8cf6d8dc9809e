//! "After the first paint": the page shows its answer (the run's header, summary, counts and
//! first cards) in the first frame after a state arrives, and builds the rest (configuration,
//! workers, charts) in a task after that frame is on screen. Building everything at once kept
//! the answer off the screen for the time it took to build the charts too (issue 15).
//!
//! One rule for every size of run and every part that waits: [`after_next_paint`] for a
//! callback, [`painted_after_build`] for a part of a view.

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::prelude::*;

/// Runs `f` once, in a task after the next frame has been painted: a task queued from a
/// `requestAnimationFrame` callback runs after that frame's paint (the rule `perf.rs` also
/// measures by). A hidden tab paints no frames, so there `f` runs in the next task: the rest
/// of the page must be there when the tab is shown.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let window = web_sys::window();
    let hidden = window
        .as_ref()
        .and_then(|w| w.document())
        .is_none_or(|d| d.hidden());
    let f = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let run = {
        let f = f.clone();
        move || {
            if let Some(f) = f.take() {
                f();
            }
        }
    };
    if !hidden {
        let run = run.clone();
        let on_frame = Closure::once_into_js(move || set_timeout(run, Duration::ZERO));
        if window.is_some_and(|w| w.request_animation_frame(on_frame.unchecked_ref()).is_ok()) {
            return;
        }
    }
    set_timeout(run, Duration::ZERO);
}

/// `false` while the current view is being built and painted, `true` from the task after
/// its first frame is on screen (and from then on). Parts that are not the answer render
/// behind it: `{move || later.get().then(|| view! { … })}`. Owned by the current reactive
/// owner: created inside a view that is rebuilt (a new run), it waits again for that view.
pub fn painted_after_build() -> Signal<bool> {
    let painted = RwSignal::new(false);
    after_next_paint(move || {
        // The view may be gone by then (the run was closed): nothing to do.
        painted.try_set(true);
    });
    painted.into()
}
