//! The page's side of each page's results: the worker sends them (see `wire::PageResults`), and
//! each page reads them through these Memos.

use super::source_mirror::SourceMirror;
use crate::engine::Shared;
use crate::wire::{
    AcquisitionResults, OrdersResults, PageResults, ProductResults, RevenueResults, ScorecardResults, SegmentOption, Stages, SupportResults, SurveysResults,
};
use leptos::prelude::*;
use northstar_charts::DistributionBar;
use northstar_metrics::accounts::Accounts;
use northstar_metrics::comments::CommentSummary;
use northstar_metrics::funnel::Funnel;
use northstar_metrics::orders::{CohortRow, Orders};
use northstar_metrics::subscriptions::Subscriptions;
use northstar_metrics::surveys::{Kind, Surveys};
use northstar_metrics::tickets::Tickets;
use northstar_metrics::usage::Usage;
use northstar_metrics::KpiValue;

type Kpis = Memo<Shared<Vec<KpiValue>>>;

/// A memo of one list of KPI values from a page's results.
fn kpis<R: Send + Sync + 'static>(results: RwSignal<R>, pick: fn(&R) -> &Vec<KpiValue>) -> Kpis {
    Memo::new(move |_| results.with(|r| Shared::new(pick(r).clone())))
}

#[derive(Clone, Copy)]
pub struct Revenue {
    pub subs: SourceMirror<Subscriptions>,
    pub accounts: SourceMirror<Accounts>,
    pub results: RwSignal<RevenueResults>,
    pub segment_options: Memo<Vec<SegmentOption>>,
    pub kpis: Kpis,
    pub breakdown: Kpis,
    pub account_kpis: Kpis,
}

impl Revenue {
    pub fn new(subs: SourceMirror<Subscriptions>, accounts: SourceMirror<Accounts>) -> Revenue {
        let results = RwSignal::new(RevenueResults::default());
        Revenue {
            subs,
            accounts,
            results,
            segment_options: Memo::new(move |_| results.with(|r| r.segment_options.clone())),
            kpis: kpis(results, |r| &r.kpis),
            breakdown: kpis(results, |r| &r.breakdown),
            account_kpis: kpis(results, |r| &r.account_kpis),
        }
    }
}

#[derive(Clone, Copy)]
pub struct OrdersState {
    pub source: SourceMirror<Orders>,
    pub results: RwSignal<OrdersResults>,
    pub kpis: Kpis,
    pub breakdown: Kpis,
    pub cohorts: Memo<Shared<Vec<CohortRow>>>,
}

impl OrdersState {
    pub fn new(source: SourceMirror<Orders>) -> OrdersState {
        let results = RwSignal::new(OrdersResults::default());
        OrdersState {
            source,
            results,
            kpis: kpis(results, |r| &r.kpis),
            breakdown: kpis(results, |r| &r.breakdown),
            cohorts: Memo::new(move |_| results.with(|r| Shared::new(r.cohorts.clone()))),
        }
    }
}

#[derive(Clone, Copy)]
pub struct Acquisition {
    pub source: SourceMirror<Funnel>,
    pub results: RwSignal<AcquisitionResults>,
    /// The funnel's KPIs and the accounts' referral KPIs, for the table.
    pub kpis: Kpis,
    pub funnel: Kpis,
    pub accounts: Kpis,
    pub breakdown: Kpis,
    pub stages: Memo<Stages>,
}

impl Acquisition {
    pub fn new(source: SourceMirror<Funnel>) -> Acquisition {
        let results = RwSignal::new(AcquisitionResults::default());
        let of_source =
            move |name: &'static str| Memo::new(move |_| results.with(|r| Shared::new(r.kpis.iter().filter(|k| k.source == name).cloned().collect())));
        Acquisition {
            source,
            results,
            kpis: kpis(results, |r| &r.kpis),
            funnel: of_source("funnel"),
            accounts: of_source("accounts"),
            breakdown: kpis(results, |r| &r.breakdown),
            stages: Memo::new(move |_| results.with(|r| r.stages.clone())),
        }
    }
}

