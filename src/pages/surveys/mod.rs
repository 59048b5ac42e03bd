//! The surveys page: input, mapping, settings, KPIs, charts, tables, comments, issues.

use crate::components::comments::CommentsPanel;
use crate::components::issues::{IssueModel, IssuesPanel};
use crate::components::mapped_source::{SourceDrop, SourceMapping};
use crate::components::{kpi_cards::KpiCards, series_table::SeriesTable};

mod charts;
mod settings;

use crate::state::Workbench;
use charts::Charts;
use leptos::prelude::*;
use settings::SettingsPanel;

#[component]
pub fn SurveysPage(wb: Workbench) -> impl IntoView {
    let sv = wb.surveys;
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
        <KpiCards wb=wb kpis=sv.kpis key="surveys" origin=sv.source.origin("survey file") notes=Signal::derive(move || wb.settings.with(crate::state::assumptions::assumptions)) />
        <Charts wb=wb />
        <SettingsPanel wb=wb />
        <SourceMapping store=sv.source title="Survey column mapping" />
        <SeriesTable kpis=sv.kpis testid="surveys" origin=sv.source.origin("survey file") segments_over_time=true />
        <CommentsPanel summary=sv.comments title="Comments" noun="comments" id="comments-h" />
        <IssuesPanel title="Survey data issues" testid="surveys" model=issues />
    }
}
