//! Product usage KPIs (spec §5), per period.
//!
//! - `active_users`: distinct users active in t (DAU, WAU or MAU by the chosen period).
//! - `stickiness`: mean daily active users over the days of t (within the data's span) ÷ active users in t.
//! - `avg_session_duration`: mean session duration in minutes of the sessions in t.
//! - `engagement_rate`: paying customers active in t ÷ paying customers in t (from the
//!   subscriptions source, or the active accounts of an accounts snapshot).
//! - `feature_adoption` (per feature, in `segment`): share of the customers active in t that used it.
//! - `consumption_rate`: units consumed in t ÷ units entitled in t (each active customer's
//!   entitlement: the largest entitlement value in t, or the setting); overall, and per customer
//!   (customer in `segment`, its rows in t as n; none for a customer without an entitlement).
//! - `feature_retention_lift` (per feature): retention into t+1 of the customers who used it in t,
//!   minus that of active customers who did not ("value unlock").
//! - `onboarding_success_rate`: of customers whose first activity is in t, the share reaching the
//!   activation event within N days (default 30) of it.
//!
//! Customers are the customer column, or the users when there is none.

use super::tally::{Calendar, Tallies};
use super::{UsageData, UsageKpi};
use crate::kpi::{Area, KpiDef, KpiValue, Unit};
use crate::period::{Granularity, Period};
use crate::source::{Context, PaidPerPeriod, Paying, PayingCustomers, SourceId};
use std::collections::HashSet;

const fn def(id: &'static str, name: &'static str, unit: Unit, definition: &'static str) -> KpiDef {
    KpiDef::new(id, "usage", name, unit, true, definition, Area::Product).lacking("no activity")
}

pub const DEFS: &[KpiDef] = &[
    def("active_users", "Active users", Unit::Count, "Distinct users active in the period: DAU by day, WAU by week, MAU by month."),
    def("stickiness", "Stickiness", Unit::Rate, "Mean daily active users over the days of the period ÷ active users in the period (DAU/MAU for months)."),
    def("avg_session_duration", "Session duration (minutes)", Unit::Score, "Mean session duration in minutes, over the sessions of the period."),
    def(
        "engagement_rate",
        "Engagement rate",
        Unit::Rate,
        "Paying customers with activity in the period ÷ paying customers (from subscriptions, or the active accounts).",
    ),
    def("feature_adoption", "Feature adoption", Unit::Rate, "Per feature: the share of the customers active in the period that used it."),
    def(
        "consumption_rate",
        "Consumption rate",
        Unit::Rate,
        "Units consumed in the period ÷ units entitled (each active customer's entitlement), overall and per customer.",
    ),
    def(
        "feature_retention_lift",
        "Feature retention lift",
        Unit::Rate,
        "Per feature: next-period retention of customers who used it minus that of active customers who did not.",
    ),
    def(
        "onboarding_success_rate",
        "Onboarding success",
        Unit::Rate,
        "Of customers whose first activity is in the period, the share reaching the activation event within N days (default 30).",
    ),
];

/// Who the engagement rate divides by, and which of them each usage customer is.
#[derive(Debug, Clone, Default)]
pub struct Denominators {
    /// Paying customer ids at each period's end (from subscriptions), aligned with the periods.
    pub per_period: Option<PaidPerPeriod>,
    /// Active account ids (an accounts snapshot), the same for every period.
    pub snapshot: Option<HashSet<String>>,
    /// The paying customer id each usage customer (by index) reaches by the join's rules (its id,
    /// its e-mail, its company domain; see [`crate::join`]); empty when the ids are compared as
    /// they are.
    pub reach: Vec<Option<String>>,
}

/// The paying customers one period divides by.
enum PayingAt<'a> {
    Period(&'a PaidPerPeriod, usize),
    Snapshot(&'a HashSet<String>),
}

impl PayingAt<'_> {
    fn contains(&self, id: &str) -> bool {
        match self {
            PayingAt::Period(p, t) => p.pays(*t, id),
            PayingAt::Snapshot(s) => s.contains(id),
        }
    }

    fn len(&self) -> usize {
        match self {
            PayingAt::Period(p, t) => p.count(*t),
            PayingAt::Snapshot(s) => s.len(),
        }
    }
}

