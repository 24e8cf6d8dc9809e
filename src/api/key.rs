//! The API key's storage policy, and the only place that touches it.
//!
//! A key is stored together with the API base it was entered for, in `sessionStorage` by
//! default (gone when the tab closes) or `localStorage` when the user ticks "remember".
//! A stored key is only offered for the same base, so a shared link with another `api`
//! never receives it silently. Nothing here logs or formats the key.

use serde::{Deserialize, Serialize};
use web_sys::Storage;

const STORAGE_KEY: &str = "tunerscope.apiKey";

#[derive(Serialize, Deserialize)]
struct Stored {
    base: String,
    key: String,
}

/// A key bound to an API base.
#[derive(Clone, PartialEq)]
pub struct ApiKey {
    base: String,
    key: String,
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
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiKey")
            .field("base", &self.base)
            .field("key", &"<hidden>")
            .finish()
    }
}

fn session() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn local() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read(storage: Option<Storage>) -> Option<Stored> {
    let text = storage?.get_item(STORAGE_KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// The stored key for `base`, if one was entered for exactly that base.
pub fn load(base: &str) -> Option<ApiKey> {
    if let Some(s) = read(session()).filter(|s| s.base == base) {
        return Some(ApiKey {
            base: s.base,
            key: s.key,
            remembered: false,
        });
    }
    read(local()).filter(|s| s.base == base).map(|s| ApiKey {
        base: s.base,
        key: s.key,
        remembered: true,
    })
}

/// Stores `key` (session only unless remembered). Storage failures (private mode, quota)
/// only mean the key is not kept; the current page still uses it.
pub fn save(key: &ApiKey) {
    forget();
    let stored = Stored {
        base: key.base.clone(),
        key: key.key.clone(),
    };
    let Ok(text) = serde_json::to_string(&stored) else {
        return;
    };
    let target = if key.remembered { local() } else { session() };
    if let Some(storage) = target {
        let _ = storage.set_item(STORAGE_KEY, &text);
    }
}

/// Removes the key from both storages.
pub fn forget() {
    for storage in [session(), local()].into_iter().flatten() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

/// A key stored for a *different* base than `base`: the page must ask before sending it
/// to `base` (a shared link must not be a way to send someone's key to a stranger).
pub fn stored_for_other_base(base: &str) -> Option<ApiKey> {
    read(session())
        .map(|s| (s, false))
        .or_else(|| read(local()).map(|s| (s, true)))
        .filter(|(s, _)| s.base != base)
        .map(|(s, remembered)| ApiKey {
            base: s.base,
            key: s.key,
            remembered,
        })
}

impl ApiKey {
    /// The same secret, bound to another base (after the user confirmed sending it there).
    pub fn rebound(&self, base: &str) -> ApiKey {
        ApiKey {
            base: base.to_owned(),
            key: self.key.clone(),
            remembered: self.remembered,
        }
    }
}
