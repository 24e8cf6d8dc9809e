//! One CSV row per trial (RFC 4180: CRLF line ends, fields with commas, quotes or line
//! breaks quoted, quotes doubled). Columns are documented in the README ("Snapshots and CSV").

use super::budget::{accuracy, assess, figures, Budget, Dataset, Fit, Precision};
use super::format;
use crate::model::{ImpulseBlock, Trial};

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

/// The whole file: header and one row per trial, in the order given. `fits_budget` is
/// judged for `precision` against `budget`.
pub fn trials_csv<'a>(
    trials: impl IntoIterator<Item = &'a Trial>,
    budget: Budget,
    precision: Precision,
) -> String {
    let mut out = COLUMNS.join(",");
    out.push_str("\r\n");
    for t in trials {
        let f32 = figures(t, Precision::Float32);
        let i8 = figures(t, Precision::Int8);
        let fit = assess(figures(t, precision), budget).fit;
        let row = [
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
        ];
        out.push_str(&row.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
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

    #[test]
    fn quoting_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
