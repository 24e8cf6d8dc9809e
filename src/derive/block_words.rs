//! A block's key parameters in words: "1000 ms window @ 16 kHz", "MFCC 13 coeffs, 32
//! filters", "Conv1D 3 layers, 8 filters". Configs are free-form and may be missing or odd:
//! every reader is optional, and `None` means "nothing useful; show the title or type".

use super::format;
use crate::model::{BlockKind, ImpulseBlock};
use serde_json::Value;

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
}
