//! Snapshot files: the state plus the view, in one `.json` that opens with no network and
//! no key (`CONTRACT.md`, "Snapshot file"). "Open snapshot" also takes a bare state response.

use super::convert::parse_state;
use super::domain::Run;
use super::error::LoadError;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// The `format` marker of a snapshot file.
pub const FORMAT: &str = "tunerscope-snapshot";

/// A snapshot as opened.
#[derive(Debug)]
pub struct OpenedSnapshot {
    pub run: Run,
    /// `takenAt` as written (RFC 3339), if the file said.
    pub taken_at: Option<String>,
    /// The view as `(parameter, value)` pairs, for the URL state.
    pub view: Vec<(String, String)>,
    /// The state response text, kept to save it again unchanged.
    pub state_text: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireFile<'a> {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    taken_at: Option<String>,
    #[serde(default)]
    view: Option<Map<String, Value>>,
    #[serde(borrow, default)]
    state: Option<&'a RawValue>,
}

/// Reads a snapshot file, or a bare state response.
pub fn open_snapshot(text: &str) -> Result<OpenedSnapshot, LoadError> {
    let trimmed = text.trim_start_matches('\u{feff}');
    if let Ok(file) = serde_json::from_str::<WireFile>(trimmed) {
        if file.format.as_deref() == Some(FORMAT) {
            let state = file
                .state
                .ok_or_else(|| LoadError::bad_response("the snapshot file has no `state`"))?;
            let run = parse_state(state.get())?;
            let view = file
                .view
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(k, v)| match v {
                    Value::String(s) => Some((k, s)),
                    Value::Number(n) => Some((k, n.to_string())),
                    Value::Bool(b) => Some((k, if b { "1".into() } else { "0".into() })),
                    _ => None,
                })
                .collect();
            return Ok(OpenedSnapshot {
                run,
                taken_at: file.taken_at,
                view,
                state_text: state.get().to_owned(),
            });
        }
    }
    let run = parse_state(trimmed)?;
    Ok(OpenedSnapshot {
        run,
        taken_at: None,
        view: Vec::new(),
        state_text: trimmed.to_owned(),
    })
}

/// Writes a snapshot file around `state_text` (the response exactly as received).
pub fn snapshot_json(state_text: &str, view: &[(String, String)], taken_at: &str) -> String {
    let view: Map<String, Value> = view
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let head =
        serde_json::json!({ "format": FORMAT, "version": 1, "takenAt": taken_at, "view": view });
    // `state` goes in verbatim: re-serialising would lose fields this version does not model.
    let head = head.to_string();
    format!(
        "{},\"state\":{}}}",
        &head[..head.len() - 1],
        state_text.trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATE: &str = r#"{"success":true,"config":{"targetLatency":100,"targetDevice":{"name":"m4"}},"status":{"status":"completed"},"trials":[],"newField":{"kept":true}}"#;

    #[test]
    fn round_trips_state_view_and_time() {
        let view = vec![
            ("sort".to_owned(), "latency".to_owned()),
            ("q".to_owned(), "a \"b\"".to_owned()),
        ];
        let file = snapshot_json(STATE, &view, "2026-11-29T12:00:00Z");
        let opened = open_snapshot(&file).unwrap();
        assert_eq!(opened.taken_at.as_deref(), Some("2026-11-29T12:00:00Z"));
        let mut got = opened.view.clone();
        got.sort();
        let mut want = view.clone();
        want.sort();
        assert_eq!(
            got, want,
            "view parameters survive (order is not significant)"
        );
        assert_eq!(opened.state_text, STATE, "unknown fields survive");
        assert_eq!(opened.run.config.target_latency_ms, Some(100.0));
        let parsed: Value = serde_json::from_str(&file).unwrap();
        assert_eq!(parsed["format"], FORMAT);
        assert_eq!(parsed["version"], 1);
    }

    #[test]
    fn a_bare_state_response_opens_too() {
        let opened = open_snapshot(STATE).unwrap();
        assert!(opened.taken_at.is_none() && opened.view.is_empty());
    }

    #[test]
    fn broken_files_are_typed_errors() {
        assert!(open_snapshot("not json").is_err());
        assert!(open_snapshot(r#"{"format":"tunerscope-snapshot","version":1}"#).is_err());
        assert!(open_snapshot(r#"{"format":"tunerscope-snapshot","state":[1]}"#).is_err());
        assert!(open_snapshot(&STATE[..40]).is_err());
    }
}