#[derive(Clone, Copy)]
pub struct Support {
    pub source: SourceMirror<Tickets>,
    pub results: RwSignal<SupportResults>,
    pub kpis: Kpis,
    pub agent_periods: Memo<Vec<String>>,
    pub agent_period: Memo<Option<String>>,
    pub agents: Kpis,
    pub subjects: Memo<Option<CommentSummary>>,
}

impl Support {
    pub fn new(source: SourceMirror<Tickets>) -> Support {
        let results = RwSignal::new(SupportResults::default());
        Support {
            source,
            results,
            kpis: kpis(results, |r| &r.kpis),
            agent_periods: Memo::new(move |_| results.with(|r| r.agent_periods.clone())),
            agent_period: Memo::new(move |_| results.with(|r| r.agent_period.clone())),
            agents: kpis(results, |r| &r.agents),
            subjects: Memo::new(move |_| results.with(|r| r.subjects.clone())),
        }
    }
}

#[derive(Clone, Copy)]
pub struct Product {
    pub source: SourceMirror<Usage>,
    pub results: RwSignal<ProductResults>,
    /// Every KPI but the per-customer consumption rows.
    pub kpis: Kpis,
    pub consumption: Memo<(String, Vec<super::models::SortRow>)>,
    pub features: Memo<Vec<String>>,
}

impl Product {
    pub fn new(source: SourceMirror<Usage>) -> Product {
        let results = RwSignal::new(ProductResults::default());
        Product {
            source,
            results,
            kpis: kpis(results, |r| &r.kpis),
            consumption: Memo::new(move |_| results.with(|r| r.consumption.clone())),
            features: Memo::new(move |_| results.with(|r| r.features.clone())),
        }
    }
}

#[derive(Clone, Copy)]
pub struct SurveysState {
    pub source: SourceMirror<Surveys>,
    pub results: RwSignal<SurveysResults>,
    pub kpis: Kpis,
    pub kinds: Memo<Vec<Kind>>,
    pub score_kind: Memo<Option<Kind>>,
    pub distribution: Memo<Option<(Kind, Vec<DistributionBar>)>>,
    pub comments: Memo<Option<CommentSummary>>,
}

impl SurveysState {
    pub fn new(source: SourceMirror<Surveys>) -> SurveysState {
        let results = RwSignal::new(SurveysResults::default());
        SurveysState {
            source,
            results,
            kpis: kpis(results, |r| &r.kpis),
            kinds: Memo::new(move |_| results.with(|r| r.kinds.clone())),
            score_kind: Memo::new(move |_| results.with(|r| r.score_kind)),
            distribution: Memo::new(move |_| results.with(|r| r.distribution.clone())),
            comments: Memo::new(move |_| results.with(|r| r.comments.clone())),
        }
    }
}

/// The scorecard: every source's overall values, as the worker sent them.
#[derive(Clone, Copy)]
pub struct ScorecardState {
    pub results: RwSignal<ScorecardResults>,
}

impl Default for ScorecardState {
    fn default() -> Self {
        ScorecardState { results: RwSignal::new(ScorecardResults::default()) }
    }
}

/// The Health and Customers pages' results, as the worker sent them.
#[derive(Clone, Copy)]
pub struct HealthPages {
    pub health: RwSignal<crate::wire::HealthResults>,
    pub customers: RwSignal<crate::wire::CustomersResults>,
    pub kpis: Kpis,
}

impl Default for HealthPages {
    fn default() -> Self {
        let health = RwSignal::new(crate::wire::HealthResults::default());
        HealthPages { health, customers: RwSignal::new(Default::default()), kpis: kpis(health, |r| &r.kpis) }
    }
}

/// Puts a page's results where its page reads them.
pub fn receive(pages: &super::Workbench, results: PageResults) {
    match results {
        PageResults::Scorecard(r) => pages.scorecard.results.set(r),
        PageResults::Revenue(r) => pages.revenue.results.set(r),
        PageResults::Orders(r) => pages.orders.results.set(r),
        PageResults::Acquisition(r) => pages.acquisition.results.set(r),
        PageResults::Support(r) => pages.support.results.set(r),
        PageResults::Product(r) => pages.product.results.set(r),
        PageResults::Surveys(r) => pages.surveys.results.set(r),
        PageResults::Health(r) => pages.health.health.set(r),
        PageResults::Customers(r) => pages.health.customers.set(r),
    }
}
