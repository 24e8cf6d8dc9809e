//! Tunerscope: a live view of an Edge Impulse EON Tuner run.
//!
//! `model`, `derive` and `view_state` are plain Rust (natively tested); everything that
//! touches Leptos or the browser is compiled only for wasm32.

pub mod charts;
pub mod derive;
pub mod model;
pub mod recent_runs;
pub mod view_state;

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
