//! Numbers derived from a [`crate::model::Run`]: budgets and fit, order, formatting.
//! Pure functions of their inputs (no clock, no browser), tested natively.

pub mod budget;
pub mod config_rows;
pub mod diff;
pub mod format;
pub mod order;
pub mod progress;
