//! The state response: wire mirror, domain types, and the one conversion between them.
//!
//! Plain Rust, no Leptos or browser types: everything here is tested natively.
//!
//! A body is read in one pass that splits the trials list ([`scan`]), serde over the rest, and
//! serde over each trial whose text changed ([`convert::parse_state_reusing`]); a trial keeps
//! its details (parameters, `model`, metric sets) as text until asked ([`lazy`],
//! [`domain::Trial::details`]).

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
