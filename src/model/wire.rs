//! Serde mirror of the state response (`../shared/API.md`), field for field.
//!
//! Every field is optional and read through [`super::lenient`], so drift in the API never
//! fails the whole response. Names are the JSON names; the one conversion into what the
//! view reasons about lives in [`super::convert`].

use super::domain::Reading;
use super::lenient::{
    opt_bool, opt_class_report, opt_f64, opt_matrix, opt_string, opt_text, opt_u64, opt_value_text,
    opt_whole, reading, vec_raw, vec_string, vec_value, Lenient, LenientVec, ObjectLike,
};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

macro_rules! object_like {
    ($($t:ty),*) => { $(impl ObjectLike for $t {})* };
}
object_like!(
    WireObjective,
    WireSpaceImpulse,
    WireWorker,
    WireTrial,
    WireBlock,
    WireAdditionalMetric
);

/// The state object. `T` is how `trials` is read: parsed ([`LenientVec`] of [`WireTrial`]),
/// or as raw text per trial ([`super::lenient::RawList`]) so unchanged trials can be reused.
#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireState<T = LenientVec<WireTrial>> {
    #[serde(default, deserialize_with = "opt_bool")]
    pub success: Option<bool>,
    #[serde(default, deserialize_with = "opt_string")]
    pub error: Option<String>,
    #[serde(default)]
    pub config: Lenient<WireConfig>,
    #[serde(default)]
    pub status: Lenient<WireStatus>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub tuner_job_is_running: Option<bool>,
    #[serde(default)]
    pub trials: T,
    #[serde(default, deserialize_with = "opt_string")]
    pub project_data_type: Option<String>,
    #[serde(default)]
    pub workers: LenientVec<WireWorker>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub next_run_index: Option<u64>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub can_extend_search: Option<bool>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub is_whitelabel: Option<bool>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub total_training_time_exceeded: Option<bool>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub tuner_job_id: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub tuner_coordinator_job_id: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub continuation_job_id: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub tuning_algorithm: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub job_error: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireConfig {
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub target_latency: Option<f64>,
    #[serde(default)]
    pub target_device: Lenient<WireDevice>,
    #[serde(default, deserialize_with = "vec_string")]
    pub compiler: Vec<String>,
    #[serde(default, deserialize_with = "vec_string")]
    pub precision: Vec<String>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub training_cycles: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub tuning_max_trials: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub tuning_workers: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub initial_trials: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub optimization_rounds: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub trials_per_optimization_round: Option<u64>,
    #[serde(default, rename = "minMACCS", deserialize_with = "opt_f64")]
    pub min_maccs: Option<f64>,
    #[serde(default, rename = "maxMACCS", deserialize_with = "opt_f64")]
    pub max_maccs: Option<f64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub tuning_algorithm: Option<String>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub notification_on_completion: Option<bool>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub import_project_metrics: Option<bool>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub import_resource_metrics: Option<bool>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub num_import_project_metrics: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub num_import_resource_metrics: Option<u64>,
    #[serde(default, rename = "enableSEM", deserialize_with = "opt_bool")]
    pub enable_sem: Option<bool>,
    #[serde(default, rename = "accuracySEM", deserialize_with = "opt_f64")]
    pub accuracy_sem: Option<f64>,
    #[serde(default, rename = "latencySEM", deserialize_with = "opt_f64")]
    pub latency_sem: Option<f64>,
    #[serde(default)]
    pub optimization_objectives: LenientVec<WireObjective>,
    #[serde(default, deserialize_with = "opt_string")]
    pub raw_objectives: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub optimization_precision: Option<String>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub early_stopping: Option<bool>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub early_stopping_window_size: Option<u64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub early_stopping_improvement_bar: Option<f64>,
    #[serde(default, rename = "MOMF", deserialize_with = "opt_bool")]
    pub momf: Option<bool>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub verbose_logging: Option<bool>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub disable_constraints: Option<bool>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub disable_deduplicate: Option<bool>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub max_total_training_time: Option<f64>,
    #[serde(
        default,
        rename = "tunerChildJobMemoryMiB",
        deserialize_with = "opt_u64"
    )]
    pub tuner_child_job_memory_mib: Option<u64>,
    #[serde(default)]
    pub tuner_space_options: Option<Value>,
    #[serde(default)]
    pub space: LenientVec<WireSpaceImpulse>,
    #[serde(default)]
    pub search_space_template: Lenient<WireSearchSpaceTemplate>,
    #[serde(default)]
    pub search_space_source: Lenient<WireSearchSpaceSource>,
}

#[derive(Deserialize, Default, Debug)]
pub struct WireDevice {
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub ram: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub rom: Option<f64>,
}

