//! The API key and the rules for which key the page uses: a pure state machine, fed by the
//! browser hook (`state::api_key`), which reads and writes the storage it asks for.
//!
//! The rules: a key is stored together with the API base it was entered for, kept for this
//! tab unless the user ticks "remember" (then on this device). A stored key is only used for
//! the same base; one stored for another base waits for the user's yes before it is sent
//! there (a shared link must not be a way to send someone's key to a stranger's server).
//! "Forget key" drops it from both places at once. Nothing here logs or formats the secret.

use serde::{Deserialize, Serialize};

/// A key bound to an API base.
#[derive(Clone, PartialEq)]
pub struct ApiKey {
    base: String,
    key: String,
    /// Kept on this device (not only for this tab).
    pub remembered: bool,
}

impl ApiKey {
    pub fn new(base: &str, key: &str, remembered: bool) -> Self {
        ApiKey {
            base: base.to_owned(),
            key: key.trim().to_owned(),
            remembered,
        }
    }
    /// The secret itself, for the request header only.
    pub fn secret(&self) -> &str {
        &self.key
    }
    pub fn base(&self) -> &str {
        &self.base
    }
    pub fn is_empty(&self) -> bool {
        self.key.is_empty()
    }
    /// The same secret, bound to another base (after the user confirmed sending it there).
    pub fn rebound(&self, base: &str) -> ApiKey {
        ApiKey {
            base: base.to_owned(),
            ..self.clone()
        }
    }
    /// The text stored for this key: its base and secret (where it is kept says whether it
    /// is remembered).
    pub fn stored_text(&self) -> String {
        serde_json::to_string(&StoredKey {
            base: self.base.clone(),
            key: self.key.clone(),
        })
        .unwrap_or_default()
    }
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiKey")
            .field("base", &self.base)
            .field("key", &"<hidden>")
            .finish()
    }
}

/// One stored entry, as text: `{"base": …, "key": …}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
struct StoredKey {
    base: String,
    key: String,
}

/// What the browser holds: the entry kept for this tab and the one kept on this device, as
/// stored text (anything unreadable counts as nothing).
#[derive(Clone, Default, PartialEq)]
pub struct Stored {
    pub tab: Option<String>,
    pub device: Option<String>,
}

/// The text holds the secret: only whether there is any shows.
impl std::fmt::Debug for Stored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stored")
            .field("tab", &self.tab.as_ref().map(|_| "<hidden>"))
            .field("device", &self.device.as_ref().map(|_| "<hidden>"))
            .finish()
    }
}

impl Stored {
    /// Both entries, this tab's first, read as keys (`remembered` = kept on the device).
    fn entries(&self) -> impl Iterator<Item = ApiKey> + '_ {
        [(&self.tab, false), (&self.device, true)]
            .into_iter()
            .filter_map(|(text, remembered)| {
                let s: StoredKey = serde_json::from_str(text.as_deref()?).ok()?;
                Some(ApiKey {
                    base: s.base,
                    key: s.key,
                    remembered,
                })
            })
    }

    /// The stored key entered for exactly `base` (this tab's first).
    pub fn for_base(&self, base: &str) -> Option<ApiKey> {
        self.entries().find(|k| k.base == base)
    }

    /// The first stored key (this tab's first) if it was entered for another base than `base`.
    pub fn for_other_base(&self, base: &str) -> Option<ApiKey> {
        self.entries().next().filter(|k| k.base != base)
    }
}

/// Which key the page sends, and which stored key waits for the user's yes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyState {
    /// The key requests are sent with; `None` until there is one.
    pub current: Option<ApiKey>,
    /// A key stored for another base, not sent anywhere until the user says yes.
    pub pending: Option<ApiKey>,
}

/// Something that happened to the key.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The page opened a live run at `base`. Embedded, it starts without a key (a portal's
    /// proxy may add one; the parent may send one).
    Open {
        base: String,
        stored: Stored,
        embedded: bool,
    },
    /// The run's API base is now `base` (e.g. the connect form pointed elsewhere).
    BaseChanged { base: String, stored: Stored },
    /// The user submitted the connect form with this key.
    Connect(ApiKey),
    /// "Yes, send it there": the pending key goes to `base`.
    Yes { base: String },
    /// "No, enter a key for it".
    No,
    /// "Forget key".
    Forget,
    /// An allowed embedding parent sent a key for `base`.
    FromParent { base: String, secret: String },
}

