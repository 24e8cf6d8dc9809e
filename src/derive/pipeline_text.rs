//! A trial's pipeline (input → DSP → learn) in words: each block with its title, its own
//! status from `blocks[]`, and its key parameters ("1000 ms window @ 16 kHz", "MFCC 13
//! coeffs, 32 filters", "Conv1D 3 layers, 8 filters").
//!
//! A block whose type is unknown or whose config says nothing useful (see
//! [`super::block_words`]) reads as its title or type, never as nothing.

pub use super::block_words::words;
use crate::model::{BlockKind, BlockState, Trial, TrialStatus};
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
    /// Its place in the impulse's list of blocks of its kind, where its parameters are
    /// ([`parameters`]); `None` for blocks known only from `blocks[]`.
    pub place: Option<usize>,
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
                place: Some(position),
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
                place: None,
                kind,
            });
        }
    }
    out
}

/// The parameters of `step` as received (empty for blocks known only from `blocks[]`), read
/// from the trial when the details ask: every card builds its steps, and copying every
/// parameter into them (nested objects and all) cost more than the rest of the steps.
pub fn parameters<'a>(trial: &'a Trial, step: &Step) -> &'a [(String, Value)] {
    let blocks = match step.kind {
        BlockKind::Input => &trial.input,
        BlockKind::Dsp => &trial.dsp,
        BlockKind::Learn => &trial.learn,
        BlockKind::Unknown(_) => return &[],
    };
    step.place
        .and_then(|i| blocks.get(i))
        .map_or(&[], |block| &block.config[..])
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImpulseBlock;
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

    #[test]
    fn each_step_finds_its_own_parameters() {
        let trial = Trial {
            input: vec![block(
                Some("time-series"),
                None,
                json!({"windowSizeMs": 1000}),
            )],
            dsp: vec![
                block(Some("mfcc"), None, json!({"num_cepstral": 13})),
                block(
                    Some("spectral"),
                    None,
                    json!({"fft_length": 64, "filters": {"kind": "low"}}),
                ),
            ],
            learn: vec![block(Some("keras"), None, json!({}))],
            blocks: vec![BlockState {
                kind: Some(BlockKind::Unknown("post".into())),
                ..Default::default()
            }],
            ..Default::default()
        };
        let s = steps(&trial);
        let keys = |i: usize| -> Vec<&str> {
            parameters(&trial, &s[i])
                .iter()
                .map(|(k, _)| k.as_str())
                .collect()
        };
        assert_eq!(keys(0), ["windowSizeMs"]);
        assert_eq!(keys(1), ["num_cepstral"]);
        assert_eq!(keys(2), ["fft_length", "filters"]);
        assert!(keys(3).is_empty(), "a learn block without parameters");
        assert!(keys(4).is_empty(), "a block known only from blocks[]");
    }
}
