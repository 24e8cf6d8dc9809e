//! The one conversion: response text (and HTTP status) → [`Run`] or a typed [`LoadError`].
//!
//! Order of checks follows `API.md`: a 200 may still be `{success:false}`, so `success`
//! is read before anything else. A body counts as a tuner state when it is a JSON object
//! with all of `config`, `status` and `trials` (`CONTRACT.md`, `bad-response`); any other
//! required field it lacks is listed in [`Run::missing`] and the rest is shown.

use super::domain::*;
use super::error::{ErrorKind, LoadError};
use super::lazy::{LazyValue, Params};
use super::lenient::{reading_of_value, Lenient, LenientVec, RawList};
use super::scan::{items_at_with, object_members, value_end};
use super::time::parse_rfc3339_ms;
use super::wire::*;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

/// Most JSON paths listed in [`Run::missing`]; the rest are counted.
const MAX_MISSING: usize = 12;

/// Classifies an HTTP answer: status first, then the body.
pub fn parse_response(status: u16, body: &str) -> Result<Run, LoadError> {
    match error_for_status(status, body) {
        Some(error) => Err(error),
        None => parse_state(body),
    }
}

/// The typed error an HTTP status means, with the server's own words when the body has them;
/// `None` for 2xx. Shared by every endpoint (state, runs, logs): same key, same envelope, same
/// banner kinds.
pub fn error_for_status(status: u16, body: &str) -> Option<LoadError> {
    let server_text = || server_error_text(body);
    Some(match status {
        200..=299 => return None,
        401 | 403 => LoadError::new(
            ErrorKind::Auth,
            Some(status),
            server_text().unwrap_or_default(),
        ),
        404 => LoadError::new(
            ErrorKind::NotFound,
            Some(status),
            server_text().unwrap_or_default(),
        ),
        429 | 500..=599 => LoadError::new(
            ErrorKind::Server,
            Some(status),
            server_text().unwrap_or_else(|| describe_non_json(body)),
        ),
        _ => LoadError::new(
            ErrorKind::BadResponse,
            Some(status),
            server_text().unwrap_or_else(|| format!("unexpected HTTP status {status}")),
        ),
    })
}

/// Reads a 2xx body of any endpoint into `T`: non-JSON, cut-off JSON and `success: false`
/// become `bad-response` with the same words as for the state. `T` decides what counts as
/// its shape (tolerant serde types, as everywhere).
pub fn read_envelope<'a, T: Deserialize<'a>>(body: &'a str) -> Result<T, LoadError> {
    #[derive(Deserialize)]
    struct Envelope {
        #[serde(default, deserialize_with = "super::lenient::opt_bool")]
        success: Option<bool>,
        #[serde(default, deserialize_with = "super::lenient::opt_string")]
        error: Option<String>,
    }
    let trimmed = body.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with('{') {
        return Err(LoadError::bad_response(describe_non_json(trimmed)));
    }
    let envelope: Envelope = serde_json::from_str(trimmed).map_err(|e| json_error(&e))?;
    if envelope.success == Some(false) {
        return Err(unsuccessful(envelope.error.as_deref()));
    }
    serde_json::from_str(trimmed).map_err(|e| json_error(&e))
}

fn json_error(e: &serde_json::Error) -> LoadError {
    if e.is_eof() {
        LoadError::bad_response(format!(
            "the JSON was cut off (ends at line {} column {})",
            e.line(),
            e.column()
        ))
    } else {
        LoadError::bad_response(format!("the body is not valid JSON ({e})"))
    }
}

fn unsuccessful(error: Option<&str>) -> LoadError {
    LoadError::bad_response(match error.map(str::trim) {
        Some(text) if !text.is_empty() => format!("the server says: {}", shorten(text, 300)),
        _ => "the server reported `success: false` without a reason".into(),
    })
}

/// The `error` text of a JSON error body, if that is what the body is. Cut to a sane length.
fn server_error_text(body: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct ErrorBody {
        #[serde(default, deserialize_with = "super::lenient::opt_string")]
        error: Option<String>,
    }
    let parsed: ErrorBody = serde_json::from_str(body).ok()?;
    parsed
        .error
        .map(|e| shorten(e.trim(), 300))
        .filter(|e| !e.is_empty())
}

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// A short description of a body that is not a JSON object.
fn describe_non_json(body: &str) -> String {
    let trimmed = body.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return "the body was empty".into();
    }
    if trimmed.starts_with('<') {
        return "the body was an HTML page, not JSON (often a proxy or login page)".into();
    }
    match serde_json::from_str::<serde::de::IgnoredAny>(trimmed) {
        Ok(_) => {
            let what = match trimmed.as_bytes()[0] {
                b'[' => "a JSON list",
                b'"' => "a JSON string",
                b'n' => "JSON null",
                b't' | b'f' => "a JSON boolean",
                _ => "a JSON number",
            };
            format!("the body was {what}, not an object")
        }
        Err(e) if e.is_eof() => format!(
            "the JSON was cut off (ends at line {} column {})",
            e.line(),
            e.column()
        ),
        Err(e) => format!("the body is not valid JSON ({e})"),
    }
}

/// Parses a 2xx body into a [`Run`]: [`parse_state_reusing`] with nothing to reuse (one
/// reader of trials, so one copy of its code in the bundle).
pub fn parse_state(body: &str) -> Result<Run, LoadError> {
    let (mut run, trials) = parse_state_reusing(body, &KnownTrials::new())?;
    run.trials = trials
        .into_iter()
        .map(|read| Arc::unwrap_or_clone(read.trial))
        .collect();
    Ok(run)
}

/// Clean trials of the previous snapshot by [`text_hash`] of their JSON text.
pub type KnownTrials = HashMap<u64, Arc<Trial>>;

/// A trial read by [`parse_state_reusing`].
#[derive(Clone, Debug)]
pub struct ReadTrial {
    pub trial: Arc<Trial>,
    /// Hash of the trial's JSON text when it had everything it should (so it may be reused).
    pub hash: Option<u64>,
    /// Whether this is the previous snapshot's trial, unchanged (same text, same position).
    pub reused: bool,
}