/// What the hook must do to the browser's storage.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Remove any stored key, then store this one (for the tab, or on the device when
    /// remembered): there is never more than one.
    Save(ApiKey),
    /// Remove the stored key from both places.
    ForgetStored,
}

impl KeyState {
    /// Handles `event`; returns what storage must do.
    pub fn handle(&mut self, event: Event) -> Option<Action> {
        match event {
            Event::Open {
                base,
                stored,
                embedded,
            } => {
                let current = stored
                    .for_base(&base)
                    .or_else(|| embedded.then(|| ApiKey::new(&base, "", false)));
                self.pending = match current {
                    None => stored.for_other_base(&base),
                    Some(_) => None,
                };
                self.current = current;
                None
            }
            Event::BaseChanged { base, stored } => {
                // The key in use already belongs to this base (the form set both at once).
                if self.current.as_ref().map(ApiKey::base) != Some(base.as_str()) {
                    self.current = stored.for_base(&base);
                    self.pending = match self.current {
                        None => stored.for_other_base(&base),
                        Some(_) => None,
                    };
                }
                None
            }
            Event::Connect(key) => {
                self.pending = None;
                self.current = Some(key.clone());
                Some(Action::Save(key))
            }
            Event::Yes { base } => {
                let rebound = self.pending.take()?.rebound(&base);
                self.current = Some(rebound.clone());
                Some(Action::Save(rebound))
            }
            Event::No => {
                self.pending = None;
                None
            }
            Event::Forget => {
                *self = KeyState::default();
                Some(Action::ForgetStored)
            }
            Event::FromParent { base, secret } => {
                self.current = Some(ApiKey::new(&base, &secret, false));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HERE: &str = "https://studio.edgeimpulse.com/v1";
    const ELSEWHERE: &str = "https://evil.example/v1";

    fn text(base: &str, key: &str) -> Option<String> {
        Some(format!(r#"{{"base":"{base}","key":"{key}"}}"#))
    }

    fn opened(base: &str, stored: Stored, embedded: bool) -> KeyState {
        let mut state = KeyState::default();
        let action = state.handle(Event::Open {
            base: base.into(),
            stored,
            embedded,
        });
        assert_eq!(action, None, "opening never writes storage");
        state
    }

    fn secret(key: &Option<ApiKey>) -> Option<(&str, &str, bool)> {
        key.as_ref().map(|k| (k.base(), k.secret(), k.remembered))
    }

    #[test]
    fn a_key_stored_for_this_base_is_used_and_the_tab_wins() {
        let both = Stored {
            tab: text(HERE, "tab-secret"),
            device: text(HERE, "device-secret"),
        };
        let state = opened(HERE, both, false);
        assert_eq!(secret(&state.current), Some((HERE, "tab-secret", false)));
        assert_eq!(state.pending, None);

        let device_only = Stored {
            tab: None,
            device: text(HERE, "device-secret"),
        };
        let state = opened(HERE, device_only, false);
        assert_eq!(
            secret(&state.current),
            Some((HERE, "device-secret", true)),
            "a key kept on the device is a remembered one"
        );
    }

    #[test]
    fn a_key_stored_for_another_base_waits_for_a_yes() {
        let stored = Stored {
            tab: None,
            device: text(ELSEWHERE, "s3cret"),
        };
        let mut state = opened(HERE, stored, false);
        assert_eq!(state.current, None, "never sent to another base unasked");
        assert_eq!(secret(&state.pending), Some((ELSEWHERE, "s3cret", true)));

        // "Yes": the same secret, now bound to this base and saved as such, still remembered.
        let action = state.handle(Event::Yes { base: HERE.into() });
        assert_eq!(secret(&state.current), Some((HERE, "s3cret", true)));
        assert_eq!(state.pending, None);
        assert_eq!(action, Some(Action::Save(state.current.clone().unwrap())));
    }

    #[test]
    fn no_drops_the_question_without_sending_or_storing_anything() {
        let stored = Stored {
            tab: text(ELSEWHERE, "s3cret"),
            device: None,
        };
        let mut state = opened(HERE, stored, false);
        assert_eq!(state.handle(Event::No), None);
        assert_eq!(state, KeyState::default());
        assert_eq!(
            state.handle(Event::Yes { base: HERE.into() }),
            None,
            "a late yes finds nothing to send"
        );
        assert_eq!(state.current, None);
    }

    #[test]
    fn nothing_stored_or_unreadable_asks_for_a_key() {
        assert_eq!(opened(HERE, Stored::default(), false), KeyState::default());
        let garbage = Stored {
            tab: Some("{not json".into()),
            device: Some(r#"{"base":1}"#.into()),
        };
        assert_eq!(opened(HERE, garbage, false), KeyState::default());
    }

    #[test]
    fn embedded_starts_without_a_secret_and_takes_the_parents() {
        let stored = Stored {
            tab: text(ELSEWHERE, "s3cret"),
            device: None,
        };
        let mut state = opened(HERE, stored, true);
        assert_eq!(secret(&state.current), Some((HERE, "", false)));
        assert_eq!(state.pending, None, "an embedded page never asks");
        assert_eq!(
            state.handle(Event::FromParent {
                base: HERE.into(),
                secret: " from-portal ".into(),
            }),
            None,
            "a parent's key is never stored"
        );
        assert_eq!(secret(&state.current), Some((HERE, "from-portal", false)));
    }

    #[test]
    fn connect_saves_the_typed_key_and_ends_any_question() {
        let stored = Stored {
            tab: text(ELSEWHERE, "old"),
            device: None,
        };
        let mut state = opened(HERE, stored, false);
        let typed = ApiKey::new(HERE, "  typed  ", true);
        let action = state.handle(Event::Connect(typed.clone()));
        assert_eq!(action, Some(Action::Save(typed)));
        assert_eq!(secret(&state.current), Some((HERE, "typed", true)));
        assert_eq!(state.pending, None);
    }

    #[test]
    fn forget_clears_the_key_the_question_and_both_storages() {
        let stored = Stored {
            tab: text(HERE, "a"),
            device: None,
        };
        let mut state = opened(HERE, stored, false);
        assert_eq!(state.handle(Event::Forget), Some(Action::ForgetStored));
        assert_eq!(state, KeyState::default());
    }

    #[test]
    fn a_new_base_rereads_storage_unless_the_key_already_belongs_to_it() {
        let stored = Stored {
            tab: text(HERE, "here-secret"),
            device: None,
        };
        let mut state = opened(HERE, stored.clone(), false);
        // Pointed elsewhere: the key for HERE must not travel along; the stored one is asked about.
        state.handle(Event::BaseChanged {
            base: ELSEWHERE.into(),
            stored: stored.clone(),
        });
        assert_eq!(state.current, None);
        assert_eq!(secret(&state.pending), Some((HERE, "here-secret", false)));

        // The form set a key for the new base together with it: kept as is.
        let mut state = KeyState::default();
        state.handle(Event::Connect(ApiKey::new(ELSEWHERE, "typed", false)));
        state.handle(Event::BaseChanged {
            base: ELSEWHERE.into(),
            stored,
        });
        assert_eq!(secret(&state.current), Some((ELSEWHERE, "typed", false)));
    }

    #[test]
    fn the_secret_never_shows_in_debug_text_and_round_trips_through_storage() {
        let key = ApiKey::new(HERE, "ei_0123456789abcdef", false);
        let stored = Stored {
            tab: Some(key.stored_text()),
            device: None,
        };
        let state = KeyState {
            current: Some(key.clone()),
            pending: Some(key.clone()),
        };
        let event = Event::Open {
            base: HERE.into(),
            stored: stored.clone(),
            embedded: false,
        };
        let shown = format!(
            "{key:?} {state:?} {event:?} {:?}",
            Action::Save(key.clone())
        );
        assert!(!shown.contains("ei_0123"), "{shown}");
        assert!(shown.contains(HERE));
        assert_eq!(stored.for_base(HERE), Some(key));
    }
}
