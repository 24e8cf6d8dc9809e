//! `LiveSource`: a real run, or a project's list of runs. Asks for a key (or confirmation to
//! reuse one saved for another API base), then polls the run, or lists the project's runs
//! when no job is named (the run picker), and the runs compared with it (`vs`); also
//! remembers the run on this device and feeds notifications. The key's rules and storage are
//! `state::api_key`'s; this only wires them to the form, the question and the toolbars.

use crate::components::compared_sources::ComparedSources;
use crate::components::confirm_api::ConfirmApi;
use crate::components::connect_form::ConnectForm;
use crate::components::live_toolbar::LiveToolbar;
use crate::components::run_picker::RunPicker;
use crate::derive::liveness::unclear_sentence;
use crate::derive::notices::Digest;
use crate::derive::refresh::unclear_period_ms;
use crate::state::api_key::{use_api_key, ApiKey};
use crate::state::navigation::use_navigation;
use crate::state::polling::use_polling;
use crate::state::recent::{use_learned_names, use_recent_recording};
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
    /// Shows the connection form (set by "Change run or key", a refused key, "No").
    editing: RwSignal<bool>,
) -> impl IntoView {
    let store = expect_context::<RunStore>();
    let nav = use_navigation();
    let embed = view.with_untracked(|v| v.embed);
    let base = Memo::new(move |_| view.with(|v| v.api_base().to_owned()));
    let key = use_api_key(
        base.into(),
        embed.then(|| view.with_untracked(|v| v.origins.clone())),
    );

    let url = Signal::derive(move || view.with(ViewState::state_url));
    let interval = Signal::derive(move || view.with(ViewState::interval));
    let controls = use_polling(store, url, key.current.into(), interval);
    // A run whose state cannot be classified is checked slowly; the toolbar says so.
    let unclear = Memo::new(move |_| {
        let every_ms = unclear_period_ms(u64::from(interval.get()) * 1000);
        store
            .snapshot
            .with(|s| s.as_ref().and_then(|s| unclear_sentence(&s.run, every_ms)))
    });
    use_recent_recording(store, view);

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
        editing.set(false);
        key.connect.run(new_key);
        nav.connect.run(next);
    });
    let on_no = Callback::new(move |_| {
        key.no.run(());
        editing.set(true);
    });
    let digest = use_digest(store, view);
    let show_form = move || {
        !embed
            && (editing.get()
                || (key.current.with(Option::is_none) && key.pending_base.with(Option::is_none)))
    };

    view! {
        {move || key.pending_base.get().map(|stored_base| view! {
            <ConfirmApi stored_base=stored_base target_base=base.get() on_yes=key.yes on_no=on_no/>
        })}
        {move || show_form().then(|| view! { <ConnectForm view=view on_connect=on_connect/> })}
        {move || {
            // Through memos only: this closure rebuilds the picker (and resets its switch and
            // focus) whenever a signal it reads changes, and the view changes for many reasons
            // (the theme, say) that are not the picker's.
            let project = project.get()?;
            let ready = picking.get() && !show_form() && key.current.with(Option::is_some);
            ready.then(|| view! {
                <div class="live-toolbar picker-tools">
                    <button type="button" on:click=move |_| editing.update(|e| *e = !*e)>"Change project or key"</button>
                    <button type="button" data-testid="forget-key" on:click=move |_| key.forget.run(())>"Forget key"</button>
                </div>
                <RunPicker project=project target=picker_target runs=runs now_ms=now on_pick=nav.open_run
                    on_reenter=Callback::new(move |_| editing.set(true))/>
            })
        }}
        {move || (!picking.get()).then(|| view! {
            <LiveToolbar view=view on_refresh=controls.refresh on_edit=Callback::new(move |_| editing.update(|e| *e = !*e))
                on_forget=key.forget loading=store.loading next_at=controls.next_at now_ms=now digest=digest unclear=unclear/>
        })}
        <ComparedSources view=view/>
    }
}

/// The facts notifications depend on, per snapshot: read from the shared evaluated list.
fn use_digest(_store: RunStore, view: RwSignal<ViewState>) -> Signal<Option<Digest>> {
    let shared = crate::state::list::use_shared_list(view);
    let memo = Memo::new(move |_| {
        shared.evaluation.with(|e| {
            let e = e.as_ref()?;
            let s = &e.snapshot;
            let best = e.best.map(|i| {
                let t = &s.trials[i].trial;
                (
                    t.key.clone(),
                    t.display_name(),
                    e.evals[i].accuracy.unwrap_or_default(),
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
