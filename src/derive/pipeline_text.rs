//! A trial's pipeline (input → DSP → learn) in words: each block with its title, its own
//! status from `blocks[]`, and its key parameters ("1000 ms window @ 16 kHz", "MFCC 13
//! coeffs, 32 filters", "Conv1D 3 layers, 8 filters").
//!
//! Configs are free-form and may be missing or odd: every reader is optional, and a block
//! whose type is unknown or whose config says nothing useful reads as its title or type.

use super::format;
use crate::model::{BlockKind, BlockState, ImpulseBlock, Trial, TrialStatus};
use serde_json::Value;

/// One block of the pipeline, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub kind: BlockKind,
    /// Title, else type, else the kind ("DSP block").
    pub label: String,
    pub type_name: Option<String>,
    /// Key parameters in words; the label when nothing better is known.
    pub words: String,
    /// The block's own `blocks[]` entry, when one matches.
    pub state: Option<BlockState>,
    /// Parameters as received (empty for blocks known only from `blocks[]`).
    pub config: Vec<(String, Value)>,
}

impl Step {
    pub fn status(&self) -> Option<&TrialStatus> {
        self.state.as_ref().and_then(|s| s.status.as_ref())
    }
}

/// Human name of a block kind.
pub fn kind_label(kind: &BlockKind) -> String {
    match kind {
        BlockKind::Input => "input".into(),
        BlockKind::Dsp => "DSP".into(),
        BlockKind::Learn => "learn".into(),
        BlockKind::Unknown(text) => text.clone(),
    }
}

/// Every block of `trial` in pipeline order, each matched with its `blocks[]` entry (by id,
/// else by kind and position). `blocks[]` entries that match no impulse block are added
/// after, so a trial whose impulse is missing still shows its steps.
pub fn steps(trial: &Trial) -> Vec<Step> {
    let mut used = vec![false; trial.blocks.len()];
    let mut out = Vec::new();
    for (kind, blocks) in [
        (BlockKind::Input, &trial.input),
        (BlockKind::Dsp, &trial.dsp),
        (BlockKind::Learn, &trial.learn),
    ] {
        for (position, block) in blocks.iter().enumerate() {
            let state = match_state(trial, &mut used, &kind, block.id, position);
            let label = block
                .title
                .clone()
                .or_else(|| block.type_name.clone())
                .unwrap_or_else(|| format!("{} block", kind_label(&kind)));
            let words = words(&kind, block).unwrap_or_else(|| label.clone());
            out.push(Step {
                label,
                type_name: block.type_name.clone(),
                words,
                state,
                config: block.config.clone(),
                kind: kind.clone(),
            });
        }
    }
    for (i, b) in trial.blocks.iter().enumerate() {
        if !used[i] {
            let kind = b.kind.clone().unwrap_or(BlockKind::Unknown("block".into()));
            let label = format!("{} block", kind_label(&kind));
            out.push(Step {
                words: label.clone(),
                label,
                type_name: None,
                state: Some(b.clone()),
                config: Vec::new(),
                kind,
            });
        }
    }
    out
}

fn match_state(
    trial: &Trial,
    used: &mut [bool],
    kind: &BlockKind,
    id: Option<u64>,
    position: usize,
) -> Option<BlockState> {
    let free = |i: &usize| !used[*i];
    let by_id = id.and_then(|id| {
        (0..trial.blocks.len())
            .filter(free)
            .find(|&i| trial.blocks[i].id == Some(id))
    });
    let of_kind = || {
        (0..trial.blocks.len())
            .filter(free)
            .filter(|&i| trial.blocks[i].kind.as_ref() == Some(kind))
    };
    let found = by_id
        .or_else(|| of_kind().find(|&i| trial.blocks[i].model_block_index == Some(position as u64)))
        .or_else(|| of_kind().next())?;
    used[found] = true;
    Some(trial.blocks[found].clone())
}

/// The whole pipeline as one line: "1000 ms window @ 16 kHz → MFCC 13 coeffs → Conv1D …".
pub fn sentence(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|s| s.words.as_str())
        .collect::<Vec<_>>()
        .join(" → ")
}

