//! `LiveSource`: a real run, or a project's list of runs. Asks for a key (or confirmation to
//! reuse one saved for another API base), then polls the run, or lists the project's runs
//! when no job is named (the run picker), and the runs compared with it (`vs`); also
//! remembers the run on this device and feeds notifications.

use crate::api::key::{self, ApiKey};
use crate::components::compared_sources::ComparedSources;
use crate::components::confirm_api::ConfirmApi;
use crate::components::connect_form::ConnectForm;
use crate::components::live_toolbar::LiveToolbar;
use crate::components::run_picker::RunPicker;
use crate::derive::list_view::Lens;
use crate::derive::liveness::unclear_sentence;
use crate::derive::notices::Digest;
use crate::derive::order::{best_fit, evaluate, Evaluated};
use crate::derive::refresh::unclear_period_ms;
use crate::model::Trial;
use crate::recent_runs::RecentRun;
use crate::state::api_key::use_current_key;
use crate::state::embed::use_embed;
use crate::state::polling::use_polling;
use crate::state::recent::{self, use_learned_names};
use crate::state::run_store::RunStore;
use crate::state::runs::use_project_runs;
use crate::view_state::ViewState;
use leptos::prelude::*;

/// A real run: asks for a key (or confirmation to reuse one) until it has one, then polls.
/// Embedded (`embed=1`) it never shows the form: it loads without a key (a portal proxy may
/// add it) and takes a key from an allowed parent via `tunerscope:auth`.
#[component]
pub fn LiveSource(
    view: RwSignal<ViewState>,
    now: RwSignal<f64>,
    editing: RwSignal<bool>,
    recent_runs: RwSignal<Vec<RecentRun>>,
    /// Opens a run chosen in the run picker (job id, name when known).
    on_pick: Callback<(u64, Option<String>)>,
) -> impl IntoView {
    let store = expect_context::<RunStore>();
    let embed = view.with_untracked(|v| v.embed);
    let base = Memo::new(move |_| view.with(|v| v.api_base().to_owned()));
    let initial = key::load(&base.get_untracked())
        .or_else(|| embed.then(|| ApiKey::new(&base.get_untracked(), "", false)));
    let api_key = use_current_key().0;
    api_key.set(initial);
    // The key is the live source's: once the page shows the demo or a snapshot, nothing may
    // find it in the shared slot and send it with ids that are not the API's.
    on_cleanup(move || {
        api_key.try_set(None);
    });
    // A key saved for another base waits here until the user says yes or no.
    let confirm = RwSignal::new(if api_key.with_untracked(Option::is_none) {
        key::stored_for_other_base(&base.get_untracked())
    } else {
        None
    });

    if embed {
        let allowed = view.with_untracked(|v| v.origins.clone());
        use_embed(
            allowed,
            Callback::new(move |secret: String| {
                api_key.set(Some(ApiKey::new(&base.get_untracked(), &secret, false)))
            }),
        );
    }

    // The base changed (e.g. the connect form pointed elsewhere): reread the key for it.
    Effect::new(move |previous: Option<String>| {
        let current = base.get();
        if previous.is_some_and(|p| p != current)
            && api_key.with_untracked(|k| k.as_ref().map(ApiKey::base) != Some(current.as_str()))
        {
            let stored = key::load(&current);
            confirm.set(if stored.is_none() {
                key::stored_for_other_base(&current)
            } else {
                None
            });
            api_key.set(stored);
        }
        current
    });

    let url = Signal::derive(move || view.with(ViewState::state_url));
    let interval = Signal::derive(move || view.with(ViewState::interval));
    let controls = use_polling(store, url, api_key.into(), interval);
    // A run whose state cannot be classified is checked slowly; the toolbar says so.
    let unclear = Memo::new(move |_| {
        let every_ms = unclear_period_ms(u64::from(interval.get()) * 1000);
        store
            .snapshot
            .with(|s| s.as_ref().and_then(|s| unclear_sentence(&s.run, every_ms)))
    });
    use_recent_recording(store, view, recent_runs);

    // No job named: list the project's runs (once per project and key; "Reload" for more).
    let picking = Memo::new(move |_| view.with(ViewState::is_picker));
    let runs_url = Signal::derive(move || view.with(|v| v.runs_url().filter(|_| v.is_picker())));
    let runs = use_project_runs(runs_url, picking.into());
    use_learned_names(view, runs.runs);
    let project = Memo::new(move |_| view.with(|v| v.project));
    let picker_target = Signal::derive(move || {
        view.with(|v| {
            v.project
                .map(|p| format!("the runs of project {p} at {}", v.api_base()))
        })
    });

    let on_connect = Callback::new(move |(next, new_key): (ViewState, ApiKey)| {
        key::save(&new_key);
        editing.set(false);
        confirm.set(None);
        let same_run = view.with_untracked(|v| {
            (v.project, v.job, v.api.clone()) == (next.project, next.job, next.api.clone())
        });
        if !same_run {
            store.clear();
        }
        api_key.set(Some(new_key));
        view.set(next);
    });
    let on_yes = Callback::new(move |_| {
        if let Some(stored) = confirm.get_untracked() {
            let rebound = stored.rebound(&base.get_untracked());
            key::save(&rebound);
            api_key.set(Some(rebound));
        }
        confirm.set(None);
    });
    let on_no = Callback::new(move |_| {
        confirm.set(None);
        editing.set(true);
    });
    let on_forget = Callback::new(move |_| {
        key::forget();
        api_key.set(None);
        confirm.set(None);
    });
    let digest = use_digest(store, view);
    let show_form = move || {
        !embed
            && (editing.get() || (api_key.with(Option::is_none) && confirm.with(Option::is_none)))
    };

    view! {
        {move || confirm.get().map(|stored| view! {
            <ConfirmApi stored_base=stored.base().to_owned() target_base=base.get() on_yes=on_yes on_no=on_no/>
        })}
        {move || show_form().then(|| view! { <ConnectForm view=view on_connect=on_connect/> })}
        {move || {
            // Through memos only: this closure rebuilds the picker (and resets its switch and
            // focus) whenever a signal it reads changes, and the view changes for many reasons
            // (the theme, say) that are not the picker's.
            let project = project.get()?;
            let ready = picking.get() && !show_form() && api_key.with(Option::is_some);
            ready.then(|| view! {
                <div class="live-toolbar picker-tools">
                    <button type="button" on:click=move |_| editing.update(|e| *e = !*e)>"Change project or key"</button>
                    <button type="button" data-testid="forget-key" on:click=move |_| on_forget.run(())>"Forget key"</button>
                </div>
                <RunPicker project=project target=picker_target runs=runs now_ms=now on_pick=on_pick
                    on_reenter=Callback::new(move |_| editing.set(true))/>
            })
        }}
        {move || (!picking.get()).then(|| view! {
            <LiveToolbar view=view on_refresh=controls.refresh on_edit=Callback::new(move |_| editing.update(|e| *e = !*e))
                on_forget=on_forget loading=store.loading next_at=controls.next_at now_ms=now digest=digest unclear=unclear/>
        })}
        <ComparedSources view=view/>
    }
}

