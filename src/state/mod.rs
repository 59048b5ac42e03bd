//! UI state: one store of signals with verb methods, and every derived value as a Memo over the
//! metrics crate. Effects live in `browser/` and only talk to the outside world.

pub mod acquisition;
pub mod lines_model;
pub mod models;
pub mod orders;
pub mod product;
pub mod product_models;
pub mod revenue;
pub mod revenue_models;
mod settings;
mod settings_migration;
pub mod source_store;
pub mod support;
pub mod support_models;
pub mod surveys;
mod workbench;

pub use product::Product;
pub use revenue::{Revenue, SegmentOption};
pub use settings::{AppSource, Page, Settings, Sources, Stored};
pub use settings_migration::migrate_v1;
pub use source_store::SourceStore;
pub use support::Support;
pub use workbench::{LoadedFile, Shared, Stores, Workbench};
