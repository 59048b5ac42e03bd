//! The `tickets` source: one row per ticket (Zendesk, Freshdesk, Intercom) or an event log, and
//! every §4 KPI.
pub mod activities;
pub mod data;
pub mod demo;
pub mod kpis;
pub mod mapping;
pub mod settings;
pub mod subjects;
pub mod ticket;

pub use activities::{normalize as normalize_activity, Activities, UnmatchedActivity, MAX_LISTED_ACTIVITIES};
pub use data::{TicketData, TicketReader};
pub use kpis::{ticket_kpis, ticket_periods, DEFS};
pub use mapping::{infer_ticket_mapping, TicketMapping};
pub use settings::{ResolutionEvent, TicketIngest, TicketKpi, TicketSettings};
pub use ticket::{TicketColumns, TicketRow};

use crate::ingest::Sniff;
use crate::issue::FatalError;
use crate::kpi::{KpiDef, KpiValue};
use crate::source::{Context, Query, Source};

/// Support tickets: one row per ticket, or an event log folded into tickets.
pub struct Tickets;

impl Tickets {
    /// What [`Source::kpis`] computes before the KPI settings apply: the app keeps it, so a
    /// KPI-only setting (SLA hours, the FCR rule, the repeat window) only counts again.
    pub fn tally(data: &TicketData, query: &Query) -> kpis::TicketTally {
        let segment = query.segment.as_deref().and_then(|name| data.segment(name).or_else(|| data.segments.iter().find(|s| s.name.eq_ignore_ascii_case(name))));
        // Broken down by the agent column itself, the per-agent rows already hold the ratings.
        let agent = data.agent_column().filter(|a| segment.is_none_or(|s| s.name != a.name));
        kpis::tally(data, query.granularity, segment, agent, !(query.segments_only && segment.is_some()))
    }
}

impl Source for Tickets {
    const ID: crate::source::SourceId = crate::source::SourceId::Tickets;
    const DESCRIPTION: &'static str = "Support tickets, one row per ticket (Zendesk, Freshdesk, Intercom) or a help-desk event log";
    type Mapping = TicketMapping;
    type Ingest = TicketIngest;
    type Kpi = TicketKpi;
    type Data = TicketData;
    type Reader = TicketReader;

    fn defs() -> &'static [KpiDef] {
        DEFS
    }

    const PERSON: Option<crate::source::PersonKey> = Some(crate::source::PersonKey::email("customer"));
    fn synonyms(role: &str) -> &'static [&'static str] {
        mapping::synonyms(role)
    }
    fn infer(sniff: &Sniff) -> TicketMapping {
        infer_ticket_mapping(sniff)
    }

    fn reader(file: &str, sniff: &Sniff, mapping: &TicketMapping, ingest: &TicketIngest) -> Result<TicketReader, FatalError> {
        TicketReader::new(file, sniff, mapping, ingest)
    }

    /// Every §4 KPI, broken down by the `query.segment` column when the data has it (all KPIs per
    /// value); without one, the ratings per agent (the data's agent column).
    fn kpis(data: &TicketData, kpi: &TicketKpi, query: &Query, _ctx: &Context) -> Vec<KpiValue> {
        kpis::kpis_from(&Tickets::tally(data, query), kpi)
    }

    fn demo() -> String {
        demo::demo_tickets_csv()
    }
}
