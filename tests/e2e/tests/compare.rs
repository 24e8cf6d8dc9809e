//! Issue 16 in real Chromium against the mock API: comparing runs of one project
//! (`CONTRACT.md`, "Comparing runs"). Mock project 4 (`projects::COMPARE`) lists jobs 11
//! (`compare-board.json`, finished), 4 (`completed.json`, finished) and 3 (`running-mid.json`,
//! live). Compare from the run switcher, reload, Back; a run that fails in its own row; finished
//! compared runs fetched once while a live one is polled; the best trial links; the common budget.
//!
//! Each best trial the comparison names is checked against what that run's own view names in
//! `run-summary-best` (opened alone in the same session), never against a number copied from
//! the app.
//!
//! Needs a built app (`trunk build --release --offline`), Chromium and chromedriver. Run with
//! `cargo test -p e2e --test compare -- --test-threads=1`. Waits poll with timeouts.

use std::path::PathBuf;
use std::time::Duration;

use e2e::mock_api::{jobs, projects};
use e2e::thirtyfour::components::SelectElement;
use e2e::thirtyfour::prelude::*;
use e2e::{Harness, DEFAULT_TIMEOUT};

/// The only key the mock API accepts.
const KEY: &str = e2e::mock_api::DEFAULT_API_KEY;
/// Run A's budget (`completed.json`: 200 ms, 128 KiB RAM, 1 MiB ROM) as a what-if `budget`.
const BUDGET_OF_4: &str = "lat:200,ram:131072,rom:1048576";
/// Run A's RAM and ROM with a latency of 180 ms: `compare-board.json`'s most accurate fitting
/// trial (195 ms, read off the fixture) no longer fits, so judging run 11 by it changes its best.
const TIGHTER: &str = "lat:180,ram:131072,rom:1048576";

/// A state fixture, parsed.
fn fixture(name: &str) -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The run's name (`config.name`) and its number of completed trials, from its fixture.
fn run_facts(name: &str) -> (String, usize) {
    let state = fixture(name);
    let completed = state["trials"]
        .as_array()
        .expect("trials")
        .iter()
        .filter(|t| t["status"] == "completed")
        .count();
    (
        state["config"]["name"].as_str().expect("name").to_owned(),
        completed,
    )
}

/// Opens run `job` of the comparison project with `extra` query pairs.
async fn open(h: &Harness, job: u64, extra: &[(&str, &str)]) {
    let project = projects::COMPARE.to_string();
    h.open_run(&project, job, &h.api_base(), extra).await;
}

/// [`open`], the first time in a session: enters the key in the form the page shows.
async fn open_with_key(h: &Harness, job: u64, extra: &[(&str, &str)]) {
    open(h, job, extra).await;
    h.enter_key(KEY).await;
}

/// The best fitting trial that run `job`'s own view names (`run-summary-best`), opened alone
/// with `extra` query pairs (e.g. a what-if `budget`); the key is already stored.
async fn own_best(h: &Harness, job: u64, name: &str, extra: &[(&str, &str)]) -> String {
    open(h, job, extra).await;
    h.wait_for_run_title(name).await;
    h.wait_until(
        &format!("run {job}'s own best fitting trial"),
        DEFAULT_TIMEOUT,
        async || match h.try_attr("run-summary-best", "data-trial-id").await? {
            Some(id) if !id.is_empty() => Ok(id),
            other => Err(format!("data-trial-id={other:?}")),
        },
    )
    .await
}

