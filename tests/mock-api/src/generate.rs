//! Generated EON Tuner states of any size, for scale tests and the benchmark.
//!
//! `GET /gen/{trials}/{changed}/v1/api/{project}/optimize/{job}/state` (see the crate
//! documentation) answers with a *running* run of exactly `trials` trials (1 to
//! [`MAX_TRIALS`]). The trials are clones of the trials of `large-2000.json.gz` with new ids
//! (`gen-00000`, `gen-00001`, …), new names (`{design}-{n}`, e.g. `image-mobilenetv2-a1-42`)
//! and their latency, RAM, ROM and accuracy scaled by per-trial factors, so that sorting,
//! filtering and the budget give a realistic spread. The run's target is set so that a good
//! share of the trials is over it (`targetLatency` 3 ms, 640 KiB RAM, 1 MiB ROM).
//!
//! In creation order the trials are mostly `completed` (about 1 % `failed`), then 2.5 %
//! `running`, then 2.5 % `pending` (the last ones). The `status` counters always equal what the
//! trials say; there is one worker per initially running trial, `busy` while there are running
//! trials to keep it busy and `ready` otherwise.
//!
//! **Successive snapshots.** Each request for the same `(trials, changed, job)` returns the next
//! snapshot of that stream: the first request gets snapshot 0, and each later one differs from the
//! previous answer in exactly `changed` trials (the next `changed` trials in creation order,
//! wrapping around, so every trial gets its turn); every other trial is byte-for-byte the same.
//! A changed trial moves on in its life: `pending` → `running` (epoch 0, 1, … with live
//! `progress`) → `completed` after 20 epochs; `failed` → `pending` (retried); a `completed`
//! trial's accuracy moves by a tenth of a point. `changed = 0` repeats snapshot 0 forever.
//! Everything is deterministic: the same requests give the same bytes.
//!
//! **Speed.** Snapshot 0 of each size is generated once (all trials serialised) and kept; a
//! stream keeps the serialised trials of its last answer and re-serialises only the changed
//! ones, so an answer costs little more than copying the bytes.

use std::collections::HashMap;
use std::io;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde_json::{json, Map, Value};

use crate::fixtures::Fixtures;

/// The largest number of trials [`Generator::next`] makes.
pub const MAX_TRIALS: usize = 20_000;

/// The fixture the trials are cloned from.
const SOURCE: &str = "large-2000.json.gz";

/// Epochs a trial trains for before it completes.
const EPOCHS: u32 = 20;

/// Where a trial is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Pending,
    Running {
        epoch: u32,
    },
    /// Completed; `nudge` moves its accuracy by `nudge % 5` tenths of a point.
    Completed {
        nudge: u32,
    },
    Failed,
}

impl Phase {
    /// The phase after `steps` changes.
    fn advance(self, steps: u32) -> Phase {
        match (self, steps) {
            (phase, 0) => phase,
            (Phase::Failed, n) => Phase::Pending.advance(n - 1),
            (Phase::Pending, n) => Phase::Running { epoch: 0 }.advance(n - 1),
            (Phase::Running { epoch }, n) => {
                let epoch = epoch + n;
                if epoch >= EPOCHS {
                    Phase::Completed {
                        nudge: epoch - EPOCHS,
                    }
                } else {
                    Phase::Running { epoch }
                }
            }
            (Phase::Completed { nudge }, n) => Phase::Completed { nudge: nudge + n },
        }
    }

    /// The trial status this phase is shown as.
    fn status(self) -> Status {
        match self {
            Phase::Pending => Status::Pending,
            Phase::Running { .. } => Status::Running,
            Phase::Completed { .. } => Status::Completed,
            Phase::Failed => Status::Failed,
        }
    }
}

/// A trial status, usable as an index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Pending = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

impl Status {
    fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "pending" => Status::Pending,
            "running" => Status::Running,
            "completed" => Status::Completed,
            "failed" => Status::Failed,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Running => "running",
            Status::Completed => "completed",
            Status::Failed => "failed",
        }
    }
}