/// Like [`parse_response`], reusing unchanged trials (see [`parse_state_reusing`]).
pub fn parse_response_reusing(
    status: u16,
    body: &str,
    known: &KnownTrials,
) -> Result<(Run, Vec<ReadTrial>), LoadError> {
    if (200..=299).contains(&status) {
        return parse_state_reusing(body, known);
    }
    parse_response(status, body).map(|mut run| {
        let trials = std::mem::take(&mut run.trials)
            .into_iter()
            .map(|t| ReadTrial {
                trial: Arc::new(t),
                hash: None,
                reused: false,
            })
            .collect();
        (run, trials)
    })
}

/// Parses a 2xx body like [`parse_state`], except that a trial whose JSON text is byte for
/// byte the text of a trial in `known` is not parsed again: the known trial is reused.
///
/// The state endpoint has no "only what changed": every poll re-sends every trial, and with
/// thousands of trials parsing and comparing them all is most of the cost of a poll. Here
/// each trial costs a scan and a hash of its text unless it changed. The returned [`Run`] has
/// no `trials`; they are returned separately, in order.
pub fn parse_state_reusing(
    body: &str,
    known: &KnownTrials,
) -> Result<(Run, Vec<ReadTrial>), LoadError> {
    // The fast path: the `trials` list is split by `scan` (a light pass that reads nothing),
    // and serde reads the rest of the response with an empty list in its place. Anything it
    // cannot follow, or a trial text that turns out not to be JSON, falls back to serde over
    // the whole body, so a malformed response gets exactly the error it always got.
    if let Some((envelope, items)) = split_trials(body) {
        if let Ok(mut wire) = read_wire(&envelope) {
            drop(std::mem::take(&mut wire.trials));
            let (objects, others): (Vec<_>, Vec<_>) =
                items.into_iter().partition(|(t, _)| t.starts_with('{'));
            // Items that are not objects are dropped unread, but must still be JSON.
            let others_are_json = others.iter().all(|(t, _)| is_json(t));
            let read = others_are_json
                .then(|| read_trials(objects.into_iter(), true, others.len(), known, true))
                .flatten();
            if let Some((notes, trials)) = read {
                return Ok((convert(wire, Vec::new(), notes), trials));
            }
        }
    }
    let mut wire: WireState<RawList> = read_wire(body)?;
    let list = std::mem::take(&mut wire.trials);
    let texts = list.items.iter().map(|raw| (raw.get(), Parts::default()));
    let (notes, trials) = read_trials(texts, list.present, list.dropped, known, false)
        .unwrap_or_else(|| (TrialNotes::new(list.present, list.dropped), Vec::new()));
    Ok((convert(wire, Vec::new(), notes), trials))
}

/// `body` with its top-level `trials` list cut out (an empty list in its place), and the
/// texts of that list's items, each with where its parts read on their own are ([`Parts`]);
/// `None` when [`scan`](super::scan) cannot follow the body.
fn split_trials(body: &str) -> Option<(String, Vec<(&str, Parts)>)> {
    let trimmed = body.trim_start_matches('\u{feff}').trim_start();
    let b = trimmed.as_bytes();
    let (span, items) = super::scan::top_level_array_with(trimmed, "trials", |i| parts_of(b, i))?;
    let mut envelope = String::with_capacity(trimmed.len() - span.len() + 2);
    envelope.push_str(&trimmed[..span.start]);
    envelope.push_str("[]");
    envelope.push_str(&trimmed[span.end..]);
    Some((envelope, items))
}

/// Where the parts of a trial that are read on their own are in its text: its `metrics`, and
/// the entries of its impulse's three block lists (`inputBlocks`, `dspBlocks`,
/// `learnBlocks`). Both are kept as text (the details, the block parameters), and serde's
/// `RawValue` would walk each once to keep it and once more to read it; read from these
/// spans, serde walks every byte once. `None` where the part is missing, repeated, or not of
/// the shape looked for: then serde reads it within the trial, as before.
#[derive(Default)]
struct Parts {
    metrics: Option<Range<usize>>,
    blocks: Option<BlockSpans>,
}

/// The spans of the entries of an impulse's block lists, in [`BLOCK_LISTS`] order.
type BlockSpans = [Vec<Range<usize>>; 3];

/// The block lists of an impulse, in [`Parts::blocks`] order.
const BLOCK_LISTS: [&[u8]; 3] = [b"inputBlocks", b"dspBlocks", b"learnBlocks"];

/// The end of the trial at `b[i]` and its [`Parts`] (relative to `i`), in one walk.
fn parts_of(b: &[u8], i: usize) -> Option<(usize, Parts)> {
    if b.get(i) != Some(&b'{') {
        return Some((value_end(b, i)?, Parts::default()));
    }
    let (mut parts, mut seen) = (Parts::default(), [0; 2]);
    let end = object_members(b, i, |key, start| {
        if key == b"metrics" {
            seen[0] += 1;
            let end = value_end(b, start)?;
            parts.metrics = Some(start - i..end - i);
            Some(end)
        } else if key == b"impulse" {
            seen[1] += 1;
            let (end, blocks) = block_spans(b, start, i)?;
            parts.blocks = blocks;
            Some(end)
        } else {
            value_end(b, start)
        }
    })?;
    if seen[0] != 1 {
        parts.metrics = None;
    }
    if seen[1] != 1 {
        parts.blocks = None;
    }
    Some((end, parts))
}

/// The end of the impulse at `b[start]` and, when it is an object whose block lists are each
/// missing or one array, the spans of their entries (relative to `base`).
fn block_spans(b: &[u8], start: usize, base: usize) -> Option<(usize, Option<BlockSpans>)> {
    if b.get(start) != Some(&b'{') {
        return Some((value_end(b, start)?, None));
    }
    let (mut lists, mut seen, mut plain) = (BlockSpans::default(), [0; 3], true);
    let end = object_members(b, start, |key, at| {
        let Some(k) = BLOCK_LISTS.iter().position(|name| *name == key) else {
            return value_end(b, at);
        };
        seen[k] += 1;
        if b.get(at) != Some(&b'[') {
            plain = false;
            return value_end(b, at);
        }
        let list = &mut lists[k];
        items_at_with(b, at, |j| {
            let end = value_end(b, j)?;
            list.push(j - base..end - base);
            Some(end)
        })
    })?;
    Some((
        end,
        (plain && seen.iter().all(|n| *n <= 1)).then_some(lists),
    ))
}

