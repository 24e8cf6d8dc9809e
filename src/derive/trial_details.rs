//! What an expanded trial card shows beyond the summary: every metric set (dataset ×
//! precision) with its confusion matrix labelled by class, and the raw `model` parameters
//! flattened to `path = value` rows.
//!
//! Class labels come from the `report` keys that are not aggregates (`accuracy`, `macro avg`,
//! `weighted avg`). JSON objects do not promise key order (and `serde_json` without
//! `preserve_order` sorts keys), so when every class reports its `support` and those match
//! the matrix row sums one-to-one, labels are placed by that match; otherwise in key order.

use super::format;
use crate::model::{Metrics, Trial};
use serde_json::Value;

/// One metric set of a trial.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricSet<'a> {
    pub dataset: &'static str,
    pub precision: &'static str,
    pub metrics: &'a Metrics,
}

/// Every metric set the trial has, validation first (read from its details).
pub fn metric_sets(trial: &Trial) -> Vec<MetricSet<'_>> {
    let m = &trial.details().metrics;
    [
        ("validation", &m.validation),
        ("test", &m.test),
        ("train", &m.train),
    ]
    .into_iter()
    .flat_map(|(dataset, set)| {
        [
            ("int8", set.int8.as_ref()),
            ("float32", set.float32.as_ref()),
        ]
        .into_iter()
        .filter_map(move |(precision, metrics)| {
            Some(MetricSet {
                dataset,
                precision,
                metrics: metrics?,
            })
        })
    })
    .collect()
}

/// A confusion matrix as text cells, with class labels when they can be trusted.
#[derive(Clone, Debug, PartialEq)]
pub struct Confusion {
    pub labels: Option<Vec<String>>,
    pub rows: Vec<Vec<String>>,
}

/// Biggest matrix drawn as a table; larger ones are summarised.
pub const MAX_CLASSES: usize = 30;

/// Reads `confusionMatrix` (a square table of numbers) and labels it from `report`.
pub fn confusion(metrics: &Metrics) -> Option<Confusion> {
    let rows: Vec<Vec<f64>> = metrics
        .confusion_matrix
        .as_ref()?
        .iter()
        .map(|row| row.iter().map(|v| v.unwrap_or(f64::NAN)).collect())
        .collect();
    let n = rows.len();
    if n == 0 || n > MAX_CLASSES || rows.iter().any(|r| r.len() != n) {
        return None;
    }
    let labels = metrics.report.as_ref().and_then(|r| labels(r, &rows));
    Some(Confusion {
        labels,
        rows: rows
            .iter()
            .map(|r| r.iter().map(|v| format::number(*v, 2)).collect())
            .collect(),
    })
}

fn labels(classes: &[(String, Option<f64>)], rows: &[Vec<f64>]) -> Option<Vec<String>> {
    if classes.len() != rows.len() {
        return None;
    }
    let in_key_order: Vec<String> = classes.iter().map(|(k, _)| k.clone()).collect();
    let supports: Option<Vec<f64>> = classes.iter().map(|(_, s)| *s).collect();
    let Some(supports) = supports else {
        return Some(in_key_order);
    };
    let mut placed: Vec<Option<String>> = vec![None; rows.len()];
    for (row, sums) in rows.iter().enumerate() {
        let sum: f64 = sums.iter().sum();
        let mut matching = supports.iter().enumerate().filter(|(_, s)| **s == sum);
        match (matching.next(), matching.next()) {
            (Some((i, _)), None) => placed[row] = Some(in_key_order[i].clone()),
            _ => return Some(in_key_order),
        }
    }
    let placed: Vec<String> = placed.into_iter().collect::<Option<_>>()?;
    let mut unique = placed.clone();
    super::order::sort_items_by(&mut unique, Ord::cmp);
    unique.dedup();
    Some(if unique.len() == placed.len() {
        placed
    } else {
        in_key_order
    })
}

