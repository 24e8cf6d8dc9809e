//! The key requests carry. The type and the rules for choosing it are pure
//! ([`crate::derive::api_key`]); where it is stored is browser state ([`crate::state::api_key`]).
//! Re-exported here because every request takes one.

pub use crate::derive::api_key::ApiKey;
