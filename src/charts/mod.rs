//! Chart geometry and chart data, as plain Rust (no Leptos, no browser), tested natively.
//!
//! Two layers, after leptos-chartistry: generic geometry that knows nothing of trials
//! ([`scale`], [`axis`], [`hit`], [`pareto`], [`plot`]) and one data-prep module per chart
//! that turns the run into plain marks ([`tradeoff`], [`gap`], [`progress_curve`],
//! [`timeline`], [`eta`], [`effects`] with [`params`], [`compare`]; [`runs_tradeoff`] for
//! compared runs). The wasm components in `components::charts` only wrap these in memos and
//! draw the result as SVG.

pub mod axis;
pub mod color;
pub mod compare;
pub mod effects;
pub mod eta;
pub mod frame;
pub mod gap;
pub mod hit;
pub mod params;
pub mod pareto;
pub mod plot;
pub mod progress_curve;
pub mod runs_tradeoff;
pub mod scale;
pub mod timeline;
pub mod tradeoff;
