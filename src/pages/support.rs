//! The support page: tickets input, KPI cards, volume/backlog and response-time charts with the
//! SLA line, the sortable per-agent table, the subjects' sentiment and themes, settings, mapping,
//! every period, and issues.

use crate::browser::chart_canvas::ChartCanvas;
use crate::components::choice_setting::{optional, BreakdownSetting, ChoiceSetting, FileValueSetting, PeriodSetting};
use crate::components::comments::CommentsPanel;
use crate::components::issues::{IssueModel, IssuesPanel};
use crate::components::kpi_cards::KpiCards;
use crate::components::mapped_source::{SourceDrop, SourceMapping};
use crate::components::series_table::SeriesTable;
use crate::components::setting_input::SettingInput;
use crate::components::sortable_table::SortableTable;
use crate::state::SourceMirror;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_charts::draw_lines;
use northstar_metrics::comments::CommentSummary;
use northstar_metrics::tickets::settings::ResolutionEvent;
use northstar_metrics::tickets::Tickets;
use northstar_metrics::Granularity;
use northstar_metrics::KpiValue;
use northstar_view::pages::support::{agent_rows, response_times, volume_and_backlog, AGENT_COLUMNS};
use northstar_view::Shared;

const CARDS: [&str; 10] = [
    "ticket_volume",
    "backlog",
    "first_response_time_median",
    "first_response_time_p90",
    "resolution_time_median",
    "resolution_time_p90",
    "first_contact_resolution_rate",
    "sla_first_response_rate",
    "agent_rating_avg",
    "repeat_contact_rate",
];

/// The support page's source and the Memos of its results.
#[derive(Clone, Copy)]
struct SupportPageState {
    source: SourceMirror<Tickets>,
    kpis: Memo<Shared<Vec<KpiValue>>>,
    agent_periods: Memo<Vec<String>>,
    agent_period: Memo<Option<String>>,
    agents: Memo<Shared<Vec<KpiValue>>>,
    subjects: Memo<Option<CommentSummary>>,
}

impl SupportPageState {
    fn of(wb: Workbench) -> SupportPageState {
        let p = wb.pages.support;
        SupportPageState {
            source: wb.sources.tickets,
            kpis: p.kpis(|r| &r.kpis),
            agent_periods: p.memo(|r| r.agent_periods.clone()),
            agent_period: p.memo(|r| r.agent_period.clone()),
            agents: p.kpis(|r| &r.agents),
            subjects: p.memo(|r| r.subjects.clone()),
        }
    }
}

#[component]
fn SupportCharts(wb: Workbench) -> impl IntoView {
    let numbers = crate::state::numbers();
    let sp = SupportPageState::of(wb);
    let origin = sp.source.origin("tickets file");
    let why = move |missing: &'static str| Signal::derive(move || origin.with(|o| northstar_view::cards::why_empty(o, missing)));
    let volume = Memo::new(move |_| sp.kpis.with(|k| volume_and_backlog(k)));
    let times = Memo::new(move |_| {
        let sla = wb.settings.with(|s| s.sources.tickets.settings.kpi.sla_hours);
        sp.kpis.with(|k| response_times(k, sla))
    });
    view! {
        <section class="panel" aria-label="Support charts">
            <h2>"Volume, backlog and response times"</h2>
            <div class="charts two">
                <ChartCanvas model=volume draw={move |a, (labels, series)| draw_lines(a, "Tickets created and backlog", labels, series, move |y| numbers.number(y, 0))} width=640 height=320 chart="volume" why_empty=why("no tickets") label="Tickets created and backlog over time" />
                <div>
                    <ChartCanvas model=times draw={move |a, (labels, series)| draw_lines(a, "Hours to first response and to resolution", labels, series, move |y| numbers.number(y, 0))} width=640 height=320 chart="times" why_empty=why("no first-response or resolution times") label="First response and resolution times over time" />
                    <p class="source-line">"The faint line is the first-response SLA target."</p>
                </div>
            </div>
        </section>
    }
}

#[component]
fn AgentTable(wb: Workbench) -> impl IntoView {
    let sp = SupportPageState::of(wb);
    let rows = Memo::new(move |_| sp.agents.with(|k| agent_rows(k)));
    let period = Signal::derive(move || sp.agent_period.get().unwrap_or_else(|| "all".into()));
    view! {
        <section class="panel" aria-label="Agents">
            <h2>"Agents, " {move || sp.agent_period.get().unwrap_or_else(|| "whole file".into())}</h2>
            <div class="settings-grid">
                <ChoiceSetting
                    wb=wb
                    label="Over"
                    key="agent_period"
                    choices=Signal::derive(move || optional("the whole file", sp.agent_periods.get()))
                    value=Signal::derive(move || sp.agent_period.get().unwrap_or_default())
                    apply=|st, v| {
                        st.support.agent_period = (!v.is_empty()).then(|| v.to_string());
                        Ok(())
                    }
                />
            </div>
            <p class="source-line">"Click a heading to sort. Tickets, first response and SLA count the tickets created in the period; resolution, FCR and rating those resolved in it."</p>
            <div class="scroll" tabindex="0" role="region" aria-label="Scrollable table">
                <SortableTable rows=rows columns=&AGENT_COLUMNS key_heading="Agent" period=period testid="agent-table" initial=(0, true) empty=Signal::derive(move || sp.source.origin("tickets file").with(|o| northstar_view::cards::why_empty(o, "no agent column, or no ticket in this period"))) />
            </div>
        </section>
    }
}

