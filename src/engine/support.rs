//! Support state: the tickets file and everything derived from it as Memos: sniff, mapping
//! (guessed or remembered per header), typed tickets, KPIs per period, the breakdown, and the
//! whole-file per-agent table, and the subjects' sentiment and themes.

use super::source_store::SourceStore;
use super::{overall_of, Engine, PageEngine, PageOf, Stores};
use leptos::prelude::*;
use northstar_metrics::comments::{CommentSummary, TOP_THEMES};
use northstar_metrics::source::Query;
use northstar_metrics::source::{Source, SourceId};
use northstar_metrics::tickets::kpis::kpis_from;
use northstar_metrics::tickets::subjects::summarize_subjects;
use northstar_metrics::tickets::Tickets;
use northstar_metrics::{Granularity, KpiValue};
use northstar_view::pages::support::SupportResults;
use northstar_view::{Settings, Shared};

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
    /// The ticket subjects' sentiment and themes: once per file, when it has subjects.
    pub subjects: Memo<Option<Shared<CommentSummary>>>,
}

impl Support {
    pub fn new(settings: RwSignal<Settings>, stores: Stores) -> Support {
        let source = stores.tickets;
        // Grouped once per file, period and breakdown; a KPI-only setting only counts again.
        let query = Memo::new(move |_| settings.with(|s| (s.support.period, s.support.breakdown.clone())));
        let tally = Memo::new(move |_| {
            let (period, breakdown) = query.get();
            source.ok().map(|d| Shared::new(Tickets::tally(&d, &Query::new(period).segment(breakdown))))
        });
        let kpis = Memo::new(move |_| {
            let kpi = source.kpi.get();
            tally.with(|t| Shared::new(t.as_ref().map(|t| kpis_from(t, &kpi)).unwrap_or_default()))
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
        let agent_query = Memo::new(move |_| match agent_period.get() {
            Some(label) => (settings.with(|s| s.support.period), Some(label)),
            None => (Granularity::All, None),
        });
        // Every KPI broken down by the agent column, grouped once per file and period.
        let agent_tally = Memo::new(move |_| {
            let (granularity, _) = agent_query.get();
            let d = source.ok()?;
            let agent = d.agent.clone()?;
            Some(Shared::new(Tickets::tally(&d, &Query::new(granularity).segment(Some(agent)).segments_only())))
        });
        let agents = Memo::new(move |_| {
            let kpi = source.kpi.get();
            let only = agent_query.with(|q| q.1.clone());
            let Some(rows) = agent_tally.with(|t| t.as_ref().map(|t| kpis_from(t, &kpi))) else { return Shared::new(Vec::new()) };
            Shared::new(rows.into_iter().filter(|k| k.segment.is_some() && only.as_ref().is_none_or(|p| &k.period == p)).collect())
        });
        let subjects = Memo::new(move |_| source.ok().and_then(|d| summarize_subjects(&d, TOP_THEMES)).map(Shared::new));
        Support { source, kpis, agent_periods, agent_period, agents, subjects }
    }
}

impl PageOf for SupportResults {
    type Engine = Support;
}

impl PageEngine for Support {
    type Results = SupportResults;
    fn results(&self, _: &Engine) -> SupportResults {
        SupportResults {
            kpis: self.kpis.get_untracked().to_vec(),
            agent_periods: self.agent_periods.get_untracked(),
            agent_period: self.agent_period.get_untracked(),
            agents: self.agents.get_untracked().to_vec(),
            subjects: self.subjects.get_untracked().map(|c| (*c).clone()),
        }
    }
    fn overall(&self) -> Vec<(SourceId, Vec<KpiValue>)> {
        vec![(Tickets::ID, overall_of(&self.kpis))]
    }
}
