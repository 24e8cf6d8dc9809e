//! The log view shared by `trial-logs` and `run-log`: a scrollable monospace box that starts
//! at the end, one `log-line` per entry with its time and level (error and warn stand out
//! with a word and a mark, not colour alone), multi-line entries keeping their breaks, "last
//! N of M lines" when the API returned only the tail, the load error (same kinds and words
//! as the page's banner) inside the box, and Copy / Download.
//!
//! Lines are computed once per answer ([`log_lines`]) and rendered as plain text nodes with
//! no per-line signal: an answer replaces the list whole, so 1,000 lines cost one pass.

use crate::derive::log_view::{line_count, log_lines, plain_text, shown_note, LogLine};
use crate::model::logs::LogBody;
use crate::model::{ErrorKind, LoadError};
use crate::state::clipboard::write_text;
use crate::state::logs::download_log;
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::Arc;

/// A log box.
#[component]
pub fn LogBox(
    /// `trial-logs` or `run-log`.
    testid: &'static str,
    /// The accessible name of the scrolling region, e.g. "Log of trial 7".
    #[prop(into)]
    label: String,
    /// The last good answer.
    #[prop(into)]
    body: Signal<Option<Arc<LogBody>>>,
    /// Why the latest load failed.
    #[prop(into, optional)]
    error: Signal<Option<LoadError>>,
    /// Whether a load is in flight.
    #[prop(into, optional)]
    loading: Signal<bool>,
    /// The download's name before cleaning (`tunerscope-trial-…`); `.txt` is added.
    #[prop(into)]
    file_stem: Signal<String>,
) -> impl IntoView {
    let lines = Memo::new(move |_| {
        body.with(|b| {
            Arc::new(
                b.as_ref()
                    .map(|b| log_lines(&b.entries))
                    .unwrap_or_default(),
            )
        })
    });
    let total = move || body.with(|b| b.as_ref().and_then(|b| b.total).map(|t| t.to_string()));
    let note = move || {
        body.with(|b| {
            b.as_ref().map(|b| {
                let mut words = line_count(b);
                if let Some(note) = shown_note(b.entries.len(), b.total) {
                    words = format!("{words}: {note}");
                }
                if b.dropped > 0 {
                    words.push_str(&format!(" ({} unreadable entries skipped)", b.dropped));
                }
                words
            })
        })
    };
    let tool_status = RwSignal::new(None::<String>);
    let on_copy = move |_| {
        let Some(text) = body.with_untracked(|b| b.as_deref().map(plain_text)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            tool_status.try_set(Some(match write_text(&text).await {
                Ok(()) => "Copied".to_owned(),
                Err(e) => format!("Not copied: {e}"),
            }));
        });
    };
    let on_download = move |_| {
        let Some(text) = body.with_untracked(|b| b.as_deref().map(plain_text)) else {
            return;
        };
        tool_status.set(Some(
            match download_log(&file_stem.get_untracked(), &text) {
                Ok(name) => format!("Downloaded {name}"),
                Err(e) => format!("Not downloaded: {e}"),
            },
        ));
    };
    let no_body = move || body.with(Option::is_none);

    // Start at the end (the latest lines are what explain a failure), after each answer.
    let scroller = NodeRef::<Div>::new();
    Effect::new(move |_| {
        lines.track();
        if let Some(el) = scroller.get() {
            el.set_scroll_top(el.scroll_height());
        }
    });

    view! {
        <div class="log-box" data-testid=testid data-total=total aria-busy=move || loading.get().to_string()>
            <div class="log-tools">
                <button type="button" class="log-copy" disabled=no_body on:click=on_copy>"Copy"</button>
                <button type="button" class="log-download" disabled=no_body on:click=on_download>"Download .txt"</button>
                <span class="log-status" role="status">{move || tool_status.get()}</span>
                <span class="log-loading" role="status">{move || loading.get().then_some("Loading the log…")}</span>
            </div>
            {move || error.get().map(log_error)}
            <p class="log-note">{note}</p>
            <div class="log-lines" node_ref=scroller tabindex="0" role="log" aria-label=label>
                {move || lines.get().iter().map(line_view).collect_view()}
            </div>
        </div>
    }
}

fn line_view(line: &LogLine) -> impl IntoView {
    let stands_out = line.level.stands_out();
    view! {
        <div class=format!("log-line level-{}", line.level.as_str()) class:stands-out=stands_out
            data-testid="log-line" data-level=line.level_raw.clone()>
            <span class="log-time" title=line.time_title.clone()>{line.time.clone()}</span>
            " "
            <span class="log-level">{if stands_out { "▲ " } else { "" }}{line.level_word.clone()}</span>
            " "
            <span class="log-data">{line.data.clone()}</span>
        </div>
    }
}

fn log_error(e: LoadError) -> impl IntoView {
    let hint = match e.kind {
        ErrorKind::NotFound => {
            "The log may not exist (yet), or the project id or API base is wrong.".to_owned()
        }
        kind => kind.next_step().to_owned(),
    };
    view! {
        <div class="log-error" data-kind=e.kind.as_str() role="alert">
            <p class="headline"><strong>{e.kind.headline()}</strong>{e.status.map(|s| format!(" (HTTP {s})"))}</p>
            {(!e.detail.is_empty()).then(|| view! { <p class="detail">{e.detail.clone()}</p> })}
            <p class="next">{hint}</p>
        </div>
    }
}
