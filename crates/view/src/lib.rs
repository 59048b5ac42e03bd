//! Northstar's view models, without the framework: what the app shows, as plain data made by pure
//! functions, tested natively. The settings the user keeps ([`settings`]), the pages
//! ([`pages`]), what the page and the engine's worker say to each other ([`wire`]), the cards,
//! the scorecard, the assumptions behind a number, share-link text and every chart's model
//! ([`models`]).
//!
//! Invariants: no leptos, no web-sys, no IO and no clock; numbers shown are formatted through the
//! reader's [`northstar_metrics::format::Style`], which callers pass in.

pub mod assumptions;
pub mod cards;
pub mod models;
pub mod pages;
pub mod settings;
pub mod share;
pub mod shared;
pub mod wire;

/// How values read: one place, shared with the CLI's table.
pub use northstar_metrics::format;
pub use pages::{Page, PageResults};
pub use settings::{AppSource, Settings, Sources, Stored};
pub use shared::Shared;
