//! The switcher of runs opened on this device (never keys), with "Clear".

use crate::recent_runs::RecentRun;
use leptos::prelude::*;

/// Lists `runs`; choosing one switches the view to it.
#[component]
pub fn RecentRunsMenu(
    #[prop(into)] runs: Signal<Vec<RecentRun>>,
    /// Called with the chosen run.
    on_open: Callback<RecentRun>,
    on_clear: Callback<()>,
) -> impl IntoView {
    view! {
        <details class="recent-runs">
            <summary>"Recent runs"</summary>
            {move || {
                let list = runs.get();
                if list.is_empty() {
                    return view! { <p class="muted">"Runs you open appear here (kept on this device, without keys)."</p> }.into_any();
                }
                view! {
                    <ul>
                        {list.into_iter().map(|run| {
                            let label = run.name.clone().unwrap_or_else(|| format!("tuner job {}", run.job));
                            let detail = format!("project {} · job {}{}", run.project, run.job,
                                run.api.as_ref().map(|a| format!(" · {a}")).unwrap_or_default());
                            let chosen = run.clone();
                            view! {
                                <li><button type="button" class="link" on:click=move |_| on_open.run(chosen.clone())>
                                    <span class="text">{label}</span><small class="muted text">{detail}</small>
                                </button></li>
                            }
                        }).collect_view()}
                    </ul>
                    <button type="button" on:click=move |_| on_clear.run(())>"Clear the list"</button>
                }.into_any()
            }}
        </details>
    }
}
