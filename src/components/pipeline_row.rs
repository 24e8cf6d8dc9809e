//! The pipeline of a trial as one compact row: input → DSP → learn, each block with its
//! parameters in words and its own status (from `blocks[]`), so a stuck or failed block is
//! visible without opening the card.

use crate::derive::pipeline_text::{kind_label, Step};
use leptos::prelude::*;

/// The steps in order. An empty pipeline says so instead of leaving a blank.
#[component]
pub fn PipelineRow(
    /// From [`crate::derive::pipeline_text::steps`].
    steps: Vec<Step>,
) -> impl IntoView {
    if steps.is_empty() {
        return view! { <p class="pipeline-row empty">"pipeline unknown"</p> }.into_any();
    }
    view! {
        <ol class="pipeline-row" aria-label="Pipeline">
            {steps.into_iter().map(|s| {
                let status = s.status().map_or("unknown", |st| st.as_str()).to_owned();
                let title = format!("{} block: {} ({status})", kind_label(&s.kind), s.label);
                let class = format!("step status-{status}");
                let data_status = status.clone();
                view! {
                    <li class=class title=title data-status=data_status>
                        <span class="step-words">{s.words}</span>
                        <span class="step-status">{status}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}
