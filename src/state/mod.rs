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
pub use settings::{suggested_target, AppSource, LocaleChoice, Page, Settings, Sources, Stored, Theme, SUGGESTED_TARGETS};
pub use settings_migration::migrate_v1;
pub use source_mirror::SourceMirror;
pub use workbench::{Mirrors, Workbench};

/// How numbers read for this reader (the browser's locale or the user's choice), as the page
/// provides it; the plain style where nothing provided one (a component tested alone). Each method
/// reads the style reactively, so text made in a reactive closure follows a change of locale.
#[derive(Clone, Copy)]
pub struct Numbers(pub leptos::prelude::Memo<northstar_metrics::format::Style>);

impl Numbers {
    pub fn style(&self) -> northstar_metrics::format::Style {
        use leptos::prelude::Get;
        self.0.get()
    }
    fn with<T>(&self, f: impl FnOnce(&northstar_metrics::format::Style) -> T) -> T {
        use leptos::prelude::With;
        self.0.with(f)
    }
    pub fn display(&self, unit: northstar_metrics::kpi::Unit, value: Option<f64>) -> String {
        self.with(|s| s.display(unit, value))
    }
    pub fn delta(&self, unit: northstar_metrics::kpi::Unit, d: f64) -> String {
        self.with(|s| s.delta(unit, d))
    }
    pub fn count(&self, n: u64) -> String {
        self.with(|s| s.count(n))
    }
    pub fn number(&self, v: f64, decimals: usize) -> String {
        self.with(|s| s.number(v, decimals))
    }
    pub fn cents(&self, c: i64) -> String {
        self.with(|s| s.cents(c))
    }
    pub fn money(&self, v: f64) -> String {
        self.with(|s| s.money(v))
    }
    pub fn day(&self, d: i32) -> String {
        self.with(|s| s.day(d))
    }
    pub fn has_symbol(&self) -> bool {
        self.with(|s| s.currency.is_some())
    }
}

/// The provided number style.
pub fn numbers() -> Numbers {
    use leptos::prelude::*;
    use_context::<Numbers>().unwrap_or_else(|| Numbers(Memo::new(|_| northstar_metrics::format::Style::default())))
}