/// The key parameters of `block` in words, or `None` when nothing useful is known.
pub fn words(kind: &BlockKind, block: &ImpulseBlock) -> Option<String> {
    let ty = block
        .type_name
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase();
    let c = Config(&block.config);
    let text = match (kind, ty.as_str()) {
        (BlockKind::Input, "time-series") | (BlockKind::Input, "")
            if c.has_any(&["windowSizeMs", "window", "frequencyHz"]) =>
        {
            let window = c
                .num("windowSizeMs")
                .or_else(|| c.nested_num("window", "windowSizeMs"));
            let parts = [
                window.map(|w| format!("{} ms window", format::number(w, 0))),
                c.num("frequencyHz").map(hertz),
            ];
            join(" @ ", parts)?
        }
        (BlockKind::Input, "image") => match (c.num("imageWidth"), c.num("imageHeight")) {
            (Some(w), Some(h)) => {
                format!("{}×{} image", format::number(w, 0), format::number(h, 0))
            }
            _ => "image".into(),
        },
        (BlockKind::Dsp, "mfcc") => named(
            "MFCC",
            [
                c.count("num_cepstral", "coeffs"),
                c.count("num_filters", "filters"),
            ],
        ),
        (BlockKind::Dsp, "mfe") => named(
            "MFE",
            [
                c.count("num_filters", "filters"),
                c.seconds_as_ms("frame_length", "frames"),
            ],
        ),
        (BlockKind::Dsp, "spectrogram") => named(
            "Spectrogram",
            [
                c.num("fft_length")
                    .map(|n| format!("{}-pt FFT", format::number(n, 0))),
                c.seconds_as_ms("frame_length", "frames"),
            ],
        ),
        (BlockKind::Dsp, "spectral-analysis") => {
            let analysis = match c
                .text("analysis-type")
                .map(|a| a.to_ascii_lowercase())
                .as_deref()
            {
                Some("wavelet") => Some(
                    join(
                        " ",
                        [
                            Some("wavelet".into()),
                            c.text("wavelet"),
                            c.num("wavelet-level")
                                .map(|l| format!("level {}", format::number(l, 0))),
                        ],
                    )
                    .unwrap_or_default(),
                ),
                Some("fft") => Some(
                    join(
                        " ",
                        [
                            Some("FFT".into()),
                            c.num("fft-length").map(|n| format::number(n, 0)),
                        ],
                    )
                    .unwrap_or_default(),
                ),
                Some(other) => Some(other.to_owned()),
                None => None,
            };
            let filter = c
                .text("filter-type")
                .filter(|f| !f.eq_ignore_ascii_case("none"))
                .map(|f| {
                    join(
                        " ",
                        [Some(format!("{f}-pass")), c.num("filter-cutoff").map(hertz)],
                    )
                    .unwrap_or_default()
                });
            named("Spectral analysis", [analysis, filter])
        }
        (BlockKind::Dsp, "raw") => "Raw data".into(),
        (BlockKind::Dsp, "image") => named("Image", [c.text("channels")]),
        (BlockKind::Learn, "keras") => keras(&c),
        (BlockKind::Learn, "keras-transfer-image") => named(
            "Transfer",
            [
                c.text("model").map(|m| transfer_model(&m)),
                c.count("denseNeurons", "neurons"),
            ],
        ),
        (BlockKind::Learn, "anomaly") => named("K-means", [c.count("clusterCount", "clusters")]),
        _ => return None,
    };
    Some(text)
}

fn keras(c: &Config) -> String {
    let dimension = c.text("dimension").unwrap_or_default().to_ascii_lowercase();
    match dimension.as_str() {
        "conv1d" | "conv2d" => named(
            if dimension == "conv1d" {
                "Conv1D"
            } else {
                "Conv2D"
            },
            [
                c.count("convLayers", "layers"),
                c.count("convBaseFilters", "filters"),
            ],
        ),
        "dense" => named(
            "Dense",
            [
                c.count("denseLayers", "layers"),
                c.count("denseBaseNeurons", "neurons"),
            ],
        ),
        "" => named(
            "Keras",
            [c.count("denseLayers", "layers")
                .or_else(|| c.count("convLayers", "layers"))],
        ),
        other => other.to_owned(),
    }
}

