//! Every metric set of a trial (dataset × precision): accuracy, loss, MCU support, extra
//! metrics, and the confusion matrix as a small table labelled by class when the report
//! allows (see [`crate::derive::trial_details::confusion`]).

use super::kv_table::KvTable;
use crate::derive::format;
use crate::derive::trial_details::{confusion, metric_sets, Confusion};
use crate::model::Trial;
use leptos::prelude::*;
use std::sync::Arc;

/// All metric sets, or a note when there are none (e.g. a trial still training).
#[component]
pub fn TrialMetrics(trial: Arc<Trial>) -> impl IntoView {
    let sets = metric_sets(&trial);
    if sets.is_empty() {
        return view! { <p class="empty">"No metrics yet."</p> }.into_any();
    }
    sets.into_iter()
        .map(|set| {
            let m = set.metrics;
            let mut rows = vec![
                (
                    "accuracy".to_owned(),
                    m.accuracy
                        .map(format::percent)
                        .unwrap_or_else(|| format::MISSING.into()),
                ),
                (
                    "loss".to_owned(),
                    m.loss
                        .map(|l| format::number(l, 4))
                        .unwrap_or_else(|| format::MISSING.into()),
                ),
            ];
            if let Some(ok) = m.is_supported_on_mcu {
                rows.push(("supported on MCU".into(), format::yes_no(ok).into()));
            }
            if let Some(e) = &m.mcu_support_error {
                rows.push(("MCU support error".into(), e.clone()));
            }
            for a in &m.additional {
                let value = a
                    .value
                    .clone()
                    .or_else(|| a.full_precision_value.map(|v| format::number(v, 4)));
                rows.push((
                    a.name.clone().unwrap_or_else(|| "metric".into()),
                    value.unwrap_or_else(|| format::MISSING.into()),
                ));
            }
            let matrix = confusion(m);
            view! {
                <section class="metric-set" data-dataset=set.dataset data-precision=set.precision>
                    <h6>{format!("{} · {}", set.dataset, set.precision)}</h6>
                    <KvTable rows=rows/>
                    {matrix.map(matrix_table)}
                </section>
            }
        })
        .collect_view()
        .into_any()
}

/// Rows are the actual class, columns the predicted one.
fn matrix_table(c: Confusion) -> impl IntoView {
    let labels = c.labels;
    let header = labels.clone().map(|labels| view! {
        <thead><tr><th scope="col">"actual ↓ / predicted →"</th>
            {labels.into_iter().map(|l| view! { <th scope="col" class="text">{l}</th> }).collect_view()}
        </tr></thead>
    });
    view! {
        <table class="confusion" aria-label="Confusion matrix">
            {header}
            <tbody>
                {c.rows.into_iter().enumerate().map(|(i, row)| {
                    let label = labels.as_ref().and_then(|l| l.get(i).cloned());
                    view! {
                        <tr>
                            {label.map(|l| view! { <th scope="row" class="text">{l}</th> })}
                            {row.into_iter().enumerate().map(|(j, v)| view! { <td class:diagonal=i == j>{v}</td> }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
