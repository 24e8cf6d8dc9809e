//! Live training of a running trial: a native `<progress>` for epoch of training cycles
//! (accessible, and no inline styles), and the latest loss/accuracy figures.

use crate::derive::trial_facts::Training;
use leptos::prelude::*;

/// "epoch 28 of 50" with a bar when the number of cycles is known.
#[component]
pub fn TrainingBar(
    /// From [`crate::derive::trial_facts::training`].
    training: Training,
) -> impl IntoView {
    let text = training.text();
    let bar = match (training.epoch, training.cycles) {
        (Some(epoch), Some(cycles)) => Some((epoch.min(cycles), cycles)),
        _ => None,
    };
    view! {
        <div class="training" data-epoch=training.epoch.map(|e| e.to_string())
            data-cycles=training.cycles.map(|c| c.to_string())>
            <span class="label">"Training " {text.clone()}</span>
            {bar.map(|(value, max)| view! {
                <progress class="training-bar" max=max.to_string() value=value.to_string() aria-label=text.clone()></progress>
            })}
            {(!training.figures.is_empty()).then(|| view! {
                <dl class="training-figures">
                    {training.figures.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
                </dl>
            })}
        </div>
    }
}
