//! The surveys page: input, mapping, settings, KPIs, charts, tables, comments, issues.

use crate::components::issues::{IssueModel, IssuesPanel};
use crate::components::{
    charts::Charts, comments::CommentsPanel, kpi_cards::KpiCards, mapping_panel::MappingPanel, series_table::SeriesTable,
    settings_panel::SettingsPanel, source_input::SourceInput,
};
use crate::state::Workbench;
use leptos::prelude::*;

#[component]
pub fn SurveysPage(wb: Workbench) -> impl IntoView {
    let issues = Signal::derive(move || {
        wb.data.with(|d| match d {
            Ok(d) => IssueModel {
                count: d.issue_count,
                summary: format!("{} rows skipped, {} answers skipped.", d.skipped_rows, d.skipped_answers),
                issues: d.issues.clone(),
            },
            Err(_) => IssueModel::default(),
        })
    });
    view! {
        <SourceInput wb=wb />
        <KpiCards wb=wb kpis=wb.kpis />
        <Charts wb=wb />
        <SettingsPanel wb=wb />
        <MappingPanel wb=wb />
        <SeriesTable kpis=wb.kpis testid="surveys" />
        <CommentsPanel wb=wb />
        <IssuesPanel title="Survey data issues" testid="surveys" model=issues />
    }
}