impl Denominators {
    /// Who period `t` divides by: the paying customers at its end, else the snapshot's active ones.
    fn at(&self, t: usize) -> Option<PayingAt<'_>> {
        match (&self.per_period, &self.snapshot) {
            (Some(p), _) if t < p.periods() => Some(PayingAt::Period(p, t)),
            (_, Some(s)) => Some(PayingAt::Snapshot(s)),
            _ => None,
        }
    }

    /// The paying customer id usage customer `c` is: the one the join reaches, else its own key.
    fn reached<'a>(&'a self, data: &'a UsageData, c: u32) -> Option<&'a String> {
        match self.reach.get(c as usize) {
            Some(reached) => reached.as_ref(),
            None => Some(&data.customers[c as usize]),
        }
    }

    /// Paying customers at each period end from the first source that has them per period
    /// (subscriptions); active customers from the first snapshot (an accounts list).
    pub fn from_sources(usage: &UsageData, granularity: Granularity, sources: &[(SourceId, &dyn PayingCustomers)]) -> Denominators {
        let periods = usage_periods(usage, granularity);
        let mut out = Denominators::default();
        for (_, source) in sources {
            match source.paying(&periods) {
                Paying::PerPeriod(sets) if out.per_period.is_none() => out.per_period = Some(sets),
                Paying::Snapshot(ids) if out.snapshot.is_none() => out.snapshot = Some(ids),
                _ => {}
            }
        }
        out
    }
}

/// The engagement denominators from the sources of paying customers loaded beside usage, each
/// usage customer matched to them by the join's rules (the rule the user chose for usage, else
/// id, then e-mail, then company domain), as the join report and the health score match them.
pub(crate) fn denominators_from(ctx: &Context, data: &UsageData, granularity: Granularity) -> Denominators {
    let mut out = Denominators::from_sources(data, granularity, &ctx.paying_customers());
    if out.per_period.is_some() || out.snapshot.is_some() {
        let parts: Vec<crate::join::Part> = ctx.sources().map(|(id, data)| crate::join::Part { id, data, key_column: None }).collect();
        let directory = crate::join::directory_of(&parts);
        let rule = ctx.join_rule(SourceId::Usage);
        out.reach = data.customers.iter().map(|k| crate::join::match_key(&directory, k, rule).map(|(c, _)| directory.customers[c as usize].clone())).collect();
    }
    out
}

/// The periods a usage file spans: first to last day it mentions.
pub fn usage_periods(data: &UsageData, granularity: Granularity) -> Vec<Period> {
    match (data.meta.first_day, data.meta.last_day) {
        (Some(_), Some(_)) if granularity == Granularity::All => vec![Period::All],
        (Some(a), Some(b)) => granularity.buckets_between(a, b),
        _ => Vec::new(),
    }
}

