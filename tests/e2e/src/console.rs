//! Which browser console entries mean the app itself broke.
//!
//! Chromium logs every failed HTTP response as a `SEVERE` "Failed to load resource" entry, and
//! flows provoke those on purpose (401, 500, truncated bodies, refused CORS). Those are expected.
//! What must never happen is a Rust panic (reported by the panic hook as "panicked at …") or an
//! exception nobody caught (Chromium prefixes those with "Uncaught", including unhandled promise
//! rejections and wasm traps such as `RuntimeError: unreachable`), nor a Content-Security-Policy
//! refusal (the page ships a strict CSP: a refusal means a script, style or request it needs was
//! blocked).

use thirtyfour::BrowserLogEntry;

/// Whether a browser console entry reports a failure of the app rather than of the network.
pub fn is_fatal(entry: &BrowserLogEntry) -> bool {
    entry.message.contains("panicked at")
        || (entry.level.eq_ignore_ascii_case("SEVERE") && entry.message.contains("Uncaught"))
        || entry.message.contains("Content Security Policy")
}

/// One line per entry, for failure messages.
pub(crate) fn describe(entries: &[BrowserLogEntry]) -> String {
    entries
        .iter()
        .map(|e| format!("  [{}] {}", e.level, e.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(level: &str, source: &str, message: &str) -> BrowserLogEntry {
        BrowserLogEntry {
            level: level.to_owned(),
            message: message.to_owned(),
            timestamp: 0,
            source: Some(source.to_owned()),
        }
    }

    #[test]
    fn csp_refusals_are_fatal() {
        let e = entry(
            "SEVERE",
            "security",
            "Refused to apply inline style because it violates the following Content Security Policy directive: \"style-src 'self'\".",
        );
        assert!(is_fatal(&e));
    }

    #[test]
    fn failed_responses_are_not_fatal() {
        let e = entry(
            "SEVERE",
            "network",
            "http://127.0.0.1:4000/v1/api/1/optimize/4/state - Failed to load resource: \
             the server responded with a status of 401 (Unauthorized)",
        );
        assert!(!is_fatal(&e));
    }

    #[test]
    fn cors_refusals_and_app_logging_are_not_fatal() {
        let cors = entry(
            "SEVERE",
            "javascript",
            "Access to fetch at 'http://127.0.0.1:4000/fault/nocors/v1/…' has been blocked by CORS policy",
        );
        assert!(!is_fatal(&cors));
        assert!(!is_fatal(&entry(
            "SEVERE",
            "console-api",
            "request failed: 500"
        )));
        assert!(!is_fatal(&entry(
            "INFO",
            "console-api",
            "polling every 10 s"
        )));
    }

    #[test]
    fn panics_are_fatal_at_any_level() {
        let e = entry(
            "SEVERE",
            "console-api",
            "app.js 1:200 \"panicked at src/lib.rs:10:5:\\nindex out of bounds\"",
        );
        assert!(is_fatal(&e));
        assert!(is_fatal(&entry("INFO", "console-api", "panicked at x")));
    }

    #[test]
    fn uncaught_exceptions_are_fatal() {
        assert!(is_fatal(&entry(
            "SEVERE",
            "javascript",
            "app.js 0:52 Uncaught RuntimeError: unreachable"
        )));
        assert!(is_fatal(&entry(
            "SEVERE",
            "javascript",
            "0:71 Uncaught (in promise) TypeError: Failed to fetch"
        )));
        // A message that merely mentions the word at a lower level is the app talking.
        assert!(!is_fatal(&entry(
            "INFO",
            "console-api",
            "Uncaught errors: 0"
        )));
    }
}
