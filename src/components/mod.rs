//! One component per file, named for what it shows. Components read signals and render;
//! computing (budgets, order, parsing) happens in `derive`/`model`.

pub mod config_summary;
pub mod connect_form;
pub mod error_banner;
pub mod progress_bar;
pub mod response_note;
pub mod run_header;
pub mod run_view;
pub mod trial_card;
pub mod trial_list;
pub mod worker_list;
