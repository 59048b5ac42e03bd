//! Surveys state: the survey file's KPIs per period (and per segment), and its comments'
//! sentiment and themes, as Memos.

use super::source_store::Shared;
use super::source_store::SourceStore;
use crate::state::Settings;
use leptos::prelude::*;
use northstar_metrics::comments::{CommentSummary, TOP_THEMES};
use northstar_metrics::source::{Context, Query, Source};
use northstar_metrics::surveys::comments::summarize_comments;
use northstar_metrics::surveys::Surveys;
use northstar_metrics::KpiValue;

#[derive(Clone, Copy)]
pub struct SurveysState {
    pub source: SourceStore<Surveys>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    /// The comments' sentiment and themes: once per file, whatever the settings.
    pub comments: Memo<Option<Shared<CommentSummary>>>,
}

impl SurveysState {
    pub fn new(settings: RwSignal<Settings>, source: SourceStore<Surveys>) -> SurveysState {
        let kpis = Memo::new(move |_| {
            let (period, segment) = settings.with(|s| (s.surveys.period, s.surveys.segment.clone()));
            let kpi = source.kpi.get();
            let Some(d) = source.ok() else { return Shared::new(Vec::new()) };
            Shared::new(Surveys::kpis(&d, &kpi, &Query::new(period).segment(segment), &Context::default()))
        });
        let comments = Memo::new(move |_| {
            let d = source.ok()?;
            Some(Shared::new(summarize_comments(&d, TOP_THEMES))).filter(|s| s.total > 0)
        });
        SurveysState { source, kpis, comments }
    }
}
