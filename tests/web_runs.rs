//! The run picker and the connect form's empty job, in headless Chromium (wasm-bindgen-test):
//! the real `RunPicker` over lists read by the real model from the shared runs fixture,
//! clicks through real DOM events. Each test mounts into its own fresh element.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use tunerscope::api::key::ApiKey;
use tunerscope::components::connect_form::ConnectForm;
use tunerscope::components::run_picker::RunPicker;
use tunerscope::components::run_switcher::{RunSwitcher, SwitchRuns};
use tunerscope::model::runs::{parse_runs, RunList};
use tunerscope::model::time::parse_rfc3339_ms;
use tunerscope::model::{ErrorKind, LoadError};
use tunerscope::state::api_key::provide_current_key;
use tunerscope::state::runs::{use_project_runs, ProjectRuns};
use tunerscope::view_state::ViewState;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

mod web_support;
use web_support::{all, container, one, until};

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: &str = include_str!("fixtures/runs.json");

/// The runs a test's `on_pick` received (job id, name).
type Picks = Arc<Mutex<Vec<(u64, Option<String>)>>>;

/// What a test controls of the picker's input, and what it picked.
struct Mounted {
    root: HtmlElement,
    picked: Picks,
    /// "now" of the picker (one hour after the newest run at first).
    now: RwSignal<f64>,
    _handle: Box<dyn std::any::Any>,
}

/// Mounts a `RunPicker` showing `list` (or `error`), "now" one hour after the newest run.
async fn picker(list: Option<RunList>, error: Option<LoadError>) -> Mounted {
    let root = container();
    let picked: Picks = Arc::new(Mutex::new(Vec::new()));
    let sink = picked.clone();
    let now = RwSignal::new(parse_rfc3339_ms("2025-03-14T12:02:10Z").unwrap() as f64);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let runs = ProjectRuns {
            runs: Signal::stored(list.clone()),
            loading: Signal::stored(false),
            error: Signal::stored(error.clone()),
            reload: Callback::new(|_| {}),
        };
        let on_pick = Callback::new(move |choice| sink.lock().unwrap().push(choice));
        view! {
            <RunPicker project=5 target=Signal::stored(Some("the runs of project 5".to_owned()))
                runs=runs now_ms=now on_pick=on_pick on_reenter=Callback::new(|_| {})/>
        }
    });
    leptos::task::tick().await;
    Mounted {
        root,
        picked,
        now,
        _handle: Box::new(handle),
    }
}

fn job_ids(root: &Element) -> Vec<String> {
    all(root, "[data-testid=run-picker] [data-testid=run-option]")
        .iter()
        .map(|o| o.get_attribute("data-job-id").unwrap())
        .collect()
}

fn option(root: &Element, job: &str) -> Element {
    one(
        root,
        &format!("[data-testid=run-option][data-job-id='{job}']"),
    )
}

fn text(e: &Element) -> String {
    e.text_content().unwrap_or_default()
}

/// Pins the picker's list: visible runs newest first, each with its hooks, name, number,
/// status in words and both creation times; a click hands over the job id and the name.
#[wasm_bindgen_test]
async fn the_picker_lists_runs_newest_first_and_opens_the_clicked_one() {
    let m = picker(Some(parse_runs(RUNS).unwrap()), None).await;
    assert_eq!(job_ids(&m.root), ["3", "4", "5"]);
    let newest = option(&m.root, "3");
    assert_eq!(
        newest.get_attribute("data-status").as_deref(),
        Some("running")
    );
    let words = text(&newest);
    for part in [
        "Gesture search #4",
        "#6",
        "running",
        "created 1 h ago",
        "2025-03-14 11:02:10 UTC",
    ] {
        assert!(words.contains(part), "{part:?} in {words:?}");
    }
    assert!(text(&option(&m.root, "4")).contains("finished"));
    assert_eq!(
        option(&m.root, "5").get_attribute("data-status").as_deref(),
        Some("failed")
    );
    option(&m.root, "4").unchecked_into::<HtmlElement>().click();
    leptos::task::tick().await;
    assert_eq!(
        *m.picked.lock().unwrap(),
        [(4, Some("Keyword spotting sweep #3".to_owned()))]
    );
}

/// Pins "hidden runs behind a switch": the run Studio hides is not offered until the user
/// ticks "show hidden runs", then it comes last (it is the oldest) and says it is hidden.
#[wasm_bindgen_test]
async fn hidden_runs_wait_behind_the_switch() {
    let m = picker(Some(parse_runs(RUNS).unwrap()), None).await;
    assert!(!job_ids(&m.root).contains(&"8".to_owned()));
    let switch: HtmlInputElement = one(&m.root, "input[name=show-hidden]").unchecked_into();
    assert!(text(&switch.parent_element().unwrap()).contains("show hidden runs (1)"));
    switch.click();
    leptos::task::tick().await;
    assert_eq!(job_ids(&m.root), ["3", "4", "5", "8"]);
    let hidden = option(&m.root, "8");
    assert!(text(&hidden).contains("hidden in Studio"));
    assert_eq!(
        hidden.get_attribute("data-status").as_deref(),
        Some("cancelled")
    );
}

