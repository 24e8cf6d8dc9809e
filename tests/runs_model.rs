//! A project's runs (`/optimize/runs`) through the real reader and the picker's derivations,
//! natively: tolerant parsing, newest-first order, hidden runs, and the words shown.
#![cfg(not(target_arch = "wasm32"))]

mod native_support;
use native_support::fixture_text as fixture;

use tunerscope::derive::run_list::{
    empty_words, newest_first, run_rows, run_title, status_words, unreadable_words,
};
use tunerscope::model::runs::{parse_runs, parse_runs_response, RunList, TunerRun};
use tunerscope::model::time::parse_rfc3339_ms;
use tunerscope::model::ErrorKind;

/// 2025-03-14T12:02:10Z: one hour after the newest fixture run.
fn now() -> i64 {
    parse_rfc3339_ms("2025-03-14T12:02:10Z").unwrap()
}

fn run(job_id: u64, index: Option<u64>, created: Option<&str>) -> TunerRun {
    TunerRun {
        job_id,
        tuner_job_id: None,
        index,
        name: None,
        created_ms: created.and_then(parse_rfc3339_ms),
        status: Some("success".into()),
        visible: true,
        continuation_job_id: None,
    }
}

#[test]
fn the_shared_fixture_reads_every_run() {
    let list = parse_runs(&fixture("runs.json")).unwrap();
    assert_eq!(list.unreadable, 0);
    let ids: Vec<u64> = list.runs.iter().map(|r| r.job_id).collect();
    assert_eq!(ids, [3, 4, 5, 8]);
    let old = &list.runs[3];
    assert_eq!(old.name.as_deref(), Some("Gesture search #6"));
    assert!(!old.visible);
    assert_eq!(old.continuation_job_id, Some(5));
    assert_eq!(old.status.as_deref(), Some("cancelled"));
    assert_eq!(list.runs[0].tuner_job_id, Some(27718888));
    assert_eq!(list.runs[0].index, Some(6));
}

/// Pins the tolerance rules: a run missing its name, with an unknown `jobStatus`, without a
/// date or with a broken one, and one with a hostile name are all kept as received.
#[test]
fn odd_runs_are_kept_with_their_text_verbatim() {
    let body = r#"{"success":true,"runs":[
        {"tunerCoordinatorJobId": 11, "index": 2, "created": "2025-03-01T00:00:00Z", "jobStatus": "paused-by-admin", "visible": true},
        {"tunerCoordinatorJobId": "12", "index": 3, "jobStatus": "running"},
        {"tunerCoordinatorJobId": 13, "created": "yesterday", "name": "<img src=x onerror=alert(1)> \u202e&amp;"},
        {"tunerCoordinatorJobId": 14, "created": 17, "jobStatus": null, "visible": "false", "name": "   "}
    ]}"#;
    let list = parse_runs(body).unwrap();
    assert_eq!(list.unreadable, 0);
    let [a, b, c, d] = &list.runs[..] else {
        panic!("{list:?}")
    };
    assert_eq!(a.name, None);
    assert_eq!(a.status.as_deref(), Some("paused-by-admin"));
    assert_eq!(status_words(a.status.as_deref()), "paused-by-admin");
    assert_eq!(run_title(a), "Run #2");
    assert_eq!((b.job_id, b.created_ms, b.visible), (12, None, true));
    assert_eq!(
        c.name.as_deref(),
        Some("<img src=x onerror=alert(1)> \u{202e}&amp;")
    );
    assert_eq!(c.created_ms, None, "an unreadable date is unknown, not 0");
    assert_eq!(run_title(c), "<img src=x onerror=alert(1)> \u{202e}&amp;");
    assert_eq!((d.created_ms, d.status.as_deref()), (None, None));
    assert!(!d.visible);
    assert_eq!(run_title(d), "Tuner job 14", "a blank name is no name");
    assert_eq!(status_words(None), "state unknown");
}

#[test]
fn entries_that_cannot_be_opened_are_counted_not_shown() {
    let body = r#"{"success":true,"runs":[
        {"tunerCoordinatorJobId": 21},
        {"name": "no job id"},
        {"tunerCoordinatorJobId": -3},
        {"tunerCoordinatorJobId": 0},
        "a string",
        null
    ]}"#;
    let list = parse_runs(body).unwrap();
    assert_eq!(list.runs.len(), 1);
    assert_eq!(list.unreadable, 5);
    assert_eq!(
        unreadable_words(&list).as_deref(),
        Some("5 entries of the answer had no usable tuner job id (or repeated one) and are not listed.")
    );
}

