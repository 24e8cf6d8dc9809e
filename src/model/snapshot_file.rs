//! Snapshot files: the state plus the view, in one `.json` that opens with no network and
//! no key (`CONTRACT.md`, "Snapshot file"). "Open snapshot" also takes a bare state response.
//!
//! A snapshot of a comparison ("Comparing runs") holds every state: run A's in `state` as
//! always, the others after it in `"compared": [{"job": 11, "state": {…}}, …]`. Same
//! `format` and `version`: a reader that does not know `compared` opens run A's view.

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
    /// The compared runs' states (`compared`), in file order; empty for a single run.
    pub compared: Vec<OpenedCompared>,
}

/// One compared run's state from a snapshot of a comparison.
#[derive(Debug)]
pub struct OpenedCompared {
    pub job: u64,
    /// The run, or why its state cannot be read (shown in its own row; the rest opens).
    pub run: Result<Run, LoadError>,
    /// The state text as written (empty when the entry had none), to save it again.
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
    /// Read entry by entry ([`compared`]): a malformed entry must not hide run A.
    #[serde(borrow, default)]
    compared: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct WireCompared<'a> {
    #[serde(default)]
    job: Option<Value>,
    #[serde(borrow, default)]
    state: Option<&'a RawValue>,
}

/// The `compared` entries: each with a job id (a positive whole number, or one sent as text)
/// is kept, its state parsed on its own; an entry without one is skipped, and so is a
/// `compared` that is not a list.
fn compared(raw: Option<&RawValue>) -> Vec<OpenedCompared> {
    let Some(entries) = raw.and_then(|r| serde_json::from_str::<Vec<&RawValue>>(r.get()).ok())
    else {
        return Vec::new();
    };
    entries
        .into_iter()
        .filter_map(|entry| {
            let entry = serde_json::from_str::<WireCompared>(entry.get()).ok()?;
            let job = match entry.job? {
                Value::Number(n) => n.as_u64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            }
            .filter(|&j| j > 0)?;
            Some(match entry.state {
                Some(state) => OpenedCompared {
                    job,
                    run: parse_state(state.get()),
                    state_text: state.get().to_owned(),
                },
                None => OpenedCompared {
                    job,
                    run: Err(LoadError::bad_response(format!(
                        "the snapshot file has no state for run {job}"
                    ))),
                    state_text: String::new(),
                },
            })
        })
        .collect()
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
                compared: compared(file.compared),
            });
        }
    }
    let run = parse_state(trimmed)?;
    Ok(OpenedSnapshot {
        run,
        taken_at: None,
        view: Vec::new(),
        state_text: trimmed.to_owned(),
        compared: Vec::new(),
    })
}

/// The text around the states of a snapshot file of run A and the runs `compared_jobs`
/// (in order): n = 1 + `compared_jobs.len()` states, n + 1 parts, and
/// `part0 + stateA + part1 + state(compared_jobs[0]) + … + part_n` is the file. The page
/// builds the download from these parts and the response bytes the browser already holds (a
/// `Blob`), so a 50 MB state never passes through wasm memory. States go in verbatim:
/// re-serialising would lose fields this version does not model.
pub fn comparison_parts(
    view: &[(String, String)],
    taken_at: &str,
    compared_jobs: &[u64],
) -> Vec<String> {
    let view: Map<String, Value> = view
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let head =
        serde_json::json!({ "format": FORMAT, "version": 1, "takenAt": taken_at, "view": view })
            .to_string();
    // `head` is a JSON object: drop its closing brace and continue it with `state`.
    let mut parts = vec![format!("{},\"state\":", &head[..head.len() - 1])];
    for (i, job) in compared_jobs.iter().enumerate() {
        let open = if i == 0 { ",\"compared\":[" } else { "}," };
        parts.push(format!("{open}{{\"job\":{job},\"state\":"));
    }
    parts.push(if compared_jobs.is_empty() { "}" } else { "}]}" }.to_owned());
    parts
}

/// The text before and after the state in a snapshot file of one run: `prefix + state +
/// suffix` is the file ([`comparison_parts`] with nothing compared).
pub fn snapshot_parts(view: &[(String, String)], taken_at: &str) -> (String, String) {
    let mut parts = comparison_parts(view, taken_at, &[]).into_iter();
    let prefix = parts.next().unwrap_or_default();
    let suffix = parts.next().unwrap_or_default();
    (prefix, suffix)
}

