//! The log view shared by `trial-logs` and `run-log`: a scrollable monospace box that starts
//! at the end, one `log-line` per entry with its time and level (error and warn stand out
//! with a word and a mark, not colour alone), multi-line entries keeping their breaks, "last
//! N of M lines" when the API returned only the tail, the load error (same kinds and words
//! as the page's banner) inside the box, and Copy / Download.
//!
//! Lines are computed once per answer ([`log_lines`]) and rendered as plain text nodes with
//! no per-line signal: an answer replaces the list whole, so 1,000 lines cost one pass.

use crate::derive::log_view::{
    box_note, error_headline, error_hint, log_lines, plain_text, LogLine,
};
use crate::model::logs::LogBody;
use crate::model::LoadError;
use crate::state::clipboard::use_copy;
use crate::state::logs::download_log;
use crate::state::scroll::use_stick_to_end;
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
    let note = move || body.with(|b| b.as_deref().map(box_note));
    let tool_status = RwSignal::new(None::<String>);
    let copy = use_copy(move |copied| {
        tool_status.try_set(Some(match copied {
            Ok(()) => "Copied".to_owned(),
            Err(e) => format!("Not copied: {e}"),
        }));
    });
    let on_copy = move |_| {
        if let Some(text) = body.with_untracked(|b| b.as_deref().map(plain_text)) {
            copy.run(text);
        }
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
    // "Copied" / "Downloaded" speak of the answer they were about: the next answer (lines
    // or an error) makes them stale.
    Effect::new(move |previous: Option<()>| {
        body.track();
        error.track();
        if previous.is_some() {
            tool_status.set(None);
        }
    });

    // Start at the end (the latest lines are what explain a failure), and stay there with
    // each answer while the reader is there.
    let scroller = NodeRef::<Div>::new();
    let stick = use_stick_to_end(scroller, move || lines.track());
    let rows = move || {
        let lines = lines.get();
        stick.measure();
        lines.iter().map(line_view).collect_view()
    };

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
                {rows}
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
    view! {
        <div class="log-error" data-kind=e.kind.as_str() role="alert">
            <p class="headline"><strong>{error_headline(&e)}</strong></p>
            {(!e.detail.is_empty()).then(|| view! { <p class="detail">{e.detail.clone()}</p> })}
            <p class="next">{error_hint(e.kind)}</p>
        </div>
    }
}
