//! Tunerscope: a live view of an Edge Impulse EON Tuner run.
//!
//! `model`, `derive` and `view_state` are plain Rust (natively tested); everything that
//! touches Leptos or the browser is compiled only for wasm32. `vocab` is the leaf below them
//! all: the plain choices the URL names (precision, budget, sort, axis, theme, …) and the one
//! macro that writes an enum as a word, so no two modules import each other to share a type.

pub mod charts;
pub mod derive;
pub mod model;
pub mod recent_runs;
pub mod view_state;
pub mod vocab;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
mod fatal;
#[cfg(target_arch = "wasm32")]
pub mod state;

/// Installs the panic hook and mounts the app on `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    fatal::install_panic_hook();
    leptos::mount::mount_to_body(app::App);
}

/// Bytes of wasm linear memory, for the benchmark and the soak test (JS heap is
/// `performance.memory`; this is the rest). Exposed as `window.wasmBindings.wasm_memory_bytes()`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

/// Panics on purpose, so the end-to-end suite can check that a panic shows the
/// `fatal-error` panel (`window.wasmBindings.trigger_panic_for_test()`). Harmless: any
/// script able to call it could break the page anyway.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn trigger_panic_for_test() {
    panic!("trigger_panic_for_test was called (a test of the panic panel)");
}
