//! Hiding API keys in text that came from a server, before any of it is read.
//!
//! A server (or a proxy) may repeat the key it was sent, e.g. a 401 saying
//! `API key 'ei_…' is not valid`, or a `jobError` quoting a request. [`mask_keys`] runs over the
//! whole response body in the client, so every text taken from it (error details, `jobError`,
//! run, trial and worker names, the tab title, a saved snapshot) is already masked: this is
//! what keeps [`super::error`]'s promise that messages never contain the key.
//!
//! What is masked, each replaced by [`HIDDEN`]:
//! - the stored key, as sent and as JSON writes it inside a string (`"` `\` and control
//!   characters escaped, `/` optionally), when it has at least [`MIN_STORED_KEY_CHARS`]
//!   characters (a shorter "key" would match ordinary text, and even field names);
//! - anything shaped like an Edge Impulse key: `ei_` at the start of a word followed by at least
//!   [`MIN_EI_KEY_CHARS`] ASCII letters or digits (keys of any length; `ei_` inside a word such
//!   as `dei_x`, or with fewer characters after it, is left alone).
//!
//! Not caught: a key that a server deliberately spells with `\u` escapes (it already holds the
//! key; the point is not to put it on screen by accident).

use memchr::memmem;
use std::borrow::Cow;

/// What a masked key reads as. Safe inside a JSON string (no quote, no backslash).
pub const HIDDEN: &str = "[API key hidden]";
/// Shortest stored key that is masked.
pub const MIN_STORED_KEY_CHARS: usize = 8;
/// Fewest letters or digits after `ei_` for a word to count as a key.
pub const MIN_EI_KEY_CHARS: usize = 8;

/// `text` with the stored `key` and every `ei_…` key replaced by [`HIDDEN`]. Borrows when
/// there is nothing to mask (the common case costs one search per pattern).
pub fn mask_keys<'a>(text: &'a str, key: Option<&str>) -> Cow<'a, str> {
    // Every poll's whole body goes through here (49 MB at 10,000 trials), and each search is
    // a pass over it: a stored key shaped like an Edge Impulse key (the usual case) is caught
    // by the `ei_` pass itself, so it costs no pass of its own.
    let ei_shaped = key.filter(|k| is_ei_key(k));
    let mut out = Cow::Borrowed(text);
    if ei_shaped.is_none() {
        for form in stored_forms(key) {
            if memmem::find(out.as_bytes(), form.as_bytes()).is_some() {
                out = Cow::Owned(out.replace(form.as_str(), HIDDEN));
            }
        }
    }
    match mask_ei_keys(&out, ei_shaped) {
        Some(masked) => Cow::Owned(masked),
        None => out,
    }
}

