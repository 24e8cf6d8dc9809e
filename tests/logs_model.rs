//! Log answers through the real reader ([`read_log`]) and the pure view logic
//! ([`tunerscope::derive::log_view`]): tolerant parsing, "last N of M", plain text, names.
#![cfg(not(target_arch = "wasm32"))]

mod native_support;
use native_support::fixture_text as fixture;

use tunerscope::derive::log_view::{
    box_note, error_headline, error_hint, log_lines, plain_text, run_file_stem, shown_note,
    time_text, trial_file_stem, Level,
};
use tunerscope::model::logs::{read_log, LogBody};
use tunerscope::model::{ErrorKind, LoadError};

fn read(body: &str) -> LogBody {
    read_log(200, body).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_trial_log_sample_reads_with_its_levels_and_total() {
    let body = read(&fixture("trial-logs.json"));
    assert_eq!(body.entries.len(), 34);
    assert_eq!(body.total, Some(1380));
    let last = body.entries.last().unwrap();
    // The sample's last line has no `logLevel`: kept as absent, not turned into "info".
    assert_eq!(last.level, None);
    assert_eq!(last.data, "Job failed (see above)");
    let traceback = &body.entries[body.entries.len() - 2];
    assert_eq!(traceback.level.as_deref(), Some("error"));
    assert!(traceback.data.contains("\n  File \"/app/train.py\""));
}

#[test]
fn the_job_log_sample_reads() {
    let body = read(&fixture("job-logs.json"));
    assert_eq!(body.total, Some(3));
    let levels: Vec<_> = body.entries.iter().map(|e| e.level.clone()).collect();
    assert_eq!(
        levels,
        [
            Some("info".into()),
            Some("warn".into()),
            Some("error".into())
        ]
    );
}

#[test]
fn odd_entries_are_kept_as_received() {
    // Pins: unknown level kept verbatim, missing `created`/`data`, non-string `data`,
    // a non-object item skipped (counted), not the whole answer failing.
    let body = read(
        r#"{"success":true,"totalCount":"6","stdout":[
            {"created":"2025-03-10T08:21:01Z","data":"a","logLevel":"NOTICE"},
            {"data":"no time"},
            {"created":"yesterday","data":42,"logLevel":null},
            {"created":"2025-03-10T08:21:02Z"},
            "stray",
            {"data":{"nested":[1,2]},"logLevel":7}
        ]}"#,
    );
    assert_eq!(body.entries.len(), 5);
    assert_eq!(body.dropped, 1);
    assert_eq!(body.total, Some(6));
    let e = &body.entries;
    assert_eq!(e[0].level.as_deref(), Some("NOTICE"));
    assert_eq!(Level::of(e[0].level.as_deref()), Level::Other);
    assert_eq!((e[1].created.as_deref(), e[1].created_ms), (None, None));
    assert_eq!(time_text(&e[1]), "—");
    assert_eq!(e[2].data, "42");
    assert_eq!(e[2].created.as_deref(), Some("yesterday"));
    assert_eq!(time_text(&e[2]), "yesterday");
    assert_eq!(e[3].data, "");
    assert_eq!(time_text(&e[3]), "08:21:02");
    assert_eq!(e[4].data, r#"{"nested":[1,2]}"#);
    assert_eq!(e[4].level.as_deref(), Some("7"));
}

#[test]
fn hostile_text_is_kept_verbatim() {
    let hostile = "<img src=x onerror=alert(1)>\u{202e}gnp.exe\u{0}\r\n\t&amp;<script>";
    let json = serde_json::json!({"success": true, "totalCount": 1,
        "stdout": [{"created": "2025-03-10T08:21:01Z", "data": hostile, "logLevel": "<b>error</b>"}]});
    let body = read(&json.to_string());
    assert_eq!(body.entries[0].data, hostile);
    assert_eq!(body.entries[0].level.as_deref(), Some("<b>error</b>"));
    assert!(plain_text(&body).contains(hostile));
}

