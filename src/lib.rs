//! Tunerscope: a live view of an Edge Impulse EON Tuner run.
//!
//! `model`, `derive` and `view_state` are plain Rust (natively tested); everything that
//! touches Leptos or the browser is compiled only for wasm32.

pub mod derive;
pub mod model;
