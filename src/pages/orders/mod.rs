//! The orders page: an orders export (Shopify, Stripe payments, WooCommerce, invoice lines) in,
//! revenue, orders, AOV, purchase frequency, repeat customers and simple CLV out, per period and
//! per segment, with the cohort retention heatmap and its table.

use crate::browser::chart_canvas::ChartCanvas;
use crate::components::choice_setting::{plain, BreakdownSetting, ChoiceSetting, PeriodSetting};
mod cohort_heatmap;

use crate::components::issues::{IssueModel, IssuesPanel};
use crate::components::kpi_cards::KpiCards;
use crate::components::mapped_source::{SourceDrop, SourceMapping};
use crate::components::series_table::SeriesTable;
use crate::components::setting_input::SettingInput;
use crate::state::SourceMirror;
use crate::state::Workbench;
use cohort_heatmap::CohortHeatmap;
use leptos::prelude::*;
use northstar_charts::{draw_lines, ACCENT, TEAL, VIOLET};
use northstar_metrics::cohort::CohortRow;
use northstar_metrics::orders::settings::{CohortPeriod, RefundMode};
use northstar_metrics::orders::Orders;
use northstar_metrics::Granularity;
use northstar_metrics::KpiValue;
use northstar_view::models::lines::{lines, Line};
use northstar_view::Shared;

const CARDS: [&str; 9] = [
    "revenue",
    "orders",
    "active_customers",
    "avg_order_value",
    "purchase_frequency",
    "repeat_customer_rate",
    "revenue_per_customer",
    "sales_growth_per_customer",
    "clv_simple",
];

const PERIODS: [Granularity; 5] = [Granularity::Day, Granularity::Week, Granularity::Month, Granularity::Quarter, Granularity::Year];

/// The orders page's source and the Memos of its results.
#[derive(Clone, Copy)]
pub(crate) struct OrdersPageState {
    pub source: SourceMirror<Orders>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    pub breakdown: Memo<Shared<Vec<KpiValue>>>,
    pub cohorts: Memo<Shared<Vec<CohortRow>>>,
}

impl OrdersPageState {
    pub fn of(wb: Workbench) -> OrdersPageState {
        let p = wb.pages.orders;
        OrdersPageState {
            source: wb.sources.orders,
            kpis: p.kpis(|r| &r.kpis),
            breakdown: p.kpis(|r| &r.breakdown),
            cohorts: p.memo(|r| Shared::new(r.cohorts.clone())),
        }
    }
}

#[component]
fn OrdersCharts(wb: Workbench) -> impl IntoView {
    let numbers = crate::state::numbers();
    let o = OrdersPageState::of(wb);
    let origin = o.source.origin("orders file");
    let why = move |missing: &'static str| Signal::derive(move || origin.with(|o| northstar_view::cards::why_empty(o, missing)));
    let revenue = Memo::new(move |_| {
        let targets = wb.settings.with(|s| s.targets.clone());
        let l = [
            Line { name: "Revenue", id: "revenue", color: ACCENT, secondary: false, scale: 1.0 },
            Line { name: "Orders (right axis)", id: "orders", color: TEAL, secondary: true, scale: 1.0 },
        ];
        o.kpis.with(|k| lines(k, "revenue", &l, &targets))
    });
    let customers = Memo::new(move |_| {
        let targets = wb.settings.with(|s| s.targets.clone());
        let l = [
            Line { name: "Active customers", id: "active_customers", color: ACCENT, secondary: false, scale: 1.0 },
            Line { name: "Repeat customers, % (right axis)", id: "repeat_customer_rate", color: VIOLET, secondary: true, scale: 100.0 },
        ];
        o.kpis.with(|k| lines(k, "active_customers", &l, &targets))
    });
    view! {
        <section class="panel" aria-label="Orders charts">
            <h2>"Revenue, orders and customers"</h2>
            <div class="charts two">
                <ChartCanvas model=revenue draw={move |a, (labels, series)| draw_lines(a, "Revenue and orders", labels, series, move |y| numbers.number(y, 0))} width=640 height=320 chart="orders-revenue" why_empty=why("no orders") label="Revenue and orders per period" />
                <ChartCanvas model=customers draw={move |a, (labels, series)| draw_lines(a, "Active and repeat customers", labels, series, move |y| numbers.number(y, 0))} width=640 height=320 chart="orders-customers" why_empty=why("no customers") label="Active customers and the repeat-customer rate per period" />
            </div>
        </section>
    }
}