/// The selector of the element with hook `testid` and `data-job-id=job`.
fn of_job(testid: &str, job: u64) -> String {
    format!(r#"[data-testid="{testid}"][data-job-id="{job}"]"#)
}

/// One look: the first element matching `css`.
async fn find(h: &Harness, css: &str) -> Result<WebElement, String> {
    h.driver()
        .find(By::Css(css))
        .await
        .map_err(|_| format!("nothing matches {css}"))
}

/// Waits until the comparison row of `job` has `data-state=state`, and returns the row.
async fn wait_for_row(h: &Harness, job: u64, state: &str) -> WebElement {
    let css = of_job("run-compare-row", job);
    h.wait_until(
        &format!("row {job} of the comparison to be {state}"),
        DEFAULT_TIMEOUT,
        async || {
            let row = find(h, &css).await?;
            match row.attr("data-state").await.map_err(|e| e.to_string())? {
                Some(s) if s == state => Ok(row),
                other => Err(format!("data-state={other:?}")),
            }
        },
    )
    .await
}

/// The `data-trial-id` of run `job`'s `run-compare-best`, once it is there.
async fn compare_best(h: &Harness, job: u64) -> String {
    let css = of_job("run-compare-best", job);
    h.wait_until(
        &format!("the best trial of run {job} in the comparison"),
        DEFAULT_TIMEOUT,
        async || {
            let el = find(h, &css).await?;
            el.attr("data-trial-id")
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(|| "no data-trial-id".to_owned())
        },
    )
    .await
}

/// Waits until run `job`'s `run-compare-best` names `expected` (after a change of budget).
async fn wait_for_compare_best(h: &Harness, job: u64, expected: &str) {
    let css = of_job("run-compare-best", job);
    h.wait_until(
        &format!("run {job}'s best in the comparison to be {expected:?}"),
        DEFAULT_TIMEOUT,
        async || {
            let el = find(h, &css).await?;
            match el.attr("data-trial-id").await.map_err(|e| e.to_string())? {
                Some(id) if id == expected => Ok(()),
                other => Err(format!("data-trial-id={other:?}")),
            }
        },
    )
    .await;
}

/// Waits until the address's `name` is `expected` (`None`: absent).
async fn wait_for_param(h: &Harness, name: &str, expected: Option<&str>) {
    h.wait_until(
        &format!("{name}={expected:?} in the address"),
        DEFAULT_TIMEOUT,
        async || match h.query_param(name).await {
            v if v.as_deref() == expected => Ok(()),
            v => Err(format!("{name}={v:?}")),
        },
    )
    .await;
}

/// Clicks `el` like a user (scrolled into view first).
async fn click(el: &WebElement, what: &str) {
    el.scroll_into_view().await.ok();
    el.click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {what}: {e}"));
}

/// Chooses `value` in the common budget select, as a user would.
async fn choose_budget(h: &Harness, value: &str) {
    let select = h.wait_for("run-compare-budget").await;
    select.scroll_into_view().await.ok();
    SelectElement::new(&select)
        .await
        .expect("run-compare-budget is a select")
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("cannot choose {value:?} as the common budget: {e}"));
}

/// Waits until the runs chart draws `expected` points (`runs-chart-point`).
async fn wait_for_points(h: &Harness, expected: usize) {
    let drawn = r#"[data-testid="runs-chart"] [data-testid="runs-chart-point"]"#;
    h.wait_until(
        &format!("{expected} points in the runs chart"),
        DEFAULT_TIMEOUT,
        async || {
            let n = h
                .driver()
                .find_all(By::Css(drawn))
                .await
                .map_err(|e| e.to_string())?
                .len();
            if n == expected {
                Ok(())
            } else {
                Err(format!("{n} point(s)"))
            }
        },
    )
    .await;
}

/// The `data-job-id`s of the comparison's rows, in page order.
async fn row_ids(h: &Harness) -> Vec<String> {
    h.attr_of_all("run-compare-row", "data-job-id")
        .await
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect()
}

