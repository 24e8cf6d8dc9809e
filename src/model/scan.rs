//! Finding where JSON values start and end without reading them: the `trials` list of a
//! state response is split into one text per trial here, so that serde only reads the small
//! rest of the response (and the trials that changed), instead of walking 49 MB once to skip
//! the list and once more per trial.
//!
//! This is not a validator. It finds boundaries that are exact for valid JSON; on invalid
//! JSON it either fails (`None`) or returns spans that do not parse on their own. The caller
//! (`convert`) relies on that: it reads every span it uses with serde (or reuses a trial whose
//! text is byte-identical to one that was read before), and falls back to the plain serde path
//! when anything here fails, so malformed responses get exactly the errors they got before.

use std::ops::Range;

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The first index at or after `i` that is not JSON whitespace.
fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    i
}

/// The end of the string starting at `b[i] == '"'` (one past its closing quote).
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        // Eight bytes at a time up to the next quote or backslash: no setup to pay for, so
        // it wins even on the millions of ten-byte strings (keys, names) of a response.
        while let Some(word) = word_at(b, j) {
            let hits = byte_is(word, b'"') | byte_is(word, b'\\');
            if hits != 0 {
                j += first_hit(hits);
                break;
            }
            j += 8;
        }
        match *b.get(j)? {
            b'"' => return Some(j + 1),
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
}

/// The eight bytes at `b[j..j + 8]` as one little-endian word (the first byte lowest).
fn word_at(b: &[u8], j: usize) -> Option<u64> {
    let bytes: [u8; 8] = b.get(j..j.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(bytes))
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// A word with the high bit set in the bytes of `word` equal to `c` (and possibly in bytes
/// after the first such byte, which [`first_hit`] never looks at: the borrow of the
/// subtraction only runs upwards).
fn byte_is(word: u64, c: u8) -> u64 {
    let x = word ^ (ONES * u64::from(c));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The index of the first flagged byte of a non-zero [`byte_is`] result.
fn first_hit(hits: u64) -> usize {
    (hits.trailing_zeros() / 8) as usize
}

/// The end of the value starting at `b[i]` (which is not whitespace).
pub fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string_end(b, i),
        open @ (b'{' | b'[') => container_end(b, i, open),
        // A number or a literal: up to the next delimiter.
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b']' | b'}' | b':') && !is_space(b[j]) {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// The end of the object or array opened at `b[i]`, brackets matched by kind.
fn container_end(b: &[u8], i: usize, open: u8) -> Option<usize> {
    let mut stack = vec![open];
    let mut j = i + 1;
    loop {
        // Between strings only quotes and brackets matter: eight bytes at a time while there
        // are eight (`| 0x20` turns `[` and `]` into `{` and `}`, and no other byte into
        // either), then a table test per byte.
        while let Some(word) = word_at(b, j) {
            let folded = word | (ONES * 0x20);
            let hits = byte_is(word, b'"') | byte_is(folded, b'{') | byte_is(folded, b'}');
            if hits != 0 {
                j += first_hit(hits);
                break;
            }
            j += 8;
        }
        while j < b.len() && !STRUCTURAL[b[j] as usize] {
            j += 1;
        }
        let c = *b.get(j)?;
        match c {
            b'"' => {
                j = string_end(b, j)?;
                continue;
            }
            b'{' | b'[' => stack.push(c),
            b'}' | b']' => {
                let expected = if c == b'}' { b'{' } else { b'[' };
                if stack.pop()? != expected {
                    return None;
                }
                if stack.is_empty() {
                    return Some(j + 1);
                }
            }
            _ => {}
        }
        j += 1;
    }
}

/// Bytes that start a string or open or close a container.
static STRUCTURAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'[' as usize] = true;
    t[b']' as usize] = true;
    t[b'{' as usize] = true;
    t[b'}' as usize] = true;
    t
};

/// The span of the value of `key` in the top-level object of `text`, when `text` is one
/// object whose keys are written plainly (no escapes in the key looked for) and `key`
/// appears exactly once. `None` otherwise, also for any structure this cannot follow.
pub fn top_level_field(text: &str, key: &str) -> Option<Range<usize>> {
    let b = text.as_bytes();
    top_level(text, key, |start| Some((value_end(b, start)?, ()))).map(|(span, ())| span)
}

