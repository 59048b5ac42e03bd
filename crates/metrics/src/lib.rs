//! Northstar's domain core: streaming CSV ingest, column mapping and every KPI.
//!
//! Layers, lowest first: the leaf types (KPI values and definitions, periods, issues, formatting,
//! ingest and parsing, segments, the join's keys, the signals sources give the health score) and
//! the [`source`] abstraction; then one module per source kind, each using only the layer below
//! (never the catalog, never another source); then [`catalog`] (the list of kinds, the KPI
//! registry, recognition), and the consumers of every source, [`join`]'s parts and [`health`].
//!
//! Invariants: no IO, no clock, no browser or chart dependency; total on user data (bad input
//! becomes [`issue::Issue`]s, never a panic); undefined ratios are `None`, never NaN.

pub mod accounts;
pub mod calendar;
pub mod catalog;
pub mod cohort;
pub mod columns;
pub mod comments;
pub mod demo;
pub mod filter;
pub mod format;
pub mod funnel;
pub mod guess;
pub mod health;
pub mod identity;
pub mod ingest;
pub mod issue;
pub mod join;
pub mod kpi;
pub mod mapping;
pub mod orders;
pub mod parse;
pub mod period;
pub mod profile;
pub mod segment;
pub mod signals;
pub mod source;
pub mod stats;
pub mod subscriptions;
pub mod surveys;
pub mod tickets;
pub mod usage;
pub mod wire;

pub use issue::{FatalError, Issue};
pub use kpi::{KpiDef, KpiValue};
pub use mapping::RoleMapping;
pub use period::{Granularity, Period};
