//! Chart and table models: plain data the components render, made from KPI values.

pub mod comments;
pub mod lines;
pub mod plotted;
pub mod tables;