/// [`top_level_field`] whose value must be an array: its span and its items' texts, found in
/// one pass (the trials list is most of a response: walking it once to find its end and once
/// more for its items cost about a sixth of a first load's parse).
pub fn top_level_array<'a>(text: &'a str, key: &str) -> Option<(Range<usize>, Vec<&'a str>)> {
    top_level(text, key, |start| items_at(text, start))
}

/// Walks the top-level object of `text`, skipping every value but that of `key`, which `read`
/// takes from its start (giving its end and what it read). `None` unless `key` is there
/// exactly once and the whole text is followed.
fn top_level<T>(
    text: &str,
    key: &str,
    mut read: impl FnMut(usize) -> Option<(usize, T)>,
) -> Option<(Range<usize>, T)> {
    let b = text.as_bytes();
    let mut found = None;
    let end = object_members(b, skip_space(b, 0), |this_key, start| {
        if this_key != key.as_bytes() {
            return value_end(b, start);
        }
        // A repeated key is left to serde.
        if found.is_some() {
            return None;
        }
        let (end, value) = read(start)?;
        found = Some((start..end, value));
        Some(end)
    })?;
    // Only whitespace may follow the object.
    if skip_space(b, end) == b.len() {
        found
    } else {
        None
    }
}

/// [`top_level_array`] that lets `item` walk each item (from its start, giving its end and
/// what it found: see [`object_members`] and [`items_at_with`]), in the same pass. The
/// trials are most of a response: what convert reads of their parts on their own is found
/// here, not by walking them again.
pub fn top_level_array_with<'a, T>(
    text: &'a str,
    key: &str,
    mut item: impl FnMut(usize) -> Option<(usize, T)>,
) -> Option<(Range<usize>, Items<'a, T>)> {
    top_level(text, key, |start| items_with(text, start, &mut item))
}

/// Each item's text, with what the walk found in it.
pub type Items<'a, T> = Vec<(&'a str, T)>;

/// The texts of the items of the array `text` (exactly one array, whitespace around it
/// allowed), in order; `None` when `text` is not an array this can follow.
pub fn array_items(text: &str) -> Option<Vec<&str>> {
    let b = text.as_bytes();
    let (end, items) = items_at(text, skip_space(b, 0))?;
    (skip_space(b, end) == b.len()).then_some(items)
}

/// The array opened at `text[i]`: one past its closing bracket, and its items' texts.
fn items_at(text: &str, i: usize) -> Option<(usize, Vec<&str>)> {
    let b = text.as_bytes();
    let (end, items) = items_with(text, i, |i| Some((value_end(b, i)?, ())))?;
    Some((end, items.into_iter().map(|(item, ())| item).collect()))
}

/// The array opened at `text[i]`: one past its closing bracket, and each item's text with
/// what `item` found in it (`item` takes the item's start and gives its end).
fn items_with<T>(
    text: &str,
    i: usize,
    mut item: impl FnMut(usize) -> Option<(usize, T)>,
) -> Option<(usize, Vec<(&str, T)>)> {
    let mut items = Vec::new();
    let end = items_at_with(text.as_bytes(), i, |start| {
        let (end, found) = item(start)?;
        items.push((&text[start..end], found));
        Some(end)
    })?;
    Some((end, items))
}

/// Walks the members of the object opened at `b[i]`: `member` gets each key as written
/// (escapes not decoded) and its value's start, and gives the value's end (`value_end` to
/// skip it, or its own walk). One past the closing brace; `None` for anything this cannot
/// follow. Walking the members costs what skipping the object whole does.
pub fn object_members(
    b: &[u8],
    i: usize,
    mut member: impl FnMut(&[u8], usize) -> Option<usize>,
) -> Option<usize> {
    if b.get(i) != Some(&b'{') {
        return None;
    }
    let mut j = skip_space(b, i + 1);
    if b.get(j) == Some(&b'}') {
        return Some(j + 1);
    }
    loop {
        if b.get(j) != Some(&b'"') {
            return None;
        }
        let key_end = string_end(b, j)?;
        let key = &b[j + 1..key_end - 1];
        j = skip_space(b, key_end);
        if b.get(j) != Some(&b':') {
            return None;
        }
        let end = member(key, skip_space(b, j + 1))?;
        j = skip_space(b, end);
        match b.get(j) {
            Some(b',') => j = skip_space(b, j + 1),
            Some(b'}') => return Some(j + 1),
            _ => return None,
        }
    }
}

