//! Revenue state: the subscriptions and accounts files, and everything derived from them as Memos:
//! sniffs, mappings (guessed or remembered per header), typed data, the segment filter, and KPIs.

use super::mapped_file::MappedFile;
use super::settings::Settings;
use super::workbench::{LoadedFile, Shared};
use leptos::prelude::*;
use northstar_metrics::accounts::{account_kpis, infer_account_mapping, join_segment, read_accounts, AccountData, AccountMapping};
use northstar_metrics::segment::SegmentColumn;
use northstar_metrics::subscriptions::{infer_subscription_mapping, read_subscriptions, subscription_kpis, SubscriptionData, SubscriptionMapping};
use northstar_metrics::KpiValue;

/// A column the revenue KPIs can be cut by, and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentOption {
    pub column: String,
    pub from_accounts: bool,
    pub values: Vec<String>,
}

#[derive(Clone, Copy)]
pub struct Revenue {
    pub subs: MappedFile<SubscriptionMapping>,
    pub accounts: MappedFile<AccountMapping>,
    pub subs_data: Memo<Option<Result<Shared<SubscriptionData>, String>>>,
    pub accounts_data: Memo<Option<Result<Shared<AccountData>, String>>>,
    pub segment_options: Memo<Vec<SegmentOption>>,
    /// Subscription data after the segment filter.
    pub filtered: Memo<Option<Shared<SubscriptionData>>>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    /// Latest period of the filtered data, broken down by the chosen column.
    pub breakdown: Memo<Shared<Vec<KpiValue>>>,
    pub account_kpis: Memo<Shared<Vec<KpiValue>>>,
}

fn ok<T: Clone>(r: &Option<Result<Shared<T>, String>>) -> Option<Shared<T>> {
    r.as_ref().and_then(|r| r.as_ref().ok()).cloned()
}

/// The segment column aligned with `subs` for `column`: the subscriptions' own, or joined from accounts.
fn segment_for(subs: &SubscriptionData, accounts: Option<&AccountData>, column: &str) -> Option<SegmentColumn> {
    if let Some(c) = subs.segments.iter().find(|c| c.name == column) {
        return Some(c.clone());
    }
    let a = accounts?;
    a.segments.iter().position(|c| c.name == column).map(|i| join_segment(subs, a, i))
}

impl Revenue {
    pub fn new(settings: RwSignal<Settings>) -> Revenue {
        let subs = MappedFile::new(settings, Some(LoadedFile::demo_subscriptions()), infer_subscription_mapping, (|s| &s.subscription_mappings, |s| &mut s.subscription_mappings));
        let accounts = MappedFile::new(settings, Some(LoadedFile::demo_accounts()), infer_account_mapping, (|s| &s.account_mappings, |s| &mut s.account_mappings));
        let (subs_file, subs_sniff, subs_mapping) = (subs.file, subs.sniff, subs.mapping);
        let (accounts_file, accounts_sniff, accounts_mapping) = (accounts.file, accounts.sniff, accounts.mapping);
        let sub_settings = Memo::new(move |_| settings.with(|s| s.revenue.subscriptions.clone()));
        let subs_data = Memo::new(move |_| {
            let s = subs_sniff.get()?;
            let m = subs_mapping.get();
            let st = sub_settings.get();
            subs_file.with(|f| f.as_ref().map(|f| read_subscriptions(&f.name, &f.bytes, &s, &m, &st).map(Shared::new).map_err(|e| e.to_string())))
        });
        let accounts_data = Memo::new(move |_| {
            let s = accounts_sniff.get()?;
            let m = accounts_mapping.get();
            accounts_file.with(|f| f.as_ref().map(|f| read_accounts(&f.name, &f.bytes, &s, &m).map(Shared::new).map_err(|e| e.to_string())))
        });
        let segment_options = Memo::new(move |_| {
            let mut out = Vec::new();
            if let Some(d) = subs_data.with(ok) {
                out.extend(d.segments.iter().map(|c| SegmentOption { column: c.name.clone(), from_accounts: false, values: c.values.clone() }));
            }
            if let Some(a) = accounts_data.with(ok) {
                for c in &a.segments {
                    if !out.iter().any(|o: &SegmentOption| o.column == c.name) {
                        out.push(SegmentOption { column: c.name.clone(), from_accounts: true, values: c.values.clone() });
                    }
                }
            }
            out
        });
        let filtered = Memo::new(move |_| {
            let d = subs_data.with(ok)?;
            let filter = settings.with(|s| s.revenue.filter.clone());
            let Some((column, value)) = filter else { return Some(d) };
            let accounts = accounts_data.with(ok);
            match segment_for(&d, accounts.as_deref(), &column) {
                Some(seg) => Some(Shared::new(d.filtered(&seg, &value))),
                None => Some(d),
            }
        });
        let kpis = Memo::new(move |_| {
            let period = settings.with(|s| s.revenue.period);
            let st = sub_settings.get();
            filtered.with(|d| Shared::new(d.as_ref().map(|d| subscription_kpis(d, &st, period, None)).unwrap_or_default()))
        });
        let breakdown = Memo::new(move |_| {
            let column = settings.with(|s| s.revenue.breakdown.clone());
            let period = settings.with(|s| s.revenue.period);
            let st = sub_settings.get();
            let accounts = accounts_data.with(ok);
            filtered.with(|d| {
                let (Some(d), Some(column)) = (d, column) else { return Shared::new(Vec::new()) };
                let Some(seg) = segment_for(d, accounts.as_deref(), &column) else { return Shared::new(Vec::new()) };
                let all = subscription_kpis(d, &st, period, Some(&seg));
                let last = all.iter().filter(|k| k.segment.is_none()).map(|k| k.period.clone()).next_back();
                Shared::new(all.into_iter().filter(|k| k.segment.is_some() && Some(&k.period) == last.as_ref()).collect())
            })
        });
        let account_kpis = Memo::new(move |_| {
            let (column, filter) = settings.with(|s| (s.revenue.breakdown.clone(), s.revenue.filter.clone()));
            accounts_data.with(|a| {
                let Some(a) = ok(a) else { return Shared::new(Vec::new()) };
                // The page filter applies here too when it names an accounts column.
                let filter_index = filter.as_ref().and_then(|(c, _)| a.segments.iter().position(|s| &s.name == c));
                let a = match (filter_index, filter) {
                    (Some(i), Some((_, v))) => Shared::new(a.filtered(i, &v)),
                    _ => a,
                };
                let index = column.and_then(|c| a.segments.iter().position(|s| s.name == c));
                Shared::new(account_kpis(&a, index))
            })
        });
        Revenue {
            subs,
            accounts,
            subs_data,
            accounts_data,
            segment_options,
            filtered,
            kpis,
            breakdown,
            account_kpis,
        }
    }
}
