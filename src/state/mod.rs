//! UI state: one store of signals with verb methods, and every derived value as a Memo over the
//! metrics crate. Effects live in `browser/` and only talk to the outside world.

pub mod mapped_file;
pub mod models;
pub mod product;
pub mod product_models;
pub mod revenue;
pub mod revenue_models;
pub mod support;
pub mod support_models;
mod settings;
mod workbench;

pub use revenue::{Revenue, SegmentOption};
pub use settings::{Page, RevenueSettings, Settings, SupportSettings};
pub use product::Product;
pub use support::Support;
pub use workbench::{summary_of, LoadedFile, Shared, Workbench};
