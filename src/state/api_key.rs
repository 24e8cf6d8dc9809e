//! The API key in use, shared by every request the page makes (the run's state, the
//! project's runs, logs), and the live source's handling of it: where it is stored, which
//! stored key may be used, and the user's connect / yes / no / forget.
//!
//! `App` provides one [`CurrentKey`]; [`use_api_key`] (the live source) decides what is in it
//! by the pure rules of [`crate::derive::api_key`] and carries out their storage actions here.
//! Anything else that asks the API reads the key from [`CurrentKey`] instead of props.

pub use crate::derive::api_key::ApiKey;
use crate::derive::api_key::{Action, Event, KeyState, Stored};
use crate::state::embed::use_embed;
use crate::state::storage::{self, Kept};
use leptos::prelude::*;

/// Where the key is stored (JSON `{base, key}`), for the tab or on the device.
const STORAGE_NAME: &str = "tunerscope.apiKey";

/// The key requests are sent with; `None` until there is one (or after "Forget key").
#[derive(Clone, Copy)]
pub struct CurrentKey(pub RwSignal<Option<ApiKey>>);

/// Provides the page's [`CurrentKey`] (call once, in `App`).
pub fn provide_current_key() -> CurrentKey {
    let current = CurrentKey(RwSignal::new(None));
    provide_context(current);
    current
}

/// The page's [`CurrentKey`]; a fresh empty one outside `App` (e.g. a component test).
pub fn use_current_key() -> CurrentKey {
    use_context::<CurrentKey>().unwrap_or_else(provide_current_key)
}

/// Whether the page shows a run from the API right now (not the demo, not a snapshot file, not
/// the run picker). Requests that name a trial or a job of the shown run (logs) are only made
/// while this is true: in the demo or over a snapshot those ids are not the API's to answer,
/// and the key must not travel with them.
#[derive(Clone, Copy)]
pub struct LiveApi(pub Signal<bool>);

/// The page's [`LiveApi`]; `false` outside `App` (e.g. a component test without one).
pub fn use_live_api() -> Signal<bool> {
    use_context::<LiveApi>().map_or_else(|| Signal::stored(false), |l| l.0)
}

/// The live source's key: what is sent, what waits for the user's yes, what the user can do.
#[derive(Clone, Copy)]
pub struct ApiKeyControls {
    /// The key requests are sent with (the page's [`CurrentKey`]).
    pub current: RwSignal<Option<ApiKey>>,
    /// While the page asks whether to send a key stored for another base to this one: the
    /// base it was stored for (the secret itself stays here).
    pub pending_base: Memo<Option<String>>,
    /// The connect form's key: used and stored (for the tab, or on the device if ticked).
    pub connect: Callback<ApiKey>,
    /// "Yes, send it there": the pending key is rebound to this base, used and stored.
    pub yes: Callback<()>,
    /// "No": the question goes away; nothing is sent or stored.
    pub no: Callback<()>,
    /// "Forget key": removed from both storages and from use.
    pub forget: Callback<()>,
}

/// What storage holds now.
fn stored() -> Stored {
    Stored {
        tab: storage::read(Kept::Tab, STORAGE_NAME),
        device: storage::read(Kept::Device, STORAGE_NAME),
    }
}

fn carry_out(action: Action) {
    storage::remove(Kept::Tab, STORAGE_NAME);
    storage::remove(Kept::Device, STORAGE_NAME);
    if let Action::Save(key) = action {
        let kept = if key.remembered {
            Kept::Device
        } else {
            Kept::Tab
        };
        storage::write(kept, STORAGE_NAME, &key.stored_text());
    }
}

/// The key of a live run at `base`. Embedded (`allowed` = the origins a parent may send a key
/// from), it starts without a key and takes one from an allowed parent via `tunerscope:auth`.
/// The key leaves [`CurrentKey`] when the caller is disposed: once the page shows the demo or
/// a snapshot, nothing may find it there and send it with ids that are not the API's.
pub fn use_api_key(base: Signal<String>, embedded: Option<Vec<String>>) -> ApiKeyControls {
    let current = use_current_key().0;
    let pending = RwSignal::new(None::<ApiKey>);
    // One step of the rules; the shared key is only touched when the step may change it, so
    // requests are not restarted for nothing.
    let dispatch = move |event: Event| {
        let touches_key = match &event {
            Event::No | Event::BaseChanged { .. } => false,
            Event::Yes { .. } => pending.with_untracked(Option::is_some),
            _ => true,
        };
        let mut state = KeyState {
            current: current.get_untracked(),
            pending: pending.get_untracked(),
        };
        let before = state.clone();
        if let Some(action) = state.handle(event) {
            carry_out(action);
        }
        if touches_key || state.current != before.current {
            current.set(state.current);
        }
        if state.pending != before.pending {
            pending.set(state.pending);
        }
    };

    dispatch(Event::Open {
        base: base.get_untracked(),
        stored: stored(),
        embedded: embedded.is_some(),
    });
    on_cleanup(move || {
        current.try_set(None);
    });
    if let Some(allowed) = embedded {
        use_embed(
            allowed,
            Callback::new(move |secret: String| {
                dispatch(Event::FromParent {
                    base: base.get_untracked(),
                    secret,
                })
            }),
        );
    }
    Effect::new(move |previous: Option<String>| {
        let now = base.get();
        if previous.is_some_and(|p| p != now) {
            dispatch(Event::BaseChanged {
                base: now.clone(),
                stored: stored(),
            });
        }
        now
    });

    ApiKeyControls {
        current,
        pending_base: Memo::new(move |_| pending.with(|p| p.as_ref().map(|k| k.base().to_owned()))),
        connect: Callback::new(move |key| dispatch(Event::Connect(key))),
        yes: Callback::new(move |_| {
            dispatch(Event::Yes {
                base: base.get_untracked(),
            })
        }),
        no: Callback::new(move |_| dispatch(Event::No)),
        forget: Callback::new(move |_| dispatch(Event::Forget)),
    }
}
