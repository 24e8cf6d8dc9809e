//! What the view reasons about: one run, its config, workers and trials.
//!
//! Built from the wire mirror in exactly one place ([`super::convert`]). Enums keep values
//! they do not know as text (`Unknown`), so a new status from the API is shown, not lost.

use super::lazy::{LazyValue, Params};
use serde_json::Value;
use std::sync::OnceLock;

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)*
            /// A value this version does not know; shown as received.
            Unknown(String),
        }
        impl $name {
            pub fn parse(text: &str) -> Self {
                match text {
                    $($text => Self::$variant,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $text,)*
                    Self::Unknown(text) => text,
                }
            }
        }
    };
}

wire_enum!(
    /// `status.status`: the run's stage.
    RunStatus { Creating => "creating", Ready => "ready", Running => "running", Completed => "completed" }
);
wire_enum!(
    /// Status of a trial, and of one block of a trial.
    TrialStatus { Pending => "pending", Running => "running", Completed => "completed", Failed => "failed" }
);
wire_enum!(
    /// Status of a tuner worker.
    WorkerStatus { Pending => "pending", Ready => "ready", Busy => "busy" }
);
wire_enum!(
    /// Which part of the impulse a `blocks[]` entry tracks.
    BlockKind { Input => "input", Dsp => "dsp", Learn => "learn" }
);
wire_enum!(
    /// `tuningAlgorithm`.
    Algorithm { Random => "random", Hyperband => "hyperband", Bayesian => "bayesian", Custom => "custom" }
);
wire_enum!(
    /// `projectDataType`.
    DataType { Audio => "audio", Image => "image", Motion => "motion", Other => "other" }
);

/// One tuner run as the page shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Run {
    pub status: Option<RunStatus>,
    /// `tunerJobIsRunning`; `None` when the server did not say.
    pub is_running: Option<bool>,
    pub algorithm: Option<Algorithm>,
    pub data_type: Option<DataType>,
    pub job_error: Option<String>,
    pub counts: Counts,
    pub config: Config,
    pub workers: Vec<Worker>,
    pub trials: Vec<Trial>,
    pub tuner_job_id: Option<u64>,
    pub tuner_coordinator_job_id: Option<u64>,
    pub continuation_job_id: Option<u64>,
    pub next_run_index: Option<u64>,
    pub can_extend_search: Option<bool>,
    pub is_whitelabel: Option<bool>,
    pub total_training_time_exceeded: Option<bool>,
    /// Fields the schema calls required that the response lacked (JSON paths), for a note.
    pub missing: Vec<String>,
    /// List items that were not objects and were skipped (e.g. a trial that is a string).
    pub skipped_items: usize,
}

/// The `status` counters as received.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    pub pending: Option<u64>,
    pub running: Option<u64>,
    pub completed: Option<u64>,
    pub failed: Option<u64>,
    pub ready_workers: Option<u64>,
    pub busy_workers: Option<u64>,
    pub pending_workers: Option<u64>,
}

