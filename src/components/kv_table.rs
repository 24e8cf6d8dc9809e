//! A two-column table of already formatted rows (`<th>` key, `<td>` value), shared by a
//! trial's details and its metrics. Values are rendered as text.

use leptos::prelude::*;

/// The rows in order.
#[component]
pub fn KvTable(rows: Vec<(String, String)>) -> impl IntoView {
    view! {
        <table class="kv">
            <tbody>
                {rows.into_iter().map(|(k, v)| view! { <tr><th scope="row">{k}</th><td>{v}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
}
