//! Controls above the trial list: sort key and direction, precision and dataset, free text,
//! "fits only", the facet filters and "clear filters". Every control edits the URL-backed
//! view state (which replaces the history entry), so a reload or a shared link keeps them.

use super::facet_filter::FacetFilter;
use crate::derive::filter::Facets;
use crate::derive::format;
use crate::derive::list_view::Lens;
use crate::view_state::ViewState;
use crate::vocab::{Dataset, Direction, Precision, SortKey};
use leptos::prelude::*;

fn sort_label(key: SortKey) -> &'static str {
    match key {
        SortKey::Accuracy => "accuracy",
        SortKey::Latency => "latency",
        SortKey::Ram => "RAM",
        SortKey::Rom => "ROM",
        SortKey::Name => "name",
        SortKey::Status => "status",
        SortKey::Order => "creation order",
        SortKey::Finished => "finish time",
    }
}

/// Adds or removes `value` (case-insensitively) in a list.
fn toggle(list: &mut Vec<String>, value: String, on: bool) {
    list.retain(|v| !v.eq_ignore_ascii_case(&value));
    if on {
        list.push(value);
    }
}

/// A two-way choice as radio buttons named `name`.
fn choice<T: Copy + PartialEq + Send + Sync + 'static>(
    name: &'static str,
    options: [(T, &'static str); 2],
    current: Signal<T>,
    set: impl Fn(T) + Copy + 'static,
) -> impl IntoView {
    view! {
        <span class="choice" role="radiogroup" aria-label=name>
            {options.into_iter().map(|(value, label)| view! {
                <label>
                    <input type="radio" name=name value=label prop:checked=move || current.get() == value on:change=move |_| set(value)/>
                    {label}
                </label>
            }).collect_view()}
        </span>
    }
}

/// The list controls.
#[component]
pub fn ListControls(
    view: RwSignal<ViewState>,
    #[prop(into)] lens: Signal<Lens>,
    #[prop(into)] facets: Signal<Facets>,
) -> impl IntoView {
    let sort = move || view.with(|v| v.sort);
    let dir = move || view.with(|v| v.dir.or(v.sort.map(SortKey::natural_direction)));
    let on_sort = move |ev: leptos::ev::Event| {
        let key = SortKey::parse(&event_target_value(&ev));
        view.update(|v| {
            v.sort = key;
            v.dir = None;
        });
    };
    let flip = move |_| {
        view.update(|v| {
            let current = v.dir.or(v.sort.map(SortKey::natural_direction));
            v.dir = Some(if current == Some(Direction::Asc) {
                Direction::Desc
            } else {
                Direction::Asc
            });
        })
    };
    let facet = move |label: &'static str,
                      name: &'static str,
                      pick: fn(&Facets) -> Vec<(String, usize)>,
                      get: fn(&ViewState) -> Vec<String>,
                      set: fn(&mut ViewState, String, bool)| {
        view! {
            <FacetFilter label=label name=name
                options=Signal::derive(move || facets.with(pick))
                chosen=Signal::derive(move || view.with(get))
                on_toggle=Callback::new(move |(value, on): (String, bool)| view.update(|v| set(v, value, on)))/>
        }
    };
    let filters_on = move || view.with(|v| v.filter().is_active());
    view! {
        <div class="list-controls">
            <div class="row">
                <label class="sort">"Sort by "
                    <select name="sort" on:change=on_sort>
                        <option value="" prop:selected=move || sort().is_none()>"default (fits, then accuracy)"</option>
                        {SortKey::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() prop:selected=move || sort() == Some(k)>{sort_label(k)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" name="dir" on:click=flip disabled=move || sort().is_none()
                    title="Sort direction">
                    {move || match dir() { Some(Direction::Asc) => "↑ ascending", Some(Direction::Desc) => "↓ descending", None => format::MISSING }}
                </button>
                {choice("precision", [(Precision::Int8, "int8"), (Precision::Float32, "float32")],
                    Signal::derive(move || lens.with(|l| l.precision)), move |p| view.update(|v| v.precision = Some(p)))}
                {choice("dataset", [(Dataset::Validation, "validation"), (Dataset::Test, "test")],
                    Signal::derive(move || lens.with(|l| l.dataset)), move |d| view.update(|v| v.dataset = Some(d)))}
            </div>
            <div class="row">
                <input type="search" name="q" placeholder="Filter by name, id or block type" aria-label="Text filter"
                    prop:value=move || view.with(|v| v.q.clone().unwrap_or_default())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        view.update(|v| v.q = Some(text).filter(|t| !t.trim().is_empty()));
                    }/>
                <label class="check">
                    <input type="checkbox" name="fits" prop:checked=move || view.with(|v| v.fits)
                        on:change=move |ev| view.update(|v| v.fits = event_target_checked(&ev))/>
                    " Fits the device only"
                </label>
                {facet("Status", "status", |f| f.status.clone(), |v| v.status.clone(), |v, x, on| toggle(&mut v.status, x, on))}
                {facet("DSP", "dsp", |f| f.dsp.clone(), |v| v.dsp.clone(), |v, x, on| toggle(&mut v.dsp, x, on))}
                {facet("Learn", "learn", |f| f.learn.clone(), |v| v.learn.clone(), |v, x, on| toggle(&mut v.learn, x, on))}
                {facet("Round", "round",
                    |f| f.round.iter().map(|(r, n)| (r.to_string(), *n)).collect(),
                    |v| v.round.iter().map(u64::to_string).collect(),
                    |v, x, on| if let Ok(r) = x.parse::<u64>() {
                        v.round.retain(|y| *y != r);
                        if on { v.round.push(r); }
                    })}
                <button type="button" name="clear-filters" disabled=move || !filters_on()
                    on:click=move |_| view.update(|v| {
                        v.status.clear(); v.dsp.clear(); v.learn.clear(); v.round.clear(); v.q = None; v.fits = false;
                    })>
                    "Clear filters"
                </button>
            </div>
        </div>
    }
}
