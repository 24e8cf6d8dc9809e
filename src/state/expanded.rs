//! Which trial card is expanded, as each card hears it: like Leptos's `Selector` (a card hears
//! only its own opening or closing, not every change of the selection), and a card that goes
//! away takes its subscription with it ([`Expanded::release`]).
//!
//! Why not `Selector`: a card subscribes to one signal per selection id, and a subscription is
//! dropped only when that signal next changes. A trial's card is rebuilt on every change of the
//! trial (cards are keyed by version), while its id is selected rarely or never, so each
//! rebuilt card left its dead subscriber, and the card's memo and effects behind it, in memory
//! for as long as the page was open.

use leptos::prelude::*;
use std::collections::HashMap;

/// The expanded card's selection id, and one trigger per id a card on screen asks about.
#[derive(Clone, Copy)]
pub struct Expanded(StoredValue<Ids>);

#[derive(Default)]
struct Ids {
    current: Option<String>,
    triggers: HashMap<String, ArcTrigger>,
}

impl Expanded {
    /// Follows `source`, the expanded card's selection id.
    pub fn new(source: impl Fn() -> Option<String> + Send + Sync + 'static) -> Self {
        let ids = StoredValue::new(Ids {
            current: untrack(&source),
            triggers: HashMap::new(),
        });
        Effect::new(move |_| {
            let next = source();
            let heard = ids.try_update_value(|ids| {
                if ids.current == next {
                    return Vec::new();
                }
                let previous = std::mem::replace(&mut ids.current, next);
                [previous.as_ref(), ids.current.as_ref()]
                    .into_iter()
                    .flatten()
                    .filter_map(|id| ids.triggers.get(id).cloned())
                    .collect()
            });
            for trigger in heard.into_iter().flatten() {
                trigger.notify();
            }
        });
        Expanded(ids)
    }

    /// Whether the card with selection id `id` is expanded; tracked, so the caller re-runs
    /// when that card opens or closes.
    pub fn is_open(&self, id: &str) -> bool {
        let answer = self.0.try_update_value(|ids| {
            let trigger = ids.triggers.entry(id.to_owned()).or_default().clone();
            (trigger, ids.current.as_deref() == Some(id))
        });
        match answer {
            Some((trigger, open)) => {
                trigger.track();
                open
            }
            None => false,
        }
    }

    /// A card with selection id `id` is going away. Its id's trigger is dropped, after waking
    /// whoever still listens: a newer card of the same trial then asks again (and gets a fresh
    /// trigger), and the subscriptions of the cards that are gone go with the old one.
    pub fn release(&self, id: &str) {
        if let Some(trigger) = self
            .0
            .try_update_value(|ids| ids.triggers.remove(id))
            .flatten()
        {
            trigger.notify();
        }
    }
}
