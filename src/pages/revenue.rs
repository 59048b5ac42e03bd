//! The revenue page: subscriptions and accounts inputs, KPI cards, the bridge and trends,
//! settings, mappings, every period, accounts KPIs, and issues.

use crate::components::issues::{IssueModel, IssuesPanel};
use crate::components::kpi_cards::KpiCards;
use crate::components::mapped_source::{SourceDrop, SourceMapping};
use crate::components::revenue_charts::RevenueCharts;
use crate::components::revenue_settings::RevenueSettingsPanel;
use crate::components::series_table::SeriesTable;
use crate::state::{summary_of, LoadedFile, Workbench};
use leptos::prelude::*;

const CARDS: [&str; 12] = [
    "mrr", "arr", "customers", "nrr", "grr", "customer_churn_rate", "gross_mrr_churn_rate", "arpa", "ltv", "quick_ratio", "renewal_rate", "nrr_12m",
];

#[component]
pub fn RevenuePage(wb: Workbench) -> impl IntoView {
    let r = wb.revenue;
    let s = wb.settings;
    let currency = Signal::derive(move || r.subs_data.with(|d| d.as_ref().and_then(|d| d.as_ref().ok()).and_then(|d| d.currency.clone())));
    let subs_summary = Signal::derive(move || r.subs_data.with(|d| summary_of(d, |d| d.describe())));
    let accounts_summary = Signal::derive(move || r.accounts_data.with(|d| summary_of(d, |d| d.describe())));
    let issues = Signal::derive(move || {
        let mut m = IssueModel::default();
        r.subs_data.with(|d| {
            if let Some(Ok(d)) = d {
                m.count += d.issue_count;
                m.summary = format!("Subscriptions: {} rows skipped, {} trials and {} rows in another currency excluded from MRR.", d.skipped_rows, d.excluded_trials, d.excluded_currency);
                m.issues.extend(d.issues.iter().cloned());
            }
        });
        r.accounts_data.with(|d| {
            if let Some(Ok(d)) = d {
                m.count += d.issue_count;
                m.summary.push_str(&format!(" Accounts: {} rows skipped.", d.skipped_rows));
                m.issues.extend(d.issues.iter().cloned());
            }
        });
        m
    });
    let filter_note = Signal::derive(move || {
        s.with(|st| st.revenue.filter.clone()).filter(|f| !f.1.is_empty()).map(|(c, v)| format!("Filtered: {c} = {v}. Every KPI and chart below covers only these subscriptions."))
    });
    view! {
        <div class="input-pair">
            <SourceDrop
                wb=wb
                source=r.subs
                title="Subscriptions or MRR export"
                hint="Drop a Stripe subscriptions export, a Baremetrics or ChartMogul-style file, or a monthly MRR sheet."
                testid="subscriptions"
                demo=LoadedFile::demo_subscriptions
                summary=subs_summary
            />
            <SourceDrop
                wb=wb
                source=r.accounts
                title="Accounts (optional)"
                hint="Drop an account list with a status (active / churned), a monthly charge and any segment columns."
                testid="accounts"
                demo=LoadedFile::demo_accounts
                summary=accounts_summary
            />
        </div>
        {move || filter_note.get().map(|n| view! { <div class="notice" data-notice="filter">{n}</div> })}
        <KpiCards wb=wb kpis=r.kpis ids=&CARDS currency=currency />
        <RevenueCharts wb=wb />
        <RevenueSettingsPanel wb=wb />
        <SourceMapping
            source=r.subs
            title="Subscriptions column mapping"
            testid="subscriptions-mapping"
            roles=northstar_metrics::subscriptions::mapping::ROLES
            error=Signal::derive(move || r.subs_data.with(|d| d.as_ref().and_then(|d| d.as_ref().err().cloned())))
        />
        <SeriesTable kpis=r.kpis testid="subscriptions" breakdown=Signal::from(r.breakdown) />
        <section class="panel" aria-label="Accounts snapshot">
            <h2>"Accounts snapshot"</h2>
            <SeriesTable kpis=r.account_kpis testid="accounts" />
        </section>
        <SourceMapping
            source=r.accounts
            title="Accounts column mapping"
            testid="accounts-mapping"
            roles=northstar_metrics::accounts::ROLES
            error=Signal::derive(move || r.accounts_data.with(|d| d.as_ref().and_then(|d| d.as_ref().err().cloned())))
        />
        <IssuesPanel title="Revenue data issues" testid="revenue" model=issues />
    }
}
