//! Reactive state and browser glue: the URL-backed view, the run store, the sources that feed
//! it (the built-in demo, or the live API), the key, navigation between runs, and the page's
//! side effects (storage, clipboard, notifications, theme). Components call these hooks; the
//! rules they follow are pure, in `derive`. What the run view's components share (view state,
//! clock, card context) reaches them as newtype contexts ([`context`]); [`card_dom`] is the
//! one way to find a trial's card in the page.
//!
//! One poll: [`polling`] fetches → `model::convert` parses (unchanged trials reused) →
//! [`run_store`] keeps the snapshot, diffed by key → [`list`] evaluates changed trials once,
//! orders and filters into the one shared list → the cards (rows made per chunk on screen),
//! counts, summary, notifications, tab title and charts read it. [`first_paint`]: the answer
//! paints first, the rest after that frame.

pub mod api_key;
pub mod card_dom;
pub mod card_window;
pub mod clipboard;
pub mod clock;
pub mod compare;
pub mod context;
pub mod demo;
pub mod embed;
pub mod expanded;
pub mod first_paint;
pub mod keys;
pub mod list;
pub mod logs;
pub mod navigation;
pub mod notify;
pub mod perf;
pub mod polling;
pub mod recent;
pub mod run_store;
pub mod runs;
pub mod scroll;
pub mod share;
pub mod snapshot_io;
pub mod storage;
pub mod theme;
pub mod view_url;
