//! Entry point: mount the app (wasm32 only; natively there is nothing to run).

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        tunerscope::start();
        // The first render is done (mounting is synchronous): a test and the benchmark compare
        // the state request's start with this (it goes out before, see `state::polling`).
        tunerscope::state::perf::mark(tunerscope::state::perf::MOUNTED);
        // The run's own request has gone out by now; an early one nothing took is cancelled.
        tunerscope::api::prefetch::discard();
        remove_startup_text();
    }
}

/// Removes `index.html`'s "Loading Tunerscope…" and its could-not-start explanation (`#boot`),
/// now that the app is on the page. Only after mounting, so the page is never blank in between;
/// mounting is synchronous, so the browser never paints both.
#[cfg(target_arch = "wasm32")]
fn remove_startup_text() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}
