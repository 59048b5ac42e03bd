//! The surveys page: input, mapping, settings, KPIs, charts, tables, comments, issues, definitions.

use crate::components::{
    charts::Charts, comments::CommentsPanel, definitions::Definitions, issues::IssuesPanel, kpi_cards::KpiCards,
    mapping_panel::MappingPanel, series_table::SeriesTable, settings_panel::SettingsPanel, source_input::SourceInput,
};
use crate::state::Workbench;
use leptos::prelude::*;

#[component]
pub fn SurveysPage(wb: Workbench) -> impl IntoView {
    view! {
        <SourceInput wb=wb />
        <KpiCards wb=wb />
        <Charts wb=wb />
        <SettingsPanel wb=wb />
        <MappingPanel wb=wb />
        <SeriesTable wb=wb />
        <CommentsPanel wb=wb />
        <IssuesPanel wb=wb />
        <Definitions />
    }
}
