//! One chunk of the trial list ([`crate::derive::card_window`]): its cards while it is near
//! the viewport (or the list is short, or it holds the expanded trial), else an empty box of
//! the same height. Cards are keyed, so a new snapshot touches only the changed trials' cards.

use super::keyed_list::KeyedList;
use super::trial_card::TrialCard;
use crate::derive::card_window::chunk_range;
use crate::derive::trial_card::{Rows, TrialRow};
use crate::state::card_window::CardWindow;
use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn CardChunk(
    /// Which chunk of the list this is.
    index: usize,
    /// The shown trials in display order (this chunk makes its own rows).
    rows: Memo<Rows>,
    /// Whether the list renders only chunks near the viewport.
    windowed: Memo<bool>,
    /// The chunk holding the expanded trial, which always renders.
    selected_chunk: Memo<Option<usize>>,
    window: CardWindow,
    /// Whether the list's first frame is on screen ([`crate::state::first_paint`]).
    painted: Signal<bool>,
) -> impl IntoView {
    // The first chunk (and the expanded trial's) are the answer; the others render in the
    // task after the first frame is on screen, so 24 cards, not 500, are built, laid out and
    // painted before the answer shows (issue 15).
    let rendered = Memo::new(move |_| {
        let selected = selected_chunk.get() == Some(index);
        (index == 0 || selected || painted.get())
            && (!windowed.get() || selected || window.is_near(index))
    });
    let len = Memo::new(move |_| rows.with(|r| chunk_range(index, r.len()).len()));
    // Unchanged slices compare equal (same keys, same trials), so a poll that changed nothing
    // here does not even reach the keyed list below.
    let cards = Memo::new(move |previous: Option<&Vec<TrialRow>>| {
        if rendered.get() {
            if previous.is_none_or(Vec::is_empty) {
                crate::state::perf::chunk_started(index);
            }
            rows.with(|r| r.rows(chunk_range(index, r.len())))
        } else {
            Vec::new()
        }
    });
    let height =
        move || (!rendered.get()).then(|| format!("{}px", window.placeholder(index, len.get())));
    let node = NodeRef::<Div>::new();
    // The element is parked (JS handles are not Send) so cleanup can stop observing it.
    let observed = StoredValue::new_local(None::<web_sys::Element>);
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            window.observe(&el);
            observed.set_value(Some(el.into()));
        }
    });
    on_cleanup(move || {
        if let Some(el) = observed.try_update_value(Option::take).flatten() {
            window.unobserve(&el);
        }
    });
    view! {
        <div class="cards" class:unrendered=move || !rendered.get() data-chunk=index node_ref=node style:height=height>
            <KeyedList each=move || cards.get() key=|row| row.key.clone() children=move |row| {
                view! { <TrialCard row=row/> }
            }/>
        </div>
    }
}