/// The phase of trial `i` (of `n`) in snapshot 0.
fn base_phase(i: usize, n: usize) -> Phase {
    let (pending, running) = if n >= 3 {
        ((n / 40).max(1), (n / 40).max(1))
    } else {
        (0, 0)
    };
    if i >= n - pending {
        Phase::Pending
    } else if i >= n - pending - running {
        Phase::Running {
            epoch: (i as u32 * 7) % EPOCHS,
        }
    } else if i % 97 == 50 {
        Phase::Failed
    } else {
        Phase::Completed { nudge: 0 }
    }
}

/// The number of workers of a run of `n` trials: one per trial running in snapshot 0.
fn worker_count(n: usize) -> usize {
    (0..n)
        .filter(|&i| matches!(base_phase(i, n), Phase::Running { .. }))
        .count()
        .max(1)
}

/// A deterministic 64-bit mix of `x` (splitmix64).
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A number in `[lo, hi)` drawn from trial `i` and `salt`.
fn draw(i: usize, salt: u64, lo: f64, hi: f64) -> f64 {
    let unit = (mix(i as u64 ^ (salt << 40)) >> 11) as f64 / (1u64 << 53) as f64;
    lo + (hi - lo) * unit
}

/// The trials of the source fixture, and the run around them.
struct Templates {
    /// The source run without `trials`, `status` and `workers`.
    run: Map<String, Value>,
    /// Design names (trial names without the trailing `-{n}`), sorted.
    designs: Vec<String>,
    /// Per status: the trials of that status.
    by_status: [Vec<Value>; 4],
    /// Per status and design (index into `designs`): the trials of that status and design.
    by_design: [Vec<Vec<usize>>; 4],
}

impl Templates {
    fn load(fixtures: &Fixtures) -> io::Result<Templates> {
        let bytes = fixtures.get(SOURCE)?;
        let invalid =
            |what: &str| io::Error::new(io::ErrorKind::InvalidData, format!("{SOURCE}: {what}"));
        let mut run: Map<String, Value> =
            serde_json::from_slice(&bytes).map_err(|e| invalid(&e.to_string()))?;
        let Some(Value::Array(trials)) = run.remove("trials") else {
            return Err(invalid("no trials"));
        };
        run.remove("status");
        run.remove("workers");
        let design = |t: &Value| -> String {
            let name = t["name"].as_str().unwrap_or("trial");
            match name.rsplit_once('-') {
                Some((design, n)) if n.bytes().all(|b| b.is_ascii_digit()) => design.to_owned(),
                _ => name.to_owned(),
            }
        };
        let mut designs: Vec<String> = trials.iter().map(design).collect();
        designs.sort();
        designs.dedup();
        let mut by_status: [Vec<Value>; 4] = Default::default();
        let mut by_design: [Vec<Vec<usize>>; 4] = Default::default();
        for list in &mut by_design {
            *list = vec![Vec::new(); designs.len()];
        }
        for trial in trials {
            let Some(status) = trial["status"].as_str().and_then(Status::parse) else {
                continue;
            };
            let d = designs.binary_search(&design(&trial)).unwrap_or(0);
            by_design[status as usize][d].push(by_status[status as usize].len());
            by_status[status as usize].push(trial);
        }
        if by_status.iter().any(Vec::is_empty) {
            return Err(invalid("needs trials of every status"));
        }
        Ok(Templates {
            run,
            designs,
            by_status,
            by_design,
        })
    }

    /// The design of trial `i`.
    fn design(&self, i: usize) -> usize {
        (mix(i as u64 ^ 0xde51) % self.designs.len() as u64) as usize
    }

    /// The template trial `i` is cloned from while it has `status`: one of its design if any.
    fn template(&self, i: usize, status: Status) -> &Value {
        let all = &self.by_status[status as usize];
        let same_design = &self.by_design[status as usize][self.design(i)];
        let pick = mix(i as u64 ^ 0x7e3a) as usize;
        if same_design.is_empty() {
            &all[pick % all.len()]
        } else {
            &all[same_design[pick % same_design.len()]]
        }
    }

