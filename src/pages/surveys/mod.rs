//! The surveys page: input, mapping, settings, KPIs, charts, tables, comments, issues.

use crate::components::comments::CommentsPanel;
use crate::components::issues::{IssueModel, IssuesPanel};
use crate::components::mapped_source::{SourceDrop, SourceMapping};
use crate::components::{kpi_cards::KpiCards, series_table::SeriesTable};

mod charts;
mod settings;

use crate::state::SourceMirror;
use crate::state::Workbench;
use charts::Charts;
use leptos::prelude::*;
use northstar_charts::DistributionBar;
use northstar_metrics::comments::CommentSummary;
use northstar_metrics::surveys::{Kind, Surveys};
use northstar_metrics::KpiValue;
use northstar_view::Shared;
use settings::SettingsPanel;

/// The surveys page's source and the Memos of its results.
#[derive(Clone, Copy)]
pub(crate) struct SurveysPageState {
    pub source: SourceMirror<Surveys>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    pub kinds: Memo<Vec<Kind>>,
    pub score_kind: Memo<Option<Kind>>,
    pub distribution: Memo<Option<(Kind, Vec<DistributionBar>)>>,
    pub comments: Memo<Option<CommentSummary>>,
}

impl SurveysPageState {
    pub fn of(wb: Workbench) -> SurveysPageState {
        let p = wb.pages.surveys;
        SurveysPageState {
            source: wb.sources.surveys,
            kpis: p.kpis(|r| &r.kpis),
            kinds: p.memo(|r| r.kinds.clone()),
            score_kind: p.memo(|r| r.score_kind),
            distribution: p.memo(|r| r.distribution.clone()),
            comments: p.memo(|r| r.comments.clone()),
        }
    }
}

#[component]
pub fn SurveysPage(wb: Workbench) -> impl IntoView {
    let sv = SurveysPageState::of(wb);
    let issues = Signal::derive(move || {
        let mut m = IssueModel::default();
        sv.source.view.with(|v| m.add("Surveys", v));
        m
    });
    view! {
        <SourceDrop
            store=sv.source
            title="Survey export"
            hint="Drop a CSV export here: Delighted, SurveyMonkey, Qualtrics, Typeform, or your own sheet."
        />
        <KpiCards wb=wb kpis=sv.kpis key="surveys" origin=sv.source.origin("survey file") />
        <Charts wb=wb />
        <SettingsPanel wb=wb />
        <SourceMapping store=sv.source title="Survey column mapping" />
        <SeriesTable kpis=sv.kpis testid="surveys" origin=sv.source.origin("survey file") segments_over_time=true />
        <CommentsPanel summary=sv.comments title="Comments" noun="comments" id="comments-h" />
        <IssuesPanel title="Survey data issues" testid="surveys" model=issues />
    }
}
