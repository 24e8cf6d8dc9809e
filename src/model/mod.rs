//! The state response: wire mirror, domain types, and the one conversion between them.
//!
//! Plain Rust, no Leptos or browser types: everything here is tested natively.

pub mod convert;
pub mod domain;
pub mod error;
pub mod lazy;
pub mod lenient;
pub mod logs;
pub mod runs;
pub mod scan;
pub mod secret;
pub mod snapshot_file;
pub mod time;
pub mod wire;

pub use convert::{parse_response, parse_state};
pub use domain::*;
pub use error::{ErrorKind, LoadError};
