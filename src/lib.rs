//! Northstar's browser app (Leptos CSR). `App` only composes; the page's state lives in `state/`
//! (signals over the view models of `northstar_view`), browser glue in `browser/`, and every
//! number comes from `northstar_metrics`, run by `engine/` inside a Web Worker
//! (`browser::worker_host`); `northstar_view::wire` is what the two say to each other.

pub mod browser;
pub mod components;
pub mod engine;
/// How values read: one place, shared with the CLI's table.
pub use northstar_metrics::format;
pub mod pages;
pub mod state;

use leptos::prelude::*;
use northstar_view::Page;

#[component]
pub fn App() -> impl IntoView {
    let has_saved = browser::storage::has_saved_settings();
    let (settings, notice) = browser::storage::load_settings();
    let wb = state::Workbench::with_settings(settings, notice);
    // A share link's settings replace these only when none are saved here (else they ask).
    browser::share_link::receive(wb, has_saved);
    browser::storage::persist_settings(wb);
    browser::theme::follow_theme(wb);
    browser::locale::provide_numbers(wb);
    browser::worker_client::start(wb);
    // The page on its own: a page is built once when chosen, not again on every settings change
    // (which would drop its local state, such as a table's sort order).
    let page = Memo::new(move |_| wb.settings.with(|s| s.page));
    components::glossary::GlossaryOpen::provide();
    let share_open = RwSignal::new(false);
    view! {
        <a class="skip-link" href="#main">"Skip to the content"</a>
        <header class="top">
            <h1>"Northstar"</h1>
            <span class="tagline">"Customer-success KPIs from your own exports, computed on this device. Nothing is uploaded, and no file is stored: a reload starts again from the demo."</span>
            <components::share::ShareButton open=share_open />
            <browser::theme::ThemeSelect wb=wb />
            <browser::locale::LocaleSelect wb=wb />
            <components::glossary::Glossary />
        </header>
        <nav class="tabs" aria-label="Pages">
            {Page::ALL
                .iter()
                .map(|&(page, label)| {
                    view! {
                        <button
                            class="tab"
                            class:active=move || wb.settings.with(|s| s.page == page)
                            aria-pressed=move || wb.settings.with(|s| s.page == page).to_string()
                            data-page=label.to_lowercase()
                            on:click=move |_| wb.update_settings(|s| s.page = page)
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
        <main id="main" tabindex="-1">
            <components::print_header::PrintHeader wb=wb />
            <components::notices::Notices wb=wb />
            <components::share::SharedNotices wb=wb />
            <components::share::SharePanel wb=wb open=share_open />
            {move || view! { <components::demo_banner::DemoBanner wb=wb page=page.get() /> }}
            {move || match page.get() {
                Page::Scorecard => view! { <pages::scorecard::ScorecardPage wb=wb /> }.into_any(),
                Page::Revenue => view! { <pages::revenue::RevenuePage wb=wb /> }.into_any(),
                Page::Surveys => view! { <pages::surveys::SurveysPage wb=wb /> }.into_any(),
                Page::Support => view! { <pages::support::SupportPage wb=wb /> }.into_any(),
                Page::Product => view! { <pages::product::ProductPage wb=wb /> }.into_any(),
                Page::Orders => view! { <pages::orders::OrdersPage wb=wb /> }.into_any(),
                Page::Acquisition => view! { <pages::acquisition::AcquisitionPage wb=wb /> }.into_any(),
                Page::Health => view! { <pages::health::HealthPage wb=wb /> }.into_any(),
                Page::Customers => view! { <pages::customers::CustomersPage wb=wb /> }.into_any(),
            }}
        </main>
    }
}