    /// Trial `i` in `phase`, as JSON text.
    fn trial(&self, i: usize, phase: Phase, workers: usize) -> String {
        let mut trial = self.template(i, phase.status()).clone();
        let id = format!("gen-{i:05}");
        let scale = Scale {
            latency: draw(i, 1, 0.7, 1.45),
            ram: draw(i, 2, 0.75, 1.35),
            rom: draw(i, 3, 0.7, 1.5),
            accuracy: draw(i, 4, -0.06, 0.06)
                + match phase {
                    Phase::Completed { nudge } => f64::from(nudge % 5) * 0.001,
                    _ => 0.0,
                },
        };
        scale.apply(&mut trial);
        let Value::Object(obj) = &mut trial else {
            return trial.to_string();
        };
        obj.insert("id".into(), json!(id));
        obj.insert(
            "name".into(),
            json!(format!("{}-{}", self.designs[self.design(i)], i + 1)),
        );
        obj.insert("status".into(), json!(phase.status().name()));
        obj.remove("original_trial_id");
        obj.remove("createdInPostProcessing");
        obj.remove("experiment");
        obj.remove("impulseAddedToProject");
        if let Some(Value::Object(model)) = obj.get_mut("model") {
            model.insert("id".into(), json!(id));
        }
        if obj.contains_key("workerId") {
            obj.insert(
                "workerId".into(),
                json!(format!("tuner-worker-{}", i % workers + 1)),
            );
        }
        if let Phase::Running { epoch } = phase {
            let e = f64::from(epoch);
            let loss = 1.1 * (-e / 6.0).exp() + 0.08 + draw(i, 5, 0.0, 0.05);
            let acc = (0.45 + 0.5 * (1.0 - (-e / 5.0).exp()) + scale.accuracy).clamp(0.05, 0.99);
            obj.insert("currentEpoch".into(), json!(epoch));
            obj.insert(
                "progress".into(),
                json!({
                    "epoch": epoch,
                    "loss": round(loss, 4),
                    "val_loss": round(loss * 1.15, 4),
                    "accuracy": round(acc, 4),
                    "val_accuracy": round(acc - 0.02, 4),
                }),
            );
        }
        trial.to_string()
    }
}

/// Per-trial factors applied to every figure of a template.
struct Scale {
    latency: f64,
    ram: f64,
    rom: f64,
    accuracy: f64,
}

impl Scale {
    /// Scales every latency, RAM and ROM figure and shifts every accuracy inside `value`.
    fn apply(&self, value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    match (key.as_str(), &*v) {
                        ("latency", Value::Number(n)) => {
                            let x = n.as_f64().unwrap_or(0.0) * self.latency;
                            *v = json!(round(x, 2).max(0.01));
                        }
                        ("ram" | "ramRequired" | "arenaSize", Value::Number(n)) => {
                            *v = json!((n.as_f64().unwrap_or(0.0) * self.ram).round() as u64);
                        }
                        ("rom" | "romRequired" | "modelSize" | "size", Value::Number(n)) => {
                            *v = json!((n.as_f64().unwrap_or(0.0) * self.rom).round() as u64);
                        }
                        ("accuracy" | "val_accuracy", Value::Number(n)) => {
                            let x = (n.as_f64().unwrap_or(0.0).min(0.985) + self.accuracy)
                                .clamp(0.02, 0.99);
                            *v = json!(round(x, 4));
                        }
                        _ => self.apply(v),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.apply(v)),
            _ => {}
        }
    }
}

fn round(x: f64, decimals: i32) -> f64 {
    let p = 10f64.powi(decimals);
    (x * p).round() / p
}

/// Snapshot 0 of a run of some size.
struct Base {
    /// `config` as JSON text.
    config: String,
    /// The other top-level fields before `trials`, as `"key":value,` text.
    before: String,
    /// The top-level fields after `trials` and `workers`, as `,"key":value` text.
    after: String,
    trials: Vec<Arc<str>>,
    counts: [usize; 4],
    workers: usize,
}

