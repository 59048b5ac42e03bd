//! Components: each renders view models from `state`; no KPI arithmetic here.
pub mod charts;
pub mod comments;
pub mod definitions;
pub mod issues;
pub mod kpi_cards;
pub mod mapping_panel;
pub mod notices;
pub mod series_table;
pub mod settings_panel;
pub mod source_input;
