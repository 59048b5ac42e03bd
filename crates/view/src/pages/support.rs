//! The support page: its results (KPIs, the agent table, the subjects' themes), its view choices and its charts' and table's models.

use super::PageKpis;
use crate::models::tables::{SortColumn, SortRow};
use northstar_charts::{LineSeries, ACCENT, BAD, ORANGE, TEAL, VIOLET};
use northstar_metrics::comments::CommentSummary;
use northstar_metrics::kpi::Unit;
use northstar_metrics::Granularity;
use northstar_metrics::KpiValue;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SupportResults {
    pub kpis: Vec<KpiValue>,
    /// The periods the agent table can cover, latest first, and the one it covers now.
    pub agent_periods: Vec<String>,
    pub agent_period: Option<String>,
    pub agents: Vec<KpiValue>,
    /// The ticket subjects' sentiment and themes, when the file has subjects.
    pub subjects: Option<CommentSummary>,
}

impl PageKpis for SupportResults {
    fn kpi_values(&self) -> Vec<KpiValue> {
        self.kpis.clone()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SupportView {
    pub period: Granularity,
    /// A column (agent, channel, group…) to break every ticket KPI down by.
    pub breakdown: Option<String>,
    /// The period the agent table covers (a label such as `2024-03`); none for the whole file.
    pub agent_period: Option<String>,
}

pub fn periods(kpis: &[KpiValue]) -> Vec<String> {
    kpis.iter().filter(|k| k.segment.is_none() && k.id == "ticket_volume").map(|k| k.period.clone()).collect()
}

fn series(kpis: &[KpiValue], labels: &[String], id: &str) -> Vec<Option<f64>> {
    labels.iter().map(|p| kpis.iter().find(|k| k.segment.is_none() && k.id == id && &k.period == p).and_then(|k| k.value)).collect()
}

pub fn volume_and_backlog(kpis: &[KpiValue]) -> (Vec<String>, Vec<LineSeries>) {
    let labels = periods(kpis);
    let out = vec![
        LineSeries { name: "Created".into(), color: ACCENT, values: series(kpis, &labels, "ticket_volume"), target: None, secondary: false },
        LineSeries { name: "Backlog at period end".into(), color: ORANGE, values: series(kpis, &labels, "backlog"), target: None, secondary: false },
    ];
    (labels, out)
}

/// Median and p90 of first response and resolution hours; the SLA is drawn on the first-response median.
pub fn response_times(kpis: &[KpiValue], sla_hours: f64) -> (Vec<String>, Vec<LineSeries>) {
    let labels = periods(kpis);
    let line = |name: &str, id: &str, color, target| LineSeries { name: name.into(), color, values: series(kpis, &labels, id), target, secondary: false };
    let out = vec![
        line("First response, median (SLA line)", "first_response_time_median", ACCENT, Some(sla_hours)),
        line("First response, p90", "first_response_time_p90", TEAL, None),
        line("Resolution, median", "resolution_time_median", VIOLET, None),
        line("Resolution, p90", "resolution_time_p90", BAD, None),
    ];
    (labels, out)
}

/// The per-agent table's columns.
pub const AGENT_COLUMNS: [SortColumn; 7] = [
    SortColumn { id: "ticket_volume", heading: "Tickets", unit: Unit::Count },
    SortColumn { id: "first_response_time_median", heading: "First response, median (h)", unit: Unit::Hours },
    SortColumn { id: "resolution_time_median", heading: "Resolution, median (h)", unit: Unit::Hours },
    SortColumn { id: "resolution_time_p90", heading: "Resolution, p90 (h)", unit: Unit::Hours },
    SortColumn { id: "first_contact_resolution_rate", heading: "FCR", unit: Unit::Rate },
    SortColumn { id: "sla_first_response_rate", heading: "Within SLA", unit: Unit::Rate },
    SortColumn { id: "agent_rating_avg", heading: "Rating", unit: Unit::Score },
];

/// A row per agent (segment), with the values of [`AGENT_COLUMNS`].
pub fn agent_rows(kpis: &[KpiValue]) -> Vec<SortRow> {
    let mut agents: Vec<&str> = Vec::new();
    for k in kpis {
        if let Some(s) = k.segment.as_deref() {
            if !agents.contains(&s) {
                agents.push(s);
            }
        }
    }
    agents
        .into_iter()
        .map(|a| {
            let values = AGENT_COLUMNS.iter().map(|c| kpis.iter().find(|k| k.segment.as_deref() == Some(a) && k.id == c.id).and_then(|k| k.value)).collect();
            SortRow { key: a.to_string(), values }
        })
        .collect()
}
