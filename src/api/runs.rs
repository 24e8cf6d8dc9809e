//! The runs endpoint (`GET {api}/api/{project}/optimize/runs`): fetch with the shared client
//! rules (key only in `x-api-key`, masked body, abort, timeout), classified by the pure
//! [`crate::model::runs::parse_runs_response`].

use super::client::{get_text, Abort, DEFAULT_TIMEOUT};
use crate::model::runs::{parse_runs_response, RunList};
use crate::model::LoadError;

/// The project's runs at `url` (see [`crate::view_state::ViewState::runs_url`]).
pub async fn fetch_runs(url: &str, key: &str, abort: &Abort) -> Result<RunList, LoadError> {
    let (status, body) = get_text(url, key, abort, DEFAULT_TIMEOUT).await?;
    parse_runs_response(status, &body)
}
