//! Orders state: the orders file's KPIs per period, the breakdown of the latest period, and the
//! cohort retention matrix, as Memos.

use super::source_store::SourceStore;
use super::{latest_segments, overall_of, Engine, PageEngine, PageOf, Stores};
use leptos::prelude::*;
use northstar_metrics::cohort::CohortRow;
use northstar_metrics::orders::{cohorts, Orders};
use northstar_metrics::source::{Context, Query, Source, SourceId};
use northstar_metrics::KpiValue;
use northstar_view::pages::orders::OrdersResults;
use northstar_view::{Settings, Shared};

#[derive(Clone, Copy)]
pub struct OrdersState {
    pub source: SourceStore<Orders>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    /// The latest period per value of the breakdown column.
    pub breakdown: Memo<Shared<Vec<KpiValue>>>,
    pub cohorts: Memo<Shared<Vec<CohortRow>>>,
}

impl OrdersState {
    pub fn new(settings: RwSignal<Settings>, stores: Stores) -> OrdersState {
        let source = stores.orders;
        let kpis = Memo::new(move |_| {
            let period = settings.with(|s| s.orders.period);
            let kpi = source.kpi.get();
            let Some(d) = source.ok() else { return Shared::new(Vec::new()) };
            Shared::new(Orders::kpis(&d, &kpi, &Query::new(period), &Context::default()))
        });
        let breakdown = Memo::new(move |_| {
            let (period, column) = settings.with(|s| (s.orders.period, s.orders.breakdown.clone()));
            let kpi = source.kpi.get();
            let (Some(d), Some(column)) = (source.ok(), column) else { return Shared::new(Vec::new()) };
            Shared::new(latest_segments(Orders::kpis(&d, &kpi, &Query::new(period).segment(Some(column)), &Context::default())))
        });
        let cohorts = Memo::new(move |_| {
            let kpi = source.kpi.get();
            Shared::new(source.ok().map(|d| cohorts(&d, &kpi)).unwrap_or_default())
        });
        OrdersState { source, kpis, breakdown, cohorts }
    }
}

impl PageOf for OrdersResults {
    type Engine = OrdersState;
}

impl PageEngine for OrdersState {
    type Results = OrdersResults;
    fn results(&self, _: &Engine) -> OrdersResults {
        OrdersResults {
            kpis: self.kpis.get_untracked().to_vec(),
            breakdown: self.breakdown.get_untracked().to_vec(),
            cohorts: self.cohorts.get_untracked().to_vec(),
        }
    }
    fn overall(&self) -> Vec<(SourceId, Vec<KpiValue>)> {
        vec![(Orders::ID, overall_of(&self.kpis))]
    }
}
