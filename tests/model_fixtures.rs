//! Every public fixture through the real parser (natively): what parses, what each error
//! body becomes, and that broken bodies are typed `bad-response` errors, never panics.
#![cfg(not(target_arch = "wasm32"))]

mod native_support;
use native_support::fixture_text as fixture;

use tunerscope::model::{
    parse_response, parse_state, ErrorKind, Reading, RunStatus, TrialStatus, WorkerStatus,
};

#[test]
fn every_state_fixture_parses_with_all_its_trials_and_workers() {
    // (file, trials, workers, status, running)
    let cases = [
        ("creating.json", 0, 3, "creating", true),
        ("running-early.json", 7, 3, "running", true),
        ("running-mid.json", 24, 4, "running", true),
        ("completed.json", 30, 3, "completed", false),
        ("job-error.json", 20, 4, "completed", false),
        ("large-2000.json.gz", 2000, 50, "running", true),
    ];
    for (file, trials, workers, status, running) in cases {
        let run = parse_state(&fixture(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(run.trials.len(), trials, "{file} trials");
        assert_eq!(run.workers.len(), workers, "{file} workers");
        assert_eq!(
            run.status.as_ref().map(RunStatus::as_str),
            Some(status),
            "{file}"
        );
        assert_eq!(run.is_running, Some(running), "{file}");
        assert!(
            run.missing.is_empty(),
            "{file} reports missing {:?}",
            run.missing
        );
        assert_eq!(run.skipped_items, 0, "{file}");
        // Every trial has a unique key and a known status.
        let keys: std::collections::HashSet<_> = run.trials.iter().map(|t| &t.key).collect();
        assert_eq!(keys.len(), trials, "{file} keys unique");
        assert!(run
            .trials
            .iter()
            .all(|t| matches!(t.status, Some(ref s) if !matches!(s, TrialStatus::Unknown(_)))));
        assert!(run
            .workers
            .iter()
            .all(|w| matches!(w.status, Some(ref s) if !matches!(s, WorkerStatus::Unknown(_)))));
    }
}

#[test]
fn every_timeline_snapshot_parses() {
    for i in 0..12 {
        let run = parse_state(&fixture(&format!("timeline/{i:03}.json"))).unwrap();
        assert_eq!(run.workers.len(), 3);
        assert!(run.trials.len() <= 12);
    }
}

#[test]
fn completed_run_has_its_whole_config() {
    let run = parse_state(&fixture("completed.json")).unwrap();
    let c = &run.config;
    assert_eq!(c.name.as_deref(), Some("Keyword spotting sweep #3"));
    assert_eq!(c.target_latency_ms, Some(200.0));
    let device = c.device.as_ref().unwrap();
    assert_eq!(
        (device.name.as_deref(), device.ram, device.rom),
        (Some("cortex-m4f-80mhz"), Some(131072.0), Some(1048576.0))
    );
    assert_eq!(c.objectives.len(), 3);
    assert_eq!(c.space.len(), 1);
    assert_eq!(c.space[0].dsp.len(), 3);
    assert_eq!(c.space[0].learn[0][0].type_name.as_deref(), Some("keras"));
    assert_eq!(c.space_options.len(), 2);
    assert_eq!(c.max_total_training_time_s, Some(21600.0));
    assert_eq!(c.child_job_memory_mib, Some(4096));
    assert!(c.template.is_some() && c.source.is_some());
    // Trial-level detail: the impulse is read from the nested shape.
    let t = &run.trials[0];
    assert_eq!(t.dsp[0].type_name.as_deref(), Some("mfcc"));
    assert_eq!(t.dsp[0].latency_ms, Reading::Number(112.0));
    assert_eq!(t.learn[0].type_name.as_deref(), Some("keras"));
    assert_eq!(t.input[0].type_name.as_deref(), Some("time-series"));
    assert!(t.input[0].config.iter().any(|(k, _)| k == "windowSizeMs"));
    assert!(t.started_ms().is_some());
    assert_eq!(
        run.trials
            .iter()
            .filter(|t| t.added_to_project.is_some())
            .count(),
        1
    );
    assert_eq!(
        run.trials
            .iter()
            .filter(|t| t.post_processing && t.original_trial_id.is_some())
            .count(),
        1
    );
}

#[test]
fn seed_example_parses_despite_placeholders() {
    let run = parse_state(&fixture("seed-example.json")).unwrap();
    assert!(!run.trials.is_empty());
}

#[test]
fn error_bodies_give_typed_errors() {
    let e = parse_response(401, &fixture("errors/unauthorized.json")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Auth);
    assert!(e.detail.contains("Invalid API key"), "{}", e.detail);
    let e = parse_response(404, &fixture("errors/not-found.json")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    // A 200 that says success:false is a bad response carrying the server's words.
    let body = fixture("errors/success-false.json");
    let e = parse_response(200, &body).unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadResponse);
    let server_error: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        e.detail.contains(server_error["error"].as_str().unwrap()),
        "{}",
        e.detail
    );
    assert!(e
        .to_string()
        .starts_with("The server answered, but not with a tuner state"));
}

#[test]
fn broken_bodies_are_bad_response_not_panics() {
    let completed = fixture("completed.json");
    let mut cuts: Vec<&str> = (1..40)
        .map(|i| &completed[..completed.len() * i / 40])
        .collect();
    cuts.extend([
        "",
        "   ",
        "<html><body>502 Bad Gateway</body></html>",
        "[]",
        "[{\"config\":{}}]",
        "null",
        "42",
        "\"text\"",
        "{}",
        "{\"foo\":1}",
        "{\"success\":false}",
        // A 200 that lacks any one of config/status/trials is not a state (issue 12: such an
        // answer during polling used to replace the run with an empty one).
        "{\"success\":true,\"trials\":[]}",
        "{\"success\":true,\"config\":{},\"status\":{}}",
        "{\"success\":true,\"config\":{},\"trials\":[]}",
        "{\"success\":true,\"status\":{},\"trials\":[]}",
        "{\"success\":true,\"config\":\"x\",\"status\":{},\"trials\":[]}",
    ]);
    for body in cuts {
        let e = parse_state(body).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse, "{body:.60}");
        assert!(!e.detail.is_empty());
    }
    assert!(parse_state("<!doctype html><p>login</p>")
        .unwrap_err()
        .detail
        .contains("HTML"));
    assert!(parse_state(&completed[..1000])
        .unwrap_err()
        .detail
        .contains("cut off"));
    assert!(parse_state("[]").unwrap_err().detail.contains("list"));
    assert!(parse_state(r#"{"success":true,"trials":[]}"#)
        .unwrap_err()
        .detail
        .contains("no `config`, no `status`"));
    // Server errors keep the server's words; HTML error pages are described, not dumped.
    let e = parse_response(502, "<html><h1>502 Bad Gateway</h1></html>").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Server);
    assert!(!e.detail.contains('<'));
}

