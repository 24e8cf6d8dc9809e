//! Keeping a scrolling box at its end as content arrives (a log): while the reader is at the
//! end they stay there; someone reading earlier lines keeps their place.

use leptos::html::Div;
use leptos::prelude::*;

/// Follows the end of `scroller` each time `content` changes. Whether the box was at the end
/// must be measured while the new content is built, before it replaces the old (the effect
/// runs after, when it can no longer tell): the view calls [`StickToEnd::measure`] there.
#[derive(Clone, Copy)]
pub struct StickToEnd {
    scroller: NodeRef<Div>,
    was_at_end: StoredValue<bool>,
}

impl StickToEnd {
    /// Notes whether the box is at its end now. No box yet (the first content) counts as at
    /// the end.
    pub fn measure(self) {
        self.was_at_end
            .set_value(self.scroller.get_untracked().is_none_or(|el| near_end(&el)));
    }
}

/// Scrolls `scroller` to its end after each change `content` tracks, if it was at the end.
pub fn use_stick_to_end(scroller: NodeRef<Div>, content: impl Fn() + 'static) -> StickToEnd {
    let stick = StickToEnd {
        scroller,
        was_at_end: StoredValue::new(true),
    };
    Effect::new(move |_| {
        content();
        if let Some(el) = scroller.get() {
            if stick.was_at_end.get_value() {
                el.set_scroll_top(el.scroll_height());
            }
        }
    });
    stick
}

/// Within a few px of the end (zoom and sub-pixel layout leave fractions).
fn near_end(el: &web_sys::HtmlDivElement) -> bool {
    el.scroll_top() + el.client_height() >= el.scroll_height() - 4
}
