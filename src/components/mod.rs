//! One component per file, named for what it shows. Components read signals and render;
//! computing (budgets, order, parsing) happens in `derive`/`model`, side effects (requests,
//! storage, notifications, clipboard, document attributes) in `state` hooks. Components import
//! components, `state` and pure modules, never `crate::api`.
//!
//! The trial components form a tree and import only downwards: `TrialList` → `CardChunk` →
//! `TrialCard` → {`PipelineRow`, `BudgetBars`, `TrainingBar`, `TrialLinks`, `TrialDetails` →
//! {`TrialLog`, `TrialMetrics`, `KvTable`}}; their pure helpers are in `derive::trial_card`.
//! The view state, the clock and what every card shares reach them as newtype contexts
//! (`state::context`: `ViewCtx`, `Clock`, `CardContext`), provided once by `RunView`.
//!
//! Lists whose rows are replaced for as long as the page is open (trial cards, chart points)
//! use [`keyed_list::KeyedList`], not Leptos's `For`, and a card subscribes to nothing
//! page-wide that rarely changes (see `state::expanded`): either would keep a little of every
//! replaced row in memory until the page closes.

pub mod budget_bars;
pub mod card_chunk;
pub mod charts;
pub mod compare_diffs;
pub mod compare_row;
pub mod compared_sources;
pub mod config_summary;
pub mod confirm_api;
pub mod connect_form;
pub mod data_menu;
pub mod demo_source;
pub mod error_banner;
pub mod facet_filter;
pub mod keyed_list;
pub mod kv_table;
pub mod list_controls;
pub mod live_source;
pub mod live_toolbar;
pub mod log_box;
pub mod notify_switch;
pub mod pipeline_row;
pub mod progress_bar;
pub mod recent_runs_menu;
pub mod response_note;
pub mod run_compare;
pub mod run_finished;
pub mod run_header;
pub mod run_log;
pub mod run_options;
pub mod run_picker;
pub mod run_summary;
pub mod run_switcher;
pub mod run_view;
pub mod share_link;
pub mod theme_toggle;
pub mod training_bar;
pub mod trial_card;
pub mod trial_details;
pub mod trial_links;
pub mod trial_list;
pub mod trial_log;
pub mod trial_metrics;
pub mod what_if_budget;
pub mod worker_list;