/// `OptimizeConfig`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    pub name: Option<String>,
    pub target_latency_ms: Option<f64>,
    pub device: Option<Device>,
    pub compilers: Vec<String>,
    pub precisions: Vec<String>,
    pub training_cycles: Option<u64>,
    pub max_trials: Option<u64>,
    pub workers: Option<u64>,
    pub initial_trials: Option<u64>,
    pub optimization_rounds: Option<u64>,
    pub trials_per_round: Option<u64>,
    pub min_maccs: Option<f64>,
    pub max_maccs: Option<f64>,
    pub algorithm: Option<Algorithm>,
    pub notification_on_completion: Option<bool>,
    pub import_project_metrics: Option<bool>,
    pub import_resource_metrics: Option<bool>,
    pub num_import_project_metrics: Option<u64>,
    pub num_import_resource_metrics: Option<u64>,
    pub enable_sem: Option<bool>,
    pub accuracy_sem: Option<f64>,
    pub latency_sem: Option<f64>,
    pub objectives: Vec<Objective>,
    pub raw_objectives: Option<String>,
    pub optimization_precision: Option<String>,
    pub early_stopping: Option<bool>,
    pub early_stopping_window: Option<u64>,
    pub early_stopping_bar: Option<f64>,
    pub momf: Option<bool>,
    pub verbose_logging: Option<bool>,
    pub disable_constraints: Option<bool>,
    pub disable_deduplicate: Option<bool>,
    pub max_total_training_time_s: Option<f64>,
    pub child_job_memory_mib: Option<u64>,
    /// `tunerSpaceOptions`: option name → allowed values.
    pub space_options: Vec<(String, Vec<String>)>,
    pub space: Vec<SpaceImpulse>,
    pub template: Option<SearchTemplate>,
    pub source: Option<SearchSource>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Device {
    pub name: Option<String>,
    pub ram: Option<f64>,
    pub rom: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Objective {
    pub name: Option<String>,
    pub label: Option<String>,
    pub weight: Option<f64>,
}

/// One impulse of the search space: the options the tuner may pick from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpaceImpulse {
    pub parameters: Vec<(String, Value)>,
    pub input: Vec<SpaceBlock>,
    pub dsp: Vec<SpaceBlock>,
    /// Alternatives, each a chain of learn blocks.
    pub learn: Vec<Vec<SpaceBlock>>,
}

/// A block type in the search space with its parameter options (`name → [choices]`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpaceBlock {
    pub type_name: Option<String>,
    pub options: Vec<(String, Value)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchTemplate {
    pub identifier: Option<String>,
    pub classification: Option<bool>,
    pub anomaly: Option<bool>,
    pub regression: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchSource {
    pub kind: Option<String>,
    pub template_title: Option<String>,
    pub run_title: Option<String>,
    pub impulse_title: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Worker {
    pub id: String,
    pub status: Option<WorkerStatus>,
}

/// One trial of the run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trial {
    /// The id as received (may be empty when the server left it out).
    pub id: String,
    /// Unique within the run: the id, made unique when missing or repeated. Keys lists.
    pub key: String,
    /// Position in the response (creation order).
    pub index: usize,
    pub name: Option<String>,
    pub status: Option<TrialStatus>,
    pub blocks: Vec<BlockState>,
    pub input: Vec<ImpulseBlock>,
    pub dsp: Vec<ImpulseBlock>,
    pub learn: Vec<ImpulseBlock>,
    pub last_completed_epoch_ms: Option<i64>,
    pub last_completed_training_ms: Option<i64>,
    pub retries: Option<u64>,
    pub current_epoch: Option<u64>,
    pub worker_id: Option<String>,
    pub experiment: Option<String>,
    pub original_trial_id: Option<String>,
    /// The trial's hyperparameters, free-form; read from its text on first use.
    pub model: LazyValue,
    pub dsp_job_training: Option<u64>,
    pub dsp_job_testing: Option<u64>,
    pub learn_job_id: Option<u64>,
    pub device: DevicePerformance,
    pub round: Option<u64>,
    pub progress: Option<Progress>,
    /// The accuracies only (what the list, filters and charts use); every figure of every
    /// set is in [`Trial::details`].
    pub metrics: MetricSets,
    /// What an expanded card shows beyond the summary, read on first use: see
    /// [`Trial::details`].
    pub details: LazyDetails,
    pub added_to_project: Option<AddedToProject>,
    pub post_processing: bool,
}

/// `blocks[]`: where each block of the trial's pipeline stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BlockState {
    pub id: Option<u64>,
    pub kind: Option<BlockKind>,
    pub status: Option<TrialStatus>,
    pub retries: Option<u64>,
    pub last_active_ms: Option<i64>,
    pub model_block_index: Option<u64>,
}

