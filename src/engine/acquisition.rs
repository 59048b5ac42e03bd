//! Acquisition state: the funnel sheet's KPIs (conversion, trial-to-paid, CAC, LTV:CAC, CAC
//! payback, retention cost) and the accounts' referral KPIs, per period, as Memos. LTV, ARPA and
//! retained customers come from the subscriptions, orders and accounts loaded on the other pages,
//! computed at this page's period.

use super::orders::OrdersState;
use super::revenue::Revenue;
use super::source_store::Shared;
use super::Stores;
use crate::state::Settings;
use leptos::prelude::*;
use northstar_metrics::accounts::Accounts;
use northstar_metrics::funnel::{Funnel, FunnelData, FunnelRow};
use northstar_metrics::orders::Orders;
use northstar_metrics::source::{Context, Query, Source};
use northstar_metrics::subscriptions::Subscriptions;
use northstar_metrics::{Granularity, KpiValue};

#[derive(Clone, Copy)]
pub struct Acquisition {
    pub funnel: Memo<Shared<Vec<KpiValue>>>,
    /// The accounts' referral KPIs at this page's period, and the snapshot ARPA (CAC payback's
    /// fallback).
    pub accounts: Memo<Shared<Vec<KpiValue>>>,
    /// Both, for the cards and the table.
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    /// The latest period per value of the breakdown column.
    pub breakdown: Memo<Shared<Vec<KpiValue>>>,
}

impl Acquisition {
    pub fn new(settings: RwSignal<Settings>, stores: Stores, revenue: Revenue, orders: OrdersState) -> Acquisition {
        let period = Memo::new(move |_| settings.with(|s| s.acquisition.period));
        let accounts = Memo::new(move |_| {
            let Some(a) = revenue.accounts.ok_beside(&stores.funnel) else { return Shared::new(Vec::new()) };
            let all = Accounts::kpis(&a, &(), &Query::new(period.get()), &Context::default());
            Shared::new(all.into_iter().filter(|k| matches!(k.id, "referral_share" | "referrals" | "account_arpa")).collect())
        });
        // The other sources' KPIs at this page's period, for LTV, ARPA and retained customers.
        let others = Memo::new(move |_| {
            let q = Query::new(period.get());
            // Demo and user data never join: LTV and ARPA come from files of the funnel's kind.
            let subs =
                revenue.subs.ok_beside(&stores.funnel).map(|d| Subscriptions::kpis(&d, &revenue.subs.kpi.get(), &q, &Context::default())).unwrap_or_default();
            let ords = orders.source.ok_beside(&stores.funnel).map(|d| Orders::kpis(&d, &orders.source.kpi.get(), &q, &Context::default())).unwrap_or_default();
            Shared::new((subs, ords))
        });
        let compute = move |segment: Option<String>| {
            let kpi = stores.funnel.kpi.get();
            let d = stores.funnel.ok()?;
            let (others, accounts) = (others.get(), accounts.get());
            let (subs, ords) = &*others;
            let ctx = Context::default().with_kpis("subscriptions", subs).with_kpis("orders", ords).with_kpis("accounts", &accounts);
            Some(Funnel::kpis(&d, &kpi, &Query::new(period.get()).segment(segment), &ctx))
        };
        let funnel = Memo::new(move |_| Shared::new(compute(None).unwrap_or_default()));
        let kpis = Memo::new(move |_| {
            let mut all = funnel.with(|f| f.to_vec());
            all.extend(accounts.with(|a| a.iter().filter(|k| k.id != "account_arpa").cloned().collect::<Vec<_>>()));
            Shared::new(all)
        });
        let breakdown = Memo::new(move |_| {
            let Some(column) = settings.with(|s| s.acquisition.breakdown.clone()) else { return Shared::new(Vec::new()) };
            let all = compute(Some(column)).unwrap_or_default();
            let last = all.iter().filter(|k| k.segment.is_none()).map(|k| k.period.clone()).next_back();
            Shared::new(all.into_iter().filter(|k| k.segment.is_some() && Some(&k.period) == last.as_ref()).collect())
        });
        Acquisition { funnel, accounts, kpis, breakdown }
    }
}

/// The stages of the latest month of the sheet, summed over its rows.
pub fn latest_stages(d: &FunnelData) -> (String, Vec<(String, Option<f64>)>) {
    let Some(last) = d.rows.iter().map(|r| r.month).max() else { return (String::new(), Vec::new()) };
    let rows: Vec<_> = d.rows.iter().filter(|r| r.month == last).collect();
    let sum = |f: &dyn Fn(&FunnelRow) -> Option<u64>| {
        let values: Vec<u64> = rows.iter().filter_map(|r| f(r)).collect();
        (!values.is_empty()).then(|| values.iter().sum::<u64>() as f64)
    };
    let stages = vec![
        ("Visitors".to_string(), sum(&|r| r.visitors)),
        ("Sign-ups".to_string(), sum(&|r| r.signups)),
        ("Trials".to_string(), sum(&|r| r.trials)),
        ("New customers".to_string(), sum(&|r| r.new_customers)),
    ];
    (Granularity::Month.bucket(last).label(), stages)
}
