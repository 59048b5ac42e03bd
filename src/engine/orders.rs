//! Orders state: the orders file's KPIs per period, the breakdown of the latest period, and the
//! cohort retention matrix, as Memos.

use super::source_store::Shared;
use super::source_store::SourceStore;
use crate::state::Settings;
use leptos::prelude::*;
use northstar_metrics::orders::{cohorts, CohortRow, Orders};
use northstar_metrics::source::{Context, Query, Source};
use northstar_metrics::KpiValue;

#[derive(Clone, Copy)]
pub struct OrdersState {
    pub source: SourceStore<Orders>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    /// The latest period per value of the breakdown column.
    pub breakdown: Memo<Shared<Vec<KpiValue>>>,
    pub cohorts: Memo<Shared<Vec<CohortRow>>>,
}

impl OrdersState {
    pub fn new(settings: RwSignal<Settings>, source: SourceStore<Orders>) -> OrdersState {
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
            let all = Orders::kpis(&d, &kpi, &Query::new(period).segment(Some(column)), &Context::default());
            let last = all.iter().filter(|k| k.segment.is_none()).map(|k| k.period.clone()).next_back();
            Shared::new(all.into_iter().filter(|k| k.segment.is_some() && Some(&k.period) == last.as_ref()).collect())
        });
        let cohorts = Memo::new(move |_| {
            let kpi = source.kpi.get();
            Shared::new(source.ok().map(|d| cohorts(&d, &kpi)).unwrap_or_default())
        });
        OrdersState { source, kpis, breakdown, cohorts }
    }
}
