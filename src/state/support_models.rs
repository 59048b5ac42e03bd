//! Support view models: volume and backlog lines, response and resolution time lines with the SLA,
//! and the per-agent table rows.

use northstar_charts::{LineSeries, ACCENT, BAD, ORANGE, TEAL, VIOLET};
use northstar_metrics::KpiValue;

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

/// One row of the per-agent table.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentRow {
    pub agent: String,
    /// Values in the order of [`AGENT_COLUMNS`].
    pub values: Vec<Option<f64>>,
}

/// (KPI id, heading) of the per-agent table's columns.
pub const AGENT_COLUMNS: [(&str, &str); 7] = [
    ("ticket_volume", "Tickets"),
    ("first_response_time_median", "First response, median (h)"),
    ("resolution_time_median", "Resolution, median (h)"),
    ("resolution_time_p90", "Resolution, p90 (h)"),
    ("first_contact_resolution_rate", "FCR"),
    ("sla_first_response_rate", "Within SLA"),
    ("agent_rating_avg", "Rating"),
];

/// Rows per agent, sorted by column `by` (descending when `desc`); none sort last.
pub fn agent_rows(kpis: &[KpiValue], by: usize, desc: bool) -> Vec<AgentRow> {
    let mut agents: Vec<String> = Vec::new();
    for k in kpis {
        if let Some(s) = &k.segment {
            if !agents.contains(s) {
                agents.push(s.clone());
            }
        }
    }
    let mut rows: Vec<AgentRow> = agents
        .into_iter()
        .map(|a| {
            let values = AGENT_COLUMNS.iter().map(|(id, _)| kpis.iter().find(|k| k.segment.as_deref() == Some(a.as_str()) && k.id == *id).and_then(|k| k.value)).collect();
            AgentRow { agent: a, values }
        })
        .collect();
    rows.sort_by(|x, y| {
        let (a, b) = (x.values.get(by).copied().flatten(), y.values.get(by).copied().flatten());
        match (a, b) {
            (Some(a), Some(b)) => if desc { b.total_cmp(&a) } else { a.total_cmp(&b) },
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => x.agent.cmp(&y.agent),
        }
    });
    rows
}
