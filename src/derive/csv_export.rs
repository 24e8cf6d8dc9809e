//! One CSV row per trial (RFC 4180: CRLF line ends, fields with commas, quotes or line
//! breaks quoted, quotes doubled). Columns are documented in the README ("Snapshots and CSV").

use super::budget::{accuracy, assess, figures, Fit};
use super::format;
use crate::model::{ImpulseBlock, Trial};
use crate::vocab::{Budget, Dataset, Precision};

/// Column names, in order.
pub const COLUMNS: [&str; 24] = [
    "id",
    "name",
    "status",
    "round",
    "worker",
    "input_blocks",
    "dsp_blocks",
    "learn_blocks",
    "parameters",
    "accuracy_validation_float32",
    "accuracy_validation_int8",
    "accuracy_test_float32",
    "accuracy_test_int8",
    "latency_ms_float32",
    "ram_bytes_float32",
    "rom_bytes_float32",
    "latency_ms_int8",
    "ram_bytes_int8",
    "rom_bytes_int8",
    "memory_figures_int8",
    "fits_budget",
    "retries",
    "finished_at",
    "original_trial_id",
];

/// Quotes one field when it needs it.
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn number(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map(|v| format::number(v, 6))
        .unwrap_or_default()
}

fn types(blocks: &[ImpulseBlock]) -> String {
    blocks
        .iter()
        .map(|b| b.type_name.clone().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("+")
}

/// `name=value` pairs of every block's config, `;`-separated, prefixed by block type.
fn parameters(t: &Trial) -> String {
    t.input
        .iter()
        .chain(&t.dsp)
        .chain(&t.learn)
        .flat_map(|b| {
            let prefix = b.type_name.clone().unwrap_or_else(|| "block".into());
            b.config
                .iter()
                .map(move |(k, v)| format!("{prefix}.{k}={}", format::value(v)))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The fields of one trial's row, in [`COLUMNS`] order. `fits_budget` is judged for
/// `precision` against `budget`.
fn row(t: &Trial, budget: Budget, precision: Precision) -> [String; COLUMNS.len()] {
    let f32 = figures(t, Precision::Float32);
    let i8 = figures(t, Precision::Int8);
    let fit = assess(figures(t, precision), budget).fit;
    [
        t.id.clone(),
        t.name.clone().unwrap_or_default(),
        t.status
            .as_ref()
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        t.round.map(|r| r.to_string()).unwrap_or_default(),
        t.worker_id.clone().unwrap_or_default(),
        types(&t.input),
        types(&t.dsp),
        types(&t.learn),
        parameters(t),
        number(accuracy(t, Dataset::Validation, Precision::Float32)),
        number(accuracy(t, Dataset::Validation, Precision::Int8)),
        number(accuracy(t, Dataset::Test, Precision::Float32)),
        number(accuracy(t, Dataset::Test, Precision::Int8)),
        number(f32.latency_ms),
        number(f32.ram),
        number(f32.rom),
        number(i8.latency_ms),
        number(i8.ram),
        number(i8.rom),
        i8.memory_source
            .map(|s| s.label().to_owned())
            .unwrap_or_default(),
        match fit {
            Fit::Fits => "yes",
            Fit::Over => "no",
            Fit::Unknown => "unknown",
        }
        .to_owned(),
        t.retries.map(|r| r.to_string()).unwrap_or_default(),
        t.last_completed_training_ms
            .map(crate::model::time::format_rfc3339_ms)
            .unwrap_or_default(),
        t.original_trial_id.clone().unwrap_or_default(),
    ]
}

/// Appends one CSV record (quoted fields, CRLF).
fn push_record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    let fields: Vec<String> = fields.into_iter().map(field).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// The whole file: header and one row per trial, in the order given. `fits_budget` is
/// judged for `precision` against `budget`.
pub fn trials_csv<'a>(
    trials: impl IntoIterator<Item = &'a Trial>,
    budget: Budget,
    precision: Precision,
) -> String {
    let mut out = String::new();
    push_record(&mut out, COLUMNS);
    for t in trials {
        push_record(
            &mut out,
            row(t, budget, precision).iter().map(String::as_str),
        );
    }
    out
}

/// The column [`runs_csv`] puts before [`COLUMNS`]: the run's `tunerCoordinatorJobId`.
pub const RUN_COLUMN: &str = "run";

/// One compared run for [`runs_csv`]: its job id, its trials in the order to write them,
/// and the budget and precision its `fits_budget` is judged by (its own, or the common one).
pub type CsvRun<'a> = (u64, Vec<&'a Trial>, Budget, Precision);

/// The file of a comparison: one header ([`RUN_COLUMN`] then [`COLUMNS`]), then every run's
/// trials in the order given, each row led by its run's job id. Trial ids repeat across runs
/// of one project only by chance; the `run` column tells them apart.
pub fn runs_csv(runs: &[CsvRun<'_>]) -> String {
    let mut out = String::new();
    push_record(&mut out, std::iter::once(RUN_COLUMN).chain(COLUMNS));
    for (job, trials, budget, precision) in runs {
        let job = job.to_string();
        for t in trials {
            let fields = row(t, *budget, *precision);
            push_record(
                &mut out,
                std::iter::once(job.as_str()).chain(fields.iter().map(String::as_str)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_survive_a_round_trip() {
        let name = "a,b \"quoted\"\nsecond line\r\n=cmd";
        let t = Trial {
            id: "x1".into(),
            key: "x1".into(),
            name: Some(name.into()),
            ..Default::default()
        };
        let csv = trials_csv([&t], Budget::default(), Precision::Int8);
        // Header + one record; the name is one quoted field with its quotes doubled.
        assert!(csv.starts_with("id,name,status,"));
        assert!(csv.contains("x1,\"a,b \"\"quoted\"\"\nsecond line\r\n=cmd\","));
        assert!(csv.ends_with(",unknown,,,\r\n"));
    }

    /// Each run's rows carry its job id and are judged by that run's own budget.
    #[test]
    fn runs_csv_leads_each_row_with_its_run() {
        let t = Trial {
            id: "x,1".into(),
            key: "x,1".into(),
            ..Default::default()
        };
        let csv = runs_csv(&[
            (4, vec![&t], Budget::default(), Precision::Int8),
            (11, vec![&t, &t], Budget::default(), Precision::Float32),
        ]);
        let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
        assert_eq!(lines.len(), 4, "one header, three rows: {csv:?}");
        assert!(lines[0].starts_with("run,id,name,"));
        assert_eq!(lines[0].matches(',').count(), COLUMNS.len());
        assert!(lines[1].starts_with("4,\"x,1\","));
        assert!(lines[2].starts_with("11,\"x,1\","));
        assert!(lines[3].starts_with("11,"));
        assert_eq!(runs_csv(&[]), format!("run,{}\r\n", COLUMNS.join(",")));
    }

    #[test]
    fn quoting_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
