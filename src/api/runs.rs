//! The runs endpoint (`GET {api}/api/{project}/optimize/runs`): fetch with the shared client
//! rules (key only in `x-api-key`, masked body, abort, timeout), classified by the pure
//! [`crate::model::runs::parse_runs_response`].

use super::client::{get_text, without_key, Abort, DEFAULT_TIMEOUT};
use super::key::ApiKey;
use crate::model::runs::{parse_runs_response, RunList};
use crate::model::LoadError;

/// The project's runs at `url` (see [`crate::view_state::ViewState::runs_url`]).
pub async fn fetch_runs(url: &str, key: &ApiKey, abort: &Abort) -> Result<RunList, LoadError> {
    let (status, body) = get_text(url, key, abort, DEFAULT_TIMEOUT).await?;
    parse_runs_response(status, &body).map_err(|e| without_key(e, key))
}
