//! A trial's details (every metric figure, block parameters, `model`) are kept as text at
//! parse time and read when asked for: the summary never depends on them, a malformed part
//! is reported by the details and hides nothing else, and the summary and the details agree.
#![cfg(not(target_arch = "wasm32"))]

mod native_support;
use native_support::fixture_text as fixture;

use serde_json::{json, Value};
use tunerscope::model::convert::{parse_state_reusing, KnownTrials};
use tunerscope::model::{parse_state, Trial};

/// `completed.json` with trial 0 changed by `change`.
fn with_first_trial(change: impl FnOnce(&mut Value)) -> (Trial, Trial) {
    let text = fixture("completed.json");
    let mut state: Value = serde_json::from_str(&text).unwrap();
    change(&mut state["trials"][0]);
    let before = parse_state(&text).unwrap().trials.remove(0);
    let after = parse_state(&state.to_string()).unwrap().trials.remove(0);
    (before, after)
}

/// What a card shows without being expanded, compared field by field.
fn assert_same_summary(a: &Trial, b: &Trial) {
    assert_eq!(
        (&a.id, &a.name, &a.status, &a.blocks, &a.device),
        (&b.id, &b.name, &b.status, &b.blocks, &b.device)
    );
    assert_eq!(
        (
            &a.progress,
            a.round,
            &a.worker_id,
            a.last_completed_training_ms
        ),
        (
            &b.progress,
            b.round,
            &b.worker_id,
            b.last_completed_training_ms
        )
    );
    for (x, y) in [(&a.input, &b.input), (&a.dsp, &b.dsp), (&a.learn, &b.learn)] {
        let head = |l: &Vec<tunerscope::model::ImpulseBlock>| {
            l.iter()
                .map(|b| {
                    (
                        b.id,
                        b.type_name.clone(),
                        b.title.clone(),
                        b.latency_ms,
                        b.ram,
                        b.accuracy,
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(head(x), head(y));
    }
}

#[test]
fn metrics_that_are_not_an_object_leave_the_summary_and_are_reported() {
    let (before, after) = with_first_trial(|t| t["metrics"] = json!("unavailable"));
    assert_same_summary(&before, &after);
    // The trial's own accuracy is gone, its learn block's remains for the list.
    assert_eq!(after.metrics, Default::default());
    assert!(after.learn[0].accuracy.validation.int8.is_some());
    let d = after.details();
    assert_eq!(d.metrics, Default::default());
    assert_eq!(d.notes.len(), 1, "{:?}", d.notes);
    assert!(d.notes[0].contains("`metrics` is text"), "{:?}", d.notes);
    assert!(before.details().notes.is_empty());
}

#[test]
fn a_malformed_confusion_matrix_keeps_the_accuracy_and_the_other_sets() {
    let (before, after) = with_first_trial(|t| {
        t["metrics"]["validation"]["int8"]["confusionMatrix"] = json!({"rows": 4});
        t["metrics"]["test"]["float32"] = json!([1, 2]);
    });
    assert_same_summary(&before, &after);
    let v = after.metrics.validation.int8.as_ref().unwrap();
    assert_eq!(v.accuracy, Some(0.6722)); // completed.json, trials[0], by hand
    let d = after.details();
    let full = d.metrics.validation.int8.as_ref().unwrap();
    assert_eq!(full.confusion_matrix, None);
    assert_eq!(full.accuracy, Some(0.6722));
    assert!(d.metrics.test.float32.is_none());
    assert!(d
        .metrics
        .validation
        .float32
        .as_ref()
        .unwrap()
        .confusion_matrix
        .is_some());
    let notes = d.notes.join("\n");
    assert!(
        notes.contains("`metrics.validation.int8.confusionMatrix` is not a table"),
        "{notes}"
    );
    assert!(
        notes.contains("`metrics.test.float32` is a list"),
        "{notes}"
    );
    assert_eq!(d.notes.len(), 2, "{notes}");
}

#[test]
fn malformed_impulse_parts_keep_the_summary_and_are_reported() {
    let (before, after) = with_first_trial(|t| {
        t["impulse"]["learnBlocks"][0]["config"] = json!(5);
        t["model"] = json!(["not", "an", "object"]);
    });
    assert_same_summary(&before, &after);
    assert!(after.learn[0].config.is_empty());
    assert!(!before.learn[0].config.is_empty());
    let notes = after.details().notes.join("\n");
    assert!(
        notes.contains("`impulse.learnBlocks[0].config` is a number"),
        "{notes}"
    );
    assert!(notes.contains("`model` is a list"), "{notes}");

    // An entry that is only a word still names its type.
    let (_, word) = with_first_trial(|t| t["impulse"]["dspBlocks"][0] = json!("spectral-analysis"));
    assert_eq!(word.dsp[0].type_name.as_deref(), Some("spectral-analysis"));
    let notes = word.details().notes.join("\n");
    assert!(notes.contains("`impulse.dspBlocks[0]` is text"), "{notes}");
}

#[test]
fn the_summary_accuracies_are_the_details_accuracies_on_every_fixture() {
    let mut checked = 0;
    for name in [
        "running-early.json",
        "running-mid.json",
        "completed.json",
        "job-error.json",
        "hostile.json",
        "large-2000.json.gz",
    ] {
        let text = fixture(name);
        let state: Value = serde_json::from_str(&text).unwrap();
        let Ok(run) = parse_state(&text) else {
            continue;
        };
        for t in &run.trials {
            let d = t.details();
            for (s, f) in [
                (&t.metrics.validation, &d.metrics.validation),
                (&t.metrics.test, &d.metrics.test),
                (&t.metrics.train, &d.metrics.train),
            ] {
                let acc = |m: &Option<tunerscope::model::Metrics>| m.as_ref().map(|m| m.accuracy);
                assert_eq!(acc(&s.float32), acc(&f.float32), "{name} {}", t.id);
                assert_eq!(acc(&s.int8), acc(&f.int8), "{name} {}", t.id);
                checked += 1;
            }
            // Every well-formed trial of these fixtures reads without a note, except the
            // hostile one's deliberate oddities.
            if name != "hostile.json" {
                assert!(d.notes.is_empty(), "{name} {}: {:?}", t.id, d.notes);
            }
        }
        // The fixture's own confusion matrices reach the details.
        let matrices = state["trials"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["metrics"]["validation"]["int8"]["confusionMatrix"].is_array())
            .count();
        let read = run
            .trials
            .iter()
            .filter(|t| {
                let d = t.details();
                d.metrics
                    .validation
                    .int8
                    .as_ref()
                    .is_some_and(|m| m.confusion_matrix.is_some())
            })
            .count();
        assert_eq!(read, matrices, "{name}");
    }
    assert!(checked > 6000, "{checked}");
}

#[test]
fn an_unchanged_trial_is_reused_with_its_details_read_once() {
    let text = fixture("running-mid.json");
    let (_, first) = parse_state_reusing(&text, &KnownTrials::new()).unwrap();
    let known: KnownTrials = first
        .iter()
        .filter_map(|r| Some((r.hash?, r.trial.clone())))
        .collect();
    assert!(!first[0].trial.details.is_read());
    let shown = first[0].trial.details().metrics.clone();
    let (_, second) = parse_state_reusing(&text, &known).unwrap();
    assert!(second.iter().all(|r| r.reused));
    assert!(std::sync::Arc::ptr_eq(&first[0].trial, &second[0].trial));
    assert!(second[0].trial.details.is_read());
    assert_eq!(second[0].trial.details().metrics, shown);
}