impl Base {
    fn new(t: &Templates, n: usize) -> Base {
        let workers = worker_count(n);
        let mut counts = [0; 4];
        let trials = (0..n)
            .map(|i| {
                let phase = base_phase(i, n);
                counts[phase.status() as usize] += 1;
                Arc::from(t.trial(i, phase, workers))
            })
            .collect();
        let mut config = t.run.get("config").cloned().unwrap_or_else(|| json!({}));
        if let Value::Object(c) = &mut config {
            c.insert("name".into(), json!(format!("Generated run ({n} trials)")));
            c.insert("targetLatency".into(), json!(3));
            c.insert(
                "targetDevice".into(),
                json!({"name": "generated-device", "ram": 640 * 1024, "rom": 1024 * 1024}),
            );
            c.insert("tuningMaxTrials".into(), json!(n));
            c.insert("tuningWorkers".into(), json!(workers));
        }
        let field = |key: &str| t.run.get(key).cloned().unwrap_or(Value::Null);
        let before = format!(
            "\"tunerJobId\":{},\"tuningAlgorithm\":{},\"tunerJobIsRunning\":true,",
            field("tunerJobId"),
            field("tuningAlgorithm"),
        );
        let after = format!(
            ",\"projectDataType\":{},\"nextRunIndex\":{n},\"canExtendSearch\":false,\
             \"isWhitelabel\":false,\"totalTrainingTimeExceeded\":false}}",
            field("projectDataType"),
        );
        Base {
            config: config.to_string(),
            before,
            after,
            trials,
            counts,
            workers,
        }
    }
}

/// `(trials, changed, job)`: what a stream is known by.
type StreamKey = (usize, usize, u64);

/// One `(trials, changed, job)` stream: its last answer's trials and how far it got.
struct Stream {
    base: Arc<Base>,
    /// Requests answered so far.
    served: u64,
    /// Changes each trial has gone through.
    steps: Vec<u32>,
    trials: Vec<Arc<str>>,
    counts: [usize; 4],
}

/// Makes generated states and remembers where each stream is (see the module documentation).
pub struct Generator {
    fixtures: Fixtures,
    templates: OnceLock<Templates>,
    bases: Mutex<HashMap<usize, Arc<OnceLock<Arc<Base>>>>>,
    streams: Mutex<HashMap<StreamKey, Arc<Mutex<Stream>>>>,
}

impl Generator {
    /// A generator cloning the trials of `large-2000.json.gz` in the directory `fixtures`
    /// (read on first use).
    pub fn new(fixtures: impl Into<PathBuf>) -> Generator {
        Generator {
            fixtures: Fixtures::new(fixtures.into()),
            templates: OnceLock::new(),
            bases: Mutex::default(),
            streams: Mutex::default(),
        }
    }

    /// The body of the next answer of the stream `(trials, changed, job)`: snapshot 0 on the
    /// first call, then each call with exactly `changed` trials changed from the previous one.
    ///
    /// # Errors
    /// `InvalidInput` if `trials` is not in `1..=MAX_TRIALS` or `changed > trials`; the read
    /// error if the source fixture cannot be read or parsed.
    pub fn next(&self, trials: usize, changed: usize, job: u64) -> io::Result<Arc<[u8]>> {
        if !(1..=MAX_TRIALS).contains(&trials) || changed > trials {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("trials must be 1 to {MAX_TRIALS} and changed at most trials"),
            ));
        }
        let base = self.base(trials)?;
        let stream = {
            let mut streams = self.streams.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(streams.entry((trials, changed, job)).or_insert_with(|| {
                Arc::new(Mutex::new(Stream {
                    served: 0,
                    steps: vec![0; trials],
                    trials: base.trials.clone(),
                    counts: base.counts,
                    base: Arc::clone(&base),
                }))
            }))
        };
        let mut stream = stream.lock().unwrap_or_else(PoisonError::into_inner);
        if stream.served > 0 && changed > 0 {
            let templates = self.templates()?;
            let start = ((stream.served - 1) as usize * changed) % trials;
            for j in 0..changed {
                let i = (start + j) % trials;
                let before = base_phase(i, trials).advance(stream.steps[i]);
                stream.steps[i] += 1;
                let after = before.advance(1);
                stream.counts[before.status() as usize] -= 1;
                stream.counts[after.status() as usize] += 1;
                stream.trials[i] = Arc::from(templates.trial(i, after, base.workers));
            }
        }
        stream.served += 1;
        Ok(render(&stream, job))
    }

    /// Forgets every stream (the next request of each gets snapshot 0 again).
    pub fn reset(&self) {
        self.streams
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    fn templates(&self) -> io::Result<&Templates> {
        if let Some(t) = self.templates.get() {
            return Ok(t);
        }
        let loaded = Templates::load(&self.fixtures)?;
        Ok(self.templates.get_or_init(|| loaded))
    }

    /// Snapshot 0 of `n` trials, made on first use.
    fn base(&self, n: usize) -> io::Result<Arc<Base>> {
        let templates = self.templates()?;
        let slot = {
            let mut bases = self.bases.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(bases.entry(n).or_default())
        };
        Ok(Arc::clone(
            slot.get_or_init(|| Arc::new(Base::new(templates, n))),
        ))
    }
}