/// Reads the trials' texts (objects only; `dropped` others were left out), reusing known
/// ones. `strict`: the texts come from [`split_trials`] and were not checked as JSON, so a
/// text serde finds malformed (not merely of an unexpected shape) gives `None`. A trial
/// whose [`Parts`] are known is read in pieces, each walked by serde once: the trial with a
/// placeholder in place of each part, then each part; the parts' texts are kept as they are.
fn read_trials<'a>(
    texts: impl Iterator<Item = (&'a str, Parts)>,
    present: bool,
    dropped: usize,
    known: &KnownTrials,
    strict: bool,
) -> Option<(TrialNotes, Vec<ReadTrial>)> {
    let mut notes = TrialNotes::new(present, dropped);
    let mut trials = Vec::with_capacity(texts.size_hint().0);
    let mut seen = HashSet::with_capacity(trials.capacity());
    let mut buffers = TrialBuffers::default();
    for (text, parts) in texts {
        let index = trials.len();
        let hash = text_hash(text);
        // Reused only when the key stays the id (no duplicate or missing id around it). A
        // reused text is byte for byte one that was read before, so it is JSON.
        if let Some(old) = known
            .get(&hash)
            .filter(|old| !old.id.is_empty() && old.key == old.id && !seen.contains(&old.id))
        {
            seen.insert(old.id.clone());
            let moved = old.index != index;
            trials.push(ReadTrial {
                trial: if moved {
                    Arc::new(Trial {
                        index,
                        ..(**old).clone()
                    })
                } else {
                    old.clone()
                },
                hash: Some(hash),
                reused: !moved,
            });
            continue;
        }
        let read = read_new_trial(text, parts, strict, &mut buffers, |t| notes.check(index, t));
        let NewTrial {
            t,
            metrics,
            blocks,
            clean,
        } = match read {
            Ok(read) => read,
            Err(Skip::Unreadable) => {
                notes.dropped += 1;
                continue;
            }
            Err(Skip::Malformed) => return None,
        };
        trials.push(ReadTrial {
            trial: Arc::new(convert_trial(index, t, metrics, blocks, &mut seen)),
            hash: clean.then_some(hash),
            reused: false,
        });
    }
    Some((notes, trials))
}

/// Buffers one read of a trials list reuses from trial to trial.
#[derive(Default)]
struct TrialBuffers {
    /// Where each part was cut out of the trial's text, and what stands in its place.
    holes: Vec<(Range<usize>, &'static str)>,
    /// The trial's text with its parts cut out.
    rest: String,
}

/// A trial read from its text (see [`read_new_trial`]).
struct NewTrial {
    t: WireTrial,
    metrics: MetricsRead,
    blocks: [Vec<ImpulseBlock>; 3],
    /// What `check` said of the trial: nothing missing.
    clean: bool,
}

/// Why a trial's text gave no trial.
enum Skip {
    /// JSON of a shape serde could not read at all: the trial is dropped and counted, as the
    /// plain path does.
    Unreadable,
    /// Not JSON (strict reads only): the whole body goes down the plain path, which says so.
    Malformed,
}

/// Reads a trial that was not read before: serde reads the text with its [`Parts`] cut out,
/// then each part from its own text. `check` sees the trial once its metrics are read and
/// before its impulse is taken apart (as the plain path's notes do).
fn read_new_trial(
    text: &str,
    parts: Parts,
    strict: bool,
    buffers: &mut TrialBuffers,
    check: impl FnOnce(&WireTrial) -> bool,
) -> Result<NewTrial, Skip> {
    let malformed = |e: &serde_json::Error| strict && (e.is_syntax() || e.is_eof());
    // Each part's place holds a value serde takes as it takes a missing part (`null`
    // metrics) or walks in no time (`0` for a block entry, which is then read from its own
    // text).
    let TrialBuffers { holes, rest } = buffers;
    holes.clear();
    if let Some(span) = &parts.metrics {
        holes.push((span.clone(), "null"));
    }
    for list in parts.blocks.iter().flatten() {
        holes.extend(list.iter().map(|span| (span.clone(), "0")));
    }
    let read = if holes.is_empty() {
        serde_json::from_str::<WireTrial>(text)
    } else {
        holes.sort_unstable_by_key(|(span, _)| span.start);
        rest.clear();
        let mut from = 0;
        for (span, hole) in holes.iter() {
            rest.push_str(&text[from..span.start]);
            rest.push_str(hole);
            from = span.end;
        }
        rest.push_str(&text[from..]);
        serde_json::from_str::<WireTrial>(rest)
    };
    // A part that is not JSON makes the body not JSON, as the plain path would say.
    let part_malformed = || strict && holes.iter().any(|(span, _)| !is_json(&text[span.clone()]));
    // A JSON text that serde cannot take is a shape it could not read at all.
    let mut t = match read {
        Ok(t) => t,
        Err(e) if malformed(&e) || part_malformed() => return Err(Skip::Malformed),
        Err(_) => return Err(Skip::Unreadable),
    };
    let metrics = match parts.metrics {
        Some(span) => match read_metrics(&text[span]) {
            Ok(metrics) => metrics,
            Err(e) if malformed(&e) => return Err(Skip::Malformed),
            // Not a shape serde could read at all (`Lenient` takes any JSON): as the whole
            // trial would have been.
            Err(_) => return Err(Skip::Unreadable),
        },
        None => match t.metrics.take() {
            Some(raw) => read_metrics(raw.get()).unwrap_or_else(|_| MetricsRead {
                summary: WireMetricSummary::default(),
                text: Some(raw.into()),
            }),
            None => MetricsRead::default(),
        },
    };
    let clean = check(&t);
    let impulse = std::mem::take(&mut t.impulse.0).unwrap_or_default();
    let blocks = match parts.blocks {
        Some(lists) => {
            let read = lists.map(|list| {
                list.into_iter()
                    .map(|span| read_block(&text[span]))
                    .collect::<Result<Vec<_>, _>>()
            });
            match read {
                [Ok(input), Ok(dsp), Ok(learn)] => [input, dsp, learn],
                // Only a text serde could not walk fails (see `read_block`).
                _ if strict => return Err(Skip::Malformed),
                _ => return Err(Skip::Unreadable),
            }
        }
        None => [
            impulse.input_blocks,
            impulse.dsp_blocks,
            impulse.learn_blocks,
        ]
        .map(|list| {
            list.iter()
                .map(|raw| read_block(raw.get()).unwrap_or_default())
                .collect()
        }),
    };
    Ok(NewTrial {
        t,
        metrics,
        blocks,
        clean,
    })
}

/// A fast 64-bit hash of a trial's text (word-at-a-time multiply–rotate, as in FxHash).
/// Each step is a bijection of the state for a given word, so two texts of equal length that
/// differ in one word always hash differently; the length is mixed in last.
pub fn text_hash(text: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = text.as_bytes();
    let mut h: u64 = 0;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(K)
}

/// Reads the state object: non-JSON, cut-off JSON, `success: false` and objects that are not
/// a tuner state become typed errors.
fn read_wire(body: &str) -> Result<WireState<RawList<'_>>, LoadError> {
    let trimmed = body.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with('{') {
        return Err(LoadError::bad_response(describe_non_json(trimmed)));
    }
    let wire: WireState<RawList> = serde_json::from_str(trimmed).map_err(|e| json_error(&e))?;
    if wire.success == Some(false) {
        return Err(unsuccessful(wire.error.as_deref()));
    }
    // `CONTRACT.md`: a state without any one of these is not a state. Shown anyway, an
    // answer such as `{"success":true,"trials":[]}` would replace a whole run with an empty one.
    let lacking: Vec<&str> = [
        ("`config`", wire.config.0.is_some()),
        ("`status`", wire.status.0.is_some()),
        ("`trials`", wire.trials.present),
    ]
    .into_iter()
    .filter(|(_, present)| !present)
    .map(|(name, _)| name)
    .collect();
    if !lacking.is_empty() {
        return Err(LoadError::bad_response(format!(
            "the answer is not a complete tuner state: it has no {}",
            lacking.join(", no ")
        )));
    }
    Ok(wire)
}

