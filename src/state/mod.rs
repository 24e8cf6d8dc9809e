//! Reactive state: the URL-backed view, the run store, and the sources that feed it
//! (the built-in demo, or the live API).

pub mod api_key;
pub mod card_window;
pub mod clipboard;
pub mod compare;
pub mod demo;
pub mod embed;
pub mod keys;
pub mod logs;
pub mod perf;
pub mod polling;
pub mod recent;
pub mod run_store;
pub mod runs;
pub mod snapshot_io;
pub mod view_url;