/// The answer body of `stream` as it is now, written straight into the shared buffer the
/// server sends from (one copy of the trials' bytes).
fn render(stream: &Stream, job: u64) -> Arc<[u8]> {
    let base = &stream.base;
    let [pending, running, completed, failed] = stream.counts;
    let busy = running.min(base.workers);
    let workers: Vec<Value> = (0..base.workers)
        .map(|w| {
            json!({
                "workerId": format!("tuner-worker-{}", w + 1),
                "status": if w < busy { "busy" } else { "ready" },
            })
        })
        .collect();
    let head = format!(
        "{{\"success\":true,\"config\":{},\"status\":{{\"numPendingTrials\":{pending},\
         \"numRunningTrials\":{running},\"numCompletedTrials\":{completed},\
         \"numFailedTrials\":{failed},\"numReadyWorkers\":{},\"numBusyWorkers\":{busy},\
         \"numPendingWorkers\":0,\"status\":\"running\"}},\"tunerCoordinatorJobId\":{job},{}\
         \"trials\":[",
        base.config,
        base.workers - busy,
        base.before,
    );
    let tail = format!("],\"workers\":{}{}", Value::Array(workers), base.after);
    let parts = std::iter::once(head.as_bytes())
        .chain(stream.trials.iter().enumerate().flat_map(|(k, trial)| {
            let comma: &[u8] = if k > 0 { b"," } else { b"" };
            [comma, trial.as_bytes()]
        }))
        .chain(std::iter::once(tail.as_bytes()));
    let len = parts.clone().map(<[u8]>::len).sum();
    let mut out = Arc::<[u8]>::new_uninit_slice(len);
    let buf = Arc::get_mut(&mut out).expect("a new Arc is unique");
    let mut at = 0;
    for part in parts {
        buf[at..at + part.len()].write_copy_of_slice(part);
        at += part.len();
    }
    assert_eq!(at, len);
    // SAFETY: the loop above wrote every one of the `len` bytes (checked just above).
    unsafe { out.assume_init() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_move_forward_and_always_change() {
        let mut phase = Phase::Failed;
        for _ in 0..40 {
            let next = phase.advance(1);
            assert_ne!(next, phase);
            phase = next;
        }
        assert_eq!(Phase::Pending.advance(1), Phase::Running { epoch: 0 });
        assert_eq!(
            Phase::Running { epoch: 19 }.advance(1),
            Phase::Completed { nudge: 0 }
        );
        assert_eq!(Phase::Pending.advance(3), Phase::Running { epoch: 2 });
    }

    #[test]
    fn base_statuses_are_mostly_completed() {
        let n = 10_000;
        let mut counts = [0; 4];
        for i in 0..n {
            counts[base_phase(i, n).status() as usize] += 1;
        }
        assert_eq!(counts[Status::Pending as usize], 250);
        assert_eq!(counts[Status::Running as usize], 250);
        assert!(counts[Status::Failed as usize] > 50);
        assert!(counts[Status::Completed as usize] > 9_000);
        assert_eq!(base_phase(0, 1), Phase::Completed { nudge: 0 });
    }
}
