//! The browser's key/value storage, the one way in: the API key and the recent runs both go
//! through here. Storage can be missing or refuse (private mode, quota, a sandboxed frame);
//! what is stored is a convenience, so failures read as "nothing stored" and writes that fail
//! are dropped.

/// Where an entry is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// `sessionStorage`: gone when the tab closes.
    Tab,
    /// `localStorage`: stays on this device.
    Device,
}

fn storage(kept: Kept) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match kept {
        Kept::Tab => window.session_storage(),
        Kept::Device => window.local_storage(),
    }
    .ok()
    .flatten()
}

/// The text stored under `name`.
pub fn read(kept: Kept, name: &str) -> Option<String> {
    storage(kept)?.get_item(name).ok().flatten()
}

/// Stores `text` under `name`, if the browser lets it.
pub fn write(kept: Kept, name: &str, text: &str) {
    if let Some(s) = storage(kept) {
        let _ = s.set_item(name, text);
    }
}

/// Removes `name`.
pub fn remove(kept: Kept, name: &str) {
    if let Some(s) = storage(kept) {
        let _ = s.remove_item(name);
    }
}
