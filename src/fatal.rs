//! The last resort: a panic shows the `fatal-error` panel instead of a frozen page.
//!
//! Built with plain DOM calls because after a panic (release builds abort) the reactive
//! system can no longer run. The view survives a reload because it lives in the URL.

use std::panic;

pub fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        // Keep the browser console's message (with "panicked at") for developers and tests.
        console_error_panic_hook::hook(info);
        show_fatal_panel();
    }));
}

fn show_fatal_panel() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document
        .query_selector("[data-testid=fatal-error]")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    let Some(body) = document.body() else { return };
    // A panic while mounting leaves index.html's startup text (`#boot`) on the page, whose
    // "could not start" guesses (MIME type, sandbox, …) would then be wrong: this panel says
    // what happened instead.
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let build = || -> Option<web_sys::Element> {
        let panel = document.create_element("div").ok()?;
        panel.set_attribute("data-testid", "fatal-error").ok()?;
        panel.set_attribute("role", "alert").ok()?;
        panel.set_class_name("fatal-error");
        let title = document.create_element("h2").ok()?;
        title.set_text_content(Some("Tunerscope hit an internal error"));
        let text = document.create_element("p").ok()?;
        text.set_text_content(Some(
            "The page stopped updating. Reloading restores the same view (it is kept in the address); the error details are in the browser console.",
        ));
        let reload = document.create_element("a").ok()?;
        reload.set_attribute("href", &href).ok()?;
        reload.set_class_name("button");
        reload.set_text_content(Some("Reload"));
        panel.append_child(&title).ok()?;
        panel.append_child(&text).ok()?;
        panel.append_child(&reload).ok()?;
        Some(panel)
    };
    if let Some(panel) = build() {
        let _ = body.prepend_with_node_1(&panel);
    }
}
