//! The revenue page: subscriptions and accounts inputs, KPI cards, the bridge and trends,
//! settings, mappings, every period, accounts KPIs, and issues.

use crate::components::file_drop::FileDrop;
use crate::components::issues::{IssueModel, IssuesPanel};
use crate::components::kpi_cards::KpiCards;
use crate::components::mapping_table::{column_rows, MappingTable};
use crate::components::revenue_charts::RevenueCharts;
use crate::components::revenue_settings::RevenueSettingsPanel;
use crate::components::series_table::SeriesTable;
use crate::state::{LoadedFile, Workbench};
use leptos::prelude::*;

const CARDS: [&str; 12] = [
    "mrr", "arr", "customers", "nrr", "grr", "customer_churn_rate", "gross_mrr_churn_rate", "arpa", "ltv", "quick_ratio", "renewal_rate", "nrr_12m",
];

fn summary_of<T>(data: &Option<Result<T, String>>, ok: impl Fn(&T) -> String) -> String {
    match data {
        None => "load a file to see its KPIs".into(),
        Some(Err(_)) => "not read: see the mapping".into(),
        Some(Ok(d)) => ok(d),
    }
}

#[component]
pub fn RevenuePage(wb: Workbench) -> impl IntoView {
    let r = wb.revenue;
    let s = wb.settings;
    let currency = Signal::derive(move || r.subs_data.with(|d| d.as_ref().and_then(|d| d.as_ref().ok()).and_then(|d| d.currency.clone())));
    let subs_summary = Signal::derive(move || {
        r.subs_data.with(|d| {
            summary_of(d, |d| {
                format!(
                    "{} rows, {} subscriptions, {} customers; amounts {} ({}); currency {}; {} trials excluded, {} rows skipped",
                    d.data_rows,
                    d.subs.len(),
                    d.customers.len(),
                    d.amount_unit,
                    d.amount_unit_reason,
                    d.currency.as_deref().unwrap_or("not stated"),
                    d.excluded_trials,
                    d.skipped_rows
                )
            })
        })
    });
    let accounts_summary = Signal::derive(move || r.accounts_data.with(|d| summary_of(d, |d| format!("{} accounts, {} rows skipped", d.customers.len(), d.skipped_rows))));
    let subs_rows = Memo::new(move |_| {
        let m = r.subs_mapping.get();
        r.subs_sniff.with(|sn| sn.as_ref().map(|sn| column_rows(sn, |c| m.role_of(c))).unwrap_or_default())
    });
    let accounts_rows = Memo::new(move |_| {
        let m = r.accounts_mapping.get();
        r.accounts_sniff.with(|sn| sn.as_ref().map(|sn| column_rows(sn, |c| m.role_of(c))).unwrap_or_default())
    });
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
            <FileDrop
                title="Subscriptions or MRR export"
                hint="Drop a Stripe subscriptions export, a Baremetrics or ChartMogul-style file, or a monthly MRR sheet."
                testid="subscriptions"
                on_file=move |(name, bytes)| r.subs_file.set(Some(LoadedFile::new_upload(name, bytes)))
                on_error=move |e| wb.load_error.set(Some(e))
                on_demo=move |_| r.subs_file.set(Some(LoadedFile::demo_subscriptions()))
                file_name=Signal::derive(move || r.subs_file.with(|f| f.as_ref().map(|f| f.name.clone())))
                is_demo=Signal::derive(move || r.subs_file.with(|f| f.as_ref().is_some_and(|f| f.is_demo)))
                summary=subs_summary
            />
            <FileDrop
                title="Accounts (optional)"
                hint="Drop an account list with a status (active / churned), a monthly charge and any segment columns."
                testid="accounts"
                on_file=move |(name, bytes)| r.accounts_file.set(Some(LoadedFile::new_upload(name, bytes)))
                on_error=move |e| wb.load_error.set(Some(e))
                on_demo=move |_| r.accounts_file.set(Some(LoadedFile::demo_accounts()))
                file_name=Signal::derive(move || r.accounts_file.with(|f| f.as_ref().map(|f| f.name.clone())))
                is_demo=Signal::derive(move || r.accounts_file.with(|f| f.as_ref().is_some_and(|f| f.is_demo)))
                summary=accounts_summary
            />
        </div>
        {move || filter_note.get().map(|n| view! { <div class="notice" data-notice="filter">{n}</div> })}
        <KpiCards wb=wb kpis=r.kpis ids=&CARDS currency=currency />
        <RevenueCharts wb=wb />
        <RevenueSettingsPanel wb=wb />
        <MappingTable
            title="Subscriptions column mapping"
            testid="subscriptions-mapping"
            roles=&northstar_metrics::subscriptions::mapping::ROLES
            rows=subs_rows
            custom=r.subs_mapping_custom
            error=Signal::derive(move || r.subs_data.with(|d| d.as_ref().and_then(|d| d.as_ref().err().cloned())))
            on_change=move |(column, role): (String, String)| r.set_subscription_role(s, &column, &role)
            on_reset=move |_| r.reset_subscription_mapping(s)
        />
        <SeriesTable kpis=r.kpis testid="subscriptions" breakdown=Signal::from(r.breakdown) />
        <section class="panel" aria-label="Accounts snapshot">
            <h2>"Accounts snapshot"</h2>
            <SeriesTable kpis=r.account_kpis testid="accounts" />
        </section>
        <MappingTable
            title="Accounts column mapping"
            testid="accounts-mapping"
            roles=&northstar_metrics::accounts::ROLES
            rows=accounts_rows
            custom=r.accounts_mapping_custom
            error=Signal::derive(move || r.accounts_data.with(|d| d.as_ref().and_then(|d| d.as_ref().err().cloned())))
            on_change=move |(column, role): (String, String)| r.set_account_role(s, &column, &role)
            on_reset=move |_| r.reset_account_mapping(s)
        />
        <IssuesPanel title="Revenue data issues" testid="revenue" model=issues />
    }
}
