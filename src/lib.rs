//! Northstar's browser app (Leptos CSR). `App` only composes; state lives in `state/`, browser
//! glue in `browser/`, and every number comes from `northstar_metrics`.

pub mod browser;
pub mod components;
pub mod format;
pub mod pages;
pub mod state;

use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let wb = state::Workbench::new();
    browser::storage::persist_settings(wb);
    view! {
        <header class="top">
            <h1>"Northstar"</h1>
            <span class="tagline">"Customer-success KPIs from your own exports, computed on this device. Nothing is uploaded."</span>
        </header>
        <main>
            <components::notices::Notices wb=wb />
            <pages::surveys::SurveysPage wb=wb />
        </main>
    }
}
