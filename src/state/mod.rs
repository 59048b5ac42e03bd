//! UI state: one store of signals with verb methods, and every derived value as a Memo over the
//! metrics crate. Effects live in `browser/` and only talk to the outside world.

pub mod models;
mod settings;
mod workbench;

pub use settings::Settings;
pub use workbench::{LoadedFile, Shared, Workbench};