/// How many leading bytes of a state response to leave out of a snapshot file: its UTF-8
/// byte order mark, if any. Harmless at the start of a response (and tolerated when it is
/// read), it would make the file invalid JSON in the middle. Whitespace around the state is
/// valid JSON and stays. `head` is the response's first bytes (three are enough).
pub fn state_skip(head: &[u8]) -> usize {
    if head.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes a snapshot file around `state_text` (the response exactly as received), as one
/// string; the page assembles the same bytes from [`snapshot_parts`] instead.
pub fn snapshot_json(state_text: &str, view: &[(String, String)], taken_at: &str) -> String {
    comparison_json(state_text, &[], view, taken_at)
}

/// [`snapshot_json`] for a comparison: run A's state and `compared` (job, state text) in
/// order, as one string; the page assembles the same bytes from [`comparison_parts`].
pub fn comparison_json(
    state_text: &str,
    compared: &[(u64, &str)],
    view: &[(String, String)],
    taken_at: &str,
) -> String {
    let jobs: Vec<u64> = compared.iter().map(|(job, _)| *job).collect();
    let parts = comparison_parts(view, taken_at, &jobs);
    let states = std::iter::once(state_text).chain(compared.iter().map(|(_, s)| *s));
    let mut out = String::new();
    for (part, state) in parts.iter().zip(states) {
        out.push_str(part);
        out.push_str(state[state_skip(state.as_bytes())..].trim());
    }
    out.push_str(parts.last().map_or("", String::as_str));
    out
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

    /// Pins issue 12's download without copying: the file made of `prefix`, the response
    /// bytes as received (past [`state_skip`]) and `suffix` opens as the same snapshot as
    /// [`snapshot_json`]'s one-string file: same run, view, time and state text. Also for a
    /// response with a byte order mark and surrounding whitespace, which the one-string file
    /// of the old code turned into invalid JSON (a BOM in the middle of the file).
    #[test]
    fn parts_make_the_same_snapshot() {
        let view = vec![
            ("sort".to_owned(), "latency".to_owned()),
            ("q".to_owned(), "é \"quoted\" \\ </script>".to_owned()),
        ];
        let taken_at = "2026-11-29T12:00:00.000Z";
        let fixture = include_str!("../../tests/fixtures/completed.json");
        for state in [
            STATE.to_owned(),
            format!("\u{feff}{STATE}"),
            format!("\n  {STATE}\r\n\t"),
            format!("\u{feff} {fixture}\n"),
        ] {
            let bytes = state.as_bytes();
            let (prefix, suffix) = snapshot_parts(&view, taken_at);
            let mut file = prefix.into_bytes();
            file.extend_from_slice(&bytes[state_skip(&bytes[..bytes.len().min(3)])..]);
            file.extend_from_slice(suffix.as_bytes());
            let from_parts = open_snapshot(std::str::from_utf8(&file).unwrap())
                .unwrap_or_else(|e| panic!("{e:?} for {:?}", &state[..20]));
            let whole = open_snapshot(&snapshot_json(&state, &view, taken_at)).unwrap();
            assert_eq!(format!("{:?}", from_parts.run), format!("{:?}", whole.run));
            assert_eq!(from_parts.view, whole.view);
            assert_eq!(from_parts.taken_at.as_deref(), Some(taken_at));
            assert_eq!(from_parts.state_text, whole.state_text);
            assert_eq!(
                from_parts.state_text,
                state.trim_start_matches('\u{feff}').trim()
            );
            let parsed: Value = serde_json::from_slice(&file).expect("the file is JSON");
            assert_eq!(parsed["format"], FORMAT);
        }
        assert_eq!(state_skip(b"\xEF\xBB"), 0, "a cut-off mark is not a mark");
        assert_eq!(state_skip(b""), 0);
    }

    /// A comparison's parts around three states (one with a BOM) make a file that opens
    /// with every state, in order, each text kept as written.
    #[test]
    fn comparison_parts_hold_every_state() {
        let other = STATE.replace("\"m4\"", "\"nrf\"");
        let view = vec![("vs".to_owned(), "11,12".to_owned())];
        let parts = comparison_parts(&view, "t", &[11, 12]);
        assert_eq!(parts.len(), 4, "three states, four parts");
        let states = [
            STATE.to_owned(),
            format!("\u{feff}{other}"),
            STATE.to_owned(),
        ];
        let mut file = String::new();
        for (part, state) in parts.iter().zip(&states) {
            file.push_str(part);
            file.push_str(&state[state_skip(state.as_bytes())..]);
        }
        file.push_str(&parts[3]);
        let opened = open_snapshot(&file).unwrap();
        assert_eq!(opened.view, view);
        let jobs: Vec<u64> = opened.compared.iter().map(|c| c.job).collect();
        assert_eq!(jobs, [11, 12]);
        let device = |r: &Run| r.config.device.clone().unwrap().name.unwrap();
        assert_eq!(device(&opened.run), "m4");
        assert_eq!(device(opened.compared[0].run.as_ref().unwrap()), "nrf");
        assert_eq!(opened.compared[0].state_text, other);
        assert_eq!(device(opened.compared[1].run.as_ref().unwrap()), "m4");
        let whole = comparison_json(STATE, &[(11, &states[1]), (12, STATE)], &view, "t");
        assert_eq!(whole, file.replace('\u{feff}', ""));
    }

    /// A compared state that cannot be read keeps its error for its row; an entry without a
    /// job is skipped; run A opens either way.
    #[test]
    fn a_broken_compared_state_stays_in_its_row() {
        let file = format!(
            r#"{{"format":"tunerscope-snapshot","version":1,"state":{STATE},"compared":[{{"job":11,"state":[1]}},{{"state":{STATE}}},"junk",{{"job":"12"}},{{"job":13,"state":{STATE}}}]}}"#
        );
        let opened = open_snapshot(&file).unwrap();
        let jobs: Vec<u64> = opened.compared.iter().map(|c| c.job).collect();
        assert_eq!(jobs, [11, 12, 13]);
        assert!(opened.compared[0].run.is_err());
        assert_eq!(opened.compared[0].state_text, "[1]");
        assert!(opened.compared[1].run.is_err(), "no state");
        assert!(opened.compared[2].run.is_ok());
        let odd = format!(r#"{{"format":"tunerscope-snapshot","state":{STATE},"compared":{{}}}}"#);
        assert!(open_snapshot(&odd).unwrap().compared.is_empty());
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
