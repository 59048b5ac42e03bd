//! Revenue state: the subscriptions and accounts files, and everything derived from them as Memos:
//! sniffs, mappings (guessed or remembered per header), typed data, the segment filter, and KPIs.

use super::source_store::SourceStore;
use super::{latest_segments, overall_of, Engine, PageEngine, PageOf, Stores};
use leptos::prelude::*;
use northstar_metrics::accounts::Accounts;
use northstar_metrics::source::{Context, Query, Source, SourceId};
use northstar_metrics::subscriptions::{self, SubscriptionData, Subscriptions};
use northstar_metrics::KpiValue;
use northstar_view::pages::revenue::{RevenueResults, SegmentOption};
use northstar_view::{Settings, Shared};

#[derive(Clone, Copy)]
pub struct Revenue {
    pub subs: SourceStore<Subscriptions>,
    pub accounts: SourceStore<Accounts>,
    pub segment_options: Memo<Vec<SegmentOption>>,
    /// Subscription data after the segment filter.
    pub filtered: Memo<Option<Shared<SubscriptionData>>>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    /// Latest period of the filtered data, broken down by the chosen column.
    pub breakdown: Memo<Shared<Vec<KpiValue>>>,
    pub account_kpis: Memo<Shared<Vec<KpiValue>>>,
}

impl Revenue {
    pub fn new(settings: RwSignal<Settings>, stores: Stores) -> Revenue {
        let (subs, accounts) = (stores.subscriptions, stores.accounts);
        let segment_options = Memo::new(move |_| {
            let mut out = Vec::new();
            if let Some(d) = subs.ok() {
                out.extend(d.segments.iter().map(|c| SegmentOption { column: c.name.clone(), from_accounts: false, values: c.values.clone() }));
            }
            if let Some(a) = accounts.ok_beside(&subs) {
                for c in &a.segments {
                    if !out.iter().any(|o: &SegmentOption| o.column == c.name) {
                        out.push(SegmentOption { column: c.name.clone(), from_accounts: true, values: c.values.clone() });
                    }
                }
            }
            out
        });
        let filtered = Memo::new(move |_| {
            let d = subs.ok()?;
            // A column without a value chosen yet filters nothing.
            let filter = settings.with(|s| s.revenue.filter.clone()).filter(|f| !f.1.is_empty());
            let Some((column, value)) = filter else { return Some(d) };
            let accounts = accounts.ok_beside(&subs);
            let attributes = accounts.as_deref().map(|a| (Accounts::ID, a as &dyn northstar_metrics::source::CustomerAttributes));
            // A filter that selects nothing says why (e.g. no account id matches a customer).
            Some(subscriptions::filter(&d, attributes, &column, &value).map(Shared::new).unwrap_or(d))
        });
        let kpis = Memo::new(move |_| {
            let period = settings.with(|s| s.revenue.period);
            let st = subs.kpi.get();
            filtered.with(|d| Shared::new(d.as_ref().map(|d| Subscriptions::kpis(d, &st, &Query::new(period), &Context::default())).unwrap_or_default()))
        });
        let breakdown = Memo::new(move |_| {
            let column = settings.with(|s| s.revenue.breakdown.clone());
            let period = settings.with(|s| s.revenue.period);
            let st = subs.kpi.get();
            let accounts = accounts.ok_beside(&subs);
            filtered.with(|d| {
                let (Some(d), Some(column)) = (d, column) else { return Shared::new(Vec::new()) };
                let ctx = match &accounts {
                    Some(a) => Context::default().with_data(Accounts::ID, &**a),
                    None => Context::default(),
                };
                Shared::new(latest_segments(Subscriptions::kpis(d, &st, &Query::new(period).segment(Some(column)), &ctx)))
            })
        });
        let account_kpis = Memo::new(move |_| {
            let (column, filter, period) =
                settings.with(|s| (s.revenue.breakdown.clone(), s.revenue.filter.clone().filter(|f| !f.1.is_empty()), s.revenue.period));
            {
                let Some(a) = accounts.ok() else { return Shared::new(Vec::new()) };
                // The page filter applies here too when it names an accounts column.
                let filter_index = filter.as_ref().and_then(|(c, _)| a.segments.iter().position(|s| &s.name == c));
                let a = match (filter_index, filter) {
                    (Some(i), Some((_, v))) => Shared::new(a.filtered(i, &v)),
                    _ => a,
                };
                Shared::new(Accounts::kpis(&a, &(), &Query::new(period).segment(column), &Context::default()))
            }
        });
        Revenue { subs, accounts, segment_options, filtered, kpis, breakdown, account_kpis }
    }
}

impl PageOf for RevenueResults {
    type Engine = Revenue;
}

impl PageEngine for Revenue {
    type Results = RevenueResults;
    fn results(&self, _: &Engine) -> RevenueResults {
        let list = |m: Memo<Shared<Vec<KpiValue>>>| m.get_untracked().to_vec();
        RevenueResults {
            kpis: list(self.kpis),
            breakdown: list(self.breakdown),
            account_kpis: list(self.account_kpis),
            segment_options: self.segment_options.get_untracked(),
        }
    }
    fn overall(&self) -> Vec<(SourceId, Vec<KpiValue>)> {
        vec![(Subscriptions::ID, overall_of(&self.kpis)), (Accounts::ID, overall_of(&self.account_kpis))]
    }
}