/// Most rows the flattened `model` shows.
pub const MAX_ROWS: usize = 200;

/// A free-form value as `path = value` rows (`learnBlocks[0].convLayers = 3`), at most
/// [`MAX_ROWS`]; the second item counts rows left out.
pub fn flatten(value: &Value) -> (Vec<(String, String)>, usize) {
    let mut rows = Vec::new();
    let mut left_out = 0;
    walk(value, String::new(), &mut rows, &mut left_out);
    (rows, left_out)
}

fn walk(value: &Value, path: String, rows: &mut Vec<(String, String)>, left_out: &mut usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(v, p, rows, left_out);
            }
        }
        Value::Array(items) if items.iter().any(|v| v.is_object() || v.is_array()) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{path}[{i}]"), rows, left_out);
            }
        }
        _ if rows.len() >= MAX_ROWS => *left_out += 1,
        _ => rows.push((
            if path.is_empty() {
                "value".into()
            } else {
                path
            },
            format::value(value),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Metrics as the parser reads them from this `confusionMatrix` and `report` JSON.
    fn metrics(matrix: Value, report: Value) -> Metrics {
        let text = json!({"confusionMatrix": matrix, "report": report}).to_string();
        let wire: crate::model::wire::WireKerasMetrics = serde_json::from_str(&text).unwrap();
        Metrics {
            confusion_matrix: wire.confusion_matrix,
            report: wire.report,
            ..Default::default()
        }
    }

    #[test]
    fn labels_follow_the_row_sums_whatever_the_key_order() {
        // Keys sort as no, noise, unknown, yes; rows are noise, unknown, yes, no.
        let m = metrics(
            json!([
                [65, 4, 10, 8],
                [10, 74, 8, 15],
                [10, 12, 66, 7],
                [9, 11, 11, 83]
            ]),
            json!({"noise": {"support": 87}, "unknown": {"support": 107}, "yes": {"support": 95},
                   "no": {"support": 114}, "accuracy": 0.71, "macro avg": {"support": 403}, "weighted avg": {}}),
        );
        let c = confusion(&m).unwrap();
        assert_eq!(c.labels.unwrap(), ["noise", "unknown", "yes", "no"]);
        assert_eq!(c.rows[3], ["9", "11", "11", "83"]);
    }

    #[test]
    fn ambiguous_or_mismatched_reports_fall_back() {
        let same_support = metrics(
            json!([[1, 1], [2, 0]]),
            json!({"b": {"support": 2}, "a": {"support": 2}}),
        );
        // Supports cannot tell the rows apart: the report's own key order (kept by serde_json's
        // `preserve_order`) is used.
        assert_eq!(
            confusion(&same_support).unwrap().labels.unwrap(),
            ["b", "a"]
        );
        let wrong_count = metrics(json!([[1, 0], [0, 1]]), json!({"a": {}, "b": {}, "c": {}}));
        assert_eq!(confusion(&wrong_count).unwrap().labels, None);
        let not_square = metrics(json!([[1, 0], [0]]), json!({}));
        assert_eq!(confusion(&not_square), None);
        let junk = metrics(json!("nope"), json!(null));
        assert_eq!(confusion(&junk), None);
    }

    #[test]
    fn model_parameters_flatten_to_paths() {
        let (rows, left) = flatten(
            &json!({"id": "x", "learnBlocks": [{"type": "keras", "convLayers": 3}], "axes": ["a", "b"], "empty": {}}),
        );
        assert_eq!(left, 0);
        let text: Vec<String> = rows.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert!(
            text.contains(&"learnBlocks[0].convLayers=3".to_owned()),
            "{text:?}"
        );
        assert!(text.contains(&"axes=a, b".to_owned()));
        assert!(text.contains(&"empty={}".to_owned()));
        let big = Value::Array((0..300).map(|i| json!({ "i": i })).collect());
        let (rows, left) = flatten(&big);
        assert_eq!((rows.len(), left), (MAX_ROWS, 100));
    }
}
