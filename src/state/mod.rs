//! The page's UI state: the settings (persisted), and what the engine's worker last sent, as
//! signals with verb methods and Memos. Every KPI is computed in `engine/`, inside the worker.
//! Effects live in `browser/` and only talk to the outside world.

pub mod assumptions;
pub mod cards;
pub mod comments_models;
pub mod health_models;
pub mod lines_model;
pub mod models;
pub mod pages;
pub mod plotted;
pub mod product_models;
pub mod revenue_models;
pub mod scorecard;
mod settings;
mod settings_migration;
pub mod share;
pub mod source_mirror;
pub mod support_models;
mod workbench;

pub use crate::engine::Shared;
pub use crate::wire::SegmentOption;
pub use pages::{Product, Revenue, Support};
pub use settings::{suggested_target, AppSource, Page, Settings, Sources, Stored, Theme, SUGGESTED_TARGETS};
pub use settings_migration::migrate_v1;
pub use source_mirror::SourceMirror;
pub use workbench::{Mirrors, Workbench};
