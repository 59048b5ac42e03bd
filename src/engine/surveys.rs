//! Surveys state: the survey file's KPIs per period (and per segment) as Memos.

use super::source_store::Shared;
use super::source_store::SourceStore;
use crate::state::Settings;
use leptos::prelude::*;
use northstar_metrics::source::{Context, Query, Source};
use northstar_metrics::surveys::Surveys;
use northstar_metrics::KpiValue;

#[derive(Clone, Copy)]
pub struct SurveysState {
    pub source: SourceStore<Surveys>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
}

impl SurveysState {
    pub fn new(settings: RwSignal<Settings>, source: SourceStore<Surveys>) -> SurveysState {
        let kpis = Memo::new(move |_| {
            let (period, segment) = settings.with(|s| (s.surveys.period, s.surveys.segment.clone()));
            let kpi = source.kpi.get();
            let Some(d) = source.ok() else { return Shared::new(Vec::new()) };
            Shared::new(Surveys::kpis(&d, &kpi, &Query::new(period).segment(segment), &Context::default()))
        });
        SurveysState { source, kpis }
    }
}
