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