/// The main flow: the switcher's Compare adds run 11 (a history entry with `vs=11`); the
/// comparison sits above the run, names each run's own best, says how the runs differ and
/// plots every run's trials; a reload keeps it; Back returns to the single run.
#[tokio::test]
async fn compare_from_the_switcher_then_reload_and_back() {
    let (name_4, completed_4) = run_facts("completed.json");
    let (name_11, completed_11) = run_facts("compare-board.json");
    let h = Harness::start().await;
    open_with_key(&h, jobs::COMPLETED, &[]).await;
    h.wait_for_run_title(&name_4).await;
    let best_4 = h
        .wait_until("run 4's own best", DEFAULT_TIMEOUT, async || {
            match h.try_attr("run-summary-best", "data-trial-id").await? {
                Some(id) if !id.is_empty() => Ok(id),
                other => Err(format!("data-trial-id={other:?}")),
            }
        })
        .await;
    assert!(h.all("run-compare").await.unwrap().is_empty());

    let summary = find(&h, r#"[data-testid="run-header"] .run-switcher summary"#)
        .await
        .expect("the run switcher");
    click(&summary, "the run switcher").await;
    let compare_11 = h
        .wait_until("a Compare button for run 11", DEFAULT_TIMEOUT, async || {
            find(&h, &of_job("run-option-compare", jobs::COMPARE_BOARD)).await
        })
        .await;
    // The open run is not offered to itself; the live run is.
    assert!(
        h.driver()
            .find_all(By::Css(of_job("run-option-compare", jobs::COMPLETED)))
            .await
            .unwrap()
            .is_empty(),
        "run 4 is offered to be compared with itself"
    );
    let compare_3 = find(&h, &of_job("run-option-compare", jobs::RUNNING_MID))
        .await
        .unwrap();
    assert!(compare_3.is_enabled().await.unwrap());
    assert_eq!(compare_11.text().await.unwrap().trim(), "Compare");
    click(&compare_11, "Compare on run 11").await;

    wait_for_param(&h, "vs", Some("11")).await;
    assert_eq!(h.query_param("job").await.as_deref(), Some("4"));
    h.wait_for_attr("run-compare", "data-job-ids", "4,11").await;
    wait_for_row(&h, jobs::COMPLETED, "ready").await;
    wait_for_row(&h, jobs::COMPARE_BOARD, "ready").await;
    assert_eq!(row_ids(&h).await, ["4", "11"], "rows in the order job, vs");
    assert_eq!(
        h.attr_of_all("run-compare-best", "data-job-id").await,
        [Some("4".to_owned()), Some("11".to_owned())]
    );
    assert_eq!(
        compare_best(&h, jobs::COMPLETED).await,
        best_4,
        "run 4's row names the trial its own summary names"
    );
    let best_11 = compare_best(&h, jobs::COMPARE_BOARD).await;
    assert!(!best_11.is_empty(), "run 11 has a fitting trial");
    // The row says which run it is.
    let row_11 = find(&h, &of_job("run-compare-row", jobs::COMPARE_BOARD))
        .await
        .unwrap();
    let row_text = row_11.text().await.unwrap();
    assert!(row_text.contains(&name_11), "{row_text}");
    assert!(row_text.contains("nordic-nrf52840-64mhz"), "{row_text}");

    // Now compared: Compare is disabled for run 11, still offered for run 3.
    let compare_11 = find(&h, &of_job("run-option-compare", jobs::COMPARE_BOARD))
        .await
        .expect("run 11 still listed in the switcher");
    assert!(
        !compare_11.is_enabled().await.unwrap(),
        "Compare is enabled on a run already compared"
    );
    let compare_3 = find(&h, &of_job("run-option-compare", jobs::RUNNING_MID))
        .await
        .unwrap();
    assert!(compare_3.is_enabled().await.unwrap());

    // Above the run: its header, summary and trial list.
    let compare_top = h.top_of(r#"[data-testid="run-compare"]"#).await;
    for below in ["run-header", "run-summary", "trial-card"] {
        let other = h.top_of(&format!(r#"[data-testid="{below}"]"#)).await;
        assert!(
            compare_top < other,
            "run-compare at {compare_top}, {below} at {other}"
        );
    }

    // How run 11 differs from run 4, in words (the fixture's differences), one item each.
    let diff_css = of_job("run-compare-diff", jobs::COMPARE_BOARD);
    let diff_text = h
        .wait_until("the differences of run 11", DEFAULT_TIMEOUT, async || {
            let items = h
                .driver()
                .find_all(By::Css(diff_css.as_str()))
                .await
                .map_err(|e| e.to_string())?;
            let mut texts = Vec::new();
            for item in items {
                texts.push(item.text().await.map_err(|e| e.to_string())?);
            }
            if texts.is_empty() {
                Err("no differences listed".to_owned())
            } else {
                Ok(texts.join("\n"))
            }
        })
        .await;
    for word in ["nordic-nrf52840-64mhz", "hyperband", "spectrogram"] {
        assert!(
            diff_text.contains(word),
            "{word:?} not in the differences: {diff_text}"
        );
    }
    assert!(find(&h, r#"[data-testid="run-compare-diffs"]"#)
        .await
        .is_ok());

    // One chart, every run's completed trials.
    h.wait_for("runs-chart").await;
    for (job, points) in [
        (jobs::COMPLETED, completed_4),
        (jobs::COMPARE_BOARD, completed_11),
    ] {
        let legend = find(&h, &of_job("runs-chart-run", job))
            .await
            .unwrap_or_else(|e| panic!("no legend entry for run {job}: {e}"));
        assert_eq!(
            legend.attr("data-points").await.unwrap(),
            Some(points.to_string()),
            "points of run {job}"
        );
    }

    // The picture draws what the legend says: one point per completed trial of each run.
    wait_for_points(&h, completed_4 + completed_11).await;

    // A reload keeps the comparison.
    h.reload().await;
    h.wait_for_attr("run-compare", "data-job-ids", "4,11").await;
    wait_for_row(&h, jobs::COMPLETED, "ready").await;
    wait_for_row(&h, jobs::COMPARE_BOARD, "ready").await;
    wait_for_compare_best(&h, jobs::COMPARE_BOARD, &best_11).await;
    assert_eq!(h.query_param("vs").await.as_deref(), Some("11"));
    // Loaded from the address this time (no run loaded when the chart first renders).
    wait_for_points(&h, completed_4 + completed_11).await;

    // Back: the single run again.
    h.driver().back().await.expect("Back");
    wait_for_param(&h, "vs", None).await;
    h.wait_for_count("run-compare", 0).await;
    assert_eq!(h.query_param("job").await.as_deref(), Some("4"));
    h.wait_for_attr("run-summary-best", "data-trial-id", &best_4)
        .await;

    // Run 11 alone names the same best trial as its row did.
    assert_eq!(
        own_best(&h, jobs::COMPARE_BOARD, &name_11, &[]).await,
        best_11,
        "run 11's row names the trial its own summary names"
    );
    h.finish().await;
}

/// A run that cannot be loaded (99: unknown, a 404) shows its error in words in its own row;
/// the other rows and the run below stay. Removing that row and closing the comparison each
/// change the address.
#[tokio::test]
async fn a_run_that_fails_shows_its_error_in_its_own_row() {
    let (name_4, _) = run_facts("completed.json");
    let h = Harness::start().await;
    open_with_key(&h, jobs::COMPLETED, &[("vs", "11,99")]).await;
    h.wait_for_attr("run-compare", "data-job-ids", "4,11,99")
        .await;
    wait_for_row(&h, jobs::COMPLETED, "ready").await;
    wait_for_row(&h, jobs::COMPARE_BOARD, "ready").await;
    let row_99 = wait_for_row(&h, 99, "error").await;
    assert_eq!(row_ids(&h).await, ["4", "11", "99"]);

    let error = row_99
        .find(By::Css(r#"[data-testid="run-compare-error"]"#))
        .await
        .expect("row 99 says what went wrong");
    let words = error.text().await.unwrap();
    // The app's own words, not only the server's message (which also says "not found").
    let server = fixture("errors/not-found.json")["error"]
        .as_str()
        .expect("the 404 body's error")
        .to_owned();
    let own = words.replace(&server, "").to_lowercase();
    assert!(
        own.contains("run 99")
            && own.contains("404")
            && (own.contains("no such") || own.contains("not found")),
        "a 404 of run 99 in plain words: {words:?}"
    );
    assert!(
        !words.contains('{') && !words.contains("Err("),
        "no raw body or debug text: {words:?}"
    );
    for job in [jobs::COMPLETED, jobs::COMPARE_BOARD] {
        let row = find(&h, &of_job("run-compare-row", job)).await.unwrap();
        assert!(
            row.find_all(By::Css(r#"[data-testid="run-compare-error"]"#))
                .await
                .unwrap()
                .is_empty(),
            "row {job} shows an error"
        );
    }
    // The run itself is untouched: no page-wide error, its header and summary are there.
    assert!(h.all("error-banner").await.unwrap().is_empty());
    h.wait_for_run_title(&name_4).await;
    h.wait_for("run-summary").await;

    // Removing run 99 leaves 4 and 11.
    let remove = row_99
        .find(By::Css(r#"[data-testid="run-compare-remove"]"#))
        .await
        .expect("row 99 can be removed");
    click(&remove, "remove run 99").await;
    wait_for_param(&h, "vs", Some("11")).await;
    h.wait_for_attr("run-compare", "data-job-ids", "4,11").await;
    assert_eq!(row_ids(&h).await, ["4", "11"]);
    // Run A's row cannot be removed (closing ends the comparison instead).
    let row_4 = find(&h, &of_job("run-compare-row", jobs::COMPLETED))
        .await
        .unwrap();
    assert!(row_4
        .find_all(By::Css(r#"[data-testid="run-compare-remove"]"#))
        .await
        .unwrap()
        .is_empty());

    let close = h.wait_for("run-compare-close").await;
    click(&close, "close the comparison").await;
    wait_for_param(&h, "vs", None).await;
    h.wait_for_count("run-compare", 0).await;
    assert_eq!(h.query_param("job").await.as_deref(), Some("4"));
    h.wait_for("run-summary").await;
    h.finish().await;
}

/// Finished runs are fetched once: while the live run 3 is polled every 2 s (three more
/// requests), runs 11 and 4 are not asked again.
#[tokio::test]
async fn a_finished_compared_run_is_not_polled_a_live_one_is() {
    let h = Harness::start().await;
    open_with_key(&h, jobs::COMPLETED, &[("vs", "11,3"), ("interval", "2")]).await;
    h.wait_for_attr("run-compare", "data-job-ids", "4,11,3")
        .await;
    for job in [jobs::COMPLETED, jobs::COMPARE_BOARD, jobs::RUNNING_MID] {
        wait_for_row(&h, job, "ready").await;
    }
    let (n4, n3) = (
        h.state_requests(jobs::COMPLETED),
        h.state_requests(jobs::RUNNING_MID),
    );
    assert!(n4 >= 1 && n3 >= 1, "4: {n4}, 3: {n3}");
    // Three more polls of run 3 are three polling intervals gone by.
    h.wait_until(
        "run 3 to be polled three more times",
        Duration::from_secs(40),
        async || match h.state_requests(jobs::RUNNING_MID) {
            n if n >= n3 + 3 => Ok(()),
            n => Err(format!("{n} requests for run 3 (from {n3})")),
        },
    )
    .await;
    assert_eq!(
        h.state_requests(jobs::COMPARE_BOARD),
        1,
        "the finished run 11 is fetched once"
    );
    assert_eq!(
        h.state_requests(jobs::COMPLETED),
        n4,
        "the finished run 4 is not polled"
    );
    h.finish().await;
}

/// Run A's best link opens its card in place (`trial=`, comparison kept); run 11's link opens
/// run 11 alone with that trial's card expanded.
#[tokio::test]
async fn best_trial_links_open_the_card_of_each_run() {
    let (name_11, _) = run_facts("compare-board.json");
    let h = Harness::start().await;
    open_with_key(&h, jobs::COMPLETED, &[("vs", "11")]).await;
    wait_for_row(&h, jobs::COMPLETED, "ready").await;
    wait_for_row(&h, jobs::COMPARE_BOARD, "ready").await;
    let best_4 = compare_best(&h, jobs::COMPLETED).await;
    let best_11 = compare_best(&h, jobs::COMPARE_BOARD).await;
    let open_in = |job: u64| {
        format!(
            r#"{} [data-testid="run-compare-open"]"#,
            of_job("run-compare-row", job)
        )
    };
    let expanded = |trial: &str| {
        format!(
            r#"[data-testid="trial-card"][data-trial-id="{trial}"] button.expand[aria-expanded="true"]"#
        )
    };

    // Run A: the card opens in place.
    let link_4 = find(&h, &open_in(jobs::COMPLETED)).await.unwrap();
    click(&link_4, "run 4's best trial").await;
    wait_for_param(&h, "trial", Some(&best_4)).await;
    h.wait_until("run 4's best card expanded", DEFAULT_TIMEOUT, async || {
        find(&h, &expanded(&best_4)).await
    })
    .await;
    assert_eq!(h.query_param("job").await.as_deref(), Some("4"));
    assert_eq!(h.query_param("vs").await.as_deref(), Some("11"));

    // Run 11: its link leads to run 11 alone, that trial open.
    let link_11 = find(&h, &open_in(jobs::COMPARE_BOARD)).await.unwrap();
    let href = link_11
        .attr("href")
        .await
        .unwrap()
        .expect("run 11's best is a link");
    let target = h.current_url().await.join(&href).unwrap();
    let param = |name: &str| {
        target
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    assert_eq!(param("job").as_deref(), Some("11"), "{href}");
    assert_eq!(param("trial").as_deref(), Some(best_11.as_str()), "{href}");
    assert_eq!(param("vs"), None, "{href}");
    click(&link_11, "run 11's best trial").await;
    wait_for_param(&h, "job", Some("11")).await;
    wait_for_param(&h, "trial", Some(&best_11)).await;
    assert_eq!(h.query_param("vs").await, None);
    h.wait_for_run_title(&name_11).await;
    h.wait_until("run 11's best card expanded", DEFAULT_TIMEOUT, async || {
        find(&h, &expanded(&best_11)).await
    })
    .await;
    h.wait_for_count("run-compare", 0).await;
    h.finish().await;
}

/// The common budget: choosing run 4's writes `common=4` and judges run 11 as its own view
/// does with run 4's budget as the what-if; choosing the what-if (tighter than run 11's best
/// needs) changes run 11's best to what its own view names under that budget; choosing each
/// run's own budget again drops `common`.
#[tokio::test]
async fn a_common_budget_judges_every_run_alike() {
    let (name_11, _) = run_facts("compare-board.json");
    let h = Harness::start().await;
    open_with_key(&h, jobs::COMPLETED, &[("vs", "11")]).await;
    wait_for_row(&h, jobs::COMPARE_BOARD, "ready").await;
    let own_11 = compare_best(&h, jobs::COMPARE_BOARD).await;
    assert_eq!(h.query_param("common").await, None);

    choose_budget(&h, "4").await;
    wait_for_param(&h, "common", Some("4")).await;
    let by_4 = compare_best(&h, jobs::COMPARE_BOARD).await;

    // The what-if: run A's budget with 180 ms.
    open(&h, jobs::COMPLETED, &[("vs", "11"), ("budget", TIGHTER)]).await;
    wait_for_row(&h, jobs::COMPARE_BOARD, "ready").await;
    wait_for_compare_best(&h, jobs::COMPARE_BOARD, &own_11).await;
    choose_budget(&h, "whatif").await;
    wait_for_param(&h, "common", Some("whatif")).await;
    let best_11 = of_job("run-compare-best", jobs::COMPARE_BOARD);
    let by_whatif = h
        .wait_until(
            "run 11's best to follow the what-if budget",
            DEFAULT_TIMEOUT,
            async || {
                let id = find(&h, &best_11)
                    .await?
                    .attr("data-trial-id")
                    .await
                    .map_err(|e| e.to_string())?;
                match id {
                    Some(id) if id != own_11 => Ok(id),
                    other => Err(format!("data-trial-id={other:?}")),
                }
            },
        )
        .await;

    // Back to each run's own budget.
    choose_budget(&h, "").await;
    wait_for_param(&h, "common", None).await;
    wait_for_compare_best(&h, jobs::COMPARE_BOARD, &own_11).await;

    // What run 11's own view names under those budgets.
    assert_eq!(
        own_best(
            &h,
            jobs::COMPARE_BOARD,
            &name_11,
            &[("budget", BUDGET_OF_4)]
        )
        .await,
        by_4,
        "run 11 judged by run 4's budget"
    );
    assert_eq!(
        own_best(&h, jobs::COMPARE_BOARD, &name_11, &[("budget", TIGHTER)]).await,
        by_whatif,
        "run 11 judged by the what-if budget"
    );
    h.finish().await;
}
