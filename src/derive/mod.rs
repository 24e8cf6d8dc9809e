//! Numbers derived from a [`crate::model::Run`]: budgets and fit, order, formatting.
//! Pure functions of their inputs (no clock, no browser), tested natively.
//! [`run_compare`] puts several runs of one project side by side (issue 16).
//! The choices they take (precision, dataset, budget, sort) are `crate::vocab` types; nothing
//! here reads the URL state: `ViewState::lens`/`filter`/`list_view` build derive's plain inputs.

pub mod api_key;
pub mod block_words;
pub mod budget;
pub mod budget_bars;
pub mod budget_input;
pub mod card_window;
pub mod config_rows;
pub mod csv_export;
pub mod diff;
pub mod evaluation;
pub mod filter;
pub mod format;
pub mod list_view;
pub mod liveness;
pub mod log_view;
pub mod notices;
pub mod order;
pub mod pipeline_text;
pub mod progress;
pub mod refresh;
pub mod run_compare;
pub mod run_list;
pub mod run_summary;
pub mod selection;
pub mod status_change;
pub mod studio_link;
pub mod trial_card;
pub mod trial_details;
pub mod trial_facts;