#[component]
fn OrdersSettingsPanel(wb: Workbench) -> impl IntoView {
    let s = wb.settings;
    let columns = Memo::new(move |_| wb.sources.orders.view.with(|v| v.segments.clone()));
    view! {
        <section class="panel" aria-label="Orders settings">
            <h2>"Settings"</h2>
            <div class="settings-grid">
                <PeriodSetting wb=wb label="Period" key="orders_period" granularities=&PERIODS get=|st| st.orders.period set=|st, g| st.orders.period = g />
                <BreakdownSetting wb=wb key="orders_breakdown" columns=columns get=|st| &st.orders.breakdown set=|st| &mut st.orders.breakdown />
                <ChoiceSetting
                    wb=wb
                    label="Refunds and cancellations"
                    key="refunds"
                    choices=vec![("exclude".to_string(), "left out (counted)".to_string()), ("net".to_string(), "subtracted from revenue".to_string())]
                    value=Signal::derive(move || s.with(|st| if st.sources.orders.settings.ingest.refunds == RefundMode::Net { "net" } else { "exclude" }.to_string()))
                    apply=|st, v| st.sources.orders.apply("refunds", v)
                />
                <SettingInput
                    wb=wb
                    label="Report currency"
                    key="orders_currency"
                    value=Signal::derive(move || s.with(|st| st.sources.orders.settings.ingest.currency.clone().unwrap_or_default()))
                    apply=|st, v| st.sources.orders.apply("currency", v)
                />
                <SettingInput
                    wb=wb
                    label="Customer lifespan for CLV (years; blank: from churn)"
                    key="lifespan_years"
                    numeric=true
                    value=Signal::derive(move || s.with(|st| st.sources.orders.settings.kpi.lifespan_years.map(|y| y.to_string()).unwrap_or_default()))
                    apply=|st, v| st.sources.orders.apply("lifespan_years", v)
                />
                <ChoiceSetting
                    wb=wb
                    label="Cohorts by first order"
                    key="cohort"
                    choices=plain(&["month", "quarter", "week"])
                    value=Signal::derive(move || s.with(|st| match st.sources.orders.settings.kpi.cohort {
                        CohortPeriod::Month => "month",
                        CohortPeriod::Quarter => "quarter",
                        CohortPeriod::Week => "week",
                    }.to_string()))
                    apply=|st, v| st.sources.orders.apply("cohort", v)
                />
            </div>
        </section>
    }
}

#[component]
pub fn OrdersPage(wb: Workbench) -> impl IntoView {
    let o = OrdersPageState::of(wb);
    let currency = Signal::derive(move || o.source.view.with(|v| v.fact("currency").filter(|c| c != "not stated")));
    let issues = Signal::derive(move || {
        let mut m = IssueModel::default();
        o.source.view.with(|v| m.add("Orders", v));
        m
    });
    view! {
        <SourceDrop
            store=o.source
            title="Orders export"
            hint="Drop an orders export: Shopify, a Stripe payments export, WooCommerce, or invoice lines with quantity and unit price (one row per line is fine)."
        />
        <KpiCards wb=wb kpis=o.kpis ids=&CARDS currency=currency key="orders" origin=o.source.origin("orders file") />
        <OrdersCharts wb=wb />
        <CohortHeatmap wb=wb />
        <OrdersSettingsPanel wb=wb />
        <SourceMapping store=o.source title="Orders column mapping" />
        <SeriesTable kpis=o.kpis testid="orders" breakdown=Signal::from(o.breakdown) origin=o.source.origin("orders file") />
        <IssuesPanel title="Order data issues" testid="orders" model=issues />
    }
}