/// What reading the trials found missing or skipped, reported with the rest of the run.
struct TrialNotes {
    present: bool,
    dropped: usize,
    missing: Missing,
    skipped_blocks: usize,
}

impl TrialNotes {
    fn new(present: bool, dropped: usize) -> Self {
        TrialNotes {
            present,
            dropped,
            missing: Missing(Vec::new(), 0),
            skipped_blocks: 0,
        }
    }

    /// Notes what trial `index` lacks; returns whether it lacks nothing.
    fn check(&mut self, index: usize, t: &WireTrial) -> bool {
        let m = &mut self.missing;
        let before = m.0.len() + m.1;
        m.check(t.id.is_some(), || format!("trials[{index}].id"));
        m.check(t.name.is_some(), || format!("trials[{index}].name"));
        m.check(t.status.is_some(), || format!("trials[{index}].status"));
        m.check(t.blocks.present, || format!("trials[{index}].blocks"));
        m.check(t.impulse.0.is_some(), || format!("trials[{index}].impulse"));
        self.skipped_blocks += t.blocks.dropped;
        m.0.len() + m.1 == before && t.blocks.dropped == 0
    }
}

/// Collects the JSON paths of required fields that were absent.
struct Missing(Vec<String>, usize);

impl Missing {
    fn check(&mut self, present: bool, path: impl FnOnce() -> String) {
        if !present {
            if self.0.len() < MAX_MISSING {
                self.0.push(path());
            } else {
                self.1 += 1;
            }
        }
    }

    fn finish(mut self) -> Vec<String> {
        if self.1 > 0 {
            self.0.push(format!("and {} more", self.1));
        }
        self.0
    }
}

fn convert<T>(w: WireState<T>, trials: Vec<Trial>, notes: TrialNotes) -> Run {
    let mut missing = Missing(Vec::new(), 0);
    let mut skipped = notes.dropped + notes.skipped_blocks + w.workers.dropped;

    missing.check(w.config.0.is_some(), || "config".into());
    let config = match w.config.0 {
        Some(c) => {
            missing.check(c.target_latency.is_some(), || "config.targetLatency".into());
            missing.check(c.target_device.0.is_some(), || "config.targetDevice".into());
            skipped += c.optimization_objectives.dropped + c.space.dropped;
            convert_config(c)
        }
        None => Config::default(),
    };

    missing.check(w.status.0.is_some(), || "status".into());
    let (counts, status) = match w.status.0 {
        Some(s) => {
            for (present, name) in [
                (s.num_pending_trials.is_some(), "numPendingTrials"),
                (s.num_running_trials.is_some(), "numRunningTrials"),
                (s.num_completed_trials.is_some(), "numCompletedTrials"),
                (s.num_failed_trials.is_some(), "numFailedTrials"),
                (s.status.is_some(), "status"),
            ] {
                missing.check(present, || format!("status.{name}"));
            }
            let counts = Counts {
                pending: s.num_pending_trials,
                running: s.num_running_trials,
                completed: s.num_completed_trials,
                failed: s.num_failed_trials,
                ready_workers: s.num_ready_workers,
                busy_workers: s.num_busy_workers,
                pending_workers: s.num_pending_workers,
            };
            (counts, s.status.as_deref().map(RunStatus::parse))
        }
        None => (Counts::default(), None),
    };

    missing.check(w.tuner_job_is_running.is_some(), || {
        "tunerJobIsRunning".into()
    });
    missing.check(notes.present, || "trials".into());
    missing.check(w.workers.present, || "workers".into());
    // Per-trial paths come after the run's own (they were collected while reading trials).
    for path in notes.missing.0 {
        missing.check(false, || path);
    }
    missing.1 += notes.missing.1;

    let workers = w
        .workers
        .items
        .into_iter()
        .enumerate()
        .map(|(i, wk)| Worker {
            id: wk.worker_id.unwrap_or_else(|| format!("worker #{}", i + 1)),
            status: wk.status.as_deref().map(WorkerStatus::parse),
        })
        .collect();

    Run {
        status,
        is_running: w.tuner_job_is_running,
        algorithm: w
            .tuning_algorithm
            .as_deref()
            .map(Algorithm::parse)
            .or_else(|| config.algorithm.clone()),
        data_type: w.project_data_type.as_deref().map(DataType::parse),
        job_error: w.job_error.filter(|e| !e.trim().is_empty()),
        counts,
        config,
        workers,
        trials,
        tuner_job_id: w.tuner_job_id,
        tuner_coordinator_job_id: w.tuner_coordinator_job_id,
        continuation_job_id: w.continuation_job_id,
        next_run_index: w.next_run_index,
        can_extend_search: w.can_extend_search,
        is_whitelabel: w.is_whitelabel,
        total_training_time_exceeded: w.total_training_time_exceeded,
        missing: missing.finish(),
        skipped_items: skipped,
    }
}