#[test]
fn huge_or_missing_total_counts() {
    let max = read(r#"{"success":true,"totalCount":18446744073709551615,"stdout":[{"data":"x"}]}"#);
    assert_eq!(max.total, Some(u64::MAX));
    assert_eq!(
        shown_note(1, max.total).as_deref(),
        Some("last 1 of 18446744073709551615 lines")
    );
    // Beyond what a count can be, negative, or absent: unknown, never a made-up number.
    for total in ["1e300", "-5", "1.5", "null", "\"many\""] {
        let body = read(&format!(
            r#"{{"success":true,"totalCount":{total},"stdout":[{{"data":"x"}}]}}"#
        ));
        assert_eq!(body.total, None, "{total}");
        assert_eq!(shown_note(1, body.total), None, "{total}");
    }
    assert_eq!(read(r#"{"success":true,"stdout":[]}"#).total, None);
}

#[test]
fn a_body_that_is_not_a_log_is_a_typed_error() {
    let kind = |status, body| read_log(status, body).unwrap_err().kind;
    assert_eq!(kind(200, r#"{"success":true}"#), ErrorKind::BadResponse);
    assert_eq!(
        kind(200, r#"{"success":true,"stdout":"text"}"#),
        ErrorKind::BadResponse
    );
    assert_eq!(
        kind(200, r#"{"success":false,"error":"nope"}"#),
        ErrorKind::BadResponse
    );
    assert_eq!(kind(200, "<html>"), ErrorKind::BadResponse);
    assert_eq!(
        kind(200, r#"{"success":true,"stdout":["#),
        ErrorKind::BadResponse
    );
    assert_eq!(
        kind(401, r#"{"success":false,"error":"bad key"}"#),
        ErrorKind::Auth
    );
    assert_eq!(kind(404, ""), ErrorKind::NotFound);
    assert_eq!(kind(500, "oops"), ErrorKind::Server);
    let e = read_log(401, r#"{"success":false,"error":"bad key"}"#).unwrap_err();
    assert_eq!(e.to_string(), "The API key was refused (HTTP 401): bad key");
}

#[test]
fn last_n_of_m_only_when_lines_are_missing() {
    assert_eq!(
        shown_note(1000, Some(5230)).as_deref(),
        Some("last 1000 of 5230 lines")
    );
    assert_eq!(shown_note(3, Some(3)), None);
    // A total smaller than what came (a server off by some) claims nothing is missing.
    assert_eq!(shown_note(3, Some(2)), None);
    assert_eq!(shown_note(3, None), None);
}

#[test]
fn lines_carry_time_level_and_standing_out() {
    let body = read(&fixture("trial-logs.json"));
    let lines = log_lines(&body.entries);
    assert_eq!(lines[0].time, "08:20:58");
    assert_eq!(lines[0].time_title, "2025-03-10 08:20:58 UTC");
    assert_eq!(lines[0].level_raw, "info");
    assert!(!lines[0].level.stands_out());
    let warn = lines.iter().find(|l| l.level_raw == "warn").unwrap();
    assert!(warn.level.stands_out());
    assert_eq!(warn.level_word, "WARN");
    let last = lines.last().unwrap();
    assert_eq!((last.level_raw.as_str(), last.level), ("", Level::Other));
    for (raw, level) in [
        ("ERROR", Level::Error),
        ("warning", Level::Warn),
        ("Info", Level::Info),
        ("debug", Level::Debug),
        ("verbose", Level::Other),
    ] {
        assert_eq!(Level::of(Some(raw)), level, "{raw}");
    }
}

#[test]
fn plain_text_keeps_breaks_and_says_what_is_missing() {
    let body = read(
        r#"{"success":true,"totalCount":10,"stdout":[
            {"created":"2025-03-10T08:21:01Z","data":"first","logLevel":"info"},
            {"created":"2025-03-10T08:21:02.500Z","data":"Traceback:\n  line 2","logLevel":"error"},
            {"data":"bare"}
        ]}"#,
    );
    assert_eq!(
        plain_text(&body),
        "# last 3 of 10 lines\n\
         2025-03-10T08:21:01.000Z INFO first\n\
         2025-03-10T08:21:02.500Z ERROR Traceback:\n  line 2\n\
         bare\n"
    );
}

#[test]
fn download_names_follow_the_trial_or_run() {
    assert_eq!(trial_file_stem("trial 7/x"), "tunerscope-trial-trial 7/x");
    assert_eq!(run_file_stem(4711), "tunerscope-run-4711");
}

#[test]
fn the_run_log_is_offered_with_a_reason_only_when_something_failed() {
    use tunerscope::derive::log_view::run_log_reason;
    assert_eq!(run_log_reason(false, 0), None);
    assert_eq!(
        run_log_reason(true, 6).as_deref(),
        Some("The run reported an error and 6 trials failed: the tuner's log says why.")
    );
    assert_eq!(
        run_log_reason(false, 1).as_deref(),
        Some("1 trial failed: the tuner's log (and each failed trial's log) says why.")
    );
    assert!(run_log_reason(true, 0)
        .unwrap()
        .starts_with("The run reported an error:"));
}

#[test]
fn the_box_note_says_how_many_what_is_missing_and_what_was_skipped() {
    let body = read(&fixture("trial-logs.json"));
    assert_eq!(box_note(&body), "34 lines: last 34 of 1380 lines");
    let empty = read(r#"{"success":true,"totalCount":0,"stdout":[]}"#);
    assert_eq!(box_note(&empty), "no lines yet");
    let odd = read(r#"{"success":true,"stdout":[{"data":"kept"},42,{"data":"also kept"},"nope"]}"#);
    assert_eq!(odd.dropped, 2);
    assert_eq!(box_note(&odd), "2 lines (2 unreadable entries skipped)");
    let one_odd = read(r#"{"success":true,"stdout":[{"data":"kept"},42]}"#);
    assert_eq!(box_note(&one_odd), "1 line (1 unreadable entry skipped)");
}

#[test]
fn log_errors_read_like_the_banner_with_a_log_specific_404() {
    let e = LoadError::new(ErrorKind::NotFound, Some(404), "no such trial");
    assert_eq!(
        error_headline(&e),
        format!("{} (HTTP 404)", ErrorKind::NotFound.headline())
    );
    assert_eq!(
        error_hint(ErrorKind::NotFound),
        "The log may not exist (yet), or the project id or API base is wrong."
    );
    let e = LoadError::new(ErrorKind::Network, None, "refused");
    assert_eq!(error_headline(&e), ErrorKind::Network.headline());
    assert_eq!(error_hint(ErrorKind::Auth), ErrorKind::Auth.next_step());
}