/// `ei_` and at least [`MIN_EI_KEY_CHARS`] ASCII letters or digits, nothing else: JSON
/// writes it unescaped, so its only spelling in a body is itself.
fn is_ei_key(key: &str) -> bool {
    key.strip_prefix("ei_").is_some_and(|rest| {
        rest.len() >= MIN_EI_KEY_CHARS && rest.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// A message built from a server's words (an error detail, never a JSON body) with every
/// occurrence of `key` masked, however short the key: [`mask_keys`] leaves keys under
/// [`MIN_STORED_KEY_CHARS`] alone because in a body they would also hit field names, but a
/// proxy key of a few characters echoed in a 401 must still not reach the page.
pub fn mask_in_message(text: &str, key: &str) -> String {
    if key.is_empty() || !text.contains(key) {
        return text.to_owned();
    }
    text.replace(key, HIDDEN)
}

/// The spellings of the stored key to look for, longest first.
fn stored_forms(key: Option<&str>) -> Vec<String> {
    let Some(key) = key.filter(|k| k.chars().count() >= MIN_STORED_KEY_CHARS) else {
        return Vec::new();
    };
    let mut forms = vec![key.to_owned()];
    if let Ok(quoted) = serde_json::to_string(key) {
        let escaped = &quoted[1..quoted.len() - 1];
        forms.push(escaped.to_owned());
        forms.push(escaped.replace('/', "\\/"));
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms.dedup();
    forms
}

/// `text` with every `ei_…` key replaced, or `None` when it has none. `stored` (an
/// `ei_`-shaped stored key) is masked even inside a word.
fn mask_ei_keys(text: &str, stored: Option<&str>) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    // `memmem` rather than `match_indices`: this is a pass over every poll's whole body.
    for at in memmem::find_iter(bytes, b"ei_") {
        if at < copied {
            continue;
        }
        let starts_word = at == 0 || !is_word_byte(bytes[at - 1]);
        let run = bytes[at + 3..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let is_stored = stored.is_some_and(|k| text[at..].starts_with(k));
        if !is_stored && (!starts_word || run < MIN_EI_KEY_CHARS) {
            continue;
        }
        let end = at + 3 + run;
        let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[copied..at]);
        out.push_str(HIDDEN);
        copied = end;
    }
    out.map(|mut out| {
        out.push_str(&text[copied..]);
        out
    })
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    const EI: &str = "ei_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn the_stored_key_is_masked_anywhere() {
        let key = "proxy-secret-42";
        for text in [
            "proxy-secret-42",
            "API key 'proxy-secret-42' is not valid",
            "aproxy-secret-42b",
            "x proxy-secret-42 y proxy-secret-42",
        ] {
            let masked = mask_keys(text, Some(key));
            assert!(!masked.contains(key), "{text:?} → {masked:?}");
            assert!(masked.contains(HIDDEN), "{masked:?}");
        }
        assert_eq!(
            mask_keys("API key 'proxy-secret-42' is not valid", Some(key)),
            "API key '[API key hidden]' is not valid"
        );
    }

    #[test]
    fn the_stored_key_is_masked_as_json_writes_it() {
        let key = r#"se"cr\et/key"#;
        let body = serde_json::json!({ "error": format!("bad key {key}") }).to_string();
        let masked = mask_keys(&body, Some(key));
        let value: serde_json::Value = serde_json::from_str(&masked).expect("still JSON");
        assert_eq!(value["error"], "bad key [API key hidden]");
        // With `/` escaped too, as some servers write it.
        let slashed = r#"{"error":"bad key se\"cr\\et\/key"}"#;
        let value: serde_json::Value =
            serde_json::from_str(&mask_keys(slashed, Some(key))).expect("still JSON");
        assert_eq!(value["error"], "bad key [API key hidden]");
    }

    #[test]
    fn ei_keys_of_any_length_are_masked() {
        for key in [
            "ei_01234567",
            "ei_abcdefgh12",
            EI,
            &format!("ei_{}", "a1".repeat(200)),
        ] {
            for text in [
                key.to_owned(),
                format!("API key '{key}' is not valid"),
                format!("{{\"error\":\"key={key}\"}}"),
                format!("({key})."),
            ] {
                let masked = mask_keys(&text, None);
                assert!(!masked.contains(key), "{text:?} → {masked:?}");
                assert!(!masked.contains("ei_"), "{masked:?}");
                assert!(masked.contains(HIDDEN), "{masked:?}");
            }
        }
        assert_eq!(
            mask_keys(&format!("API key '{EI}' is not valid for {EI}"), None),
            "API key '[API key hidden]' is not valid for [API key hidden]"
        );
    }

    #[test]
    fn a_json_body_stays_json_after_masking() {
        let body = format!(
            r#"{{"success":false,"error":"API key '{EI}' is not valid","jobError":"sent {EI}"}}"#
        );
        let masked = mask_keys(&body, Some(EI));
        let value: serde_json::Value = serde_json::from_str(&masked).expect("still JSON");
        assert_eq!(value["error"], "API key '[API key hidden]' is not valid");
        assert_eq!(value["jobError"], "sent [API key hidden]");
    }

    #[test]
    fn an_ei_shaped_stored_key_is_masked_even_inside_a_word() {
        // It takes the `ei_` pass instead of a pass of its own, which must not lose the
        // "anywhere" promise of the stored key.
        for text in [
            format!("model_{EI}"),
            format!("x{EI}y"),
            format!("API key '{EI}' is not valid"),
        ] {
            let masked = mask_keys(&text, Some(EI));
            assert!(!masked.contains(EI), "{text:?} → {masked:?}");
            assert!(masked.contains(HIDDEN), "{masked:?}");
        }
        assert!(is_ei_key(EI) && !is_ei_key("ei_1234567") && !is_ei_key("ei_abc-defgh12"));
    }

    #[test]
    fn short_keys_are_masked_in_messages() {
        // Seven characters: below the body threshold, still hidden in what the banner shows.
        let text = "API key 'abc1234' is not valid";
        assert_eq!(
            mask_in_message(text, "abc1234"),
            "API key '[API key hidden]' is not valid"
        );
        assert_eq!(mask_in_message(text, ""), text);
        assert!(matches!(mask_keys(text, Some("abc1234")), Cow::Borrowed(_)));
    }

    #[test]
    fn normal_words_are_left_alone() {
        for text in [
            "",
            "Their data is fine",
            "ei_",
            "ei_short",
            "ei_1234567",
            "the_ei_ prefix",
            "dei_abcdefghijk",
            "Kei_12345678x",
            "model_ei_12345678",
            "receive ei-12345678 and ei 12345678",
            "µs ünïcode ei_ü12345678",
            "accuracy 0.91, latency 12 ms, mfe + keras",
        ] {
            assert!(
                matches!(mask_keys(text, None), Cow::Borrowed(_)),
                "{text:?} was changed to {:?}",
                mask_keys(text, None)
            );
        }
        // A short stored key is not masked (it would eat ordinary words and field names).
        assert!(matches!(
            mask_keys(r#"{"test":{"int8":1}}"#, Some("test")),
            Cow::Borrowed(_)
        ));
        assert!(matches!(mask_keys("hello", Some("")), Cow::Borrowed(_)));
        assert!(matches!(
            mask_keys("hello", Some("long-enough-key")),
            Cow::Borrowed(_)
        ));
    }
}
