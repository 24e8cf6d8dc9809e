//! `theme-toggle`: auto (follow the OS) → light → dark, kept in the URL (`theme`).

use crate::view_state::{Theme, ViewState};
use leptos::prelude::*;

/// Applies `theme` to `<html data-theme>`; the stylesheet's `light-dark()` colours follow.
pub fn apply_theme(theme: Theme) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme {
        Theme::Auto => root.remove_attribute("data-theme"),
        other => root.set_attribute("data-theme", other.as_str()),
    };
}

/// The switch.
#[component]
pub fn ThemeToggle(view: RwSignal<ViewState>) -> impl IntoView {
    let theme = move || view.with(|v| v.theme);
    let next = move |_| {
        view.update(|v| {
            v.theme = match v.theme {
                Theme::Auto => Theme::Light,
                Theme::Light => Theme::Dark,
                Theme::Dark => Theme::Auto,
            }
        })
    };
    view! {
        <button type="button" class="theme-toggle" data-testid="theme-toggle" data-theme=move || theme().as_str() on:click=next
            title="Colour theme: auto follows your system setting">
            {move || match theme() {
                Theme::Auto => "Theme: auto",
                Theme::Light => "Theme: light",
                Theme::Dark => "Theme: dark",
            }}
        </button>
    }
}