#[component]
fn SupportSettingsPanel(wb: Workbench) -> impl IntoView {
    let s = wb.settings;
    let columns = Memo::new(move |_| wb.sources.tickets.view.with(|v| v.segments.clone()));
    // An event log's own activities, with their counts, for the two activity settings.
    let activities = move |key: &'static str| {
        Signal::derive(move || wb.sources.tickets.view.with(|v| v.choices.iter().find(|(k, _)| k == key).map(|(_, values)| values.clone())))
    };
    view! {
        <section class="panel" aria-label="Support settings">
            <h2>"Settings"</h2>
            <div class="settings-grid">
                <PeriodSetting wb=wb label="Period" key="support_period" granularities=&[Granularity::Day, Granularity::Week, Granularity::Month, Granularity::Quarter, Granularity::Year] get=|st| st.support.period set=|st, g| st.support.period = g />
                <BreakdownSetting wb=wb key="support_breakdown" columns=columns get=|st| &st.support.breakdown set=|st| &mut st.support.breakdown />
                <SettingInput wb=wb label="First-response SLA (hours)" key="sla_hours" numeric=true value=Signal::derive(move || s.with(|st| st.sources.tickets.settings.kpi.sla_hours.to_string())) apply=|st, v| st.sources.tickets.apply("sla_hours", v) />
                <SettingInput wb=wb label="FCR: at most replies" key="fcr_max_replies" numeric=true value=Signal::derive(move || s.with(|st| st.sources.tickets.settings.kpi.fcr_max_replies.to_string())) apply=|st, v| st.sources.tickets.apply("fcr_max_replies", v) />
                <SettingInput wb=wb label="FCR: at most reopens" key="fcr_max_reopens" numeric=true value=Signal::derive(move || s.with(|st| st.sources.tickets.settings.kpi.fcr_max_reopens.to_string())) apply=|st, v| st.sources.tickets.apply("fcr_max_reopens", v) />
                <SettingInput wb=wb label="Repeat contact window (days)" key="repeat_window_days" numeric=true value=Signal::derive(move || s.with(|st| st.sources.tickets.settings.kpi.repeat_window_days.to_string())) apply=|st, v| st.sources.tickets.apply("repeat_window_days", v) />
                <FileValueSetting wb=wb label="Event log: first response activity" key="first_response_activity" values=activities("first_response_activity") value=Signal::derive(move || s.with(|st| st.sources.tickets.settings.ingest.first_response_activity.clone())) apply=|st, v| st.sources.tickets.apply("first_response_activity", v) />
                <FileValueSetting wb=wb label="Event log: resolution activity" key="resolution_activity" values=activities("resolution_activity") value=Signal::derive(move || s.with(|st| st.sources.tickets.settings.ingest.resolution_activity.clone())) apply=|st, v| st.sources.tickets.apply("resolution_activity", v) />
                <ChoiceSetting
                    wb=wb
                    label="Resolution is the"
                    key="resolution_event"
                    choices=vec![("last".to_string(), "last resolution event".to_string()), ("first".to_string(), "first resolution event".to_string())]
                    value=Signal::derive(move || s.with(|st| if st.sources.tickets.settings.ingest.resolution_event == ResolutionEvent::First { "first" } else { "last" }.to_string()))
                    apply=|st, v| st.sources.tickets.apply("resolution_event", v)
                />
            </div>
        </section>
    }
}

#[component]
pub fn SupportPage(wb: Workbench) -> impl IntoView {
    let sp = SupportPageState::of(wb);
    let issues = Signal::derive(move || {
        let mut m = IssueModel::default();
        sp.source.view.with(|v| m.add("Tickets", v));
        m
    });
    view! {
        <SourceDrop
            store=sp.source
            title="Tickets export or event log"
            hint="Drop a Zendesk, Freshdesk or Intercom export, or a ticket event log (ticket id, activity, timestamp, resource)."
        />
        <KpiCards wb=wb kpis=sp.kpis ids=&CARDS key="support" origin=sp.source.origin("tickets file") />
        <SupportCharts wb=wb />
        <AgentTable wb=wb />
        <CommentsPanel summary=sp.subjects title="Ticket subjects" noun="ticket subjects" id="subjects-h" />
        <SupportSettingsPanel wb=wb />
        <SourceMapping store=sp.source title="Tickets column mapping" />
        <SeriesTable kpis=sp.kpis testid="tickets" origin=sp.source.origin("tickets file") />
        <IssuesPanel title="Ticket data issues" testid="tickets" model=issues />
    }
}
