//! The `subscriptions` source: subscription rows or monthly MRR snapshots, and every §1 KPI.
pub mod data;
pub mod join;
pub mod kpis;
pub mod mapping;
pub mod settings;

pub use data::{Interval, Subscription, SubscriptionData, SubscriptionReader};
pub use join::{filter, join_report, JoinReport};
pub use kpis::{paying_customers, period_totals, subscription_kpis, subscription_periods, PeriodTotals};
pub use mapping::{infer_subscription_mapping, SubscriptionMapping};
pub use settings::{ChurnBasis, SubscriptionIngest, SubscriptionKpi, SubscriptionSettings};

use crate::ingest::Sniff;
use crate::issue::FatalError;
use crate::kpi::{KpiDef, KpiValue};
use crate::source::{Context, Query, Reader, Source, SourceData, SourceMeta};

/// Subscriptions (Stripe, Baremetrics, ChartMogul-style) or a monthly MRR sheet.
pub struct Subscriptions;

impl Source for Subscriptions {
    const NAME: &'static str = "subscriptions";
    const DESCRIPTION: &'static str = "subscriptions or a monthly MRR sheet: MRR and its movements, churn, retention, NRR, LTV";
    type Mapping = SubscriptionMapping;
    type Ingest = SubscriptionIngest;
    type Kpi = SubscriptionKpi;
    type Data = SubscriptionData;
    type Reader = SubscriptionReader;

    fn defs() -> &'static [KpiDef] {
        &kpis::DEFS
    }
    fn infer(sniff: &Sniff) -> SubscriptionMapping {
        infer_subscription_mapping(sniff)
    }
    fn reader(file: &str, sniff: &Sniff, mapping: &SubscriptionMapping, ingest: &SubscriptionIngest) -> Result<SubscriptionReader, FatalError> {
        SubscriptionReader::new(file, sniff, mapping, ingest)
    }
    /// The breakdown column is the data's own (plan, metadata) or an accounts column joined by
    /// customer; when not every subscription customer has an account, the per-segment values carry
    /// the [`JoinReport`]'s warning. The data's `filter_note` applies to every value.
    fn kpis(data: &SubscriptionData, kpi: &SubscriptionKpi, query: &Query, ctx: &Context) -> Vec<KpiValue> {
        let accounts = ctx.data::<crate::accounts::Accounts>();
        let segment = query.segment.as_ref().and_then(|column| segment_for(data, accounts, column));
        let mut out = subscription_kpis(data, kpi, query.granularity, segment.as_ref());
        let own = |column: &String| data.segments.iter().any(|c| c.name.eq_ignore_ascii_case(column));
        if let (Some(a), Some(_), Some(column)) = (accounts, &segment, &query.segment) {
            if let Some(w) = (!own(column)).then(|| join_report(data, a).warning()).flatten() {
                out.iter_mut().filter(|k| k.segment.is_some()).for_each(|k| k.warning = Some(w.clone()));
            }
        }
        data.filter_note.apply(&mut out);
        out
    }
    fn demo() -> String {
        crate::demo::demo_subscriptions_csv()
    }
}

/// The segment column aligned with `data.subs` for `column`: the subscriptions' own, or joined
/// from an accounts column by customer id.
pub fn segment_for(data: &SubscriptionData, accounts: Option<&crate::accounts::AccountData>, column: &str) -> Option<crate::segment::SegmentColumn> {
    if let Some(c) = data.segments.iter().find(|c| c.name.eq_ignore_ascii_case(column)) {
        return Some(c.clone());
    }
    let a = accounts?;
    a.segments.iter().position(|c| c.name.eq_ignore_ascii_case(column)).map(|i| crate::accounts::join_segment(data, a, i))
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
    fn contacts(&self) -> Vec<crate::join::Contact> {
        let mut out: Vec<crate::join::Contact> = self.customers.iter().map(|c| crate::join::Contact::id(c)).collect();
        out.extend(self.contacts.iter().cloned());
        out
    }
    fn signals(&self) -> Option<crate::health::Signals> {
        use crate::health::signals::{MrrSpan, Touches};
        let spans = self.subs.iter().map(|s| MrrSpan { key: s.customer, monthly: s.monthly, from: s.from, until: s.until, line: s.line }).collect();
        Some(crate::health::Signals { keys: self.customers.clone(), touches: Touches::Mrr(spans) })
    }
}