/// Pins the dedupe: a job id the server repeats is one run (the first entry; the repeats are
/// counted as unreadable), so the picker's keyed rows never share a key.
#[test]
fn a_repeated_job_id_is_listed_once() {
    let body = r#"{"success":true,"runs":[
        {"tunerCoordinatorJobId": 21, "name": "first", "index": 1},
        {"tunerCoordinatorJobId": 22, "name": "other"},
        {"tunerCoordinatorJobId": "21", "name": "repeat", "index": 2},
        {"tunerCoordinatorJobId": 21, "name": "again"}
    ]}"#;
    let list = parse_runs(body).unwrap();
    let runs: Vec<(u64, Option<&str>)> = list
        .runs
        .iter()
        .map(|r| (r.job_id, r.name.as_deref()))
        .collect();
    assert_eq!(runs, [(21, Some("first")), (22, Some("other"))]);
    assert_eq!(list.unreadable, 2);
    assert_eq!(
        unreadable_words(&list).as_deref(),
        Some("2 entries of the answer had no usable tuner job id (or repeated one) and are not listed.")
    );
}

/// A body that is not a list of runs must not read as "this project has no runs".
#[test]
fn a_body_without_a_runs_list_is_a_bad_response() {
    for body in [
        r#"{"success":true,"runs":{"0":{}}}"#,
        r#"{"success":true,"runs":"none"}"#,
        r#"{"success":true}"#,
        r#"{"success":false,"error":"Project not found"}"#,
        "<html>proxy login</html>",
        r#"{"success":true,"runs":["#,
    ] {
        let error = parse_runs(body).unwrap_err();
        assert_eq!(error.kind, ErrorKind::BadResponse, "{body}");
    }
    assert_eq!(
        parse_runs(r#"{"success":true,"runs":[]}"#).unwrap(),
        RunList::default()
    );
}

#[test]
fn statuses_classify_like_the_state() {
    let cases = [
        (401, ErrorKind::Auth),
        (403, ErrorKind::Auth),
        (404, ErrorKind::NotFound),
        (500, ErrorKind::Server),
        (429, ErrorKind::Server),
        (418, ErrorKind::BadResponse),
    ];
    for (status, kind) in cases {
        let error = parse_runs_response(status, r#"{"success":false,"error":"nope"}"#).unwrap_err();
        assert_eq!((error.kind, error.status), (kind, Some(status)));
    }
    assert!(parse_runs_response(200, r#"{"success":true,"runs":[]}"#).is_ok());
}

#[test]
fn newest_first_by_created_then_index_then_job() {
    let runs = vec![
        run(1, Some(1), Some("2025-01-01T00:00:00Z")),
        run(2, Some(5), None),
        run(3, Some(2), Some("2025-02-01T00:00:00Z")),
        run(4, Some(3), Some("2025-02-01T00:00:00Z")),
        run(5, None, None),
        run(6, Some(9), None),
        run(7, None, None),
    ];
    let order: Vec<u64> = newest_first(&runs).iter().map(|r| r.job_id).collect();
    assert_eq!(order, [4, 3, 1, 6, 2, 7, 5]);
}

#[test]
fn hidden_runs_show_only_on_request() {
    let list = parse_runs(&fixture("runs.json")).unwrap();
    let shown = run_rows(&list, false, None);
    let ids: Vec<u64> = shown.rows.iter().map(|r| r.job_id).collect();
    assert_eq!(ids, [3, 4, 5]);
    assert_eq!((shown.hidden, shown.total), (1, 4));
    let all = run_rows(&list, true, None);
    assert_eq!(all.rows.len(), 4);
    assert!(all.rows[3].hidden);
    assert_eq!(empty_words(&shown), None);
}

#[test]
fn rows_say_name_index_status_and_when() {
    let list = parse_runs(&fixture("runs.json")).unwrap();
    let rows = run_rows(&list, true, Some(5)).rows;
    let first = &rows[0];
    assert_eq!(first.title, "Gesture search #4");
    assert_eq!(first.index.as_deref(), Some("#6"));
    assert_eq!(
        (first.status.as_str(), first.status_words.as_str()),
        ("running", "running")
    );
    assert_eq!(first.created_ago(now()), "1 h ago");
    assert_eq!(first.created_at.as_deref(), Some("2025-03-14 11:02:10 UTC"));
    assert!(!first.current);
    assert_eq!(rows[1].status_words, "finished");
    assert_eq!(rows[1].created_ago(now()), "19 h 22 min ago");
    assert!(rows[2].current, "the open run is marked");
    assert_eq!(rows[3].status_words, "cancelled");

    let undated = RunList {
        runs: vec![run(9, None, None)],
        unreadable: 0,
    };
    let row = &run_rows(&undated, false, None).rows[0];
    assert_eq!(
        (row.created_ago(now()).as_str(), row.created_at.as_deref()),
        ("date unknown", None)
    );
}

#[test]
fn an_empty_project_and_an_all_hidden_one_say_so() {
    let empty = run_rows(&RunList::default(), false, None);
    assert!(empty_words(&empty).unwrap().contains("no tuner runs yet"));
    let mut hidden = run(1, None, None);
    hidden.visible = false;
    let list = RunList {
        runs: vec![hidden.clone(), hidden],
        unreadable: 0,
    };
    let words = empty_words(&run_rows(&list, false, None)).unwrap();
    assert!(words.contains("2 runs are all hidden"), "{words}");
    assert!(words.contains("show hidden runs"), "{words}");
    assert_eq!(unreadable_words(&list), None);
}