/// Remembers the run on this device once it has loaded (and again when its name is known).
fn use_recent_recording(
    store: RunStore,
    view: RwSignal<ViewState>,
    recent_runs: RwSignal<Vec<RecentRun>>,
) {
    let loaded = Memo::new(move |_| {
        store
            .snapshot
            .with(|s| s.as_ref().map(|s| s.run.config.name.clone()))
    });
    Effect::new(move |_| {
        let Some(name) = loaded.get() else { return };
        let Some((project, job, api)) =
            view.with_untracked(|v| Some((v.project?, v.job?, v.api.clone())))
        else {
            return;
        };
        recent_runs.set(recent::record(RecentRun {
            project,
            job,
            api,
            name,
            opened_ms: js_sys::Date::now(),
        }));
    });
}

/// The facts notifications depend on, per snapshot.
fn use_digest(store: RunStore, view: RwSignal<ViewState>) -> Signal<Option<Digest>> {
    let memo = Memo::new(move |_| {
        let view = view.get();
        store.snapshot.with(|s| {
            let s = s.as_ref()?;
            let Lens {
                precision,
                dataset,
                budget,
                ..
            } = Lens::new(&view, &s.run.config);
            let trials: Vec<&Trial> = s.trials.iter().map(|v| v.trial.as_ref()).collect();
            let evals: Vec<Evaluated> = trials
                .iter()
                .map(|t| evaluate(t, dataset, precision, budget))
                .collect();
            let best = best_fit(&trials, &evals).map(|i| {
                (
                    trials[i].key.clone(),
                    trials[i].display_name(),
                    evals[i].accuracy.unwrap_or_default(),
                )
            });
            Some(Digest {
                run_name: s
                    .run
                    .config
                    .name
                    .clone()
                    .unwrap_or_else(|| "Tuner run".into()),
                live: s.run.is_live(),
                failed: s.run.job_error.is_some(),
                best,
            })
        })
    });
    memo.into()
}