fn convert_config(c: WireConfig) -> Config {
    Config {
        name: c.name,
        target_latency_ms: c.target_latency,
        device: c.target_device.0.map(|d| Device {
            name: d.name,
            ram: d.ram,
            rom: d.rom,
        }),
        compilers: c.compiler,
        precisions: c.precision,
        training_cycles: c.training_cycles,
        max_trials: c.tuning_max_trials,
        workers: c.tuning_workers,
        initial_trials: c.initial_trials,
        optimization_rounds: c.optimization_rounds,
        trials_per_round: c.trials_per_optimization_round,
        min_maccs: c.min_maccs,
        max_maccs: c.max_maccs,
        algorithm: c.tuning_algorithm.as_deref().map(Algorithm::parse),
        notification_on_completion: c.notification_on_completion,
        import_project_metrics: c.import_project_metrics,
        import_resource_metrics: c.import_resource_metrics,
        num_import_project_metrics: c.num_import_project_metrics,
        num_import_resource_metrics: c.num_import_resource_metrics,
        enable_sem: c.enable_sem,
        accuracy_sem: c.accuracy_sem,
        latency_sem: c.latency_sem,
        objectives: c
            .optimization_objectives
            .items
            .into_iter()
            .map(|o| Objective {
                name: o.objective,
                label: o.label,
                weight: o.weight,
            })
            .collect(),
        raw_objectives: c.raw_objectives,
        optimization_precision: c.optimization_precision,
        early_stopping: c.early_stopping,
        early_stopping_window: c.early_stopping_window_size,
        early_stopping_bar: c.early_stopping_improvement_bar,
        momf: c.momf,
        verbose_logging: c.verbose_logging,
        disable_constraints: c.disable_constraints,
        disable_deduplicate: c.disable_deduplicate,
        max_total_training_time_s: c.max_total_training_time,
        child_job_memory_mib: c.tuner_child_job_memory_mib,
        space_options: match c.tuner_space_options {
            Some(Value::Object(map)) => {
                map.into_iter().map(|(k, v)| (k, string_list(&v))).collect()
            }
            _ => Vec::new(),
        },
        space: c.space.items.into_iter().map(convert_space).collect(),
        template: c.search_space_template.0.map(|t| SearchTemplate {
            identifier: t.identifier,
            classification: t.classification,
            anomaly: t.anomaly,
            regression: t.regression,
        }),
        source: c.search_space_source.0.map(|s| SearchSource {
            kind: s.kind,
            template_title: s.template_title,
            run_title: s.run_title,
            impulse_title: s.impulse_title,
        }),
    }
}

fn string_list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().map(value_text).collect(),
        other => vec![value_text(other)],
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn convert_space(s: WireSpaceImpulse) -> SpaceImpulse {
    SpaceImpulse {
        parameters: match s.parameters {
            Some(Value::Object(map)) => map.into_iter().collect(),
            _ => Vec::new(),
        },
        input: s.input_blocks.into_iter().map(space_block).collect(),
        dsp: s.dsp_blocks.into_iter().map(space_block).collect(),
        learn: s
            .learn_blocks
            .into_iter()
            .map(|alt| match alt {
                Value::Array(chain) => chain.into_iter().map(space_block).collect(),
                single => vec![space_block(single)],
            })
            .collect(),
    }
}

fn space_block(v: Value) -> SpaceBlock {
    match v {
        Value::Object(map) => {
            let mut block = SpaceBlock::default();
            for (k, v) in map {
                if k == "type" {
                    block.type_name = Some(value_text(&v));
                } else {
                    block.options.push((k, v));
                }
            }
            block
        }
        other => SpaceBlock {
            type_name: Some(value_text(&other)),
            options: Vec::new(),
        },
    }
}

/// Whether `text` is one JSON value.
fn is_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// A trial's `metrics`: what the list reads of them, and their text for the details.
#[derive(Default)]
struct MetricsRead {
    summary: WireMetricSummary,
    text: Option<Box<str>>,
}

/// Reads the accuracies of a trial's `metrics` text (`null` is no metrics, as serde reads a
/// missing field), keeping the text; an error only where serde could not walk the text.
fn read_metrics(text: &str) -> Result<MetricsRead, serde_json::Error> {
    if text == "null" {
        return Ok(MetricsRead::default());
    }
    let summary = serde_json::from_str::<Lenient<WireMetricSummary>>(text)?;
    Ok(MetricsRead {
        summary: summary.0.unwrap_or_default(),
        text: Some(text.into()),
    })
}