/// Walks the items of the array opened at `b[i]`: `item` gets each item's start and gives
/// its end. One past the closing bracket.
pub fn items_at_with(
    b: &[u8],
    i: usize,
    mut item: impl FnMut(usize) -> Option<usize>,
) -> Option<usize> {
    if b.get(i) != Some(&b'[') {
        return None;
    }
    let mut j = skip_space(b, i + 1);
    if b.get(j) == Some(&b']') {
        return Some(j + 1);
    }
    loop {
        j = skip_space(b, item(j)?);
        match b.get(j) {
            Some(b',') => j = skip_space(b, j + 1),
            Some(b']') => return Some(j + 1),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::value::RawValue;

    /// The items serde finds in an array, as text.
    fn serde_items(text: &str) -> Vec<String> {
        serde_json::from_str::<Vec<&RawValue>>(text)
            .unwrap()
            .iter()
            .map(|r| r.get().to_owned())
            .collect()
    }

    #[test]
    fn items_are_split_where_serde_splits_them() {
        for text in [
            "[]",
            " [ ] ",
            "[1]",
            r#"[{"a": "x,]}\"", "b": [1, {"c": null}]}, -2.5e3 ,true,"\\",null, [[]], {}]"#,
            "[\n  {\"name\": \"a\\\\\"}\n,\n  \"\\u005d\"\n]\n",
            r#"[{"k":"ei_[{"},"{[}]"]"#,
        ] {
            let ours: Vec<String> = array_items(text)
                .unwrap_or_else(|| panic!("{text}"))
                .into_iter()
                .map(str::to_owned)
                .collect();
            assert_eq!(ours, serde_items(text), "{text}");
        }
    }

    #[test]
    fn broken_arrays_are_refused() {
        for text in [
            "",
            "[",
            "[1,",
            "[1 2]",
            r#"[{"a": "unterminated}]"#,
            r#"[{"a": 1]]"#,
            "[1]]",
            "[1] x",
            "{}",
            "[,1]",
        ] {
            assert_eq!(array_items(text), None, "{text}");
        }
    }

    #[test]
    fn the_top_level_field_is_found_once_and_plainly() {
        let text = r#" { "success": true, "nested": {"trials": [9]}, "trials" : [1, 2] , "x": "trials" } "#;
        let span = top_level_field(text, "trials").unwrap();
        assert_eq!(&text[span], "[1, 2]");
        assert_eq!(
            top_level_field(r#"{"trials": [1], "trials": [2]}"#, "trials"),
            None,
            "a repeated key is left to serde"
        );
        assert_eq!(top_level_field(r#"{"other": 1}"#, "trials"), None);
        assert_eq!(top_level_field(r#"{"trials": [1}"#, "trials"), None);
        assert_eq!(
            top_level_field(r#"{"trials": [1]} trailing"#, "trials"),
            None
        );
        assert_eq!(top_level_field("<html>502</html>", "trials"), None);
        assert_eq!(
            top_level_field(r#"{"trials": [1, {"cut": "#, "trials"),
            None
        );
    }

    /// The span of `metrics` in an item, found by walking its members (as convert does).
    fn metrics_of(b: &[u8], i: usize) -> Option<(usize, Option<Range<usize>>)> {
        if b.get(i) != Some(&b'{') {
            return Some((value_end(b, i)?, None));
        }
        let (mut found, mut times) = (None, 0);
        let end = object_members(b, i, |key, start| {
            let end = value_end(b, start)?;
            if key == b"metrics" {
                found = Some(start - i..end - i);
                times += 1;
            }
            Some(end)
        })?;
        Some((end, found.filter(|_| times == 1)))
    }

    #[test]
    fn each_item_is_walked_in_the_same_pass() {
        let text = r#"{"trials": [
            {"id": "a", "metrics": {"v": [1, {"metrics": 2}]} , "x": "metrics"},
            {"metrics": null},
            {"id": "no metrics", "m": {"metrics": 1}},
            {"metrics": 1, "metrics": 2},
            {"metr\u0069cs": 1},
            {},
            [{"metrics": 1}],
            "metrics"
        ], "after": 1}"#;
        let b = text.as_bytes();
        let (span, items) = top_level_array_with(text, "trials", |i| metrics_of(b, i)).unwrap();
        let (_, plain) = top_level_array(text, "trials").unwrap();
        assert_eq!(&text[span], &text[top_level_field(text, "trials").unwrap()]);
        let texts: Vec<&str> = items.iter().map(|(t, _)| *t).collect();
        assert_eq!(texts, plain, "the items are those of the plain split");
        let members: Vec<Option<&str>> = items
            .iter()
            .map(|(t, m)| m.clone().map(|m| &t[m]))
            .collect();
        assert_eq!(
            members,
            [
                Some(r#"{"v": [1, {"metrics": 2}]}"#),
                Some("null"),
                None,
                None, // twice
                None, // escaped: its key is not written as "metrics"
                None,
                None,
                None,
            ]
        );
        for broken in [
            r#"{"trials": [{"metrics": }]}"#,
            r#"{"trials": [{"metrics" 1}]}"#,
            r#"{"trials": [{"metrics": 1,}]}"#,
            r#"{"trials": [{1: 2}]}"#,
        ] {
            let b = broken.as_bytes();
            assert_eq!(
                top_level_array_with(broken, "trials", |i| metrics_of(b, i)),
                None,
                "{broken}"
            );
        }
        // Items of a nested array, walked by the caller.
        let list = br#"[ 1 , {"a": [2]}, "x" ]"#;
        let mut starts = Vec::new();
        let end = items_at_with(list, 0, |i| {
            starts.push(i);
            value_end(list, i)
        });
        assert_eq!((end, starts), (Some(list.len()), vec![2, 6, 18]));
        assert_eq!(items_at_with(b"[1,]", 0, |i| value_end(b"[1,]", i)), None);
    }

    #[test]
    fn the_top_level_array_is_the_field_and_its_items() {
        for text in [
            r#" { "success": true, "nested": {"trials": [9]}, "trials" : [1, {"a": "]"}] , "x": "trials" } "#,
            r#"{"trials": []}"#,
            r#"{"trials": [ ] , "after": [1]}"#,
        ] {
            let (span, items) = top_level_array(text, "trials").unwrap();
            assert_eq!(
                Some(span.clone()),
                top_level_field(text, "trials"),
                "{text}"
            );
            assert_eq!(Some(items), array_items(&text[span]), "{text}");
        }
        for text in [
            r#"{"trials": {"not": "a list"}}"#,
            r#"{"trials": [1], "trials": [2]}"#,
            r#"{"trials": [1 2]}"#,
            r#"{"trials": [1]} trailing"#,
            r#"{"trials": [1, {"cut": "#,
            r#"{"other": [1]}"#,
        ] {
            assert_eq!(top_level_array(text, "trials"), None, "{text}");
        }
    }

    #[test]
    fn quotes_escapes_and_brackets_are_found_at_every_place_in_a_word() {
        // Every offset of the interesting byte against the eight-byte steps, both in a
        // string and between strings.
        for pad in 0..20 {
            let p = "x".repeat(pad);
            let n = "1".repeat(pad + 1);
            for text in [
                format!(r#"["{p}\"{p}", "{p}\\", "{p}"]"#),
                format!(r#"[{{"k{p}": [{n}, [{n}], {{"{p}": "{p}]"}}]}}, "{p}[{{"]"#),
                format!(r#"[[{n}], {{"a": [[[{n}]]]}}, "é{p}\u005d"]"#),
            ] {
                let ours: Vec<String> = array_items(&text)
                    .unwrap_or_else(|| panic!("{text}"))
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                assert_eq!(ours, serde_items(&text), "{text}");
            }
            assert_eq!(
                array_items(&format!(r#"["{p}\"]"#)),
                None,
                "unterminated, {pad}"
            );
            assert_eq!(array_items(&format!("[[{n}]")), None, "unclosed, {pad}");
        }
    }
}
