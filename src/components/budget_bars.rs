//! Latency, RAM and ROM of a trial as bars against the (possibly what-if) budget: the DSP part
//! and the model part side by side, coloured by level, and always a word for the level so
//! colour is never the only signal. Widths are set through CSSOM (`style:width`), never an
//! inline `style` attribute (CSP).

use crate::derive::budget_bars::Bar;
use crate::derive::format;
use leptos::prelude::*;

/// The three bars, and which compiler's memory figures they use.
#[component]
pub fn BudgetBars(
    /// From [`crate::derive::budget_bars::bars`].
    bars: [Bar; 3],
    /// "EON" or "TFLite"; `None` when no memory figures are known.
    source: Option<&'static str>,
) -> impl IntoView {
    view! {
        <dl class="budget-bars">
            {bars.into_iter().map(|b| {
                let level = b.level.as_str();
                view! {
                    <div class=format!("budget-bar level-{level}") data-level=level data-figure=b.label.to_ascii_lowercase()>
                        <dt>{b.label}</dt>
                        <dd>
                            <span class="track" aria-hidden="true">
                                <span class="seg dsp" style:width=format!("{:.2}%", b.dsp_width)></span>
                                <span class="seg model" style:width=format!("{:.2}%", b.model_width)></span>
                            </span>
                            <span class="figure">{b.text}</span>
                            {b.level.words().map(|w| view! { " " <span class="level-word">{w}</span> })}
                            {b.parts.map(|p| view! { <span class="parts">{p}</span> })}
                        </dd>
                    </div>
                }
            }).collect_view()}
            // A <dl> may only hold dt/dd groups: the source is one more group.
            <div class="figure-source"><dt>"memory figures:"</dt>" "<dd>{source.unwrap_or(format::MISSING)}</dd></div>
        </dl>
    }
}
