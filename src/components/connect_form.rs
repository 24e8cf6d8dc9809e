//! `connect-form`: which run to open (or which project's runs to list, when the job is left
//! empty) and with which key. The key goes to `state::api_key`, never into the URL.

use crate::state::api_key::ApiKey;
use crate::view_state::{normalize_api, ViewState, DEFAULT_API};
use leptos::html;
use leptos::prelude::*;

/// Said when the project or job id cannot be read.
const BAD_IDS: &str = "Project and tuner job ids must be positive whole numbers (leave the job empty to choose from the project's runs).";

/// The form. `on_connect` receives the new view (project/job/api) and the key.
#[component]
pub fn ConnectForm(
    /// Current view, to prefill project/job/api.
    #[prop(into)]
    view: Signal<ViewState>,
    /// Called on submit.
    on_connect: Callback<(ViewState, ApiKey)>,
) -> impl IntoView {
    let project: NodeRef<html::Input> = NodeRef::new();
    let job: NodeRef<html::Input> = NodeRef::new();
    let api: NodeRef<html::Input> = NodeRef::new();
    let key: NodeRef<html::Input> = NodeRef::new();
    let remember: NodeRef<html::Input> = NodeRef::new();
    let problem = RwSignal::new(None::<&'static str>);
    let initial = view.get_untracked();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = |r: NodeRef<html::Input>| r.get().map(|i| i.value()).unwrap_or_default();
        let mut next = view.get_untracked();
        let positive = |text: String| text.trim().parse::<u64>().ok().filter(|n| *n > 0);
        let job_text = value(job);
        let Some(p) = positive(value(project)) else {
            problem.set(Some(BAD_IDS));
            return;
        };
        // An empty job lists the project's runs to choose from.
        let j = match job_text.trim() {
            "" => None,
            _ => match positive(job_text) {
                Some(j) => Some(j),
                None => {
                    problem.set(Some(BAD_IDS));
                    return;
                }
            },
        };
        let api_text = value(api);
        let api_norm = normalize_api(&api_text);
        if !api_text.trim().is_empty()
            && api_norm.is_none()
            && api_text.trim().trim_end_matches('/') != DEFAULT_API
        {
            problem.set(Some(
                "The API base must start with https://, http:// or / (a path on this site).",
            ));
            return;
        }
        problem.set(None);
        next.project = Some(p);
        next.job = j;
        next.api = api_norm;
        next.demo = false;
        let remembered = remember.get().map(|i| i.checked()).unwrap_or(false);
        let api_key = ApiKey::new(next.api_base(), &value(key), remembered);
        on_connect.run((next, api_key));
    };

    view! {
        <form class="connect-form" data-testid="connect-form" on:submit=submit>
            <h2>"Open a tuner run"</h2>
            {initial.project.filter(|_| initial.job.is_none()).map(|p| view! {
                <p class="link-for" data-testid="link-for">
                    "This link lists the tuner runs of project " <strong>{p}</strong>
                    {initial.api.clone().map(|a| view! { " (API " <code class="text">{a}</code> ")" })}
                    ". Enter an API key with access to that project."
                </p>
            })}
            {initial.project.zip(initial.job).map(|(p, j)| view! {
                <p class="link-for" data-testid="link-for">
                    "This link is for tuner job " <strong>{j}</strong> " in project " <strong>{p}</strong>
                    {initial.api.clone().map(|a| view! { " (API " <code class="text">{a}</code> ")" })}
                    ". Enter an API key with access to that project."
                </p>
            })}
            <div class="fields">
                <label>"Project id" <input name="project" inputmode="numeric" autocomplete="off" required node_ref=project
                    value=initial.project.map(|p| p.to_string()).unwrap_or_default()/></label>
                <label>"Tuner job id" <input name="job" inputmode="numeric" autocomplete="off" node_ref=job
                    value=initial.job.map(|j| j.to_string()).unwrap_or_default()/>
                    <small>"Leave empty to choose from the project's runs."</small></label>
                <label class="wide">"API base"
                    <input name="api" type="text" node_ref=api placeholder=DEFAULT_API value=initial.api.clone().unwrap_or_default()/>
                    <small>"Leave empty for Edge Impulse Studio. Use a proxy path (e.g. /eon-proxy/v1) if your network or the API's CORS policy blocks direct calls."</small>
                </label>
                <label class="wide">"API key"
                    <input name="api-key" type="password" autocomplete="off" spellcheck="false" node_ref=key/>
                    <small>"A project API key (Dashboard → Keys). Leave empty if a proxy adds it. It is kept for this tab only unless you tick below, and never put in the address."</small>
                </label>
                <label class="check"><input name="remember-key" type="checkbox" node_ref=remember/>" Remember the key on this device"</label>
            </div>
            {move || problem.get().map(|p| view! { <p class="form-problem" role="alert">{p}</p> })}
            <button type="submit" data-testid="connect">"Connect"</button>
        </form>
    }
}
