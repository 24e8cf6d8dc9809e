//! Fixture loading shared by the native test files (each `mod native_support;`).
#![allow(dead_code)] // each test file uses a different subset

use std::io::Read;
use tunerscope::model::{parse_state, Run};

/// The text of `tests/fixtures/{name}`; `.gz` files are decompressed.
pub fn fixture_text(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut text = String::new();
    if name.ends_with(".gz") {
        flate2::read::GzDecoder::new(
            std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}")),
        )
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    } else {
        text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    text
}

/// The fixture parsed by the real parser; panics if it does not parse.
pub fn fixture_run(name: &str) -> Run {
    parse_state(&fixture_text(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The records of a CSV text (RFC 4180: quoted fields may hold commas, doubled quotes and
/// line breaks; records end in CRLF). Written here, not taken from the app, to read its
/// exports independently.
pub fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}
