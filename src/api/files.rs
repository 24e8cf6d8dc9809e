//! Files in and out of the page: saving a download, reading a picked or dropped file.
//! No network involved.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

/// Offers `text` as a download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "could not create the file")?;
    let url =
        Url::create_object_url_with_blob(&blob).map_err(|_| "could not create a download link")?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no anchor")?
        .unchecked_into();
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
