//! The `usage` source: product events or sessions (user or customer, timestamp, optional session
//! duration, feature/event name, units consumed, units entitled), and every §5 KPI.
//! Roles: `user`, `customer`, `timestamp`, `duration`, `feature`, `units`, `entitlement`.

pub mod data;
pub mod demo;
pub mod events;
pub mod kpis;
pub mod mapping;
pub mod settings;
mod tally;

pub use data::{UsageData, UsageReader};
pub use events::{UsageEvent, UsageEvents};
pub use kpis::{usage_kpis, usage_periods, Denominators, DEFS};
pub use mapping::{infer_usage_mapping, UsageMapping, ROLES};
pub use settings::{UsageIngest, UsageKpi, UsageSettings};

use crate::ingest::Sniff;
use crate::issue::FatalError;
use crate::kpi::{KpiDef, KpiValue};
use crate::source::{Context, Query, Source};

/// Product usage: events or sessions per user or customer.
pub struct Usage;

impl Source for Usage {
    const ID: crate::source::SourceId = crate::source::SourceId::Usage;
    const DESCRIPTION: &'static str = "Product usage events or sessions per user or customer (feature, duration, units consumed and entitled)";
    type Mapping = UsageMapping;
    type Ingest = UsageIngest;
    type Kpi = UsageKpi;
    type Data = UsageData;
    type Reader = UsageReader;

    fn defs() -> &'static [KpiDef] {
        DEFS
    }

    const PERSON: Option<crate::source::PersonKey> =
        Some(crate::source::PersonKey { role: "user", prefer_email: true, one_row_per_person: false, anonymous: Some("anonymous") });
    fn synonyms(role: &str) -> &'static [&'static str] {
        mapping::synonyms(role)
    }
    fn infer(sniff: &Sniff) -> UsageMapping {
        infer_usage_mapping(sniff)
    }

    fn reader(file: &str, sniff: &Sniff, mapping: &UsageMapping, ingest: &UsageIngest) -> Result<UsageReader, FatalError> {
        UsageReader::new(file, sniff, mapping, ingest)
    }

    /// Every §5 KPI; the engagement rate divides by the paying customers of the subscriptions or
    /// accounts loaded beside (none without them). Usage has no segment columns: its per-segment rows
    /// are features and customers, whatever `query.segment` says.
    fn kpis(data: &UsageData, kpi: &UsageKpi, query: &Query, ctx: &Context) -> Vec<KpiValue> {
        let denominators = kpis::denominators_from(ctx, data, query.granularity);
        usage_kpis(data, kpi, query.granularity, &denominators)
    }

    fn demo() -> String {
        demo::demo_usage_csv()
    }
    /// The demo's activation event, so the demo shows onboarding success; a file without that
    /// event shows onboarding as undefined, with the reason.
    fn starting_settings() -> crate::source::SettingsOf<Usage> {
        let mut s = crate::source::SettingsOf::<Usage>::default();
        s.kpi.activation_event = Some(demo::ACTIVATION_EVENT.into());
        s
    }
}