#[test]
fn drift_is_tolerated_and_named() {
    // Integers as floats or strings, unknown enum values, wrong types, missing required fields.
    let body = r#"{
        "success": true,
        "config": {"targetLatency": "200", "targetDevice": {"name": "mcu", "ram": 131072.0}, "tuningMaxTrials": 30.0, "trainingCycles": 12.5},
        "status": {"numPendingTrials": 1.0, "numRunningTrials": null, "status": "paused"},
        "trials": [
            {"id": 7, "name": "a", "status": "exploding", "blocks": "nope", "impulse": {"dspBlocks": [{"id": 2, "type": "mfe", "frame_length": 0.02, "performance": {"latency": 3, "ram": 10}}]}},
            "not a trial",
            {"id": 7, "status": "completed", "blocks": [], "impulse": null, "currentEpoch": -3},
            {"name": "no id"}
        ],
        "workers": [{"workerId": "w1", "status": "sleeping"}],
        "brandNewField": {"x": 1}
    }"#;
    let run = parse_state(body).unwrap();
    assert_eq!(run.config.target_latency_ms, Some(200.0));
    assert_eq!(run.config.max_trials, Some(30));
    assert_eq!(run.config.training_cycles, None, "12.5 is not a count");
    assert_eq!(run.status, Some(RunStatus::Unknown("paused".into())));
    assert_eq!(run.counts.pending, Some(1));
    assert_eq!(run.trials.len(), 3);
    assert_eq!(run.skipped_items, 1);
    assert_eq!(run.trials[0].id, "7");
    assert_eq!(
        run.trials[0].status,
        Some(TrialStatus::Unknown("exploding".into()))
    );
    // A flat DSP entry is read too.
    assert_eq!(run.trials[0].dsp[0].type_name.as_deref(), Some("mfe"));
    assert_eq!(run.trials[0].dsp[0].latency_ms, Reading::Number(3.0));
    assert!(run.trials[0].dsp[0]
        .config
        .iter()
        .any(|(k, _)| k == "frame_length"));
    // Duplicate and missing ids still get unique keys.
    let keys: std::collections::HashSet<_> = run.trials.iter().map(|t| t.key.clone()).collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(run.trials[1].current_epoch, None);
    assert_eq!(
        run.workers[0].status,
        Some(WorkerStatus::Unknown("sleeping".into()))
    );
    for path in [
        "status.numRunningTrials",
        "tunerJobIsRunning",
        "trials[0].blocks",
        "trials[1].name",
    ] {
        assert!(
            run.missing.iter().any(|m| m == path),
            "{path} not in {:?}",
            run.missing
        );
    }
}

