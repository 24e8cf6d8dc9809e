//! Finding a run without knowing its job id (`CONTRACT.md` "Finding a run"): the built app in
//! headless Chromium against the mock API's `…/optimize/runs` (projects in
//! `mock_api::projects`). Open a project alone, enter the key, pick a run, Back to the list,
//! switch runs from the header, and the failures of the runs endpoint.
//!
//! Run with `cargo test -p e2e --test runs -- --test-threads=1`.

use e2e::mock_api::projects;
use e2e::thirtyfour::prelude::*;
use e2e::{query, Harness, DEFAULT_TIMEOUT};

const KEY: &str = e2e::mock_api::DEFAULT_API_KEY;

/// Opens `?project={project}&api={api}` (no job), checks the form leaves the job empty,
/// and enters the key.
async fn open_project(h: &Harness, project: u64, api: &str) {
    h.open(&query(&[("project", &project.to_string()), ("api", api)]))
        .await;
    h.wait_for("connect-form").await;
    assert_eq!(h.input_value("job").await, "", "the job field starts empty");
    h.enter_key(KEY).await;
}

/// The `data-job-id`s of the run options inside `container` (a hook), in page order, once
/// there are `n` of them.
async fn option_ids(h: &Harness, container: &str, n: usize) -> Vec<String> {
    let selector = format!(r#"[data-testid="{container}"] [data-testid="run-option"]"#);
    h.wait_until(
        &format!("{n} run options in {container}"),
        DEFAULT_TIMEOUT,
        async || {
            let found = h
                .driver()
                .find_all(By::Css(selector.as_str()))
                .await
                .map_err(|e| e.to_string())?;
            let mut ids = Vec::new();
            for option in found {
                ids.push(
                    option
                        .attr("data-job-id")
                        .await
                        .map_err(|e| e.to_string())?
                        .unwrap_or_default(),
                );
            }
            if ids.len() == n {
                Ok(ids)
            } else {
                Err(format!("{ids:?}"))
            }
        },
    )
    .await
}

/// Clicks the run option of `job` inside `container`, as a user would.
async fn pick(h: &Harness, container: &str, job: u64) {
    let selector =
        format!(r#"[data-testid="{container}"] [data-testid="run-option"][data-job-id="{job}"]"#);
    let option = h
        .driver()
        .find(By::Css(selector.as_str()))
        .await
        .unwrap_or_else(|e| panic!("no run option {job} in {container}: {e}"));
    option.scroll_into_view().await.ok();
    option
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click run option {job}: {e}"));
}

/// Waits until the address's `job` is `expected` (`None`: absent).
async fn wait_for_job_param(h: &Harness, expected: Option<&str>) {
    h.wait_until(
        &format!("job={expected:?} in the address"),
        DEFAULT_TIMEOUT,
        async || match h.query_param("job").await {
            job if job.as_deref() == expected => Ok(()),
            job => Err(format!("job={job:?}")),
        },
    )
    .await;
}

/// How many requests for the project's runs the mock has seen.
fn runs_requests(h: &Harness) -> usize {
    h.api()
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.contains("/optimize/runs"))
        .count()
}

/// The main flow: a project alone lists its visible runs newest first; picking one opens it
/// with `job` in the address as a new history entry; Back returns to the list.
#[tokio::test]
async fn pick_a_run_from_the_project_and_go_back_to_the_list() {
    let h = Harness::start().await;
    open_project(&h, projects::NORMAL, &h.api_base()).await;
    h.wait_for("run-picker").await;
    // runs.json: jobs 3, 4, 5 visible (newest first); 8 is hidden.
    assert_eq!(option_ids(&h, "run-picker", 3).await, ["3", "4", "5"]);
    let text = h.page_text().await;
    assert!(text.contains("Keyword spotting sweep #3"), "{text}");
    assert!(text.contains("show hidden runs (1)"), "{text}");

    pick(&h, "run-picker", 4).await;
    h.wait_for_attr("run-header", "data-status", "completed")
        .await;
    wait_for_job_param(&h, Some("4")).await;
    assert!(h.all("run-picker").await.unwrap().is_empty());
    assert_eq!(h.query_param("project").await.as_deref(), Some("1"));

    h.driver().back().await.expect("Back");
    h.wait_for("run-picker").await;
    wait_for_job_param(&h, None).await;
    assert_eq!(option_ids(&h, "run-picker", 3).await, ["3", "4", "5"]);
    assert!(
        h.all("run-header").await.unwrap().is_empty(),
        "the run is gone with Back"
    );
    h.finish().await;
}

/// Pins that the picker is not rebuilt by view changes that are not its own: switching the
/// theme keeps "show hidden runs" ticked and the hidden run listed.
#[tokio::test]
async fn the_theme_toggle_leaves_the_picker_as_it_was() {
    let h = Harness::start().await;
    open_project(&h, projects::NORMAL, &h.api_base()).await;
    assert_eq!(option_ids(&h, "run-picker", 3).await, ["3", "4", "5"]);
    let switch = h
        .driver()
        .find(By::Css(
            r#"[data-testid="run-picker"] input[name="show-hidden"]"#,
        ))
        .await
        .expect("the show-hidden switch");
    switch.click().await.expect("tick show hidden runs");
    assert_eq!(option_ids(&h, "run-picker", 4).await, ["3", "4", "5", "8"]);
    let theme = h.wait_for("theme-toggle").await;
    let before = theme.attr("data-theme").await.unwrap();
    theme.click().await.expect("switch the theme");
    h.wait_until("the theme to change", DEFAULT_TIMEOUT, async || {
        match h.query_param("theme").await {
            Some(t) if Some(&t) != before.as_ref() => Ok(()),
            t => Err(format!("theme={t:?}")),
        }
    })
    .await;
    assert_eq!(option_ids(&h, "run-picker", 4).await, ["3", "4", "5", "8"]);
    let switch = h
        .driver()
        .find(By::Css(
            r#"[data-testid="run-picker"] input[name="show-hidden"]"#,
        ))
        .await
        .expect("the show-hidden switch");
    assert!(
        switch.is_selected().await.unwrap(),
        "the switch was reset by the theme"
    );
    h.finish().await;
}

/// The header offers the project's other runs: nothing is asked before it is opened, then
/// one request; choosing a run opens it (a new history entry: Back returns to the first run).
#[tokio::test]
async fn switch_runs_from_the_run_header() {
    let h = Harness::start().await;
    h.open_run_with_key(e2e::mock_api::jobs::COMPLETED, &[], KEY)
        .await;
    h.wait_for_attr("run-header", "data-status", "completed")
        .await;
    assert_eq!(
        runs_requests(&h),
        0,
        "no list before the switcher is opened"
    );

    let summary = h
        .driver()
        .find(By::Css(
            r#"[data-testid="run-header"] .run-switcher summary"#,
        ))
        .await
        .expect("the run switcher");
    summary.click().await.expect("open the switcher");
    let ids = option_ids(&h, "run-header", 3).await;
    assert_eq!(ids, ["3", "4", "5"]);
    assert_eq!(runs_requests(&h), 1);
    let current = h
        .driver()
        .find(By::Css(
            r#"[data-testid="run-header"] [data-testid="run-option"][data-job-id="4"]"#,
        ))
        .await
        .unwrap();
    assert_eq!(
        current.attr("aria-current").await.unwrap().as_deref(),
        Some("true")
    );

    pick(&h, "run-header", 5).await;
    wait_for_job_param(&h, Some("5")).await;
    // The header's title is the new run's: the old run's header (also `completed`) would
    // satisfy a wait on the status alone.
    h.wait_for_run_title("Vision transfer learning #5").await;
    h.wait_for_attr("run-header", "data-status", "completed")
        .await;
    h.driver().back().await.expect("Back");
    wait_for_job_param(&h, Some("4")).await;
    h.wait_until("the first run again", DEFAULT_TIMEOUT, async || {
        let text = h.page_text().await;
        if text.contains("Keyword spotting sweep #3")
            && !text.contains("Vision transfer learning #5")
        {
            Ok(())
        } else {
            Err("not yet".to_owned())
        }
    })
    .await;
    assert_eq!(runs_requests(&h), 1, "the list is not polled");
    h.finish().await;
}

/// A refused key on the runs endpoint is an `auth` banner, with no run options.
#[tokio::test]
async fn a_refused_key_on_the_runs_list_shows_the_auth_banner() {
    let h = Harness::start().await;
    open_project(&h, projects::NORMAL, &h.fault_base("401")).await;
    h.wait_for_attr("error-banner", "data-kind", "auth").await;
    assert!(h.all("run-option").await.unwrap().is_empty());
    h.finish().await;
}

/// An unknown project is a `not-found` banner that says the project or the key is wrong.
#[tokio::test]
async fn an_unknown_project_says_the_project_or_key_is_wrong() {
    let h = Harness::start().await;
    open_project(&h, 99, &h.api_base()).await;
    h.wait_for_attr("error-banner", "data-kind", "not-found")
        .await;
    let text = h.page_text().await;
    assert!(
        text.contains("check the project id and that the key"),
        "{text}"
    );
    assert!(h.all("run-option").await.unwrap().is_empty());
    h.finish().await;
}

/// A project without runs says so in words, not as an error.
#[tokio::test]
async fn a_project_without_runs_says_so() {
    let h = Harness::start().await;
    open_project(&h, projects::NO_RUNS, &h.api_base()).await;
    h.wait_for("run-picker").await;
    h.wait_until("the no-runs sentence", DEFAULT_TIMEOUT, async || {
        let text = h.page_text().await;
        if text.contains("This project has no tuner runs yet") {
            Ok(())
        } else {
            Err("not yet".to_owned())
        }
    })
    .await;
    assert!(h.all("error-banner").await.unwrap().is_empty());
    h.finish().await;
}

/// Hostile run names are shown as typed, run no script, and odd runs still sort and open.
#[tokio::test]
async fn hostile_run_names_are_shown_literally() {
    let h = Harness::start().await;
    open_project(&h, projects::HOSTILE_RUNS, &h.api_base()).await;
    // runs-hostile.json, newest first by `created` then `index`; undated runs last; 2 hidden.
    assert_eq!(
        option_ids(&h, "run-picker", 6).await,
        ["6", "7", "10", "9", "1", "4"]
    );
    let text = h.page_text().await;
    for literal in [
        "<script>window.__pwned=1</script>",
        r#"<img src=x onerror="window.__pwned=1"> &lt;b&gt;entity&amp;&#x3C;i&#x3E;"#,
        "Run #11",
        "paused",
        "date unknown",
    ] {
        assert!(text.contains(literal), "{literal:?} not shown in {text}");
    }
    let pwned = h.js_bool("return window.__pwned === 1;", Vec::new()).await;
    assert!(!pwned, "a run name ran script");
    let status = h
        .driver()
        .find(By::Css(r#"[data-testid="run-option"][data-job-id="6"]"#))
        .await
        .unwrap()
        .attr("data-status")
        .await
        .unwrap();
    assert_eq!(status.as_deref(), Some("paused"), "jobStatus as received");
    h.finish().await;
}
