//! Saves the README's screenshots of Tunerscope, made from the real app and the mock API in a
//! 1280×900 viewport: the run overview (light and dark), the trial list, each analysis chart,
//! the comparison of trials, the run picker, the comparison of two runs and a failed trial's log.
//!
//! ```text
//! trunk build --release --offline && cargo run -p e2e --bin screenshot [-- OUTPUT_DIR]
//! ```
//!
//! The default output directory is `tests/e2e/screenshots/`. Not part of the test run.

use std::path::{Path, PathBuf};

use e2e::mock_api::{jobs, projects};
use e2e::thirtyfour::By;
use e2e::{query, Harness};

/// Waits for fonts and one frame, then saves the viewport as `dir/name`.
async fn shot(h: &Harness, dir: &Path, name: &str) {
    h.driver()
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done())));",
            Vec::new(),
        )
        .await
        .unwrap_or_else(|e| panic!("waiting for the page to settle failed: {e}"));
    let out = dir.join(name);
    h.driver()
        .screenshot(&out)
        .await
        .unwrap_or_else(|e| panic!("cannot save {}: {e}", out.display()));
    println!("saved {}", out.display());
}

/// Scrolls the first element matching `css` to the top of the viewport.
async fn scroll_to(h: &Harness, css: &str) {
    h.driver()
        .execute(
            "const el = document.querySelector(arguments[0]); if (el) { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -8); }",
            vec![css.into()],
        )
        .await
        .unwrap_or_else(|e| panic!("cannot scroll to {css}: {e}"));
}

async fn open_run(h: &Harness, job: u64, extra: &[(&str, &str)]) {
    let job = job.to_string();
    let api = h.api_base();
    let mut pairs = vec![
        ("project", "1"),
        ("job", job.as_str()),
        ("api", api.as_str()),
    ];
    pairs.extend_from_slice(extra);
    h.open(&query(&pairs)).await;
}

#[tokio::main]
async fn main() {
    let dir = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));

    let h = Harness::start().await;
    h.set_viewport(1280, 900).await;
    open_run(&h, jobs::COMPLETED, &[("theme", "light")]).await;
    h.fill_input("api-key", "test-key").await;
    h.submit_connect().await;
    h.wait_for_count("trial-card", 30).await;
    shot(&h, &dir, "overview.png").await;

    scroll_to(&h, ".trials").await;
    shot(&h, &dir, "trials.png").await;

    for (tab, name) in [
        ("tab-tradeoff", "chart-tradeoff.png"),
        ("tab-gap", "chart-quantization.png"),
        ("tab-progress", "chart-progress.png"),
        ("tab-effects", "chart-parameters.png"),
    ] {
        h.driver()
            .find(By::Id(tab))
            .await
            .expect(tab)
            .click()
            .await
            .expect("click tab");
        scroll_to(&h, "[role=tablist]").await;
        shot(&h, &dir, name).await;
    }

    let ids = h.attr_of_all("trial-card", "data-trial-id").await;
    let compare = format!("{},{}", ids[0].clone().unwrap(), ids[1].clone().unwrap());
    open_run(
        &h,
        jobs::COMPLETED,
        &[("theme", "light"), ("compare", &compare)],
    )
    .await;
    h.wait_for("compare-view").await;
    scroll_to(&h, "[data-testid=compare-view]").await;
    shot(&h, &dir, "compare.png").await;

    open_run(&h, jobs::RUNNING_MID, &[("theme", "light")]).await;
    h.wait_for_count("trial-card", 24).await;
    h.driver()
        .find(By::Id("tab-workers"))
        .await
        .expect("workers tab")
        .click()
        .await
        .expect("click tab");
    scroll_to(&h, "[role=tablist]").await;
    shot(&h, &dir, "chart-workers.png").await;

    open_run(&h, jobs::COMPLETED, &[("theme", "dark")]).await;
    h.wait_for_count("trial-card", 30).await;
    shot(&h, &dir, "overview-dark.png").await;

    // A project without a job: the list of its runs (the key is already stored for this base).
    let api = h.api_base();
    h.open(&query(&[
        ("project", "1"),
        ("api", api.as_str()),
        ("theme", "light"),
    ]))
    .await;
    h.wait_for_count("run-option", 3).await;
    shot(&h, &dir, "run-picker.png").await;

    // Two runs of one project compared (issue 16): runs 4 and 11, the comparison at the top.
    let project = projects::COMPARE.to_string();
    let job = jobs::COMPLETED.to_string();
    let vs = jobs::COMPARE_BOARD.to_string();
    h.open(&query(&[
        ("project", project.as_str()),
        ("job", job.as_str()),
        ("vs", vs.as_str()),
        ("api", api.as_str()),
        ("theme", "light"),
    ]))
    .await;
    let ready = "[data-testid=run-compare-row][data-state=ready]";
    h.wait_until(
        "both compared runs loaded",
        e2e::DEFAULT_TIMEOUT,
        async || {
            let rows = h
                .driver()
                .find_all(By::Css(ready))
                .await
                .map_err(|e| e.to_string())?;
            if rows.len() == 2 {
                Ok(())
            } else {
                Err(format!("{} ready row(s)", rows.len()))
            }
        },
    )
    .await;
    h.wait_for("runs-chart").await;
    scroll_to(&h, "[data-testid=run-compare]").await;
    shot(&h, &dir, "compare-runs.png").await;

    // Why a trial failed: the first failed card's log, opened from "See the log".
    open_run(&h, jobs::JOB_ERROR, &[("theme", "light")]).await;
    h.wait_for_at_least_within("trial-card", 20, e2e::DEFAULT_TIMEOUT)
        .await;
    let failed = "[data-testid=trial-card][data-status=failed] .see-log";
    h.driver()
        .find(By::Css(failed))
        .await
        .expect("a failed card with See the log")
        .click()
        .await
        .expect("click See the log");
    h.wait_for_at_least_within("log-line", 10, e2e::DEFAULT_TIMEOUT)
        .await;
    scroll_to(&h, "[data-testid=trial-logs]").await;
    shot(&h, &dir, "trial-log.png").await;

    h.finish().await;
}
