//! The compared runs' trade-off chart (`RunsChart`) in headless Chromium
//! (wasm-bindgen-test): the real component over the comparison fixture pair parsed by the
//! real model, a real click through the chart's one delegated pointer handler.
//!
//! Counts are the ones `tests/runs_chart.rs` derives (and documents) natively: on latency,
//! run A (completed.json, job 4) has 30 completed trials with figures, 4 on its front;
//! run B (compare-board.json, job 11) has 25, 4 on its front (30d34d92b616 its most
//! accurate); budgets 200 and 400 ms (two rules), ROM 1 MiB for both (one rule).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use std::sync::Arc;
use tunerscope::charts::runs_tradeoff::OwnedChartRun;
use tunerscope::components::charts::runs_chart::RunsChart;
use tunerscope::model::{parse_state, Trial};
use tunerscope::vocab::{Budget, Dataset, Precision};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, MouseEvent, MouseEventInit};

mod web_support;
use web_support::{all, container, one, until};

wasm_bindgen_test_configure!(run_in_browser);

const COMPLETED: &str = include_str!("fixtures/completed.json");
const BOARD: &str = include_str!("fixtures/compare-board.json");

fn owned(job: u64, text: &str) -> OwnedChartRun {
    let run = parse_state(text).unwrap();
    OwnedChartRun {
        job,
        name: run.config.name.clone().unwrap_or_default(),
        budget: Budget::of_config(&run.config),
        trials: run.trials.into_iter().map(Arc::new).collect(),
        precision: Precision::Int8,
        dataset: Dataset::Validation,
    }
}

/// Mounts the chart over runs A (job 4) and B (job 11).
fn mount() -> (RwSignal<Vec<OwnedChartRun>>, Element, impl Drop) {
    let root = container();
    let runs = RwSignal::new(vec![owned(4, COMPLETED), owned(11, BOARD)]);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let link = Callback::new(|(job, trial): (u64, String)| {
            format!("?project=1&job={job}&trial={trial}")
        });
        view! { <RunsChart runs=runs link=link/> }
    });
    (runs, root.into(), handle)
}

/// The drawn marks of run `job` (mark ids are "{job}:{trial}").
fn marks_of(chart: &Element, job: u64) -> Vec<Element> {
    all(chart, "[data-testid=runs-chart-point]")
        .into_iter()
        .filter(|m| {
            m.get_attribute("data-trial-id")
                .is_some_and(|id| id.starts_with(&format!("{job}:")))
        })
        .collect()
}

/// Dispatches a bubbling click at the centre of `at`, on `target`.
fn click_at(target: &Element, at: &Element) {
    let r = at.get_bounding_client_rect();
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_client_x((r.left() + r.width() / 2.0).round() as i32);
    init.set_client_y((r.top() + r.height() / 2.0).round() as i32);
    let ev = MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

/// Pins the legend in words (one row per run, its points and front counted) and the marks:
/// one per completed trial per run, run A's all circles and run B's all squares.
#[wasm_bindgen_test]
async fn legend_rows_and_one_shaped_mark_per_trial() {
    let (_runs, root, _h) = mount();
    let chart = one(&root, "[data-testid=runs-chart]");
    until("the marks are drawn", || {
        all(&chart, "[data-testid=runs-chart-point]").len() == 55
    })
    .await;
    let rows = all(&chart, "[data-testid=runs-chart-run]");
    let attrs: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                r.get_attribute("data-job-id").unwrap(),
                r.get_attribute("data-points").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        attrs,
        [("4".into(), "30".into()), ("11".into(), "25".into())]
    );
    let a_text = rows[0].text_content().unwrap();
    assert!(a_text.contains('●') && a_text.contains("Keyword spotting sweep #3"));
    assert!(
        a_text.contains("30 completed trials, 4 on its front"),
        "{a_text}"
    );
    let b_text = rows[1].text_content().unwrap();
    assert!(b_text.contains('■') && b_text.contains("25 completed trials, 4 on its front"));

    let (a, b) = (marks_of(&chart, 4), marks_of(&chart, 11));
    assert_eq!((a.len(), b.len()), (30, 25));
    assert!(a.iter().all(|m| m.tag_name() == "circle"));
    assert!(b
        .iter()
        .all(|m| m.tag_name() == "path"
            && m.get_attribute("data-shape").as_deref() == Some("square")));
    assert_eq!(
        all(&chart, "[data-testid=runs-chart-point][data-optimal=true]").len(),
        8,
        "each run's front of 4"
    );
    // Budgets differ on latency (two rules), agree on ROM (one).
    assert_eq!(all(&chart, "g.rule").len(), 2);
    let rom = all(&chart, "[data-testid=runs-chart-axis] button")
        .into_iter()
        .find(|b| b.get_attribute("data-axis").as_deref() == Some("rom"))
        .unwrap();
    rom.unchecked_ref::<web_sys::HtmlElement>().click();
    until("one shared ROM rule", || all(&chart, "g.rule").len() == 1).await;
    assert!(one(&chart, "svg.chart")
        .get_attribute("aria-label")
        .unwrap()
        .contains("ROM"));
}

