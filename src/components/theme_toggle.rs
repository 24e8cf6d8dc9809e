//! `theme-toggle`: auto (follow the OS) → light → dark, kept in the URL (`theme`);
//! `state::theme` puts it on the page.

use crate::view_state::ViewState;
use crate::vocab::Theme;
use leptos::prelude::*;

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