/// Pins the CSV export: one row per trial of completed.json, read back with a real RFC 4180
/// reader, with the accuracies and verdicts of the model.
#[test]
fn csv_of_completed_reads_back_with_the_right_numbers() {
    use tunerscope::derive::budget::accuracy;
    use tunerscope::derive::csv_export::{trials_csv, COLUMNS};
    use tunerscope::vocab::{Budget, Dataset, Precision};
    let run = parse_state(&fixture("completed.json")).unwrap();
    let csv = trials_csv(&run.trials, Budget::of_config(&run.config), Precision::Int8);
    let mut reader = native_support::csv_records(&csv);
    assert_eq!(
        reader.remove(0),
        COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>()
    );
    assert_eq!(reader.len(), 30);
    let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
    for (row, trial) in reader.iter().zip(&run.trials) {
        assert_eq!(row[col("id")], trial.id);
        let expected = accuracy(trial, Dataset::Test, Precision::Float32).unwrap();
        let got: f64 = row[col("accuracy_test_float32")].parse().unwrap();
        assert!(
            (got - expected).abs() < 1e-9,
            "{}: {got} vs {expected}",
            trial.id
        );
    }
    assert_eq!(
        reader
            .iter()
            .filter(|r| r[col("fits_budget")] == "no")
            .count(),
        8
    );
}

/// Pins the hostile fixture: it parses, keeps every string exactly (no unescaping, no
/// trimming), and look-alike ids stay distinct keys.
#[test]
fn hostile_text_is_kept_verbatim() {
    let run = parse_state(&fixture("hostile.json")).unwrap();
    assert_eq!(run.trials.len(), 8);
    assert!(run
        .config
        .name
        .as_deref()
        .unwrap()
        .contains("<script>window.__pwned=1</script>"));
    assert_eq!(run.trials[5].name.as_deref().map(str::len), Some(10_000));
    assert_ne!(
        run.trials[0].key, run.trials[1].key,
        "a zero-width space makes a different id"
    );
    assert!(run.trials[1].id.ends_with('\u{200b}'));
    assert!(run.workers.iter().any(|w| w.id == "tuner-worker-1\u{200b}"));
}
