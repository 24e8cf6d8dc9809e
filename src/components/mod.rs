//! One component per file, named for what it shows. Components read signals and render;
//! computing (budgets, order, parsing) happens in `derive`/`model`.

pub mod budget_bars;
pub mod config_summary;
pub mod confirm_api;
pub mod connect_form;
pub mod error_banner;
pub mod facet_filter;
pub mod list_controls;
pub mod live_toolbar;
pub mod notify_switch;
pub mod pipeline_row;
pub mod progress_bar;
pub mod response_note;
pub mod run_finished;
pub mod run_header;
pub mod run_view;
pub mod training_bar;
pub mod trial_card;
pub mod trial_details;
pub mod trial_links;
pub mod trial_list;
pub mod trial_metrics;
pub mod what_if_budget;
pub mod worker_list;
