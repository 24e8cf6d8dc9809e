//! One multi-choice filter (status, DSP type, learn type, round) as a fold-out list of
//! checkboxes with counts. Values chosen in the URL but absent from the run are still listed
//! (count 0) so they can be unticked.

use leptos::prelude::*;

/// Checkboxes named `name`, one per option.
#[component]
pub fn FacetFilter(
    /// Visible title, e.g. "Status".
    label: &'static str,
    /// The checkbox `name` (the URL parameter it edits).
    name: &'static str,
    /// `(value, trials with it)` from the whole run.
    #[prop(into)]
    options: Signal<Vec<(String, usize)>>,
    /// Values currently chosen.
    #[prop(into)]
    chosen: Signal<Vec<String>>,
    /// Called with `(value, ticked)`.
    on_toggle: Callback<(String, bool)>,
) -> impl IntoView {
    let all = move || {
        let mut list = options.get();
        for c in chosen.get() {
            if !list.iter().any(|(v, _)| v.eq_ignore_ascii_case(&c)) {
                list.push((c, 0));
            }
        }
        list
    };
    let summary = move || match chosen.with(Vec::len) {
        0 => format!("{label}: all"),
        n => format!("{label}: {n} chosen"),
    };
    view! {
        <details class="facet" data-facet=name>
            <summary>{summary}</summary>
            <div class="facet-options">
                {move || all().into_iter().map(|(value, count)| {
                    let checked = {
                        let value = value.clone();
                        move || chosen.with(|c| c.iter().any(|v| v.eq_ignore_ascii_case(&value)))
                    };
                    let change = {
                        let value = value.clone();
                        move |ev: leptos::ev::Event| on_toggle.run((value.clone(), event_target_checked(&ev)))
                    };
                    view! {
                        <label class="facet-option">
                            <input type="checkbox" name=name value=value.clone() prop:checked=checked on:change=change/>
                            <span class="text">{value.clone()}</span>
                            <span class="count">{count}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </details>
    }
}