fn convert_trial(
    index: usize,
    t: WireTrial,
    metrics: MetricsRead,
    [input, dsp, learn]: [Vec<ImpulseBlock>; 3],
    seen: &mut HashSet<String>,
) -> Trial {
    let id = t.id.unwrap_or_default();
    // Keys must be unique for keyed lists; a missing or repeated id gets a positional suffix.
    let key = if !id.is_empty() && seen.insert(id.clone()) {
        id.clone()
    } else {
        let key = format!("{id}#{index}");
        seen.insert(key.clone());
        key
    };
    let perf = t.device_performance.0.unwrap_or_default();
    let summary = metrics.summary;
    let dsp_job = t.dsp_job_id.0.unwrap_or_default();
    Trial {
        id,
        key,
        index,
        name: t.name,
        status: t.status.as_deref().map(TrialStatus::parse),
        blocks: t
            .blocks
            .items
            .into_iter()
            .map(|b| BlockState {
                id: b.id,
                kind: b.kind.as_deref().map(BlockKind::parse),
                status: b.status.as_deref().map(TrialStatus::parse),
                retries: b.retries,
                last_active_ms: b.last_active.as_deref().and_then(parse_rfc3339_ms),
                model_block_index: b.model_block_index,
            })
            .collect(),
        input,
        dsp,
        learn,
        last_completed_epoch_ms: t.last_completed_epoch.as_deref().and_then(parse_rfc3339_ms),
        last_completed_training_ms: t
            .last_completed_training
            .as_deref()
            .and_then(parse_rfc3339_ms),
        retries: t.retries,
        current_epoch: t.current_epoch,
        worker_id: t.worker_id,
        experiment: t.experiment,
        original_trial_id: t.original_trial_id,
        model: t.model.map_or_else(LazyValue::default, LazyValue::from_raw),
        dsp_job_training: dsp_job.training,
        dsp_job_testing: dsp_job.testing,
        learn_job_id: t.learn_job_id,
        device: DevicePerformance {
            float32: perf.float32.0.map(precision_performance),
            int8: perf.int8.0.map(precision_performance),
        },
        round: t.optimization_round,
        progress: t.progress.0.map(|p| Progress {
            epoch: p.epoch,
            loss: p.loss,
            val_loss: p.val_loss,
            accuracy: p.accuracy,
            val_accuracy: p.val_accuracy,
        }),
        metrics: MetricSets {
            validation: accuracies(summary.validation.0),
            test: accuracies(summary.test.0),
            train: accuracies(summary.train.0),
        },
        details: LazyDetails::of_metrics(metrics.text),
        added_to_project: t.impulse_added_to_project.0.map(|a| AddedToProject {
            impulse_id: a.impulse_id,
            link: a.link,
        }),
        post_processing: t.created_in_post_processing.unwrap_or(false),
    }
}

fn precision_performance(p: WirePrecisionPerformance) -> PrecisionPerformance {
    let memory = |m: WireMemory| Memory {
        ram: m.ram_required,
        rom: m.rom_required,
        arena: m.arena_size,
        model_size: m.model_size,
    };
    PrecisionPerformance {
        latency_ms: p.latency,
        tflite: p.tflite.0.map(memory),
        eon: p.eon.0.map(memory),
        eon_ram_optimized: p.eon_ram_optimized.0.map(memory),
    }
}

fn accuracies(p: Option<WirePrecisionSummary>) -> PrecisionMetrics {
    let p = p.unwrap_or_default();
    let metrics = |a: Lenient<WireAccuracy>| {
        a.0.map(|a| Metrics {
            accuracy: a.accuracy.filter(|a| a.is_finite()),
            ..Metrics::default()
        })
    };
    PrecisionMetrics {
        float32: metrics(p.float32),
        int8: metrics(p.int8),
    }
}

/// Reads a trial's details from the text kept at parse time (see [`Trial::details`]).
pub(crate) fn read_details(t: &Trial) -> TrialDetails {
    let mut notes = Vec::new();
    let tree = |text: &str| serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
    let metrics = match t.details.metrics.as_deref() {
        None => t.metrics.clone(),
        Some(raw) => {
            metric_notes(&tree(raw), &mut notes);
            let sets = serde_json::from_str::<Lenient<WireMetricSets>>(raw)
                .ok()
                .and_then(|l| l.0)
                .unwrap_or_default();
            MetricSets {
                validation: precision_metrics(sets.validation.0),
                test: precision_metrics(sets.test.0),
                train: precision_metrics(sets.train.0),
            }
        }
    };
    if let Some(text) = t.model.text() {
        not_object(
            &mut notes,
            "model",
            &tree(text),
            "no model parameter could be read",
        );
    }
    for (list, blocks) in [
        ("inputBlocks", &t.input),
        ("dspBlocks", &t.dsp),
        ("learnBlocks", &t.learn),
    ] {
        for (i, b) in blocks.iter().enumerate() {
            let Some(entry) = b.config.entry_text().map(tree) else {
                continue;
            };
            let path = format!("impulse.{list}[{i}]");
            if not_object(&mut notes, &path, &entry, "only its type could be read") {
                continue;
            }
            if let Some(config) = entry.get("config") {
                let path = format!("{path}.config");
                not_object(
                    &mut notes,
                    &path,
                    config,
                    "its parameters could not be read",
                );
            }
        }
    }
    TrialDetails { metrics, notes }
}

/// Notes "`path` is a list, not an object: `then`." when `v` is neither an object nor `null`
/// (`null` reads as absent); returns whether `v` is not an object.
fn not_object(notes: &mut Vec<String>, path: &str, v: &Value, then: &str) -> bool {
    let kind = match v {
        Value::Object(_) => return false,
        Value::Null => return true,
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
    };
    notes.push(format!("`{path}` is {kind}, not an object: {then}."));
    true
}

/// Notes on the parts of `metrics` that are not of the documented shape (each then reads as
/// absent: the rest is shown).
fn metric_notes(tree: &Value, notes: &mut Vec<String>) {
    if not_object(notes, "metrics", tree, "no metric could be read") {
        return;
    }
    for set in ["validation", "test", "train"] {
        let set_value = &tree[set];
        let path = format!("metrics.{set}");
        if not_object(notes, &path, set_value, "its metrics could not be read") {
            continue;
        }
        for precision in ["float32", "int8"] {
            let m = &set_value[precision];
            let path = format!("{path}.{precision}");
            if not_object(notes, &path, m, "its metrics could not be read") {
                continue;
            }
            let matrix = &m["confusionMatrix"];
            let rows = matrix.as_array().map(Vec::as_slice).unwrap_or_default();
            let cells_ok = rows
                .iter()
                .all(|r| r.as_array().is_some_and(|r| r.iter().all(Value::is_number)));
            let table = matrix.is_array() && cells_ok;
            if !(matrix.is_null() || table) {
                notes.push(format!(
                    "`{path}.confusionMatrix` is not a table of numbers: it is not shown."
                ));
            }
            let report = &m["report"];
            let path = format!("{path}.report");
            not_object(notes, &path, report, "the classes are not labelled");
        }
    }
}

