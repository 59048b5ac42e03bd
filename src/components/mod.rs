//! Components: each renders view models from `state`; no KPI arithmetic here.
pub mod choice_setting;
pub mod comments;
pub mod definitions;
pub mod demo_banner;
pub mod glossary;
pub mod issues;
pub mod kpi_cards;
pub mod mapped_source;
pub mod mapping_table;
pub mod notices;
pub mod print_header;
pub mod series_table;
pub mod setting_input;
pub mod share;
pub mod sortable_table;
