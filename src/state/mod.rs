//! The page's UI state: the settings (persisted), and what the engine's worker last sent, as
//! signals with verb methods and Memos over the view models of `northstar_view`. Every KPI is
//! computed in `engine/`, inside the worker. This module knows nothing of the browser: messages
//! for the worker go to the [`Outbox`], which `browser::worker_client` delivers, and effects live
//! in `browser/` and only talk to the outside world.

mod outbox;
mod page_states;
pub mod scorecard;
pub mod share;
pub mod source_mirror;
mod workbench;

pub use outbox::Outbox;
pub use page_states::{PageState, PageStates};
pub use source_mirror::{AnyMirror, Mirrors, SourceMirror};
pub use workbench::Workbench;

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
