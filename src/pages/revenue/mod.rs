//! The revenue page: subscriptions and accounts inputs, KPI cards, the bridge and trends,
//! settings, mappings, every period, accounts KPIs, and issues.

use crate::components::issues::{IssueModel, IssuesPanel};
use crate::components::kpi_cards::KpiCards;
use crate::components::mapped_source::{SourceDrop, SourceMapping};
mod charts;
mod settings;

use crate::components::series_table::SeriesTable;
use crate::state::Workbench;
use charts::RevenueCharts;
use leptos::prelude::*;
use settings::RevenueSettingsPanel;

const CARDS: [&str; 12] =
    ["mrr", "arr", "customers", "nrr", "grr", "customer_churn_rate", "gross_mrr_churn_rate", "arpa", "ltv", "quick_ratio", "renewal_rate", "nrr_12m"];

#[component]
pub fn RevenuePage(wb: Workbench) -> impl IntoView {
    let r = wb.revenue;
    let s = wb.settings;
    let currency = Signal::derive(move || r.subs.view.with(|v| v.fact("currency")));
    let issues = Signal::derive(move || {
        let mut m = IssueModel::default();
        r.subs.view.with(|v| m.add("Subscriptions", v));
        r.accounts.view.with(|v| m.add("Accounts", v));
        m
    });
    let filter_note = Signal::derive(move || {
        s.with(|st| st.revenue.filter.clone())
            .filter(|f| !f.1.is_empty())
            .map(|(c, v)| format!("Filtered: {c} = {v}. Every KPI and chart below covers only these subscriptions."))
    });
    view! {
        <div class="input-pair">
            <SourceDrop
                store=r.subs
                title="Subscriptions or MRR export"
                hint="Drop a Stripe subscriptions export, a Baremetrics or ChartMogul-style file, or a monthly MRR sheet."
            />
            <SourceDrop
                store=r.accounts
                title="Accounts (optional)"
                hint="Drop an account list with a status (active / churned), a monthly charge, any segment columns, and how each account was won (channel, acquisition cost, date, referrer)."
            />
        </div>
        {move || filter_note.get().map(|n| view! { <div class="notice" data-notice="filter">{n}</div> })}
        <KpiCards wb=wb kpis=r.kpis ids=&CARDS currency=currency />
        <RevenueCharts wb=wb />
        <RevenueSettingsPanel wb=wb />
        <SourceMapping store=r.subs title="Subscriptions column mapping" />
        <SeriesTable kpis=r.kpis testid="subscriptions" breakdown=Signal::from(r.breakdown) />
        <section class="panel" aria-label="Accounts snapshot">
            <h2>"Accounts snapshot"</h2>
            <SeriesTable kpis=r.account_kpis testid="accounts" />
        </section>
        <SourceMapping store=r.accounts title="Accounts column mapping" />
        <IssuesPanel title="Revenue data issues" testid="revenue" model=issues />
    }
}
