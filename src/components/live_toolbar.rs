//! The toolbar of a live run: Refresh, the polling interval, notifications, connection and
//! key controls, and the link to the run in Edge Impulse Studio.

use super::notify_switch::NotifySwitch;
use crate::derive::format;
use crate::derive::notices::Digest;
use crate::view_state::{ViewState, MAX_INTERVAL_S, MIN_INTERVAL_S};
use leptos::prelude::*;

/// Interval choices offered (seconds); the URL may hold any value in range.
const CHOICES: [u32; 8] = [2, 5, 10, 15, 30, 60, 120, 300];

/// Controls for a live run.
#[component]
pub fn LiveToolbar(
    view: RwSignal<ViewState>,
    /// Load now.
    on_refresh: Callback<()>,
    /// Show the connection form.
    on_edit: Callback<()>,
    /// Forget the stored key.
    on_forget: Callback<()>,
    #[prop(into)] loading: Signal<bool>,
    /// When the next automatic refresh is due.
    #[prop(into)]
    next_at: Signal<Option<f64>>,
    #[prop(into)] now_ms: Signal<f64>,
    /// Facts for notifications.
    #[prop(into)]
    digest: Signal<Option<Digest>>,
    /// Said when the run's state cannot be classified (what is shown, how often it is checked).
    #[prop(into, optional)]
    unclear: Signal<Option<String>>,
) -> impl IntoView {
    let interval = move || view.with(ViewState::interval);
    let set_interval = move |ev| {
        let seconds = event_target_value(&ev)
            .parse::<u32>()
            .ok()
            .map(|s| s.clamp(MIN_INTERVAL_S, MAX_INTERVAL_S));
        view.update(|v| v.interval_s = seconds);
    };
    let choices = move || {
        let mut list = CHOICES.to_vec();
        if !list.contains(&interval()) {
            list.push(interval());
            crate::derive::order::sort_items_by(&mut list, Ord::cmp);
        }
        list
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label="Run controls">
            <button type="button" data-testid="refresh" on:click=move |_| on_refresh.run(()) aria-busy=move || loading.get().to_string()>
                {move || if loading.get() { "Refreshing…" } else { "Refresh" }}
            </button>
            <label class="interval">"Every "
                <select name="interval" on:change=set_interval prop:value=move || interval().to_string()>
                    {move || choices().into_iter().map(|s| view! {
                        <option value=s.to_string() selected=move || s == interval()>{format::duration_s(f64::from(s))}</option>
                    }).collect_view()}
                </select>
                " while live"
            </label>
            <span class="next-refresh" aria-live="off">{move || next_at.get().map(|at| {
                let secs = ((at - now_ms.get()) / 1000.0).max(0.0);
                format!("next refresh in about {}", format::duration_s(secs))
            })}</span>
            <NotifySwitch digest=digest/>
            <button type="button" on:click=move |_| on_edit.run(())>"Change run or key"</button>
            <button type="button" data-testid="forget-key" on:click=move |_| on_forget.run(())>"Forget key"</button>
            {move || view.with(ViewState::studio_url).map(|href| view! {
                <a class="studio-link" href=href target="_blank" rel="noopener noreferrer">"Open in Studio ↗"</a>
            })}
        </div>
        {move || unclear.get().map(|text| view! { <p class="run-unclear" role="status">{text}</p> })}
    }
}
