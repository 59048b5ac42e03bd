//! The `subscriptions` source: subscription rows or monthly MRR snapshots, and every §1 KPI.
pub mod data;
pub mod demo;
pub mod interval;
pub mod join;
pub mod kpis;
pub mod mapping;
pub mod settings;

pub use data::{Subscription, SubscriptionData, SubscriptionReader};
pub use interval::Interval;
pub use join::{filter, id_match, id_match_warning, joined_segment, segment_for};
pub use kpis::{paying_customers, period_totals, subscription_kpis, subscription_periods, PeriodTotals};
pub use mapping::{infer_subscription_mapping, SubscriptionMapping};
pub use settings::{ChurnBasis, SubscriptionIngest, SubscriptionKpi, SubscriptionSettings};

use crate::ingest::Sniff;
use crate::issue::FatalError;
use crate::kpi::{KpiDef, KpiValue};
use crate::source::{Context, Query, Reader, Source, SourceData, SourceMeta};
use crate::source::{Measure, Provided};

/// Subscriptions (Stripe, Baremetrics, ChartMogul-style) or a monthly MRR sheet.
pub struct Subscriptions;

impl Source for Subscriptions {
    const ID: crate::source::SourceId = crate::source::SourceId::Subscriptions;
    const DESCRIPTION: &'static str = "subscriptions or a monthly MRR sheet: MRR and its movements, churn, retention, NRR, LTV";
    const PROVIDES: &'static [Provided] = &[
        Provided::value_of(Measure::Ltv, "ltv"),
        Provided::value_of(Measure::Arpa, "arpa"),
        // Customers at the start still paying at the end: the churn rate's n minus its churned.
        Provided { measure: Measure::RetainedCustomers, kpi: "customer_churn_rate", snapshot: false, read: |k| Some(k.n as f64 - k.numerator.unwrap_or(0.0)) },
    ];
    type Mapping = SubscriptionMapping;
    type Ingest = SubscriptionIngest;
    type Kpi = SubscriptionKpi;
    type Data = SubscriptionData;
    type Reader = SubscriptionReader;

    fn defs() -> &'static [KpiDef] {
        &kpis::DEFS
    }
    const PERSON: Option<crate::source::PersonKey> = Some(crate::source::PersonKey::id("customer"));
    fn synonyms(role: &str) -> &'static [&'static str] {
        mapping::synonyms(role)
    }
    fn infer(sniff: &Sniff) -> SubscriptionMapping {
        infer_subscription_mapping(sniff)
    }
    fn reader(file: &str, sniff: &Sniff, mapping: &SubscriptionMapping, ingest: &SubscriptionIngest) -> Result<SubscriptionReader, FatalError> {
        SubscriptionReader::new(file, sniff, mapping, ingest)
    }
    /// The breakdown column is the data's own (plan, metadata) or a column of another source's
    /// customers joined by customer id ([`crate::source::CustomerAttributes`]: an accounts list);
    /// when not every subscription customer is found there, the per-segment values carry
    /// [`id_match_warning`]. The data's `filter_note` applies to every value.
    fn kpis(data: &SubscriptionData, kpi: &SubscriptionKpi, query: &Query, ctx: &Context) -> Vec<KpiValue> {
        let attributes = ctx.customer_attributes();
        let segment = query.segment.as_ref().and_then(|column| segment_for(data, attributes.map(|(_, a)| a), column));
        let mut out = subscription_kpis(data, kpi, query.granularity, segment.as_ref());
        let own = |column: &String| data.segments.iter().any(|c| c.name.eq_ignore_ascii_case(column));
        if let (Some(a), Some(_), Some(column)) = (attributes, &segment, &query.segment) {
            let warning = (!own(column)).then(|| id_match(data, a)).and_then(|(c, o)| id_match_warning(&c, &o));
            if let Some(w) = warning {
                out.iter_mut().filter(|k| k.segment.is_some()).for_each(|k| k.warning = Some(w.clone()));
            }
        }
        data.filter_note.apply(&mut out);
        out
    }
    fn demo() -> String {
        demo::demo_subscriptions_csv()
    }
}

impl Reader for SubscriptionReader {
    type Data = SubscriptionData;
    fn feed(&mut self, chunk: &[u8]) {
        SubscriptionReader::feed(self, chunk)
    }
    fn bytes_read(&self) -> u64 {
        SubscriptionReader::bytes_read(self)
    }
    fn rows_read(&self) -> u64 {
        SubscriptionReader::rows_read(self)
    }
    fn finish(self) -> SubscriptionData {
        SubscriptionReader::finish(self)
    }
}

impl SourceData for SubscriptionData {
    fn meta(&self) -> &SourceMeta {
        &self.meta
    }
    fn describe(&self) -> String {
        SubscriptionData::describe(self)
    }
    fn counters(&self) -> Vec<(&'static str, u64)> {
        vec![
            ("subscriptions", self.subs.len() as u64),
            ("customers", self.customers.len() as u64),
            ("excluded_trials", self.excluded_trials),
            ("excluded_currency", self.excluded_currency),
        ]
    }
    fn facts(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![("amount_unit", self.amount_unit.to_string()), ("amount_unit_reason", self.amount_unit_reason.clone())];
        out.extend(self.currency.clone().map(|c| ("currency", c)));
        out
    }
    fn segment_names(&self) -> Vec<String> {
        self.segments.iter().map(|c| c.name.clone()).collect()
    }
    fn contacts(&self) -> Vec<crate::signals::Contact> {
        let mut out: Vec<crate::signals::Contact> = self.customers.iter().map(|c| crate::signals::Contact::id(c)).collect();
        out.extend(self.contacts.iter().cloned());
        out
    }
    fn paying_customers(&self) -> Option<&dyn crate::source::PayingCustomers> {
        Some(self)
    }
    fn signals(&self) -> Option<crate::signals::Signals> {
        use crate::signals::{MrrSpan, Touches};
        let spans = self.subs.iter().map(|s| MrrSpan { key: s.customer, monthly: s.monthly, from: s.from, until: s.until, line: s.line }).collect();
        Some(crate::signals::Signals { keys: self.customers.clone(), touches: Touches::Mrr(spans) })
    }
}

impl crate::source::PayingCustomers for SubscriptionData {
    fn paying(&self, periods: &[crate::period::Period]) -> crate::source::Paying {
        crate::source::Paying::PerPeriod(paying_customers(self, periods))
    }
}
