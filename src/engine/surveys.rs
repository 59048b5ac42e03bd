//! Surveys state: the survey file's KPIs per period (and per segment), and its comments'
//! sentiment and themes, as Memos.

use super::source_store::SourceStore;
use super::{overall_of, Engine, PageEngine, PageOf, Stores};
use leptos::prelude::*;
use northstar_charts::{DistributionBar, Tone};
use northstar_metrics::comments::{CommentSummary, TOP_THEMES};
use northstar_metrics::source::{Context, Query, Source, SourceId};
use northstar_metrics::surveys::comments::summarize_comments;
use northstar_metrics::surveys::{score_distribution, Kind, SurveyData, SurveyKpi, Surveys};
use northstar_metrics::KpiValue;
use northstar_view::pages::surveys::SurveysResults;
use northstar_view::{Settings, Shared};

#[derive(Clone, Copy)]
pub struct SurveysState {
    pub source: SourceStore<Surveys>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    /// The comments' sentiment and themes: once per file, whatever the settings.
    pub comments: Memo<Option<Shared<CommentSummary>>>,
}

impl SurveysState {
    pub fn new(settings: RwSignal<Settings>, stores: Stores) -> SurveysState {
        let source = stores.surveys;
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

/// Bars for the score distribution of one kind, coloured by what each answer counts as.
pub fn distribution(data: &SurveyData, settings: &SurveyKpi, kind: Kind) -> Vec<DistributionBar> {
    let (promoter, detractor) = data.scale_of(Kind::Nps).nps_cutoffs();
    let satisfied = settings.satisfied_threshold(data.scale_of(Kind::Csat));
    score_distribution(data, kind)
        .into_iter()
        .map(|(score, count)| {
            let tone = match kind {
                Kind::Nps if score >= promoter => Tone::Good,
                Kind::Nps if score <= detractor => Tone::Bad,
                Kind::Csat if score >= satisfied => Tone::Good,
                Kind::Csat => Tone::Bad,
                _ => Tone::Neutral,
            };
            DistributionBar { score, count, tone }
        })
        .collect()
}

impl PageOf for SurveysResults {
    type Engine = SurveysState;
}

impl PageEngine for SurveysState {
    type Results = SurveysResults;
    fn results(&self, engine: &Engine) -> SurveysResults {
        let data = self.source.ok();
        let kinds = data.as_ref().map(|d| d.kinds.clone()).unwrap_or_default();
        let chosen = engine.settings.with_untracked(|s| s.surveys.distribution_kind);
        let shown = chosen.filter(|k| kinds.contains(k)).or_else(|| kinds.first().copied());
        let kpi = self.source.kpi.get_untracked();
        SurveysResults {
            kpis: self.kpis.get_untracked().to_vec(),
            score_kind: data.as_ref().and_then(|d| d.score_kind),
            distribution: data.as_ref().zip(shown).map(|(d, kind)| (kind, distribution(d, &kpi, kind))),
            comments: self.comments.get_untracked().map(|c| (*c).clone()),
            kinds,
        }
    }
    fn overall(&self) -> Vec<(SourceId, Vec<KpiValue>)> {
        vec![(Surveys::ID, overall_of(&self.kpis))]
    }
}