/// Pins pick → link: a click at a run-B point's screen position, dispatched on the `<svg>`
/// (so only the delegated hit-test can resolve it), names that trial and its run and offers
/// "Open in its run" pointing at job 11 and that trial; a new trial arriving in run B then
/// adds one square in place (run A's circles stay the same DOM nodes, the pick stays).
#[wasm_bindgen_test]
async fn picking_a_point_links_into_its_run_and_updates_keep_the_chart() {
    let (runs, root, _h) = mount();
    let chart = one(&root, "[data-testid=runs-chart]");
    until("the marks are drawn", || {
        all(&chart, "[data-testid=runs-chart-point]").len() == 55
    })
    .await;
    let target = marks_of(&chart, 11)
        .into_iter()
        .find(|m| m.get_attribute("data-trial-id").as_deref() == Some("11:30d34d92b616"))
        .expect("run B's most accurate front trial is drawn");
    click_at(&one(&chart, "svg.chart"), &target);
    until("the picked line", || {
        chart
            .query_selector("[data-testid=runs-chart-open]")
            .unwrap()
            .is_some()
    })
    .await;
    let picked = one(&chart, "[data-testid=runs-chart-picked]");
    assert_eq!(picked.get_attribute("data-job-id").as_deref(), Some("11"));
    assert_eq!(
        picked.get_attribute("data-trial-id").as_deref(),
        Some("30d34d92b616")
    );
    let text = picked.text_content().unwrap();
    assert!(text.contains("Keyword spotting on nRF52840 #4"), "{text}");
    assert!(text.contains("98.4 %"), "{text}");
    let open = one(&picked, "[data-testid=runs-chart-open]");
    assert_eq!(open.text_content().unwrap(), "Open in its run");
    let href = open.get_attribute("href").unwrap();
    assert!(
        href.contains("job=11") && href.contains("trial=30d34d92b616"),
        "{href}"
    );
    assert_eq!(all(&chart, ".ring.selected").len(), 1);

    // A new trial completes in run B.
    let a_before = marks_of(&chart, 4);
    runs.update(|r| {
        let mut t: Trial = (*r[1].trials[5]).clone();
        t.id = "feedc0ffee01".into();
        t.key = t.id.clone();
        t.name = Some("fresh-trial".into());
        r[1].trials.push(Arc::new(t));
    });
    until("the new square", || marks_of(&chart, 11).len() == 26).await;
    assert!(marks_of(&chart, 11)
        .iter()
        .any(|m| m.get_attribute("data-trial-id").as_deref() == Some("11:feedc0ffee01")));
    let rows = all(&chart, "[data-testid=runs-chart-run]");
    assert_eq!(rows[1].get_attribute("data-points").as_deref(), Some("26"));
    let a_after = marks_of(&chart, 4);
    assert_eq!(a_after.len(), 30);
    assert!(
        a_before.iter().all(|m| m.is_connected()),
        "run A's marks were not redrawn"
    );
    assert!(one(&chart, "[data-testid=runs-chart-picked]")
        .text_content()
        .unwrap()
        .contains("Keyword spotting on nRF52840 #4"));
}
