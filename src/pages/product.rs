//! The product page: usage input, KPI cards, active users over time, feature adoption bars,
//! settings (activation event and window, entitlement), mapping, every period, issues.

use crate::browser::chart_canvas::ChartCanvas;
use crate::components::choice_setting::{optional, ChoiceSetting, PeriodSetting};
use crate::components::issues::{IssueModel, IssuesPanel};
use crate::components::kpi_cards::KpiCards;
use crate::components::mapped_source::{SourceDrop, SourceMapping};
use crate::components::series_table::SeriesTable;
use crate::components::setting_input::SettingInput;
use crate::components::sortable_table::SortableTable;
use crate::state::SourceMirror;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_charts::{draw_bars, draw_lines, LineSeries, ACCENT};
use northstar_metrics::usage::Usage;
use northstar_metrics::Granularity;
use northstar_metrics::KpiValue;
use northstar_view::models::tables::SortRow;
use northstar_view::pages::product::CONSUMPTION_COLUMNS;
use northstar_view::Shared;

const CARDS: [&str; 6] = ["active_users", "stickiness", "avg_session_duration", "engagement_rate", "onboarding_success_rate", "consumption_rate"];

/// The product page's source and the Memos of its results.
#[derive(Clone, Copy)]
struct ProductPageState {
    source: SourceMirror<Usage>,
    kpis: Memo<Shared<Vec<KpiValue>>>,
    consumption: Memo<(String, Vec<SortRow>)>,
    features: Memo<Vec<String>>,
}

impl ProductPageState {
    fn of(wb: Workbench) -> ProductPageState {
        let p = wb.pages.product;
        ProductPageState {
            source: wb.sources.usage,
            kpis: p.kpis(|r| &r.kpis),
            consumption: p.memo(|r| r.consumption.clone()),
            features: p.memo(|r| r.features.clone()),
        }
    }
}

#[component]
fn ProductCharts(wb: Workbench) -> impl IntoView {
    let numbers = crate::state::numbers();
    let origin = wb.sources.usage.origin("usage file");
    let why = move |missing: &'static str| Signal::derive(move || origin.with(|o| northstar_view::cards::why_empty(o, missing)));
    let p = ProductPageState::of(wb);
    let active = Memo::new(move |_| {
        p.kpis.with(|k| {
            let rows: Vec<_> = k.iter().filter(|v| v.id == "active_users" && v.segment.is_none()).collect();
            let labels: Vec<String> = rows.iter().map(|v| v.period.clone()).collect();
            let series =
                vec![LineSeries { name: "Active users".into(), color: ACCENT, values: rows.iter().map(|v| v.value).collect(), target: None, secondary: false }];
            (labels, series)
        })
    });
    let adoption = Memo::new(move |_| {
        p.kpis.with(|k| {
            let last = k.iter().filter(|v| v.segment.is_none()).map(|v| v.period.clone()).next_back().unwrap_or_default();
            let bars: Vec<(String, f64)> =
                k.iter().filter(|v| v.id == "feature_adoption" && v.period == last).filter_map(|v| Some((v.segment.clone()?, v.value?))).collect();
            (last, bars)
        })
    });
    view! {
        <section class="panel" aria-label="Product charts">
            <h2>"Activity and adoption"</h2>
            <div class="charts two">
                <ChartCanvas model=active draw={move |a, (labels, series)| draw_lines(a, "Active users per period", labels, series, move |y| numbers.number(y, 0))} width=640 height=320 chart="active" why_empty=why("no activity") label="Active users over time" />
                <ChartCanvas model=adoption draw={|a, (period, bars)| draw_bars(a, &format!("Feature adoption, {period}"), bars, true)} width=640 height=320 chart="adoption" why_empty=why("no feature or event column") label="Feature adoption in the latest period" />
            </div>
        </section>
    }
}

#[component]
fn ConsumptionTable(wb: Workbench) -> impl IntoView {
    let c = ProductPageState::of(wb).consumption;
    let period = Signal::derive(move || c.with(|(p, _)| p.clone()));
    let rows = Signal::derive(move || c.with(|(_, r)| r.clone()));
    view! {
        <Show when=move || c.with(|(_, r)| !r.is_empty())>
                <section class="panel" aria-label="Consumption by customer">
                    <h2>"Consumption by customer, " {period}</h2>
                    <p class="source-line">"Units each active customer used ÷ units entitled to it (its largest entitlement value in the period, or the setting). Lowest first: unused entitlement is a churn signal; above 100 % is an upsell one. Click a heading to sort."</p>
                    <div class="scroll" tabindex="0" role="region" aria-label="Scrollable table">
                        <SortableTable rows=rows columns=&CONSUMPTION_COLUMNS key_heading="Customer" period=period testid="consumption-table" initial=(2, false) />
                    </div>
                </section>
        </Show>
    }
}

#[component]
fn ProductSettingsPanel(wb: Workbench) -> impl IntoView {
    let s = wb.settings;
    let features = ProductPageState::of(wb).features;
    view! {
        <section class="panel" aria-label="Product settings">
            <h2>"Settings"</h2>
            <div class="settings-grid">
                <PeriodSetting wb=wb label="Period (DAU, WAU, MAU)" key="product_period" granularities=&[Granularity::Day, Granularity::Week, Granularity::Month, Granularity::Quarter] get=|st| st.product.period set=|st, g| st.product.period = g />
                <ChoiceSetting
                    wb=wb
                    label="Activation event"
                    key="activation_event"
                    choices=Signal::derive(move || optional("(none)", features.get()))
                    value=Signal::derive(move || s.with(|st| st.sources.usage.settings.kpi.activation_event.clone().unwrap_or_default()))
                    apply=|st, v| st.sources.usage.apply("activation_event", v)
                />
                <SettingInput wb=wb label="Activation within (days)" key="activation_days" numeric=true value=Signal::derive(move || s.with(|st| st.sources.usage.settings.kpi.activation_days.to_string())) apply=|st, v| st.sources.usage.apply("activation_days", v) />
                <SettingInput wb=wb label="Units entitled per customer (when no column)" key="entitlement" numeric=true value=Signal::derive(move || s.with(|st| st.sources.usage.settings.kpi.entitlement.map(|e| e.to_string()).unwrap_or_default())) apply=|st, v| st.sources.usage.apply("entitlement", v) />
            </div>
            <p class="source-line">"Engagement divides by the paying customers of the Revenue page's subscriptions (or its active accounts), matched by customer id."</p>
        </section>
    }
}

#[component]
pub fn ProductPage(wb: Workbench) -> impl IntoView {
    let p = ProductPageState::of(wb);
    let issues = Signal::derive(move || {
        let mut m = IssueModel::default();
        p.source.view.with(|v| m.add("Usage", v));
        m
    });
    view! {
        <SourceDrop
            store=p.source
            title="Product usage export"
            hint="Drop a usage or event export: user or customer, timestamp, and optionally session duration, event or feature, units and entitlement."
        />
        <KpiCards wb=wb kpis=p.kpis ids=&CARDS key="product" origin=p.source.origin("usage file") />
        <ProductCharts wb=wb />
        <ConsumptionTable wb=wb />
        <ProductSettingsPanel wb=wb />
        <SourceMapping store=p.source title="Usage column mapping" />
        <SeriesTable kpis=p.kpis testid="usage" origin=p.source.origin("usage file") />
        <IssuesPanel title="Usage data issues" testid="usage" model=issues />
    }
}