fn precision_metrics(p: Option<WirePrecisionMetrics>) -> PrecisionMetrics {
    let p = p.unwrap_or_default();
    PrecisionMetrics {
        float32: p.float32.0.map(keras_metrics),
        int8: p.int8.0.map(keras_metrics),
    }
}

fn keras_metrics(m: WireKerasMetrics) -> Metrics {
    Metrics {
        accuracy: m.accuracy.filter(|a| a.is_finite()),
        loss: m.loss,
        confusion_matrix: m.confusion_matrix,
        report: m.report,
        is_supported_on_mcu: m.is_supported_on_mcu,
        mcu_support_error: m.mcu_support_error,
        additional: additional_metrics(m.additional_metrics),
    }
}

fn additional_metrics(list: LenientVec<WireAdditionalMetric>) -> Vec<AdditionalMetric> {
    list.items
        .into_iter()
        .map(|a| AdditionalMetric {
            name: a.name,
            value: a.value,
            full_precision_value: a.full_precision_value,
            tooltip: a.tooltip_text,
            link: a.link,
        })
        .collect()
}

/// Reads what the list needs of an impulse entry ([`WireBlockEntry`]) and keeps its text for
/// the parameters ([`Params`], read on demand by [`entry_config`]). An entry that is not an
/// object, or that the typed reader cannot take (a repeated key), is read whole by
/// [`impulse_block`], the reference both ways must agree with.
///
/// An error only where serde could not walk the text (not JSON, or nested too deep).
fn read_block(text: &str) -> Result<ImpulseBlock, serde_json::Error> {
    let head = match text.starts_with('{') {
        true => match serde_json::from_str::<WireBlockEntry>(text) {
            Ok(e) => Some(e),
            Err(e) if e.is_syntax() || e.is_eof() => return Err(e),
            Err(_) => None,
        },
        false => None,
    };
    let Some(e) = head else {
        // Its parameters are still read on demand (and any note about them made) from the
        // text.
        let whole = impulse_block(serde_json::from_str(text)?);
        return Ok(ImpulseBlock {
            config: Params::from_entry(text.into()),
            ..whole
        });
    };
    let (meta_id, kind, title, name) = match e.block.0 {
        Some(m) => (m.id, m.kind, m.title, m.name),
        None => (e.id, e.kind, e.title, e.name),
    };
    let perf = e.performance.0.or(e.estimated_performance.0);
    let pick = |set: &Lenient<WirePrecisionSummary>, int8: bool| {
        let set = set.0.as_ref()?;
        let precision = if int8 { &set.int8 } else { &set.float32 };
        precision.0.as_ref()?.accuracy
    };
    let metrics = e.metrics.0.unwrap_or_default();
    // Only a fallback, so its text is read only when the metrics lack an accuracy.
    let validated = |precision: &str| {
        let metadata = serde_json::from_str(e.metadata.as_deref()?.get()).ok()?;
        validated_accuracy(&metadata, precision)
    };
    Ok(ImpulseBlock {
        id: meta_id,
        type_name: kind,
        title,
        name,
        latency_ms: perf.as_ref().map_or(Reading::Missing, |p| p.latency),
        ram: perf.as_ref().map_or(Reading::Missing, |p| p.ram),
        accuracy: Accuracies {
            validation: PrecisionPair {
                float32: pick(&metrics.validation, false).or_else(|| validated("float32")),
                int8: pick(&metrics.validation, true).or_else(|| validated("int8")),
            },
            test: PrecisionPair {
                float32: pick(&metrics.test, false),
                int8: pick(&metrics.test, true),
            },
        },
        config: Params::from_entry(text.into()),
    })
}

/// The parameters of an impulse entry given as JSON text (see [`impulse_block`]).
pub(crate) fn entry_config(text: &str) -> Vec<(String, Value)> {
    serde_json::from_str(text)
        .map(|v| impulse_block(v).config.to_vec())
        .unwrap_or_default()
}

/// Reads an impulse entry whole: nested `{block: {...}, config: {...}, performance, metrics,
/// metadata}` or flat `{id, type, title, ...parameters}`.
fn impulse_block(v: Value) -> ImpulseBlock {
    let Value::Object(mut entry) = v else {
        return ImpulseBlock {
            type_name: Some(value_text(&v)),
            ..Default::default()
        };
    };
    let mut out = ImpulseBlock::default();
    let nested = matches!(entry.get("block"), Some(Value::Object(_)));
    let meta: Map<String, Value> = if nested {
        match entry.remove("block") {
            Some(Value::Object(m)) => m,
            _ => Map::new(),
        }
    } else {
        Map::new()
    };
    let source = if nested { &meta } else { &entry };
    out.id = source.get("id").and_then(as_u64);
    out.type_name = source.get("type").map(value_text);
    out.title = source
        .get("title")
        .and_then(Value::as_str)
        .map(str::to_owned);
    out.name = source
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_owned);

    // Without a `performance` object both stay `Missing`: the DSP cost is unknown, not 0.
    let perf = ["performance", "estimatedPerformance"]
        .iter()
        .find_map(|key| match entry.get(*key) {
            Some(Value::Object(perf)) => Some(perf),
            _ => None,
        });
    if let Some(perf) = perf {
        out.latency_ms = reading_of_value(perf.get("latency"));
        out.ram = reading_of_value(perf.get("ram"));
    }
    out.accuracy = block_accuracies(&entry);

    if nested {
        if let Some(Value::Object(config)) = entry.remove("config") {
            out.config = config.into_iter().collect();
        }
    } else {
        let mut config = Vec::new();
        const META: [&str; 11] = [
            "id",
            "type",
            "title",
            "name",
            "performance",
            "estimatedPerformance",
            "metrics",
            "metadata",
            "createdBy",
            "createdAt",
            "config",
        ];
        if let Some(Value::Object(own)) = entry.remove("config") {
            config.extend(own);
        }
        config.extend(
            entry
                .into_iter()
                .filter(|(k, _)| !META.contains(&k.as_str())),
        );
        out.config = config.into();
    }
    out
}

fn as_u64(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| {
        v.as_f64()
            .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < 9.0e15)
            .map(|f| f as u64)
    })
}

