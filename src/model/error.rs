//! Why a load failed, in words a user can act on.
//!
//! Kinds match `data-kind` of `error-banner` in `CONTRACT.md`. Messages never contain the
//! API key: nothing here ever sees it, and the server text they quote was read from a body
//! the client had already masked ([`super::secret::mask_keys`]).

use crate::vocab::word_enum;
use std::fmt;

word_enum! {
    /// What went wrong with a request; the word is `error-banner`'s `data-kind`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum ErrorKind {
        /// 401/403: the key is wrong or lacks access.
        Auth = "auth",
        /// 404: no such project or tuner job.
        NotFound = "not-found",
        /// No answer the browser could read (offline, CORS refusal, timeout, dropped
        /// connection).
        Network = "network",
        /// ≥ 500 or 429.
        Server = "server",
        /// Not JSON, cut off, not a state object, or `success: false`.
        BadResponse = "bad-response",
    }
}

impl ErrorKind {
    /// One plain sentence: what happened.
    pub fn headline(self) -> &'static str {
        match self {
            ErrorKind::Auth => "The API key was refused",
            ErrorKind::NotFound => "No such project or tuner job",
            ErrorKind::Network => "The API could not be reached",
            ErrorKind::Server => "The server had a problem",
            ErrorKind::BadResponse => "The server answered, but not with a tuner state",
        }
    }

    /// What the user can do about it.
    pub fn next_step(self) -> &'static str {
        match self {
            ErrorKind::Auth => "Check that the key belongs to this project and has not been revoked, then enter it again.",
            ErrorKind::NotFound => "Check the project id and tuner job id (the number in the tuner page's address).",
            ErrorKind::Network => "Check your connection. If it is fine, the API may not allow this page's origin (CORS) or may be unreachable from your network: set the API base to a proxy on this site (for example /eon-proxy/v1, in the connection form or as ?api= in the address) that forwards to the Edge Impulse API.",
            ErrorKind::Server => "This is usually temporary; the page retries by itself, more slowly each time.",
            ErrorKind::BadResponse => "Check the API base: it should point at the Edge Impulse API (or a proxy that passes its answers through unchanged).",
        }
    }
}

/// A failed load: its kind, the HTTP status when there was one, and a detail line.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub kind: ErrorKind,
    pub status: Option<u16>,
    /// The server's own `error` text, or what was wrong with the body. Plain text.
    pub detail: String,
}

impl LoadError {
    pub fn new(kind: ErrorKind, status: Option<u16>, detail: impl Into<String>) -> Self {
        LoadError {
            kind,
            status,
            detail: detail.into(),
        }
    }

    pub fn bad_response(detail: impl Into<String>) -> Self {
        LoadError::new(ErrorKind::BadResponse, None, detail)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.headline())?;
        if let Some(status) = self.status {
            write!(f, " (HTTP {status})")?;
        }
        if !self.detail.is_empty() {
            write!(f, ": {}", self.detail)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