/// `transfer_mobilenetv2_a35` → `MobileNetV2 0.35`; anything else without its prefix.
fn transfer_model(model: &str) -> String {
    let bare = model.strip_prefix("transfer_").unwrap_or(model);
    if let Some(rest) = bare.strip_prefix("mobilenetv") {
        if let Some((version, alpha)) = rest.split_once("_a") {
            if !version.is_empty()
                && version.bytes().all(|b| b.is_ascii_digit())
                && !alpha.is_empty()
                && alpha.bytes().all(|b| b.is_ascii_digit())
            {
                return format!("MobileNetV{version} 0.{alpha}");
            }
        }
    }
    bare.to_owned()
}

fn hertz(hz: f64) -> String {
    if hz >= 1000.0 {
        format!("{} kHz", format::number(hz / 1000.0, 3))
    } else {
        format!("{} Hz", format::number(hz, 2))
    }
}

fn join<const N: usize>(sep: &str, parts: [Option<String>; N]) -> Option<String> {
    let parts: Vec<String> = parts
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(sep))
}

/// "Name part, part" or just "Name".
fn named<const N: usize>(name: &str, parts: [Option<String>; N]) -> String {
    match join(", ", parts) {
        Some(p) => format!("{name} {p}"),
        None => name.to_owned(),
    }
}

/// Lookups into a block's parameters; numbers may arrive as numbers or numeric strings.
struct Config<'a>(&'a [(String, Value)]);

impl Config<'_> {
    fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    fn has_any(&self, keys: &[&str]) -> bool {
        keys.iter().any(|k| self.get(k).is_some())
    }
    fn num(&self, key: &str) -> Option<f64> {
        as_number(self.get(key)?)
    }
    fn nested_num(&self, outer: &str, key: &str) -> Option<f64> {
        as_number(self.get(outer)?.get(key)?)
    }
    fn text(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
    fn count(&self, key: &str, unit: &str) -> Option<String> {
        self.num(key)
            .map(|n| format!("{} {unit}", format::number(n, 2)))
    }
    fn seconds_as_ms(&self, key: &str, unit: &str) -> Option<String> {
        self.num(key)
            .map(|s| format!("{} ms {unit}", format::number(s * 1000.0, 1)))
    }
}

fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|n: &f64| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn block(ty: Option<&str>, title: Option<&str>, config: Value) -> ImpulseBlock {
        ImpulseBlock {
            id: None,
            type_name: ty.map(str::to_owned),
            title: title.map(str::to_owned),
            config: config
                .as_object()
                .map(|m| m.clone().into_iter().collect())
                .unwrap_or_default(),
            ..Default::default()
        }
    }

    #[test]
    fn known_blocks_read_as_words() {
        let cases = [
            (
                BlockKind::Input,
                "time-series",
                json!({"windowSizeMs": 1000, "frequencyHz": 16000}),
                "1000 ms window @ 16 kHz",
            ),
            (
                BlockKind::Input,
                "time-series",
                json!({"window": {"windowSizeMs": 2000}, "frequencyHz": "62.5"}),
                "2000 ms window @ 62.5 Hz",
            ),
            (
                BlockKind::Input,
                "image",
                json!({"imageWidth": 96, "imageHeight": 96}),
                "96×96 image",
            ),
            (
                BlockKind::Dsp,
                "mfcc",
                json!({"num_cepstral": 13, "num_filters": 32}),
                "MFCC 13 coeffs, 32 filters",
            ),
            (
                BlockKind::Dsp,
                "mfe",
                json!({"num_filters": 40, "frame_length": 0.025}),
                "MFE 40 filters, 25 ms frames",
            ),
            (
                BlockKind::Dsp,
                "spectrogram",
                json!({"fft_length": 128, "frame_length": 0.032}),
                "Spectrogram 128-pt FFT, 32 ms frames",
            ),
            (
                BlockKind::Dsp,
                "spectral-analysis",
                json!({"analysis-type": "Wavelet", "wavelet": "haar", "wavelet-level": 2, "filter-type": "none"}),
                "Spectral analysis wavelet haar level 2",
            ),
            (
                BlockKind::Dsp,
                "spectral-analysis",
                json!({"analysis-type": "FFT", "fft-length": 64, "filter-type": "low", "filter-cutoff": 3}),
                "Spectral analysis FFT 64, low-pass 3 Hz",
            ),
            (BlockKind::Dsp, "raw", json!({}), "Raw data"),
            (
                BlockKind::Dsp,
                "image",
                json!({"channels": "Grayscale"}),
                "Image Grayscale",
            ),
            (
                BlockKind::Learn,
                "keras",
                json!({"dimension": "conv1d", "convLayers": 3, "convBaseFilters": 8}),
                "Conv1D 3 layers, 8 filters",
            ),
            (
                BlockKind::Learn,
                "keras",
                json!({"dimension": "dense", "denseLayers": 2, "denseBaseNeurons": 20}),
                "Dense 2 layers, 20 neurons",
            ),
            (
                BlockKind::Learn,
                "keras-transfer-image",
                json!({"model": "transfer_mobilenetv2_a35", "denseNeurons": 32}),
                "Transfer MobileNetV2 0.35, 32 neurons",
            ),
            (
                BlockKind::Learn,
                "keras-transfer-image",
                json!({"model": "transfer_efficientnet_b0"}),
                "Transfer efficientnet_b0",
            ),
            (
                BlockKind::Learn,
                "anomaly",
                json!({"clusterCount": 16}),
                "K-means 16 clusters",
            ),
        ];
        for (kind, ty, config, expected) in cases {
            assert_eq!(
                words(&kind, &block(Some(ty), None, config)).as_deref(),
                Some(expected),
                "{ty}"
            );
        }
    }

    #[test]
    fn unknown_or_empty_blocks_degrade_to_their_name() {
        assert_eq!(
            words(
                &BlockKind::Dsp,
                &block(Some("flatten"), None, json!({"x": 1}))
            ),
            None
        );
        assert_eq!(
            words(
                &BlockKind::Dsp,
                &block(Some("mfcc"), None, json!({"num_cepstral": "lots"}))
            )
            .as_deref(),
            Some("MFCC")
        );
        let trial = Trial {
            dsp: vec![
                block(Some("flatten"), Some("Flatten"), json!(null)),
                block(None, None, json!(null)),
            ],
            learn: vec![block(
                Some("keras"),
                None,
                json!({"dimension": "transformer"}),
            )],
            blocks: vec![BlockState {
                id: Some(9),
                kind: Some(BlockKind::Input),
                ..Default::default()
            }],
            ..Default::default()
        };
        let s = steps(&trial);
        assert_eq!(
            sentence(&s),
            "Flatten → DSP block → transformer → input block"
        );
        assert!(
            s[3].state.is_some(),
            "an unmatched blocks[] entry still shows"
        );
    }

    #[test]
    fn block_states_match_by_id_then_kind_and_position() {
        let state = |id, kind: BlockKind, mbi, status| BlockState {
            id,
            kind: Some(kind),
            model_block_index: mbi,
            status: Some(status),
            ..Default::default()
        };
        let mut anomaly = block(Some("anomaly"), None, json!({}));
        anomaly.id = Some(4);
        let trial = Trial {
            dsp: vec![block(Some("raw"), None, json!({}))],
            learn: vec![block(Some("keras"), None, json!({})), anomaly],
            blocks: vec![
                state(Some(4), BlockKind::Learn, Some(1), TrialStatus::Pending),
                state(None, BlockKind::Learn, Some(0), TrialStatus::Running),
                state(None, BlockKind::Dsp, None, TrialStatus::Completed),
            ],
            ..Default::default()
        };
        let s = steps(&trial);
        let statuses: Vec<_> = s
            .iter()
            .map(|s| s.status().map(TrialStatus::as_str))
            .collect();
        assert_eq!(
            statuses,
            [Some("completed"), Some("running"), Some("pending")]
        );
        assert_eq!(s.len(), 3);
    }
}
