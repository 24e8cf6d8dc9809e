//! Accessibility: axe-core (installed by `.ci/tools.sh` into `.tools/`, path in `AXE_CORE_JS`)
//! is injected into the real page in each state a user meets (demo, live run, expanded card,
//! compare view, error) in both themes; no serious or critical violation is allowed.

use e2e::mock_api::jobs;
use e2e::thirtyfour::By;
use e2e::{query, Harness};

const PROJECT: &str = "1";
/// Trials in the fixture of [`jobs::COMPLETED`].
const COMPLETED_TRIALS: usize = 30;

async fn connect(h: &Harness, extra: &[(&str, &str)]) {
    h.open_run_with_key(jobs::COMPLETED, extra, "test-key")
        .await;
}

/// Waits until the live run of [`jobs::COMPLETED`] is on screen: its header and all of its
/// trial cards (audit a page before then and axe checks the loading state instead).
async fn loaded(h: &Harness) {
    h.wait_for("run-header").await;
    h.wait_for_attr("trial-count", "data-total", &COMPLETED_TRIALS.to_string())
        .await;
    h.wait_for_count("trial-card", COMPLETED_TRIALS).await;
}

/// Audits the page as it is now; each violation is recorded under `state`.
async fn audit(h: &Harness, axe: &str, state: &str, problems: &mut Vec<String>) {
    for v in h.serious_violations(axe).await {
        problems.push(format!("[{state}] {v}"));
    }
}

/// Every user-facing state passes axe-core without serious or critical violations, in the
/// light and the dark theme.
#[tokio::test]
async fn no_serious_accessibility_violations() {
    let axe = e2e::axe_source();
    let mut problems = Vec::new();
    for theme in ["light", "dark"] {
        let h = Harness::start().await;

        h.open(&query(&[("theme", theme), ("interval", "2")])).await;
        h.wait_for("demo-badge").await;
        h.wait_for("trial-card").await;
        audit(&h, &axe, &format!("demo/{theme}"), &mut problems).await;

        connect(&h, &[("theme", theme)]).await;
        loaded(&h).await;
        audit(&h, &axe, &format!("live/{theme}"), &mut problems).await;

        // An expanded card: `trial` in the URL is the selected/expanded trial.
        let ids = h.attr_of_all("trial-card", "data-trial-id").await;
        let (first, second) = (ids[0].clone().unwrap(), ids[1].clone().unwrap());
        let api = h.api_base();
        h.open_run(
            PROJECT,
            jobs::COMPLETED,
            &api,
            &[("theme", theme), ("trial", &first)],
        )
        .await;
        loaded(&h).await;
        h.wait_until(
            &format!("trial {first} to show its details"),
            e2e::DEFAULT_TIMEOUT,
            async || {
                let css = format!(
                    r#"[data-testid="trial-card"][data-trial-id="{first}"] .trial-details"#
                );
                match h.driver().find_all(By::Css(css)).await {
                    Ok(found) if !found.is_empty() => Ok(()),
                    Ok(_) => Err("no details open".to_owned()),
                    Err(e) => Err(e.to_string()),
                }
            },
        )
        .await;
        audit(&h, &axe, &format!("expanded/{theme}"), &mut problems).await;

        let compare = format!("{first},{second}");
        h.open_run(
            PROJECT,
            jobs::COMPLETED,
            &api,
            &[("theme", theme), ("compare", &compare)],
        )
        .await;
        h.wait_for("compare-view").await;
        audit(&h, &axe, &format!("compare/{theme}"), &mut problems).await;

        // Compared runs (issue 16): the table, a row in error, the differences, the chart.
        let vs = format!("{},99", jobs::COMPARE_BOARD);
        h.open_run(
            PROJECT,
            jobs::COMPLETED,
            &api,
            &[("theme", theme), ("vs", &vs)],
        )
        .await;
        loaded(&h).await;
        h.wait_for("run-compare-error").await;
        h.wait_for("runs-chart-point").await;
        audit(&h, &axe, &format!("compare-runs/{theme}"), &mut problems).await;

        // Another base: the stored key is offered only after confirmation (audited too).
        let bad = h.fault_base("500");
        h.open_run(PROJECT, jobs::COMPLETED, &bad, &[("theme", theme)])
            .await;
        h.wait_for("confirm-api").await;
        audit(&h, &axe, &format!("confirm-api/{theme}"), &mut problems).await;
        h.wait_for("confirm-api-yes")
            .await
            .click()
            .await
            .expect("click confirm-api-yes");
        h.wait_for("error-banner").await;
        audit(&h, &axe, &format!("error/{theme}"), &mut problems).await;

        h.finish().await;
    }
    assert!(
        problems.is_empty(),
        "axe-core found serious/critical violations:\n{}",
        problems.join("\n")
    );
}
