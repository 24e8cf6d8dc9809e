//! The workers (`worker`), and for a busy one the trial it is running.

use crate::derive::format;
use crate::model::Run;
use leptos::prelude::*;
use std::sync::Arc;

/// One entry per worker with its status and, for a busy one, its trial.
/// `running` pairs worker ids with the names of the trials they run.
#[component]
pub fn WorkerList(
    #[prop(into)] run: Signal<Arc<Run>>,
    #[prop(into)] running: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    // (worker id, status, name of the trial it runs)
    let workers = move || {
        let running = running.get();
        run.with(|r| {
            r.workers
                .iter()
                .map(|w| {
                    let current = running
                        .iter()
                        .find(|(worker, _)| worker == &w.id)
                        .map(|(_, name)| name.clone());
                    (
                        w.id.clone(),
                        w.status
                            .as_ref()
                            .map(|s| s.as_str().to_owned())
                            .unwrap_or_else(|| "unknown".into()),
                        current,
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="workers" aria-label="Workers">
            <h3>"Workers"</h3>
            <ul>
                {move || {
                    let list = workers();
                    if list.is_empty() {
                        return view! { <li class="empty">"No workers reported yet."</li> }.into_any();
                    }
                    list.into_iter().map(|(id, status, current)| view! {
                        <li class="worker" data-testid="worker" data-worker-id=id.clone() data-status=status.clone()>
                            <span class="worker-id" title=id.clone()>{format::visible_id(&id)}</span>
                            <span class=format!("badge status-{status}")>{status.clone()}</span>
                            {current.map(|name| view! { <span class="current">"running " <span class="text">{name}</span></span> })}
                        </li>
                    }).collect_view().into_any()
                }}
            </ul>
        </section>
    }
}
