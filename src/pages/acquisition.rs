//! The acquisition page: a marketing funnel sheet and the accounts list in; conversion, trial to
//! paid, CAC, LTV:CAC, CAC payback, retention cost, referral share and referrals out, with the
//! funnel of the latest period and CAC and LTV:CAC over time.

use crate::browser::chart_canvas::ChartCanvas;
use crate::components::choice_setting::{BreakdownSetting, PeriodSetting};
use crate::components::issues::{IssueModel, IssuesPanel};
use crate::components::kpi_cards::KpiCards;
use crate::components::mapped_source::{SourceDrop, SourceMapping};
use crate::components::series_table::SeriesTable;
use crate::components::setting_input::SettingInput;
use crate::state::SourceMirror;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_charts::{draw_funnel, draw_lines, ACCENT, VIOLET};
use northstar_metrics::funnel::Funnel;
use northstar_metrics::Granularity;
use northstar_metrics::KpiValue;
use northstar_view::models::lines::{lines, Line};
use northstar_view::pages::acquisition::Stages;
use northstar_view::pages::PageKpis;
use northstar_view::Shared;

const FUNNEL_CARDS: [&str; 6] = ["conversion_rate", "trial_to_paid_rate", "cac", "ltv_to_cac", "cac_payback_months", "customer_retention_cost"];
const REFERRAL_CARDS: [&str; 2] = ["referral_share", "referrals"];
const PERIODS: [Granularity; 3] = [Granularity::Month, Granularity::Quarter, Granularity::Year];

/// The acquisition page's sources and the Memos of its results.
#[derive(Clone, Copy)]
struct AcquisitionPageState {
    source: SourceMirror<Funnel>,
    /// The funnel's KPIs and the accounts' referral KPIs, for the table.
    kpis: Memo<Shared<Vec<KpiValue>>>,
    funnel: Memo<Shared<Vec<KpiValue>>>,
    referrals: Memo<Shared<Vec<KpiValue>>>,
    breakdown: Memo<Shared<Vec<KpiValue>>>,
    stages: Memo<Stages>,
}

impl AcquisitionPageState {
    fn of(wb: Workbench) -> AcquisitionPageState {
        let p = wb.pages.acquisition;
        AcquisitionPageState {
            source: wb.sources.funnel,
            kpis: p.memo(|r| Shared::new(r.kpi_values())),
            funnel: p.kpis(|r| &r.funnel),
            referrals: p.kpis(|r| &r.referrals),
            breakdown: p.kpis(|r| &r.breakdown),
            stages: p.memo(|r| r.stages.clone()),
        }
    }
}

#[component]
fn AcquisitionCharts(wb: Workbench) -> impl IntoView {
    let numbers = crate::state::numbers();
    let a = AcquisitionPageState::of(wb);
    let origin = a.source.origin("funnel sheet");
    let why = move |missing: &'static str| Signal::derive(move || origin.with(|o| northstar_view::cards::why_empty(o, missing)));
    let funnel = a.stages;
    let cac = Memo::new(move |_| {
        let targets = wb.settings.with(|s| s.targets.clone());
        let l = [
            Line { name: "CAC", id: "cac", color: ACCENT, secondary: false, scale: 1.0 },
            Line { name: "LTV:CAC (right axis)", id: "ltv_to_cac", color: VIOLET, secondary: true, scale: 1.0 },
        ];
        a.funnel.with(|k| lines(k, "cac", &l, &targets))
    });
    view! {
        <section class="panel" aria-label="Acquisition charts">
            <h2>"Funnel, CAC and LTV:CAC"</h2>
            <div class="charts two">
                <ChartCanvas model=funnel draw={|a, (period, stages)| draw_funnel(a, &format!("Funnel, {period}"), stages)} width=640 height=320 chart="funnel" why_empty=why("no funnel stages") label="Marketing funnel of the latest month" />
                <ChartCanvas model=cac draw={move |a, (labels, series)| draw_lines(a, "CAC and LTV:CAC", labels, series, move |y| numbers.number(y, 1))} width=640 height=320 chart="cac" why_empty=why("no CAC: it needs acquisition spend and new customers") label="CAC and LTV:CAC per period" />
            </div>
            <p class="source-line">"LTV comes from the Revenue page's subscriptions when they are loaded, else from the Orders page's simple CLV; each LTV:CAC card says which."</p>
        </section>
    }
}

#[component]
fn AcquisitionSettingsPanel(wb: Workbench) -> impl IntoView {
    let s = wb.settings;
    let columns = Memo::new(move |_| wb.sources.funnel.view.with(|v| v.segments.clone()));
    view! {
        <section class="panel" aria-label="Acquisition settings">
            <h2>"Settings"</h2>
            <div class="settings-grid">
                <PeriodSetting wb=wb label="Period" key="acquisition_period" granularities=&PERIODS get=|st| st.acquisition.period set=|st, g| st.acquisition.period = g />
                <BreakdownSetting wb=wb key="acquisition_breakdown" columns=columns get=|st| &st.acquisition.breakdown set=|st| &mut st.acquisition.breakdown />
                <SettingInput
                    wb=wb
                    label="Gross margin (CAC payback)"
                    key="funnel_gross_margin"
                    value=Signal::derive(move || s.with(|st| st.sources.funnel.settings.kpi.gross_margin.to_string()))
                    apply=|st, v| st.sources.funnel.apply("gross_margin", v)
                />
            </div>
        </section>
    }
}

#[component]
pub fn AcquisitionPage(wb: Workbench) -> impl IntoView {
    let a = AcquisitionPageState::of(wb);
    let (funnel, accounts) = (wb.sources.funnel, wb.sources.accounts);
    let issues = Signal::derive(move || {
        let mut m = IssueModel::default();
        funnel.view.with(|v| m.add("Funnel", v));
        accounts.view.with(|v| m.add("Accounts", v));
        m
    });
    view! {
        <div class="input-pair">
            <SourceDrop
                store=funnel
                title="Marketing funnel sheet"
                hint="Drop a monthly sheet: month, visitors, sign-ups, trials, new paying customers, acquisition spend, retention spend (one row per month, or per month and channel)."
            />
            <SourceDrop
                store=accounts
                title="Accounts (for referrals)"
                hint="Drop an account list with the channel each account came from, its acquisition date and who referred it."
            />
        </div>
        <KpiCards wb=wb kpis=a.funnel ids=&FUNNEL_CARDS key="acquisition" origin=a.source.origin("funnel sheet") />
        <AcquisitionCharts wb=wb />
        <section class="panel" aria-label="Referrals">
            <h2>"Referrals"</h2>
            <KpiCards wb=wb kpis=a.referrals ids=&REFERRAL_CARDS key="referrals" origin=accounts.origin("accounts file (on the Revenue page)") />
        </section>
        <AcquisitionSettingsPanel wb=wb />
        <SourceMapping store=funnel title="Funnel column mapping" />
        <SeriesTable kpis=a.kpis testid="funnel" breakdown=Signal::from(a.breakdown) origin=a.source.origin("funnel sheet") />
        <IssuesPanel title="Acquisition data issues" testid="acquisition" model=issues />
    }
}