/// One block of the trial's impulse (input, DSP or learn), read from the nested
/// `{block, config, performance}` shape or a flat object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImpulseBlock {
    pub id: Option<u64>,
    pub type_name: Option<String>,
    pub title: Option<String>,
    pub name: Option<String>,
    /// Parameters, in the order received; read from the entry's text on first use.
    pub config: Params,
    /// DSP only: `performance.latency` (ms) and `.ram` (bytes); `Missing` when the block
    /// has no `performance` (its DSP cost is then unknown, never 0).
    pub latency_ms: Reading,
    pub ram: Reading,
    /// Learn only: `metrics` / `metadata.modelValidationMetrics` accuracies.
    pub accuracy: Accuracies,
}

/// One part of a budget figure (a latency in ms, a size in bytes) as the response sent it.
///
/// Only [`Reading::Number`] is usable: a finite number ≥ 0 (numeric text such as `"500"` is
/// read as its number, see [`super::lenient::reading`]). Anything else sent (a negative, NaN,
/// infinity, other text, `true`, a list) is [`Reading::Invalid`], kept apart from
/// [`Reading::Missing`] (absent or `null`) so the card can say "invalid" rather than "not
/// reported". Neither is ever taken as 0 (`CONTRACT.md` "Default order and fits").
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Reading {
    #[default]
    Missing,
    Invalid,
    Number(f64),
}

impl Reading {
    /// The reading of a number: `Number` when finite and ≥ 0, else `Invalid`.
    pub fn of(v: f64) -> Self {
        if v.is_finite() && v >= 0.0 {
            // -0.0 passes `>= 0.0`; store +0.0 so it is never shown as "-0 ms".
            Reading::Number(v + 0.0)
        } else {
            Reading::Invalid
        }
    }

    /// The usable number, if any.
    pub fn number(self) -> Option<f64> {
        match self {
            Reading::Number(v) => Some(v),
            Reading::Missing | Reading::Invalid => None,
        }
    }

    /// Whether anything was sent at all (even an invalid value).
    pub fn is_sent(self) -> bool {
        self != Reading::Missing
    }
}

/// An accuracy per dataset and precision.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Accuracies {
    pub validation: PrecisionPair,
    pub test: PrecisionPair,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PrecisionPair {
    pub float32: Option<f64>,
    pub int8: Option<f64>,
}