/// A project without runs says so in words: no options, and no error banner.
#[wasm_bindgen_test]
async fn an_empty_project_says_it_has_no_runs() {
    let m = picker(
        Some(parse_runs(r#"{"success":true,"runs":[]}"#).unwrap()),
        None,
    )
    .await;
    assert!(job_ids(&m.root).is_empty());
    assert!(text(&m.root).contains("This project has no tuner runs yet"));
    assert!(all(&m.root, "[data-testid=error-banner]").is_empty());
    assert!(all(&m.root, "input[name=show-hidden]").is_empty());
}

/// A 404 uses the shared banner kind and says the project or the key is wrong.
#[wasm_bindgen_test]
async fn a_404_says_the_project_or_key_is_wrong() {
    let error = LoadError::new(ErrorKind::NotFound, Some(404), "Project not found");
    let m = picker(None, Some(error)).await;
    let banner = one(&m.root, "[data-testid=error-banner]");
    assert_eq!(
        banner.get_attribute("data-kind").as_deref(),
        Some("not-found")
    );
    let words = text(&m.root);
    assert!(
        words.contains("check the project id and that the key"),
        "{words}"
    );
    assert!(words.contains("the runs of project 5"), "{words}");
    assert!(job_ids(&m.root).is_empty());
}

/// Untrusted names are text: markup in a name shows as typed and creates no element.
#[wasm_bindgen_test]
async fn hostile_run_names_are_shown_literally() {
    let hostile = "<img src=x onerror=alert(1)><b>bold</b> &amp;";
    let body = serde_json::json!({"success": true, "runs": [
        {"tunerCoordinatorJobId": 3, "index": 1, "name": hostile, "jobStatus": "<i>odd</i>", "created": "2025-03-14T10:00:00Z"}
    ]})
    .to_string();
    let m = picker(Some(parse_runs(&body).unwrap()), None).await;
    let run = option(&m.root, "3");
    assert!(text(&run).contains(hostile), "{}", text(&run));
    assert!(text(&run).contains("<i>odd</i>"));
    assert_eq!(
        run.get_attribute("data-status").as_deref(),
        Some("<i>odd</i>")
    );
    assert!(all(&run, "img, b, i").is_empty());
}

/// Pins the connect form's empty job: it submits the project alone (the page then lists its
/// runs), and still refuses a job that is not a number.
#[wasm_bindgen_test]
async fn the_connect_form_lets_the_job_stay_empty() {
    let root = container();
    let got = Arc::new(Mutex::new(Vec::<ViewState>::new()));
    let sink = got.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let view = Signal::stored(ViewState::default());
        let on_connect =
            Callback::new(move |(next, _key): (ViewState, ApiKey)| sink.lock().unwrap().push(next));
        view! { <ConnectForm view=view on_connect=on_connect/> }
    });
    leptos::task::tick().await;
    assert!(text(&root).contains("Leave empty to choose from the project's runs"));
    let set = |name: &str, value: &str| {
        one(&root, &format!("input[name={name}]"))
            .unchecked_into::<HtmlInputElement>()
            .set_value(value)
    };
    let submit = || {
        one(&root, "[data-testid=connect]")
            .unchecked_into::<HtmlElement>()
            .click()
    };
    set("project", "42");
    set("job", "soon");
    submit();
    leptos::task::tick().await;
    assert!(got.lock().unwrap().is_empty());
    assert!(text(&root).contains("leave the job empty"));
    set("job", "  ");
    submit();
    leptos::task::tick().await;
    let views = got.lock().unwrap();
    assert_eq!(views.len(), 1);
    assert_eq!((views[0].project, views[0].job), (Some(42), None));
    assert!(views[0].is_picker());
}

/// Pins keyed rows: a minute passing updates "created … ago" inside the same row element, so
/// a keyboard user's focus stays on the run they were about to open.
#[wasm_bindgen_test]
async fn a_clock_tick_updates_a_row_in_place_and_keeps_focus() {
    let m = picker(Some(parse_runs(RUNS).unwrap()), None).await;
    let before = option(&m.root, "4");
    before.unchecked_ref::<HtmlElement>().focus().unwrap();
    m.now.update(|now| *now += 60.0 * 60_000.0);
    leptos::task::tick().await;
    let newest = option(&m.root, "3");
    assert!(
        text(&newest).contains("created 2 h ago"),
        "{}",
        text(&newest)
    );
    let after = option(&m.root, "4");
    assert!(
        before.is_same_node(Some(&after)),
        "the row was rebuilt by the clock"
    );
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element();
    assert_eq!(focused.as_ref(), Some(&after), "focus left the row");
}

