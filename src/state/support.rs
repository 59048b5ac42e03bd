//! Support state: the tickets file and everything derived from it as Memos: sniff, mapping
//! (guessed or remembered per header), typed tickets, KPIs per period, the breakdown, and the
//! whole-file per-agent table.

use super::settings::Settings;
use super::source_store::SourceStore;
use super::workbench::Shared;
use leptos::prelude::*;
use northstar_metrics::source::{Context, Query, Source};
use northstar_metrics::tickets::Tickets;
use northstar_metrics::{Granularity, KpiValue};

#[derive(Clone, Copy)]
pub struct Support {
    pub source: SourceStore<Tickets>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    /// The periods the agent table can cover, latest first.
    pub agent_periods: Memo<Vec<String>>,
    /// The period the agent table covers now: the chosen one while the data has it, else none
    /// (the whole file).
    pub agent_period: Memo<Option<String>>,
    /// Every KPI per agent, over the whole file or `agent_period`.
    pub agents: Memo<Shared<Vec<KpiValue>>>,
}

impl Support {
    pub fn new(settings: RwSignal<Settings>, source: SourceStore<Tickets>) -> Support {
        let kpis = Memo::new(move |_| {
            let (period, breakdown) = settings.with(|s| (s.support.period, s.support.breakdown.clone()));
            let kpi = source.kpi.get();
            let Some(d) = source.ok() else { return Shared::new(Vec::new()) };
            Shared::new(Tickets::kpis(&d, &kpi, &Query::new(period).segment(breakdown), &Context::default()))
        });
        let agent_periods = Memo::new(move |_| {
            let mut labels: Vec<String> =
                kpis.with(|k| k.iter().filter(|v| v.id == "ticket_volume" && v.segment.is_none()).map(|v| v.period.clone()).collect());
            labels.reverse();
            labels
        });
        let agent_period = Memo::new(move |_| {
            let chosen = settings.with(|s| s.support.agent_period.clone())?;
            agent_periods.with(|p| p.contains(&chosen)).then_some(chosen)
        });
        let agents = Memo::new(move |_| {
            let kpi = source.kpi.get();
            let Some(d) = source.ok() else { return Shared::new(Vec::new()) };
            let Some(agent) = d.agent.clone() else { return Shared::new(Vec::new()) };
            let (granularity, only) = match agent_period.get() {
                Some(label) => (settings.with(|s| s.support.period), Some(label)),
                None => (Granularity::All, None),
            };
            // Every KPI broken down by the agent column.
            let rows = Tickets::kpis(&d, &kpi, &Query::new(granularity).segment(Some(agent)).segments_only(), &Context::default());
            Shared::new(rows.into_iter().filter(|k| k.segment.is_some() && only.as_ref().is_none_or(|p| &k.period == p)).collect())
        });
        Support { source, kpis, agent_periods, agent_period, agents }
    }
}