pub fn usage_kpis(data: &UsageData, settings: &UsageKpi, granularity: Granularity, denominators: &Denominators) -> Vec<KpiValue> {
    let periods = usage_periods(data, granularity);
    let mut out = Vec::new();
    let (Some(first), Some(last)) = (data.meta.first_day, data.meta.last_day) else { return out };
    let index = |day: i32| -> usize {
        if granularity == Granularity::All {
            0
        } else {
            periods.binary_search(&granularity.bucket(day)).unwrap_or(0)
        }
    };
    let period_of: Vec<usize> = (first..=last).map(index).collect();
    let activation = settings.activation_event.as_ref().and_then(|a| data.features.iter().position(|f| f.eq_ignore_ascii_case(a))).map(|i| i as u32);
    let calendar = Calendar { first, period_of: &period_of, periods: periods.len(), activation, activation_days: settings.activation_days as i32 };
    let tallies = Tallies::new(data, &calendar);
    let Tallies { active_users, dau, active, durations, units, has_units, any_entitled, onboarding, .. } = &tallies;
    // Per-customer consumption rows appear in every period once anything is entitled anywhere.
    let any_entitlement = settings.entitlement.is_some() || *any_entitled;
    for (t, p) in periods.iter().enumerate() {
        let label = p.label();
        let mut push = |id: &'static str, segment: Option<String>, value: Option<f64>, num: Option<f64>, den: Option<f64>, n: u64| {
            out.push(KpiValue {
                id,
                source: "usage",
                period: label.clone(),
                segment,
                value,
                numerator: num,
                denominator: den,
                n,
                kind: None,
                small_sample: false,
                basis: None,

                warning: None,
            });
        };
        let au = active_users[t];
        push("active_users", None, Some(au as f64), Some(au as f64), None, au as u64);
        let (lo, hi) = if granularity == Granularity::All { (first, last) } else { (p.first_day().max(first), p.last_day().min(last)) };
        let span: Vec<usize> = (lo..=hi).map(|d| dau[(d - first) as usize]).collect();
        let mean_dau = (!span.is_empty()).then(|| span.iter().sum::<usize>() as f64 / span.len() as f64);
        push("stickiness", None, mean_dau.filter(|_| au > 0).map(|m| m / au as f64), mean_dau, Some(au as f64), au as u64);
        let (sum, n) = durations[t];
        push("avg_session_duration", None, (n > 0).then(|| sum / n as f64), Some(sum), Some(n as f64), n);
        let paying = denominators.at(t);
        let engaged = paying.as_ref().map(|set| {
            let mut reached: Vec<&String> = active[t].iter().filter_map(|&c| denominators.reached(data, c)).filter(|id| set.contains(id)).collect();
            reached.sort_unstable();
            reached.dedup();
            reached.len()
        });
        push(
            "engagement_rate",
            None,
            paying.as_ref().zip(engaged).and_then(|(set, e)| (set.len() > 0).then(|| e as f64 / set.len() as f64)),
            engaged.map(|e| e as f64),
            paying.as_ref().map(|s| s.len() as f64),
            paying.as_ref().map_or(0, |s| s.len() as u64),
        );
        let detail = tallies.detail(&data.events, t, *has_units && any_entitlement);
        let per_customer = &detail.entitled;
        let entitlement: Option<f64> = if !per_customer.is_empty() || settings.entitlement.is_some() {
            Some(active[t].iter().map(|c| per_customer.get(c).copied().or(settings.entitlement).unwrap_or(0.0)).sum())
        } else {
            None
        };
        let consumption = entitlement.filter(|e| *has_units && *e > 0.0).map(|e| units[t] / e);
        push("consumption_rate", None, consumption, has_units.then_some(units[t]), entitlement, active[t].len() as u64);
        if *has_units && any_entitlement {
            for &(c, used, rows) in &detail.customer_units {
                let entitled = per_customer.get(&c).copied().or(settings.entitlement);
                let rate = entitled.filter(|e| *e > 0.0).map(|e| used / e);
                push("consumption_rate", Some(data.customers[c as usize].clone()), rate, Some(used), entitled, rows);
            }
        }
        let (ok, started) = onboarding[t];
        let rate = (activation.is_some() && started > 0).then(|| ok as f64 / started as f64);
        push("onboarding_success_rate", None, rate, Some(ok as f64), Some(started as f64), started);
        // Per feature: adoption, and the retention lift into the next period.
        let pairs = &detail.feature_customers;
        let next: Option<HashSet<u32>> = active.get(t + 1).map(|v| v.iter().copied().collect());
        for (f, name) in data.features.iter().enumerate() {
            // The pairs are sorted by feature: its customers are one run of them.
            let run = pairs.partition_point(|p| p.0 < f as u32)..pairs.partition_point(|p| p.0 <= f as u32);
            let users_of: Vec<u32> = pairs[run].iter().map(|p| p.1).collect();
            let n = active[t].len();
            let adoption = (n > 0).then(|| users_of.len() as f64 / n as f64);
            push("feature_adoption", Some(name.clone()), adoption, Some(users_of.len() as f64), Some(n as f64), n as u64);
            let lift = next.as_ref().and_then(|next| {
                let set: HashSet<u32> = users_of.iter().copied().collect();
                let non: Vec<u32> = active[t].iter().copied().filter(|c| !set.contains(c)).collect();
                if users_of.is_empty() || non.is_empty() {
                    return None;
                }
                let r1 = users_of.iter().filter(|c| next.contains(c)).count() as f64 / users_of.len() as f64;
                let r0 = non.iter().filter(|c| next.contains(c)).count() as f64 / non.len() as f64;
                Some(r1 - r0)
            });
            push("feature_retention_lift", Some(name.clone()), lift, None, None, users_of.len() as u64);
        }
    }
    if let Some(w) = unmatched_customers(data, denominators) {
        for k in out.iter_mut().filter(|k| k.id == "engagement_rate") {
            k.warning = Some(w.clone());
        }
    }
    out
}

