//! End-to-end harness for Tunerscope.
//!
//! A [`Harness`] wires together everything one user flow needs:
//!
//! 1. the mock Edge Impulse API (`mock_api::start_api`), serving the fixtures in `tests/fixtures`;
//! 2. a static server that hosts the built app (`dist/`, produced by
//!    `trunk build --release --offline`) under the sub-path [`MOUNT`], so relative asset URLs
//!    are exercised;
//! 3. a `chromedriver` on a free port and one headless Chromium session with a fresh profile and
//!    the browser console log enabled.
//!
//! Page-object helpers (`wait_for`, `wait_for_count`, `fill_connect_form`, …) address the page
//! only through the public `data-testid` hooks and form field names of `CONTRACT.md`, and poll
//! with a timeout instead of sleeping. Every flow ends with [`Harness::finish`], which fails the
//! flow if the page panicked or threw an uncaught exception.
//!
//! Shared helpers, one of each: scripts with [`Harness::js`] (and
//! `js_with`/`js_string`/`js_bool`), DevTools commands with [`Harness::cdp`], a run with
//! [`Harness::open_run`] and [`Harness::enter_key`], accessibility with
//! [`Harness::serious_violations`]. Each fails loudly, naming the script or command.
//!
//! Configuration comes from the environment:
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `TUNERSCOPE_DIST` | the built app | `<repo>/dist` |
//! | `CHROME` | the Chromium binary | `/usr/bin/chromium` |
//! | `CHROMEDRIVER` | the matching driver | `/usr/bin/chromedriver` |

mod axe;
mod browser;
pub mod cdp;
mod console;
mod harness;
mod page;
mod script;

pub use axe::axe_source;
pub use browser::TempDir;
pub use console::is_fatal;
pub use harness::{query, Harness, DEFAULT_TIMEOUT, MOUNT};
pub use page::hook;

/// The mock API crate, re-exported so flows can name its fixture jobs (`mock_api::jobs`).
pub use mock_api;
/// The WebDriver client, re-exported so flows can use its element and log types.
pub use thirtyfour;
