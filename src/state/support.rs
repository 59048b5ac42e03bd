//! Support state: the tickets file and everything derived from it as Memos: sniff, mapping
//! (guessed or remembered per header), typed tickets, KPIs per period, the breakdown, and the
//! whole-file per-agent table.

use super::mapped_file::MappedFile;
use super::settings::Settings;
use super::workbench::{LoadedFile, Shared};
use leptos::prelude::*;
use northstar_metrics::tickets::{infer_ticket_mapping, read_tickets, ticket_kpis, TicketData, TicketMapping};
use northstar_metrics::{Granularity, KpiValue};

#[derive(Clone, Copy)]
pub struct Support {
    pub source: MappedFile<TicketMapping>,
    pub data: Memo<Option<Result<Shared<TicketData>, String>>>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    /// The periods the agent table can cover, latest first.
    pub agent_periods: Memo<Vec<String>>,
    /// The period the agent table covers now: the chosen one while the data has it, else none
    /// (the whole file).
    pub agent_period: Memo<Option<String>>,
    /// Every KPI per agent, over the whole file or `agent_period`.
    pub agents: Memo<Shared<Vec<KpiValue>>>,
}

/// The agent column of the data: the mapped agent, or the resolver of an event log.
fn agent_name(data: &TicketData, mapping: &TicketMapping) -> Option<String> {
    if data.event_log {
        Some("agent".into())
    } else {
        mapping.agent.clone()
    }
}

impl Support {
    pub fn new(settings: RwSignal<Settings>) -> Support {
        let source = MappedFile::new(settings, Some(LoadedFile::demo_tickets()), infer_ticket_mapping, (|s| &s.ticket_mappings, |s| &mut s.ticket_mappings));
        let (file, sniff, mapping) = (source.file, source.sniff, source.mapping);
        let ticket_settings = Memo::new(move |_| settings.with(|s| s.support.tickets.clone()));
        let data = Memo::new(move |_| {
            let s = sniff.get()?;
            let m = mapping.get();
            let st = ticket_settings.get();
            file.with(|f| f.as_ref().map(|f| read_tickets(&f.name, &f.bytes, &s, &m, &st).map(Shared::new).map_err(|e| e.to_string())))
        });
        let ok = move || data.with(|d| d.as_ref().and_then(|d| d.as_ref().ok()).cloned());
        let kpis = Memo::new(move |_| {
            let (period, breakdown) = settings.with(|s| (s.support.period, s.support.breakdown.clone()));
            let st = ticket_settings.get();
            let m = mapping.get();
            let Some(d) = ok() else { return Shared::new(Vec::new()) };
            let segment = breakdown.and_then(|b| d.segments.iter().find(|c| c.name == b));
            let agent = agent_name(&d, &m).and_then(|a| d.segments.iter().find(|c| c.name == a));
            Shared::new(ticket_kpis(&d, &st, period, segment, agent))
        });
        let agent_periods = Memo::new(move |_| {
            let mut labels: Vec<String> = kpis.with(|k| k.iter().filter(|v| v.id == "ticket_volume" && v.segment.is_none()).map(|v| v.period.clone()).collect());
            labels.reverse();
            labels
        });
        let agent_period = Memo::new(move |_| {
            let chosen = settings.with(|s| s.support.agent_period.clone())?;
            agent_periods.with(|p| p.contains(&chosen)).then_some(chosen)
        });
        let agents = Memo::new(move |_| {
            let st = ticket_settings.get();
            let m = mapping.get();
            let Some(d) = ok() else { return Shared::new(Vec::new()) };
            let Some(agent) = agent_name(&d, &m).and_then(|a| d.segments.iter().find(|c| c.name == a)) else { return Shared::new(Vec::new()) };
            let (granularity, only) = match agent_period.get() {
                Some(label) => (settings.with(|s| s.support.period), Some(label)),
                None => (Granularity::All, None),
            };
            let rows = ticket_kpis(&d, &st, granularity, Some(agent), None);
            Shared::new(rows.into_iter().filter(|k| k.segment.is_some() && only.as_ref().is_none_or(|p| &k.period == p)).collect())
        });
        Support { source, data, kpis, agent_periods, agent_period, agents }
    }
}
