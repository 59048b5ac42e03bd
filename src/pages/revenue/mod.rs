//! The revenue page: subscriptions and accounts inputs, KPI cards, the bridge and trends,
//! settings, mappings, every period, accounts KPIs, and issues.

use crate::components::issues::{IssueModel, IssuesPanel};
use crate::components::kpi_cards::KpiCards;
use crate::components::mapped_source::{SourceDrop, SourceMapping};
mod charts;
mod settings;

use crate::components::series_table::SeriesTable;
use crate::state::SourceMirror;
use crate::state::Workbench;
use charts::RevenueCharts;
use leptos::prelude::*;
use northstar_metrics::accounts::Accounts;
use northstar_metrics::subscriptions::Subscriptions;
use northstar_metrics::KpiValue;
use northstar_view::pages::revenue::SegmentOption;
use northstar_view::Shared;
use settings::RevenueSettingsPanel;

/// The cards when only an accounts snapshot is loaded.
const ACCOUNT_CARDS: [&str; 3] = ["account_churn_share", "account_mrr", "account_arpa"];
const CARDS: [&str; 12] =
    ["mrr", "arr", "customers", "nrr", "grr", "customer_churn_rate", "gross_mrr_churn_rate", "arpa", "ltv", "quick_ratio", "renewal_rate", "nrr_12m"];

/// The revenue page's sources and the Memos of its results.
#[derive(Clone, Copy)]
pub(crate) struct Revenue {
    pub subs: SourceMirror<Subscriptions>,
    pub accounts: SourceMirror<Accounts>,
    pub segment_options: Memo<Vec<SegmentOption>>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    pub breakdown: Memo<Shared<Vec<KpiValue>>>,
    pub account_kpis: Memo<Shared<Vec<KpiValue>>>,
}

impl Revenue {
    pub fn of(wb: Workbench) -> Revenue {
        let p = wb.pages.revenue;
        Revenue {
            subs: wb.sources.subscriptions,
            accounts: wb.sources.accounts,
            segment_options: p.memo(|r| r.segment_options.clone()),
            kpis: p.kpis(|r| &r.kpis),
            breakdown: p.kpis(|r| &r.breakdown),
            account_kpis: p.kpis(|r| &r.account_kpis),
        }
    }
}

#[component]
pub fn RevenuePage(wb: Workbench) -> impl IntoView {
    let r = Revenue::of(wb);
    let s = wb.settings;
    let currency = Signal::derive(move || r.subs.view.with(|v| v.fact("currency")));
    let issues = Signal::derive(move || {
        let mut m = IssueModel::default();
        r.subs.view.with(|v| m.add("Subscriptions", v));
        r.accounts.view.with(|v| m.add("Accounts", v));
        m
    });
    // The cards follow what is loaded: the subscriptions when they were read, else the accounts.
    let accounts_only = Memo::new(move |_| {
        let read = |file: bool, error: bool| file && !error;
        let subs = r.subs.view.with(|v| read(v.file.is_some(), v.error.is_some()));
        let accounts = r.accounts.view.with(|v| read(v.file.is_some(), v.error.is_some()));
        !subs && accounts
    });
    let subs_origin = r.subs.origin("subscriptions file");
    let accounts_origin = r.accounts.origin("accounts file");
    let card_kpis = Signal::derive(move || if accounts_only.get() { r.account_kpis.get() } else { r.kpis.get() });
    let card_origin = Signal::derive(move || if accounts_only.get() { accounts_origin.get() } else { subs_origin.get() });
    let accounts_table = move || {
        view! {
            <section class="panel" aria-label="Accounts snapshot">
                <h2>"Accounts snapshot"</h2>
                <p class="source-line">"Churn share, MRR of active accounts and ARPA, broken down by the column chosen under “Break down by”."</p>
                <SeriesTable kpis=r.account_kpis testid="accounts" origin=accounts_origin />
            </section>
        }
    };
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
        {move || {
            let ids: &'static [&'static str] = if accounts_only.get() { &ACCOUNT_CARDS } else { &CARDS };
            view! { <KpiCards wb=wb kpis=card_kpis ids=ids currency=currency key="revenue" origin=card_origin /> }
        }}
        {move || accounts_only.get().then(accounts_table)}
        <RevenueCharts wb=wb />
        <RevenueSettingsPanel wb=wb />
        <SourceMapping store=r.subs title="Subscriptions column mapping" />
        <SeriesTable kpis=r.kpis testid="subscriptions" breakdown=Signal::from(r.breakdown) origin=subs_origin />
        {move || (!accounts_only.get()).then(accounts_table)}
        <SourceMapping store=r.accounts title="Accounts column mapping" />
        <IssuesPanel title="Revenue data issues" testid="revenue" model=issues />
    }
}