/// The warning for an engagement rate whose paying customers and usage customers share no id
/// (the rate would read 0 % as if nobody used the product).
fn unmatched_customers(data: &UsageData, denominators: &Denominators) -> Option<String> {
    let periods = denominators.per_period.as_ref().map_or(0, |p| p.periods());
    let sets: Vec<PayingAt> = (0..periods).filter_map(|t| denominators.at(t)).chain(denominators.snapshot.iter().map(PayingAt::Snapshot)).collect();
    let any_reached = (0..data.customers.len() as u32).any(|c| denominators.reached(data, c).is_some_and(|id| sets.iter().any(|s| s.contains(id))));
    if sets.iter().all(|s| s.len() == 0) || data.customers.is_empty() || any_reached {
        return None;
    }
    let per_period = denominators.per_period.iter().flat_map(|p| (0..p.periods()).flat_map(move |t| p.paying(t)));
    let paying: HashSet<&String> = per_period.chain(denominators.snapshot.iter().flatten()).collect();
    let examples = |ids: &mut dyn Iterator<Item = &String>| ids.take(3).cloned().collect::<Vec<_>>().join(", ");
    let mut sorted: Vec<&String> = paying.into_iter().collect();
    sorted.sort();
    Some(format!(
        "no customer of the usage file matches a paying customer by id, e-mail or company domain (usage has {}; the paying customers are {}): map the usage file's customer column to a column holding the same ids or e-mails",
        examples(&mut data.customers.iter()),
        examples(&mut sorted.into_iter())
    ))
}

#[cfg(test)]
mod join_tests {
    use super::*;
    use crate::source::Source;
    use crate::usage::Usage;

    fn read(text: &str) -> UsageData {
        let sniff = crate::ingest::sniff(text.as_bytes());
        let mapping = Usage::infer(&sniff);
        Usage::read("u.csv", text.as_bytes(), &sniff, &mapping, &Default::default()).unwrap()
    }

    #[test]
    fn an_engagement_rate_over_ids_that_never_match_says_so() {
        let data = read("customer,timestamp\nc1,2024-01-05\nc2,2024-01-06\n");
        let rate = |ids: &[&str]| {
            let d = Denominators { per_period: None, snapshot: Some(ids.iter().map(|s| s.to_string()).collect()), reach: Vec::new() };
            usage_kpis(&data, &UsageKpi::default(), Granularity::Month, &d).into_iter().find(|k| k.id == "engagement_rate").unwrap()
        };
        // Neither c1 nor c2 is a paying customer: 0 of 2, and the reason.
        let none = rate(&["7590-VHVEG", "5575-GNVDE"]);
        assert_eq!((none.value, none.numerator, none.denominator), (Some(0.0), Some(0.0), Some(2.0)));
        let w = none.warning.unwrap();
        assert!(w.contains("usage has c1, c2") && w.contains("5575-GNVDE, 7590-VHVEG"), "{w}");
        // One of two paying customers active: 50 %, and no warning.
        let half = rate(&["c1", "c9"]);
        assert_eq!((half.value, half.warning), (Some(0.5), None));
    }
}
