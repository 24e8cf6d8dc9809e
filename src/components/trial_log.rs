//! A trial's log inside its expanded details: `trial-logs-load` ("Show log", then "Refresh
//! log") loads it on demand, never before the click and never by polling on its own; while
//! the trial runs, an opt-in "Follow" reloads it with each applied poll. The log's state
//! lives in [`crate::state::logs::TrialLogs`], so it survives the card being rebuilt.

use super::log_box::LogBox;
use crate::derive::log_view::trial_file_stem;
use crate::model::{Trial, TrialStatus};
use crate::state::api_key::use_live_api;
use crate::state::context::ViewCtx;
use crate::state::logs::{start_following, use_follow, use_trial_logs};
use crate::state::run_store::RunStore;
use leptos::prelude::*;
use std::sync::Arc;

/// The log part of [`super::trial_details::TrialDetails`]. Reads [`ViewCtx`] and the
/// [`RunStore`] (for following) from context. Renders nothing unless the run is shown from
/// the API ([`use_live_api`]): in the demo or over a snapshot file there is no log to ask for.
#[component]
pub fn TrialLog(trial: Arc<Trial>) -> impl IntoView {
    let live = use_live_api();
    move || live.get().then(|| trial_log(trial.clone()))
}

fn trial_log(trial: Arc<Trial>) -> AnyView {
    let log = ViewCtx::expect().with_untracked(|v| use_trial_logs().for_trial(v, &trial.id));
    let Some(log) = log else {
        // Live, so the only way to have no log: the API gave this trial no id to ask with.
        return view! {
            <p class="empty">"This trial has no id in the API's answer, so its log cannot be asked for."</p>
        }
        .into_any();
    };
    let running = trial.status == Some(TrialStatus::Running);
    let seq = use_context::<RunStore>().map(|store| {
        Signal::from(Memo::new(move |_| {
            store.snapshot.with(|s| s.as_ref().map(|s| s.seq))
        }))
    });
    let seq = seq.unwrap_or_else(|| Signal::stored(None));
    use_follow(log, seq, running);

    let name = trial.display_name();
    let stem = trial_file_stem(&name);
    let on_load = move |_| {
        if log.shown.get_untracked() {
            log.load.run(());
        } else {
            log.open();
        }
    };
    let on_follow = move |ev: leptos::ev::Event| {
        if event_target_checked(&ev) {
            start_following(log, seq.get_untracked());
            log.open();
        } else {
            log.stop_following();
        }
    };
    view! {
        <section class="trial-log">
            <h5>"Log"</h5>
            <div class="log-actions">
                <button type="button" data-testid="trial-logs-load" on:click=on_load
                    disabled=move || log.loading.get()>
                    {move || if log.shown.get() { "Refresh log" } else { "Show log" }}
                </button>
                {(running || log.follow.get_untracked()).then(|| view! {
                    <label class="log-follow">
                        <input type="checkbox" name="follow-log" prop:checked=move || log.follow.get() on:change=on_follow/>
                        " Follow (reload with each refresh while the trial runs)"
                    </label>
                })}
            </div>
            {move || log.shown.get().then(|| view! {
                <LogBox testid="trial-logs" label=format!("Log of {name}") body=log.body error=log.error
                    loading=log.loading file_stem=stem.clone()/>
            })}
        </section>
    }
    .into_any()
}
