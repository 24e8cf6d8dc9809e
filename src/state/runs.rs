//! `use_project_runs`: a project's runs, loaded on demand (never polled).
//!
//! The run picker enables it at once; the run switcher only when it is opened. It loads
//! once per (URL, key) and again only on `reload`, with the page's [`CurrentKey`]. The client
//! sends it only when that key is bound to the URL's API base (a link pointing elsewhere never
//! gets it: the answer is then an `auth` error, with nothing sent). A newer request or the
//! component going away aborts the one in flight, and its answer is ignored; whoever aborts
//! ends `loading`, since the aborted request's continuation no longer will.
//!
//! [`CurrentKey`]: crate::state::api_key::CurrentKey

use crate::api::client::Abort;
use crate::api::key::ApiKey;
use crate::api::runs::fetch_runs;
use crate::model::runs::RunList;
use crate::model::{ErrorKind, LoadError};
use crate::state::api_key::use_current_key;
use leptos::prelude::*;

/// What a component sees of and can ask from the runs list.
#[derive(Clone, Copy)]
pub struct ProjectRuns {
    /// The last list read for the current URL; `None` before the first answer.
    pub runs: Signal<Option<RunList>>,
    /// A request is in flight.
    pub loading: Signal<bool>,
    /// Why the last request failed, until one succeeds.
    pub error: Signal<Option<LoadError>>,
    /// Loads the list again.
    pub reload: Callback<()>,
}

#[derive(Clone, Copy)]
struct Ctx {
    url: Signal<Option<String>>,
    key: RwSignal<Option<ApiKey>>,
    runs: RwSignal<Option<RunList>>,
    loading: RwSignal<bool>,
    error: RwSignal<Option<LoadError>>,
    /// What the shown list (or the request in flight) is for.
    loaded_for: StoredValue<Option<(String, ApiKey)>>,
    in_flight: StoredValue<Option<Abort>, LocalStorage>,
    /// Bumped per request, so an answer to a replaced or aborted request is ignored.
    generation: StoredValue<u64>,
}

/// The runs at `url` (`None`: nothing to load), loaded while `enabled` is true: once per URL
/// and key, then only on [`ProjectRuns::reload`].
pub fn use_project_runs(url: Signal<Option<String>>, enabled: Signal<bool>) -> ProjectRuns {
    let ctx = Ctx {
        url,
        key: use_current_key().0,
        runs: RwSignal::new(None),
        loading: RwSignal::new(false),
        error: RwSignal::new(None),
        loaded_for: StoredValue::new(None),
        in_flight: StoredValue::new_local(None),
        generation: StoredValue::new(0),
    };
    Effect::new(move |_| {
        let wanted = enabled.get() && url.with(Option::is_some) && ctx.key.with(Option::is_some);
        let current = url.get().zip(ctx.key.get());
        if wanted && ctx.loaded_for.with_value(|l| *l != current) {
            load(ctx);
        }
    });
    on_cleanup(move || abort_in_flight(ctx));
    ProjectRuns {
        runs: ctx.runs.into(),
        loading: ctx.loading.into(),
        error: ctx.error.into(),
        reload: Callback::new(move |_| load(ctx)),
    }
}

/// Stops the request in flight: its answer is ignored from now on, so `loading` ends here.
fn abort_in_flight(ctx: Ctx) {
    ctx.generation.try_update_value(|g| *g += 1);
    if let Some(abort) = ctx.in_flight.try_update_value(Option::take).flatten() {
        abort.abort();
    }
    if ctx.loading.try_get_untracked() == Some(true) {
        ctx.loading.try_set(false);
    }
}

fn load(ctx: Ctx) {
    let (Some(url), Some(key)) = (
        ctx.url.try_get_untracked().flatten(),
        ctx.key.try_get_untracked().flatten(),
    ) else {
        return;
    };
    abort_in_flight(ctx);
    let Some(abort) = Abort::new() else {
        ctx.error.try_set(Some(LoadError::new(
            ErrorKind::Network,
            None,
            "the browser could not start the request",
        )));
        return;
    };
    // Another project's list, or its failure, must not stay on screen while this one loads.
    let same_url = ctx
        .loaded_for
        .with_value(|l| l.as_ref().is_some_and(|(u, _)| *u == url));
    if !same_url {
        ctx.runs.try_set(None);
        ctx.error.try_set(None);
    }
    ctx.loaded_for.set_value(Some((url.clone(), key.clone())));
    let generation = ctx.generation.try_update_value(|g| {
        *g += 1;
        *g
    });
    ctx.in_flight.try_set_value(Some(abort.clone()));
    ctx.loading.try_set(true);
    leptos::task::spawn_local(async move {
        let result = fetch_runs(&url, &key, &abort).await;
        if ctx.generation.try_get_value() != generation {
            return;
        }
        ctx.in_flight.try_set_value(None);
        ctx.loading.try_set(false);
        match result {
            Ok(list) => {
                ctx.runs.try_set(Some(list));
                ctx.error.try_set(None);
            }
            Err(error) => {
                ctx.error.try_set(Some(error));
            }
        }
    });
}
