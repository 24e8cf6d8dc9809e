//! Talking to the API and the browser's files: the HTTP client (one GET path: key only to its
//! own base, abort, timeout), the runs and logs requests, file download/read; `key` re-exports
//! the key type (its rules are `derive::api_key`, its storage `state::api_key`).

pub mod client;
pub mod files;
pub mod key;
pub mod logs;
pub mod prefetch;
pub mod runs;
