//! The analysis charts as Leptos components: thin memo layers over [`crate::charts`], which
//! does all geometry and data preparation. [`AnalysisPanel`] is the one entry point.
//!
//! Shared across charts: [`context::ChartContext`] (view state, lens, colour choice,
//! trial lookup), [`plot_view::PlotView`] (one x/y SVG with a single delegated pointer
//! handler), and [`pick`] (select a trial / toggle it in the comparison).

pub mod analysis_panel;
pub mod compare_view;
pub mod context;
pub mod effects_chart;
pub mod gap_chart;
pub mod pareto_chart;
pub mod pick;
pub mod plot_view;
pub mod progress_chart;
pub mod runs_chart;
pub mod timeline_chart;

pub use analysis_panel::AnalysisPanel;