/// `devicePerformance`: model-only figures per precision (DSP figures live in the blocks).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DevicePerformance {
    pub float32: Option<PrecisionPerformance>,
    pub int8: Option<PrecisionPerformance>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrecisionPerformance {
    pub latency_ms: Reading,
    pub tflite: Option<Memory>,
    pub eon: Option<Memory>,
    pub eon_ram_optimized: Option<Memory>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Memory {
    pub ram: Reading,
    pub rom: Reading,
    pub arena: Option<f64>,
    pub model_size: Option<f64>,
}

/// Live training figures of a running trial.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    pub epoch: Option<u64>,
    pub loss: Option<f64>,
    pub val_loss: Option<f64>,
    pub accuracy: Option<f64>,
    pub val_accuracy: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MetricSets {
    pub validation: PrecisionMetrics,
    pub test: PrecisionMetrics,
    pub train: PrecisionMetrics,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrecisionMetrics {
    pub float32: Option<Metrics>,
    pub int8: Option<Metrics>,
}

/// `KerasModelMetadataMetrics`, the parts worth showing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
    pub accuracy: Option<f64>,
    pub loss: Option<f64>,
    /// Rows of cells; a cell that was not a number is `None`.
    pub confusion_matrix: Option<super::lenient::Matrix>,
    /// The classification report's classes in the order received, with their `support`.
    pub report: Option<super::lenient::ClassSupports>,
    pub is_supported_on_mcu: Option<bool>,
    pub mcu_support_error: Option<String>,
    pub additional: Vec<AdditionalMetric>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AdditionalMetric {
    pub name: Option<String>,
    pub value: Option<String>,
    pub full_precision_value: Option<f64>,
    pub tooltip: Option<String>,
    pub link: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AddedToProject {
    pub impulse_id: Option<u64>,
    pub link: Option<String>,
}

/// The trial's `metrics` text, and what was read of it and of the other parts kept as text
/// once [`Trial::details`] asked.
#[derive(Clone, Debug, Default)]
pub struct LazyDetails {
    pub(crate) metrics: Option<Box<str>>,
    pub(crate) read: OnceLock<TrialDetails>,
}

impl LazyDetails {
    /// Details of the `metrics` text given, read when first asked for.
    pub fn of_metrics(metrics: Option<Box<str>>) -> Self {
        LazyDetails {
            metrics,
            read: OnceLock::new(),
        }
    }

    /// Whether they have been read already (for tests of laziness).
    pub fn is_read(&self) -> bool {
        self.read.get().is_some()
    }
}

impl PartialEq for LazyDetails {
    /// By text: the details are a function of it.
    fn eq(&self, other: &Self) -> bool {
        self.metrics == other.metrics
    }
}

/// What an expanded trial card shows beyond the summary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrialDetails {
    /// Every metric set with all its figures (confusion matrix, report classes, loss, ...).
    pub metrics: MetricSets,
    /// What could not be read of the parts kept as text (`metrics`, `model`, the impulse
    /// entries and their parameters), one sentence each; the summary is unaffected.
    pub notes: Vec<String>,
}

impl Trial {
    /// The trial's details, read from the text kept at parse time the first time they are
    /// asked for (an expanded card, a chart or an export), then kept. A trial built by hand
    /// (no text) has its `metrics` as details.
    pub fn details(&self) -> &TrialDetails {
        self.details
            .read
            .get_or_init(|| super::convert::read_details(self))
    }

    /// The earliest `blocks[].lastActive`: the best estimate of when the trial started.
    pub fn started_ms(&self) -> Option<i64> {
        self.blocks.iter().filter_map(|b| b.last_active_ms).min()
    }

    /// Name to show: the name, else the id, else the position.
    pub fn display_name(&self) -> String {
        match (&self.name, self.id.is_empty()) {
            (Some(name), _) if !name.is_empty() => name.clone(),
            (_, false) => self.id.clone(),
            _ => format!("trial #{}", self.index + 1),
        }
    }
}

/// Every timestamp a trial carries (block activity, epochs, trainings), in no order.
pub fn activity_ms(t: &Trial) -> impl Iterator<Item = i64> + '_ {
    t.blocks
        .iter()
        .filter_map(|b| b.last_active_ms)
        .chain(t.last_completed_epoch_ms)
        .chain(t.last_completed_training_ms)
}

/// The newest timestamp of these trials (block activity, epochs, trainings).
pub fn newest_ms<'a>(trials: impl IntoIterator<Item = &'a Trial>) -> Option<i64> {
    trials.into_iter().flat_map(activity_ms).max()
}

impl Run {
    /// The newest timestamp anywhere in the run.
    pub fn newest_ms(&self) -> Option<i64> {
        newest_ms(&self.trials)
    }

    /// Whether the run is still going: `tunerJobIsRunning`, else a stage other than completed.
    pub fn is_live(&self) -> bool {
        self.is_running
            .unwrap_or(self.status != Some(RunStatus::Completed))
    }

    /// Moves every timestamp by `delta_ms` (the demo replays old snapshots as if live).
    pub fn shift_times(&mut self, delta_ms: i64) {
        for t in &mut self.trials {
            for b in &mut t.blocks {
                b.last_active_ms = b.last_active_ms.map(|v| v + delta_ms);
            }
            t.last_completed_epoch_ms = t.last_completed_epoch_ms.map(|v| v + delta_ms);
            t.last_completed_training_ms = t.last_completed_training_ms.map(|v| v + delta_ms);
        }
    }
}
