//! Talking to the API: the HTTP client and the API key's storage policy.

pub mod client;
pub mod files;
pub mod key;
pub mod logs;
pub mod runs;
