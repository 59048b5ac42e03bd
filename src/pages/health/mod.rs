//! The Health page: every loaded source joined to the billing customers. How each file matched
//! (with the rule per source and the keys it could not place), the health KPIs and their charts,
//! the weights beside the back-test they give, and the accounts most at risk.

mod joins;
mod risk;
mod weights;

use crate::browser::chart_canvas::ChartCanvas;
use crate::components::kpi_cards::KpiCards;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_charts::draw_lines;
use northstar_view::cards::Origin;
use northstar_view::pages::health::joined_text;
use northstar_view::pages::health::{band_lines, risk_lines};

/// The KPI ids of the health cards, in order.
const CARDS: &[&str] = &["accounts_red", "accounts_yellow", "accounts_green", "mrr_at_risk", "health_auc", "health_top_decile_lift"];

#[component]
pub fn HealthPage(wb: Workbench) -> impl IntoView {
    let numbers = crate::state::numbers();
    let results = wb.pages.health.results;
    let kpis = wb.pages.health.kpis(|r| &r.kpis);
    let origin = Memo::new(move |_| {
        results.with(|r| match &r.billing {
            None => Origin {
                from: String::new(),
                empty:
                    "No billing customers yet: drop a subscriptions or accounts export on the Revenue page, then tickets, usage, surveys or orders on theirs."
                        .into(),
                extent: None,
            },
            Some(billing) => Origin {
                from: format!(
                    "{} customers from {billing}{}, joined with {}",
                    r.customers,
                    if r.demo { " (demo)" } else { "" },
                    joined_text(&r.loaded, *billing)
                ),
                empty: if r.periods.is_empty() {
                    "Nothing to score yet: a score needs dated data about these customers (subscriptions, usage, tickets or survey answers); these files have no dates to score at.".into()
                } else {
                    "No customer is active in these files.".into()
                },
                extent: r.extent,
            },
        })
    });
    let why = move |missing: &'static str| Signal::derive(move || origin.with(|o| if o.from.is_empty() { o.empty.clone() } else { missing.to_string() }));
    let targets = Memo::new(move |_| wb.settings.with(|s| s.targets.clone()));
    let bands = Memo::new(move |_| kpis.with(|k| band_lines(k)));
    let risk = Memo::new(move |_| kpis.with(|k| targets.with(|t| risk_lines(k, t))));
    view! {
        <joins::JoinPanel wb=wb />
        <section class="panel" aria-labelledby="health-h" data-testid="health-summary">
            <h2 id="health-h">"Account health"</h2>
            <p class="source-line">
                "Each active customer gets a score from 0 to 100 at the end of every month, from whatever your files say about it up to that day: product use, its latest survey answer, its tickets and its MRR. MRR at risk is the MRR of the red customers."
            </p>
            <p class="source-line" data-bands=move || results.with(|r| r.bands.as_ref().map_or(String::new(), |b| format!("{:?}", b.basis).to_lowercase()))>
                {move || results.with(|r| r.bands.as_ref().map(|b| northstar_view::pages::health::bands_text(b, &numbers.style())))}
            </p>
            <KpiCards wb=wb kpis=kpis ids=CARDS key="health" origin=origin />
            <div class="charts">
                <ChartCanvas model=bands draw={move |a, (labels, series)| draw_lines(a, "Accounts per band", labels, series, move |y| numbers.number(y, 0))} width=640 height=320 chart="health-bands" why_empty=why("no customer could be scored: load usage, tickets or surveys that match your customers") label="Red, yellow and green accounts per month" />
                <ChartCanvas model=risk draw={move |a, (labels, series)| draw_lines(a, "MRR at risk, and the score's AUC", labels, series, move |y| numbers.money(y))} width=640 height=320 chart="mrr-at-risk" why_empty=why("no MRR at risk in any month") label="MRR of the red accounts per month" />
            </div>
        </section>
        <weights::WeightsPanel wb=wb />
        <risk::RiskList wb=wb />
    }
}