/// Pins the switch in one place: "show hidden runs" stays ticked when the list is loaded
/// again (the rows and the switch are not rebuilt with each answer).
#[wasm_bindgen_test]
async fn show_hidden_survives_a_reloaded_list() {
    let root = container();
    let list = RwSignal::new(Some(parse_runs(RUNS).unwrap()));
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let runs = ProjectRuns {
            runs: list.into(),
            loading: Signal::stored(false),
            error: Signal::stored(None),
            reload: Callback::new(|_| {}),
        };
        view! {
            <RunPicker project=5 target=Signal::stored(None::<String>) runs=runs
                now_ms=Signal::stored(0.0) on_pick=Callback::new(|_| {}) on_reenter=Callback::new(|_| {})/>
        }
    });
    leptos::task::tick().await;
    assert_eq!(all(&root, "input[name=show-hidden]").len(), 1);
    one(&root, "input[name=show-hidden]")
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;
    assert_eq!(job_ids(&root), ["3", "4", "5", "8"]);
    list.set(Some(parse_runs(RUNS).unwrap()));
    leptos::task::tick().await;
    assert_eq!(job_ids(&root), ["3", "4", "5", "8"], "the switch was reset");
    let switch: HtmlInputElement = one(&root, "input[name=show-hidden]").unchecked_into();
    assert!(switch.checked());
}

/// Pins the switcher without a key (e.g. after "Forget key"): opened, it says what is
/// missing instead of showing an empty list.
#[wasm_bindgen_test]
async fn the_switcher_without_a_key_asks_for_one() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let switch = SwitchRuns {
            view: RwSignal::new(ViewState::from_query("project=1&job=4")),
            live: Signal::stored(true),
            on_open: Callback::new(|_| {}),
            now_ms: Signal::stored(0.0),
            on_compare: Callback::new(|_| {}),
        };
        view! { <RunSwitcher switch=switch/> }
    });
    leptos::task::tick().await;
    one(&root, ".run-switcher summary")
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;
    let words = text(&root);
    assert!(
        words.contains("Enter an API key to list this project's runs"),
        "{words}"
    );
}

/// A `use_project_runs` under test: its URL and key are set by the test.
struct Runs {
    url: RwSignal<Option<String>>,
    runs: ProjectRuns,
    _handle: Box<dyn std::any::Any>,
}

/// The page's own origin: requests there reach the test runner's server (which answers 404).
fn origin() -> String {
    web_sys::window().unwrap().location().origin().unwrap()
}

/// Mounts `use_project_runs` (enabled) with a key for this page's origin.
async fn project_runs() -> Runs {
    let url = RwSignal::new(None::<String>);
    let out = std::rc::Rc::new(std::cell::Cell::new(None::<ProjectRuns>));
    let sink = out.clone();
    let handle = leptos::mount::mount_to(container(), move || {
        provide_current_key()
            .0
            .set(Some(ApiKey::new(&origin(), "test-secret", false)));
        sink.set(Some(use_project_runs(url.into(), Signal::stored(true))));
    });
    leptos::task::tick().await;
    Runs {
        url,
        runs: out.take().expect("the hook ran"),
        _handle: Box::new(handle),
    }
}

/// Pins "never stuck in Loading…": a request replaced by one that cannot be sent (a URL off
/// the key's base) ends with the refusal shown and loading over, so "Reload" works again.
#[wasm_bindgen_test]
async fn a_replaced_request_does_not_leave_the_list_loading() {
    let r = project_runs().await;
    r.url.set(Some(format!("{}/api/1/optimize/runs", origin())));
    leptos::task::tick().await;
    assert!(
        r.runs.loading.get_untracked(),
        "the first request is in flight"
    );
    r.url.set(Some(
        "https://elsewhere.invalid/api/1/optimize/runs".to_owned(),
    ));
    until("the refusal of the other base", || {
        r.runs.error.with_untracked(|e| e.as_ref().map(|e| e.kind)) == Some(ErrorKind::Auth)
    })
    .await;
    until("loading to end", || !r.runs.loading.get_untracked()).await;
}

/// Pins "one project's error is not another's": once the URL changes, the previous URL's
/// failure is gone while the new list loads.
#[wasm_bindgen_test]
async fn a_new_url_clears_the_previous_error() {
    let r = project_runs().await;
    r.url.set(Some(
        "https://elsewhere.invalid/api/1/optimize/runs".to_owned(),
    ));
    until("the refusal of the other base", || {
        r.runs.error.with_untracked(|e| e.as_ref().map(|e| e.kind)) == Some(ErrorKind::Auth)
    })
    .await;
    r.url.set(Some(format!("{}/api/2/optimize/runs", origin())));
    leptos::task::tick().await;
    // The new request cannot have been answered within one tick; whatever it answers, it is
    // not the refusal of the other base.
    assert_ne!(
        r.runs.error.with_untracked(|e| e.as_ref().map(|e| e.kind)),
        Some(ErrorKind::Auth),
        "the previous URL's error is still shown"
    );
}
