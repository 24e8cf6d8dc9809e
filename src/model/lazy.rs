//! Parts of a trial kept as their JSON text and read on first use.
//!
//! On the first load of a 10,000-trial run, building a `serde_json::Value` tree (an ordered
//! map per object) for every block config and every `model` was most of the parse, yet the
//! list only needs block types, figures and accuracies. These hold the text instead; the
//! tree is built when something reads it (an expanded card, a chart, a CSV export) and is
//! then kept. Like [`std::sync::LazyLock`], they dereference to the parsed value, so readers
//! use them as the plain value they stand for.

use serde_json::value::RawValue;
use serde_json::Value;
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

/// A block's parameters (`name → value`, in the order received), read from the block's
/// JSON entry on first use. See [`super::convert`] for the two entry shapes.
pub struct Params {
    /// The block entry's JSON text; `None` when built from values.
    raw: Option<Box<str>>,
    parsed: OnceLock<Vec<(String, Value)>>,
}

impl Params {
    /// Parameters read from a block entry's text (JSON) when first used.
    pub fn from_entry(raw: Box<str>) -> Self {
        Params {
            raw: Some(raw),
            parsed: OnceLock::new(),
        }
    }

    /// The block entry's JSON text, if these were read from one.
    pub fn entry_text(&self) -> Option<&str> {
        self.raw.as_deref()
    }

    /// Whether the parameters have been read already (for tests of laziness).
    pub fn is_read(&self) -> bool {
        self.parsed.get().is_some()
    }
}

impl Deref for Params {
    type Target = [(String, Value)];
    fn deref(&self) -> &Self::Target {
        self.parsed.get_or_init(|| match &self.raw {
            Some(raw) => super::convert::entry_config(raw),
            None => Vec::new(),
        })
    }
}

impl Default for Params {
    fn default() -> Self {
        Vec::new().into()
    }
}

impl From<Vec<(String, Value)>> for Params {
    fn from(values: Vec<(String, Value)>) -> Self {
        Params {
            raw: None,
            parsed: OnceLock::from(values),
        }
    }
}

impl FromIterator<(String, Value)> for Params {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        iter.into_iter().collect::<Vec<_>>().into()
    }
}

impl<'a> IntoIterator for &'a Params {
    type Item = &'a (String, Value);
    type IntoIter = std::slice::Iter<'a, (String, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl Clone for Params {
    fn clone(&self) -> Self {
        Params {
            raw: self.raw.clone(),
            parsed: self.parsed.clone(),
        }
    }
}

impl PartialEq for Params {
    /// Two texts compare as text, never read: a poll compares every changed trial with its
    /// previous version, and reading both sides kept the parsed parameters of every trial that
    /// ever changed (memory that grew poll after poll). Texts that differ only in spacing
    /// count as different, which costs one card redrawn.
    fn eq(&self, other: &Self) -> bool {
        match (&self.raw, &other.raw) {
            (Some(a), Some(b)) => a == b,
            _ => **self == **other,
        }
    }
}

impl fmt::Debug for Params {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A free-form JSON value (the trial's `model`), parsed on first use; `null` reads as `None`.
pub struct LazyValue {
    raw: Option<Box<RawValue>>,
    parsed: OnceLock<Option<Value>>,
}

impl LazyValue {
    /// A value read from its JSON text when first used.
    pub fn from_raw(raw: Box<RawValue>) -> Self {
        LazyValue {
            raw: Some(raw),
            parsed: OnceLock::new(),
        }
    }

    /// The JSON text as received, if any.
    pub fn text(&self) -> Option<&str> {
        self.raw.as_deref().map(RawValue::get)
    }

    /// Whether the value has been read already (for tests of laziness).
    pub fn is_read(&self) -> bool {
        self.parsed.get().is_some()
    }
}

impl Deref for LazyValue {
    type Target = Option<Value>;
    fn deref(&self) -> &Option<Value> {
        self.parsed.get_or_init(|| {
            // The text was cut from a document that parsed, so it is valid JSON.
            self.raw
                .as_deref()
                .and_then(|raw| serde_json::from_str::<Value>(raw.get()).ok())
                .filter(|v| !v.is_null())
        })
    }
}

impl Default for LazyValue {
    fn default() -> Self {
        None.into()
    }
}

impl From<Option<Value>> for LazyValue {
    fn from(value: Option<Value>) -> Self {
        LazyValue {
            raw: None,
            parsed: OnceLock::from(value),
        }
    }
}

impl Clone for LazyValue {
    fn clone(&self) -> Self {
        LazyValue {
            raw: self.raw.clone(),
            parsed: self.parsed.clone(),
        }
    }
}

impl PartialEq for LazyValue {
    /// As for [`Params`]: two texts compare as text, never read.
    fn eq(&self, other: &Self) -> bool {
        match (&self.raw, &other.raw) {
            (Some(a), Some(b)) => a.get() == b.get(),
            _ => **self == **other,
        }
    }
}

impl fmt::Debug for LazyValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_owned()).unwrap()
    }

    fn text(text: &str) -> Box<str> {
        text.into()
    }

    #[test]
    fn texts_compare_without_being_read() {
        let a = Params::from_entry(text(r#"{"config":{"axes":1}}"#));
        let same = Params::from_entry(text(r#"{"config":{"axes":1}}"#));
        let spaced = Params::from_entry(text(r#"{ "config": { "axes": 1 } }"#));
        assert!(a == same);
        assert!(a != spaced, "spacing counts as a change (one card redrawn)");
        assert!(!a.is_read() && !same.is_read() && !spaced.is_read());

        let m = LazyValue::from_raw(raw(r#"{"x":[1,2]}"#));
        let other = LazyValue::from_raw(raw(r#"{"x":[1,3]}"#));
        assert!(m != other);
        assert!(!m.is_read() && !other.is_read());
    }

    #[test]
    fn a_value_without_text_compares_by_value() {
        let read = Params::from_entry(text(r#"{"config":{"axes":1}}"#));
        let built: Params = read.iter().cloned().collect();
        assert!(read == built);
        assert_eq!(LazyValue::from(None), LazyValue::from_raw(raw("null")));
    }
}