#[derive(Deserialize, Default, Debug)]
pub struct WireObjective {
    #[serde(default, deserialize_with = "opt_string")]
    pub objective: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub label: Option<String>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub weight: Option<f64>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireSpaceImpulse {
    #[serde(default)]
    pub parameters: Option<Value>,
    #[serde(default, deserialize_with = "vec_value")]
    pub input_blocks: Vec<Value>,
    #[serde(default, deserialize_with = "vec_value")]
    pub dsp_blocks: Vec<Value>,
    /// A list of alternatives, each a list of learn blocks.
    #[serde(default, deserialize_with = "vec_value")]
    pub learn_blocks: Vec<Value>,
}

#[derive(Deserialize, Default, Debug)]
pub struct WireSearchSpaceTemplate {
    #[serde(default, deserialize_with = "opt_string")]
    pub identifier: Option<String>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub classification: Option<bool>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub anomaly: Option<bool>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub regression: Option<bool>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireSearchSpaceSource {
    #[serde(default, rename = "type", deserialize_with = "opt_string")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub template_title: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub run_title: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub impulse_title: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireStatus {
    #[serde(default, deserialize_with = "opt_u64")]
    pub num_pending_trials: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub num_running_trials: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub num_completed_trials: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub num_failed_trials: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub num_ready_workers: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub num_busy_workers: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub num_pending_workers: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub status: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireWorker {
    #[serde(default, deserialize_with = "opt_string")]
    pub worker_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub status: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireTrial {
    #[serde(default, deserialize_with = "opt_string")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub status: Option<String>,
    #[serde(default)]
    pub blocks: LenientVec<WireBlock>,
    #[serde(default)]
    pub impulse: Lenient<WireImpulse>,
    #[serde(default, deserialize_with = "opt_string")]
    pub last_completed_epoch: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub last_completed_training: Option<String>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub retries: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub current_epoch: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub worker_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub experiment: Option<String>,
    #[serde(default, rename = "original_trial_id", deserialize_with = "opt_string")]
    pub original_trial_id: Option<String>,
    /// Free-form; kept as text until something reads it ([`super::lazy::LazyValue`]).
    #[serde(default)]
    pub model: Option<Box<RawValue>>,
    #[serde(default)]
    pub dsp_job_id: Lenient<WireDspJobId>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub learn_job_id: Option<u64>,
    #[serde(default)]
    pub device_performance: Lenient<WireDevicePerformance>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub optimization_round: Option<u64>,
    #[serde(default)]
    pub progress: Lenient<WireProgress>,
    /// Kept as text: the list reads only its accuracies ([`WireMetricSummary`]), the rest is
    /// read when the trial's details are ([`super::domain::Trial::details`]).
    #[serde(default)]
    pub metrics: Option<Box<RawValue>>,
    #[serde(default)]
    pub impulse_added_to_project: Lenient<WireImpulseAdded>,
    #[serde(default, deserialize_with = "opt_bool")]
    pub created_in_post_processing: Option<bool>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireBlock {
    #[serde(default, deserialize_with = "opt_u64")]
    pub id: Option<u64>,
    #[serde(default, rename = "type", deserialize_with = "opt_string")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub retries: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub last_active: Option<String>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub model_block_index: Option<u64>,
}

/// The trial's impulse. Entries are free-form (nested `{block, config}` or flat), kept as
/// text: the list reads only their [`WireBlockEntry`], the parameters are read on demand.
#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireImpulse {
    #[serde(default, deserialize_with = "vec_raw")]
    pub input_blocks: Vec<Box<RawValue>>,
    #[serde(default, deserialize_with = "vec_raw")]
    pub dsp_blocks: Vec<Box<RawValue>>,
    #[serde(default, deserialize_with = "vec_raw")]
    pub learn_blocks: Vec<Box<RawValue>>,
}

/// What the list needs of one impulse entry, in either shape: nested `{block: {id, type,
/// title, name}, config, performance, metrics, metadata}` or flat `{id, type, title, name,
/// performance, ...parameters}`. Each reader takes exactly what a generic JSON tree lookup
/// would (`id` a whole number, `title`/`name` text only, `type` any value as text), so both
/// ways of reading agree; the parameters are not read here.
#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireBlockEntry {
    /// The nested shape's `{id, type, title, name}` (read by the same readers; anything
    /// else in it is not used).
    #[serde(default)]
    pub block: Lenient<Box<WireBlockEntry>>,
    // The flat shape's own `id`/`type`/`title`/`name` (not `#[serde(flatten)]`: that buffers
    // the whole entry).
    #[serde(default, deserialize_with = "opt_whole")]
    pub id: Option<u64>,
    #[serde(default, rename = "type", deserialize_with = "opt_value_text")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub name: Option<String>,
    #[serde(default)]
    pub performance: Lenient<WireBlockPerformance>,
    #[serde(default)]
    pub estimated_performance: Lenient<WireBlockPerformance>,
    #[serde(default)]
    pub metrics: Lenient<WireMetricSummary>,
    /// Kept as text: only read when `metrics` lacks a validation accuracy.
    #[serde(default)]
    pub metadata: Option<Box<RawValue>>,
}

/// A DSP block's `performance`: budget parts by the one rule of [`reading`].
#[derive(Deserialize, Default, Debug)]
pub struct WireBlockPerformance {
    #[serde(default, deserialize_with = "reading")]
    pub latency: Reading,
    #[serde(default, deserialize_with = "reading")]
    pub ram: Reading,
}

#[derive(Deserialize, Default, Debug)]
pub struct WireDspJobId {
    #[serde(default, deserialize_with = "opt_u64")]
    pub training: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    pub testing: Option<u64>,
}

#[derive(Deserialize, Default, Debug)]
pub struct WireDevicePerformance {
    #[serde(default)]
    pub float32: Lenient<WirePrecisionPerformance>,
    #[serde(default)]
    pub int8: Lenient<WirePrecisionPerformance>,
}

#[derive(Deserialize, Default, Debug)]
pub struct WirePrecisionPerformance {
    /// Budget parts are read by the one rule of [`reading`] (numeric text yes, negatives no).
    #[serde(default, deserialize_with = "reading")]
    pub latency: Reading,
    #[serde(default)]
    pub tflite: Lenient<WireMemory>,
    #[serde(default)]
    pub eon: Lenient<WireMemory>,
    #[serde(default)]
    pub eon_ram_optimized: Lenient<WireMemory>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireMemory {
    #[serde(default, deserialize_with = "reading")]
    pub ram_required: Reading,
    #[serde(default, deserialize_with = "reading")]
    pub rom_required: Reading,
    #[serde(default, deserialize_with = "opt_f64")]
    pub arena_size: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub model_size: Option<f64>,
}

#[derive(Deserialize, Default, Debug)]
pub struct WireProgress {
    #[serde(default, deserialize_with = "opt_u64")]
    pub epoch: Option<u64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub loss: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub val_loss: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub accuracy: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub val_accuracy: Option<f64>,
}

/// The accuracies of `metrics` (a trial's, or a learn block's): all the list needs of it.
#[derive(Deserialize, Default, Debug)]
pub struct WireMetricSummary {
    #[serde(default)]
    pub test: Lenient<WirePrecisionSummary>,
    #[serde(default)]
    pub train: Lenient<WirePrecisionSummary>,
    #[serde(default)]
    pub validation: Lenient<WirePrecisionSummary>,
}

#[derive(Deserialize, Default, Debug)]
pub struct WirePrecisionSummary {
    #[serde(default)]
    pub float32: Lenient<WireAccuracy>,
    #[serde(default)]
    pub int8: Lenient<WireAccuracy>,
}

/// `KerasModelMetadataMetrics.accuracy`, read as [`WireKerasMetrics`] reads it.
#[derive(Deserialize, Default, Debug)]
pub struct WireAccuracy {
    #[serde(default, deserialize_with = "opt_f64")]
    pub accuracy: Option<f64>,
}

#[derive(Deserialize, Default, Debug)]
pub struct WireMetricSets {
    #[serde(default)]
    pub test: Lenient<WirePrecisionMetrics>,
    #[serde(default)]
    pub train: Lenient<WirePrecisionMetrics>,
    #[serde(default)]
    pub validation: Lenient<WirePrecisionMetrics>,
}

#[derive(Deserialize, Default, Debug)]
pub struct WirePrecisionMetrics {
    #[serde(default)]
    pub float32: Lenient<WireKerasMetrics>,
    #[serde(default)]
    pub int8: Lenient<WireKerasMetrics>,
}

/// `KerasModelMetadataMetrics`.
#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireKerasMetrics {
    // `type` and `visualization` are not read: nothing shows them.
    #[serde(default, deserialize_with = "opt_f64")]
    pub loss: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub accuracy: Option<f64>,
    #[serde(default, deserialize_with = "opt_matrix")]
    pub confusion_matrix: Option<super::lenient::Matrix>,
    /// Only the class names and supports (to label the matrix); the scores are not shown.
    #[serde(default, deserialize_with = "opt_class_report")]
    pub report: Option<super::lenient::ClassSupports>,
    // `onDevicePerformance` is not read: the trial's `devicePerformance` is what is shown.
    #[serde(default, deserialize_with = "opt_bool")]
    pub is_supported_on_mcu: Option<bool>,
    #[serde(default, deserialize_with = "opt_string")]
    pub mcu_support_error: Option<String>,
    #[serde(default)]
    pub additional_metrics: LenientVec<WireAdditionalMetric>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireAdditionalMetric {
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub value: Option<String>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub full_precision_value: Option<f64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub tooltip_text: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub link: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireImpulseAdded {
    #[serde(default, deserialize_with = "opt_u64")]
    pub impulse_id: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub link: Option<String>,
}
