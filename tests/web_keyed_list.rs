//! `KeyedList` in headless Chromium: rows keyed like Leptos's `For`, built under generation
//! owners (see `components::keyed_list`). Pins what that must not change: every row reads the
//! list's contexts (also past the first generation), a row's cleanup runs when its row goes
//! and not before (a row holds its generation alive), and a kept key keeps its row.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tunerscope::components::keyed_list::KeyedList;
use wasm_bindgen_test::*;

mod web_support;
use web_support::{all, container};

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Clone)]
struct Label(&'static str);

#[wasm_bindgen_test]
async fn rows_read_context_and_are_cleaned_up_when_they_go() {
    let root = container();
    let items = RwSignal::new((0..200u32).collect::<Vec<_>>());
    let cleaned = Arc::new(AtomicUsize::new(0));
    let counter = cleaned.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Label("row"));
        let counter = counter.clone();
        view! {
            <ul>
                <KeyedList each=move || items.get() key=|i| *i children=move |i: u32| {
                    let counter = counter.clone();
                    on_cleanup(move || { counter.fetch_add(1, Ordering::Relaxed); });
                    let label = expect_context::<Label>().0;
                    view! { <li data-key=i>{format!("{label} {i}")}</li> }
                }/>
            </ul>
        }
    });
    leptos::task::tick().await;
    let rows = all(&root, "li");
    assert_eq!(rows.len(), 200);
    assert_eq!(
        rows[199].text_content().as_deref(),
        Some("row 199"),
        "context past the first generations"
    );
    let kept = rows[150].clone();

    // Replace the first 150 rows, twice over: old generations empty out and go.
    items.set((150..400).collect());
    leptos::task::tick().await;
    items.set((150..200).chain(1000..1300).collect());
    leptos::task::tick().await;
    assert_eq!(
        cleaned.load(Ordering::Relaxed),
        150 + 200,
        "exactly the rows that went"
    );
    let rows = all(&root, "li");
    assert_eq!(rows.len(), 350);
    assert!(
        rows[0].is_same_node(Some(&kept)),
        "a kept key keeps its row"
    );
    assert_eq!(rows[349].text_content().as_deref(), Some("row 1299"));
}
