//! A trial's hyperparameters as flat `(name, value)` pairs, for the parameter-effects chart.
//!
//! They come from the trial's `model` (`inputBlocks`/`dspBlocks`/`learnBlocks` and its other
//! keys), else from the impulse blocks' configs. Names are `"{block type}: {key}"` (nested
//! objects dotted), plus `"{Section} block"` for the chosen block type, so one block type's
//! parameters never mix with another's; a block type repeated in one trial is numbered.

use crate::model::{ImpulseBlock, Trial};
use serde_json::Value;
use std::collections::BTreeMap;

const SECTIONS: [(&str, &str); 3] = [
    ("inputBlocks", "Input"),
    ("dspBlocks", "DSP"),
    ("learnBlocks", "Learn"),
];

/// A trial's hyperparameters as `(name, value)`, flattened.
pub fn params(t: &Trial) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    match t.model.as_ref().and_then(Value::as_object) {
        Some(model) if SECTIONS.iter().any(|(k, _)| model.contains_key(*k)) => {
            for (key, title) in SECTIONS {
                let blocks = model
                    .get(key)
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let blocks = blocks.iter().filter_map(Value::as_object).map(|b| {
                    let kind = b
                        .get("type")
                        .and_then(Value::as_str)
                        .unwrap_or("block")
                        .to_owned();
                    (
                        kind,
                        b.iter()
                            .filter(|(k, _)| *k != "type")
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect(),
                    )
                });
                push_section(&mut out, title, blocks);
            }
            for (k, v) in model
                .iter()
                .filter(|(k, _)| !SECTIONS.iter().any(|(s, _)| s == k))
            {
                if !matches!(k.as_str(), "id" | "optimizationRound") {
                    flatten(&mut out, &format!("model: {k}"), v);
                }
            }
        }
        _ => {
            let blocks = |list: &[ImpulseBlock]| -> Vec<(String, Vec<(String, Value)>)> {
                list.iter()
                    .map(|b| {
                        (
                            b.type_name.clone().unwrap_or_else(|| "block".into()),
                            b.config.to_vec(),
                        )
                    })
                    .collect()
            };
            push_section(&mut out, "Input", blocks(&t.input).into_iter());
            push_section(&mut out, "DSP", blocks(&t.dsp).into_iter());
            push_section(&mut out, "Learn", blocks(&t.learn).into_iter());
        }
    }
    out
}

fn push_section(
    out: &mut Vec<(String, Value)>,
    title: &str,
    blocks: impl Iterator<Item = (String, Vec<(String, Value)>)>,
) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (kind, config)) in blocks.enumerate() {
        let n = seen.entry(kind.clone()).or_default();
        *n += 1;
        let name = if *n > 1 {
            format!("{kind} #{n}")
        } else {
            kind.clone()
        };
        let slot = if i == 0 {
            format!("{title} block")
        } else {
            format!("{title} block #{}", i + 1)
        };
        out.push((slot, Value::String(kind)));
        for (k, v) in config {
            flatten(out, &format!("{name}: {k}"), &v);
        }
    }
}

fn flatten(out: &mut Vec<(String, Value)>, name: &str, v: &Value) {
    match v {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| flatten(out, &format!("{name}.{k}"), v)),
        other => out.push((name.to_owned(), other.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Pins flattening: block type as its own parameter, nested objects dotted, a repeated
    /// block type numbered, meta keys (`id`, `optimizationRound`) skipped.
    #[test]
    fn params_are_flattened_per_block_type() {
        let t = Trial {
            model: Some(json!({
                "id": "x", "optimizationRound": 2, "seed": 7,
                "inputBlocks": [{"type": "time-series", "window": {"windowSizeMs": 1000}}],
                "dspBlocks": [{"type": "mfe", "num_filters": 40}],
                "learnBlocks": [{"type": "keras", "dropout": 0.25}, {"type": "keras", "dropout": 0.1}]
            }))
            .into(),
            ..Default::default()
        };
        let names: Vec<String> = params(&t).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "Input block",
                "time-series: window.windowSizeMs",
                "DSP block",
                "mfe: num_filters",
                "Learn block",
                "keras: dropout",
                "Learn block #2",
                "keras #2: dropout",
                "model: seed"
            ]
        );
    }

    #[test]
    fn impulse_blocks_are_the_fallback() {
        let t = Trial {
            dsp: vec![ImpulseBlock {
                type_name: Some("mfcc".into()),
                config: vec![("num_filters".into(), json!(32))].into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        assert_eq!(
            params(&t),
            [
                ("DSP block".to_owned(), json!("mfcc")),
                ("mfcc: num_filters".to_owned(), json!(32))
            ]
        );
    }
}
