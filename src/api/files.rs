//! Files in and out of the page: saving a download, reading a picked or dropped file.
//! No network involved.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

/// Why a download could not be offered, in words for the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The browser would not make the file (`Blob`), e.g. out of memory.
    File,
    /// The browser would not make a link to the file (`URL.createObjectURL`), e.g. a
    /// policy or an extension that blocks downloads.
    Link,
    /// No document to click a link in.
    NoPage,
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SaveError::File => "the browser could not create the file (it may be out of memory)",
            SaveError::Link => {
                "the browser refused to start the download (a setting or an extension may block downloads)"
            }
            SaveError::NoPage => "the page is not ready to start a download",
        })
    }
}

/// Offers `text` as a download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), SaveError> {
    download_parts(filename, mime, &js_sys::Array::of1(&text.into()))
}

/// Offers the concatenation of `parts` as a download named `filename`. Parts are what the
/// `Blob` constructor takes (strings, typed arrays, blobs): the browser joins them, so bytes
/// it already holds (a response body) never have to be copied into wasm memory.
pub fn download_parts(filename: &str, mime: &str, parts: &js_sys::Array) -> Result<(), SaveError> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_buffer_source_sequence_and_options(parts, &options)
        .map_err(|_| SaveError::File)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| SaveError::Link)?;
    let anchor: Option<HtmlAnchorElement> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .map(JsCast::unchecked_into);
    let Some(anchor) = anchor else {
        let _ = Url::revoke_object_url(&url);
        return Err(SaveError::NoPage);
    };
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    // The click has started the download; the object URL can go.
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

/// Reads a user-chosen file as text.
pub async fn read_text(file: &File) -> Result<String, String> {
    let value = JsFuture::from(file.text())
        .await
        .map_err(|_| format!("could not read {}", file.name()))?;
    value
        .as_string()
        .ok_or_else(|| format!("{} is not text", file.name()))
}

/// A file name that is safe on every OS: letters, digits, `-`, `_`, `.` only.
pub fn safe_file_name(stem: &str, extension: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches('-');
    format!(
        "{}.{extension}",
        if trimmed.is_empty() {
            "tunerscope"
        } else {
            trimmed
        }
    )
}