/// A finite number, or numeric text (as [`super::lenient::opt_f64`] reads one).
fn finite(v: &Value) -> Option<f64> {
    v.as_f64()
        .or_else(|| v.as_str()?.trim().parse().ok())
        .filter(|f| f.is_finite())
}

/// `metadata.modelValidationMetrics[type == precision].accuracy` of a learn block.
fn validated_accuracy(metadata: &Value, precision: &str) -> Option<f64> {
    metadata
        .get("modelValidationMetrics")?
        .as_array()?
        .iter()
        .find(|m| m.get("type").and_then(Value::as_str) == Some(precision))?
        .get("accuracy")
        .and_then(finite)
}

/// Learn-block accuracies: `metrics.{validation,test}.{float32,int8}.accuracy`, with
/// `metadata.modelValidationMetrics[type].accuracy` as the validation fallback.
fn block_accuracies(entry: &Map<String, Value>) -> Accuracies {
    let pick = |set: &str, precision: &str| {
        entry
            .get("metrics")?
            .get(set)?
            .get(precision)?
            .get("accuracy")
            .and_then(finite)
    };
    let validated = |precision: &str| validated_accuracy(entry.get("metadata")?, precision);
    Accuracies {
        validation: PrecisionPair {
            float32: pick("validation", "float32").or_else(|| validated("float32")),
            int8: pick("validation", "int8").or_else(|| validated("int8")),
        },
        test: PrecisionPair {
            float32: pick("test", "float32"),
            int8: pick("test", "int8"),
        },
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::json;
    use std::io::Read;

    fn fixture(name: &str) -> String {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let mut text = String::new();
        let file = std::fs::File::open(&path).unwrap();
        if name.ends_with(".gz") {
            flate2::read::GzDecoder::new(file)
                .read_to_string(&mut text)
                .unwrap();
        } else {
            std::io::BufReader::new(file)
                .read_to_string(&mut text)
                .unwrap();
        }
        text
    }

    /// The lazy reader of an entry agrees with reading the entry whole, parameters included.
    fn assert_same(entry: &Value, context: &str) {
        let text = serde_json::to_string(entry).unwrap();
        let fast = read_block(&text).unwrap();
        assert!(
            !fast.config.is_read() || !entry.is_object(),
            "{context}: read early"
        );
        let whole = impulse_block(entry.clone());
        assert_eq!(fast, whole, "{context}: {entry}");
        assert_eq!(&*fast.config, &*whole.config, "{context}: {entry}");
    }

    #[test]
    fn every_fixture_block_reads_the_same_lazily_as_whole() {
        let mut blocks = 0;
        for name in [
            "running-early.json",
            "running-mid.json",
            "completed.json",
            "job-error.json",
            "hostile.json",
            "compare-board.json",
            "large-2000.json.gz",
        ] {
            let state: Value = serde_json::from_str(&fixture(name)).unwrap();
            let trials = state["trials"].as_array().cloned().unwrap_or_default();
            for (i, t) in trials.iter().enumerate() {
                for list in ["inputBlocks", "dspBlocks", "learnBlocks"] {
                    let entries = t["impulse"][list].as_array().cloned().unwrap_or_default();
                    for (j, entry) in entries.iter().enumerate() {
                        assert_same(entry, &format!("{name} trials[{i}].{list}[{j}]"));
                        blocks += 1;
                    }
                }
            }
        }
        assert!(blocks > 6000, "only {blocks} blocks");
    }

    #[test]
    fn odd_block_entries_read_the_same_lazily_as_whole() {
        let cases = [
            // Flat shape, odd types: id as text, type a number, title not text.
            json!({"id": "3", "type": 12, "title": 5, "name": "n", "axis": [1, 2]}),
            json!({"id": 3.0, "type": null, "config": {"a": 1}, "b": {"c": true}}),
            json!({"id": -1, "type": ["x"], "createdAt": "t", "frameLength": 0.02}),
            // Nested, with figures as text, negative, missing.
            json!({"block": {"id": 2, "type": "mfe", "title": "MFE"}, "config": {"n": 40},
                   "performance": {"latency": "12.5", "ram": -3}}),
            json!({"block": {"id": 2}, "estimatedPerformance": {"latency": 4, "ram": "x"}}),
            json!({"estimatedPerformance": {"latency": 4}, "performance": {"latency": 5}}),
            json!({"block": "not an object", "type": "flat", "performance": [1]}),
            // Accuracies: text is not a number; metadata is the validation fallback.
            json!({"block": {"type": "keras"}, "metrics": {"validation": {"int8": {"accuracy": "0.9"}},
                   "test": {"float32": {"accuracy": 0.8}}},
                   "metadata": {"modelValidationMetrics": [5, {"type": "int8", "accuracy": 0.7},
                   {"type": "float32"}, {"type": "float32", "accuracy": 0.6}]}}),
            json!({"block": {"type": "keras"}, "metrics": "none", "metadata": {"modelValidationMetrics": {}}}),
            // Not objects at all.
            json!("mfe"),
            json!(7),
            json!(null),
            json!([{"type": "mfe"}]),
        ];
        for (i, entry) in cases.iter().enumerate() {
            assert_same(entry, &format!("case {i}"));
        }
    }

    #[test]
    fn a_repeated_key_is_read_as_a_tree_reads_it() {
        // The typed reader refuses a repeated field; the entry is then read whole (last wins).
        let text = r#"{"block": {"type": "a"}, "block": {"type": "b"}, "config": {"x": 1}}"#;
        let block = read_block(text).unwrap();
        assert_eq!(block.type_name.as_deref(), Some("b"));
        assert_eq!(&*block.config, &[("x".to_owned(), json!(1))]);
    }

    #[test]
    fn parameters_and_model_are_read_only_when_used() {
        let body = fixture("completed.json");
        let run = parse_state(&body).unwrap();
        let t = &run.trials[0];
        let learn = &t.learn[0];
        assert!(!learn.config.is_read() && !t.model.is_read());
        assert!(learn.config.iter().any(|(k, _)| k == "trainingCycles"));
        assert!(t.model.as_ref().is_some_and(Value::is_object));
        assert!(learn.config.is_read() && t.model.is_read());
    }
}
