//! The two log endpoints (`API.md`, "Around the state"): their URLs, and one fetch that
//! classifies the answer with [`crate::model::logs::read_log`]. Same key, masking, abort and
//! timeout as every request ([`super::client::get_text`]).

use super::client::{get_text, without_key, Abort, DEFAULT_TIMEOUT};
use super::key::ApiKey;
use crate::model::logs::{read_log, LogBody};
use crate::model::LoadError;
use crate::view_state::ViewState;

/// How many lines of the tuner's own log are asked for (the API's own ceiling).
pub const RUN_LOG_LIMIT: u32 = 1000;

/// `{api}/api/{project}/optimize/trial/{trialId}/stdout`; `None` without a project or in the
/// demo. The trial id is server text: it is encoded as one path segment (`.` and `..`, which
/// `encodeURIComponent` leaves alone, would otherwise climb the path).
pub fn trial_log_url(view: &ViewState, trial_id: &str) -> Option<String> {
    let project = view.project.filter(|_| !view.is_demo())?;
    let mut segment = String::from(js_sys::encode_uri_component(trial_id));
    if segment.bytes().all(|b| b == b'.') {
        segment = segment.replace('.', "%2E");
    }
    (!trial_id.is_empty()).then(|| {
        format!(
            "{}/api/{project}/optimize/trial/{segment}/stdout",
            view.api_base().trim_end_matches('/'),
        )
    })
}

/// `{api}/api/{project}/jobs/{job}/stdout?limit=1000`: the tuner coordinator's log;
/// `None` unless a run is named (and not in the demo).
pub fn run_log_url(view: &ViewState) -> Option<String> {
    let (project, job) = (view.project.filter(|_| !view.is_demo())?, view.job?);
    Some(format!(
        "{}/api/{project}/jobs/{job}/stdout?limit={RUN_LOG_LIMIT}",
        view.api_base().trim_end_matches('/')
    ))
}

/// GETs a log and reads it: a [`LogBody`], or a typed error with the state's kinds.
pub async fn fetch_log(url: &str, key: &ApiKey, abort: &Abort) -> Result<LogBody, LoadError> {
    let (status, body) = get_text(url, key, abort, DEFAULT_TIMEOUT).await?;
    read_log(status, &body).map_err(|e| without_key(e, key))
}
