//! Saves a PNG of Tunerscope showing the completed 30-trial run, as seen in a 1280×900 viewport.
//!
//! ```text
//! cargo run -p e2e --bin screenshot [-- OUTPUT.png]
//! ```
//!
//! The default output is `tests/e2e/screenshot.png`. Needs the built app and Chromium, like the
//! end-to-end tests.

use std::path::PathBuf;

use e2e::mock_api::jobs;
use e2e::{query, Harness};

#[tokio::main]
async fn main() {
    let out = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshot.png"),
        PathBuf::from,
    );

    let h = Harness::start().await;
    h.set_viewport(1280, 900).await;
    let job = jobs::COMPLETED.to_string();
    h.open(&query(&[
        ("project", "1"),
        ("job", &job),
        ("api", &h.api_base()),
    ]))
    .await;
    h.fill_input("api-key", "test-key").await;
    h.submit_connect().await;
    h.wait_for_count("trial-card", 30).await;
    // Let web fonts and the last layout settle before capturing.
    h.driver()
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             document.fonts.ready.then(() => requestAnimationFrame(() => done()));",
            Vec::new(),
        )
        .await
        .unwrap_or_else(|e| panic!("waiting for the page to settle failed: {e}"));

    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    }
    h.driver()
        .screenshot(&out)
        .await
        .unwrap_or_else(|e| panic!("cannot save {}: {e}", out.display()));
    h.finish().await;
    println!("saved {}", out.display());
}
