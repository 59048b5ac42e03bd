//! Accounts KPIs (spec §6), overall and per segment.
//!
//! Snapshot, in one period `all` (undefined, with the reason, when the file has no status column):
//! - `account_churn_share` = churned accounts ÷ all accounts.
//! - `account_mrr` = sum of the monthly charges of active accounts (integer cents inside).
//! - `account_arpa` = account_mrr ÷ active accounts.
//!
//! Acquisition, per period of the `acquired` date (accounts without one are in no period; a file
//! with no acquisition dates, or the granularity `all`, has the one period `all` over every account):
//! - an account is *referred* when its channel contains "referr" (any case: "Referral", "Customer
//!   referral", "Referred") or its `referred_by` names another account of the file;
//! - `referral_share` = referred accounts acquired in t ÷ accounts acquired in t;
//! - `referrals` = accounts acquired in t whose `referred_by` names another account of the file
//!   (the total row), and, per referring customer (segment = the referrer's id, period `all`), the
//!   accounts of the whole file it referred. A `referred_by` naming no account of the file (or the
//!   account itself) is an issue and is not counted.
//!
//! The acquisition KPIs exist only when the file has a `channel` or `referred_by` column (and
//! `referrals` only with `referred_by`).

use super::AccountData;
use crate::kpi::{Area, KpiDef, KpiValue, Unit};
use crate::period::{Granularity, Period};

const fn def(id: &'static str, name: &'static str, unit: Unit, higher_is_better: bool, definition: &'static str) -> KpiDef {
    KpiDef::new(id, "accounts", name, unit, higher_is_better, definition, Area::Revenue)
}

pub const DEFS: &[KpiDef] = &[
    def("account_churn_share", "Churned share of accounts", Unit::Rate, false, "Accounts snapshot: churned accounts ÷ all accounts.").in_area(Area::Retention),
    def("account_mrr", "Account MRR", Unit::Money, true, "Accounts snapshot: the sum of the monthly charges of active accounts."),
    def("account_arpa", "Account ARPA", Unit::Money, true, "Accounts snapshot: account MRR ÷ active accounts."),
    def(
        "referral_share",
        "Referral share of new accounts",
        Unit::Rate,
        true,
        "Of the accounts acquired in the period (by their acquisition date; every account when the file has no dates), the share that were referred: their channel contains \"referr\" (Referral, Customer referral…) or their referred-by names another account of the file.",
    ),
    def(
        "referrals",
        "Referrals",
        Unit::Count,
        true,
        "Accounts acquired in the period whose referred-by names another account of the file; per referring customer (the segment), the accounts it referred over the whole file. A referred-by naming no account of the file is reported and not counted.",
    ),
];

fn value(id: &'static str, period: String, segment: Option<String>, value: Option<f64>, num: Option<f64>, den: Option<f64>, n: u64) -> KpiValue {
    KpiValue { segment, ..KpiValue::new(id, "accounts", period, value, num, den, n) }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    all: u64,
    churned: u64,
    active_mrr: i64,
}

fn emit(t: Tally, segment: Option<String>, out: &mut Vec<KpiValue>) {
    let active = t.all - t.churned;
    let v = |id, v, num: f64, den: f64, n| value(id, "all".into(), segment.clone(), v, Some(num), Some(den), n);
    let mrr = t.active_mrr as f64 / 100.0;
    out.push(v("account_churn_share", (t.all > 0).then(|| t.churned as f64 / t.all as f64), t.churned as f64, t.all as f64, t.all));
    out.push(v("account_mrr", Some(mrr), mrr, active as f64, active));
    out.push(v("account_arpa", (active > 0).then(|| t.active_mrr as f64 / active as f64 / 100.0), mrr, active as f64, active));
}

/// Why the snapshot KPIs are undefined for a file without a status column.
pub const NO_STATUS: &str = "needs a status column (active or churned) to know which accounts pay; this file has none";

/// The snapshot KPIs: overall values, then one set per value of segment column `segment`. A file
/// without a status column has the overall values only, undefined, saying so.
pub fn account_kpis(data: &AccountData, segment: Option<usize>) -> Vec<KpiValue> {
    if !data.has_status {
        let n = data.customers.len() as u64;
        return ["account_churn_share", "account_mrr", "account_arpa"]
            .into_iter()
            .map(|id| KpiValue { warning: Some(NO_STATUS.into()), ..value(id, "all".into(), None, None, None, None, n) })
            .collect();
    }
    let seg = segment.and_then(|s| data.segments.get(s));
    let mut tallies = vec![Tally::default(); 1 + seg.map_or(0, |s| s.values.len())];
    for i in 0..data.customers.len() {
        let add = |t: &mut Tally| {
            t.all += 1;
            if data.churned[i] {
                t.churned += 1;
            } else {
                t.active_mrr = t.active_mrr.saturating_add(data.monthly[i]);
            }
        };
        add(&mut tallies[0]);
        if let Some(s) = seg {
            add(&mut tallies[1 + s.id(i) as usize]);
        }
    }
    let mut out = Vec::new();
    for (g, t) in tallies.into_iter().enumerate() {
        emit(t, if g == 0 { None } else { seg.map(|s| s.values[g - 1].clone()) }, &mut out);
    }
    out
}

/// Whether each account was referred (channel containing "referr", or a known referrer).
pub fn referred(data: &AccountData) -> Vec<bool> {
    let by_channel: Vec<bool> =
        data.channel.and_then(|c| data.segments.get(c)).map_or(Vec::new(), |c| c.values.iter().map(|v| v.to_lowercase().contains("referr")).collect());
    let channel = data.channel.and_then(|c| data.segments.get(c));
    (0..data.customers.len()).map(|i| data.referred_by[i].is_some() || channel.is_some_and(|c| by_channel[c.id(i) as usize])).collect()
}

#[derive(Default, Clone, Copy)]
struct Acquired {
    accounts: u64,
    referred: u64,
    referrals: u64,
}

/// `referral_share` and `referrals` per period of `acquired` (overall, then per value of segment
/// column `segment` for `referral_share`), then the referrals made by each referring customer.
pub fn acquisition_kpis(data: &AccountData, granularity: Granularity, segment: Option<usize>) -> Vec<KpiValue> {
    let mut out = Vec::new();
    if data.channel.is_none() && !data.has_referred_by {
        return out;
    }
    let periods = match (data.meta.first_day, data.meta.last_day) {
        (Some(first), Some(last)) if data.has_acquired && granularity != Granularity::All => granularity.buckets_between(first, last),
        _ => vec![Period::All],
    };
    let dated = periods[0] != Period::All;
    let seg = segment.and_then(|s| data.segments.get(s));
    let groups = 1 + seg.map_or(0, |s| s.values.len());
    let mut tallies = vec![vec![Acquired::default(); periods.len()]; groups];
    let referred = referred(data);
    for (i, &was_referred) in referred.iter().enumerate() {
        let at = match (dated, data.acquired[i]) {
            (false, _) => 0,
            (true, Some(day)) => periods.partition_point(|p| p.last_day() < day),
            (true, None) => continue,
        };
        let mut add = |g: usize| {
            let t = &mut tallies[g][at];
            t.accounts += 1;
            t.referred += was_referred as u64;
            t.referrals += data.referred_by[i].is_some() as u64;
        };
        add(0);
        if let Some(s) = seg {
            add(1 + s.id(i) as usize);
        }
    }
    for (g, series) in tallies.iter().enumerate() {
        let segment = if g == 0 { None } else { seg.map(|s| s.values[g - 1].clone()) };
        for (t, p) in series.iter().zip(&periods) {
            let share = (t.accounts > 0).then(|| t.referred as f64 / t.accounts as f64);
            out.push(value("referral_share", p.label(), segment.clone(), share, Some(t.referred as f64), Some(t.accounts as f64), t.accounts));
        }
    }
    if data.has_referred_by {
        for (t, p) in tallies[0].iter().zip(&periods) {
            out.push(value("referrals", p.label(), None, Some(t.referrals as f64), Some(t.referrals as f64), None, t.accounts));
        }
        let mut made = vec![0u64; data.referrers.len()];
        for r in data.referred_by.iter().flatten() {
            made[*r as usize] += 1;
        }
        let mut order: Vec<usize> = (0..made.len()).filter(|&r| made[r] > 0).collect();
        order.sort_by(|&a, &b| made[b].cmp(&made[a]).then_with(|| data.referrers[a].cmp(&data.referrers[b])));
        for r in order {
            let n = made[r];
            out.push(value("referrals", "all".into(), Some(data.referrers[r].clone()), Some(n as f64), Some(n as f64), None, n));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::{infer_account_mapping, Accounts};
    use crate::source::Source;

    fn kpis(csv: &[u8], granularity: Granularity, segment: Option<usize>) -> Vec<KpiValue> {
        let s = crate::ingest::sniff(csv);
        let data = Accounts::read("a.csv", csv, &s, &infer_account_mapping(&s), &Default::default()).unwrap();
        acquisition_kpis(&data, granularity, segment)
    }

    fn get<'a>(k: &'a [KpiValue], id: &str, period: &str, segment: Option<&str>) -> &'a KpiValue {
        k.iter().find(|k| k.id == id && k.period == period && k.segment.as_deref() == segment).unwrap_or_else(|| panic!("{id} {period} {segment:?}: {k:#?}"))
    }

    #[test]
    fn a_snapshot_without_channel_or_referrer_has_no_acquisition_kpis() {
        assert!(kpis(b"customer,status,acquired\na,active,2024-01-01\n", Granularity::Month, None).is_empty());
    }

    #[test]
    fn without_dates_the_one_period_is_all() {
        // a Organic, b Referral, c "customer REFERRAL", d Paid: 2 of 4 referred by channel.
        let k = kpis(b"customer,status,channel\na,active,Organic\nb,active,Referral\nc,churned,customer REFERRAL\nd,active,Paid\n", Granularity::Month, None);
        let share = get(&k, "referral_share", "all", None);
        assert_eq!((share.value, share.n), (Some(0.5), 4));
        assert!(k.iter().all(|k| k.id != "referrals"));
    }

    #[test]
    fn series_are_continuous_and_undated_accounts_are_left_out() {
        // January: a (referred by c); February: none; March: b; c undated.
        let k = kpis(b"customer,status,acquired,referred by\na,active,2024-01-10,c\nb,active,2024-03-02,\nc,active,,\n", Granularity::Month, None);
        assert_eq!(get(&k, "referral_share", "2024-01", None).value, Some(1.0));
        assert_eq!(get(&k, "referral_share", "2024-02", None).value, None);
        assert_eq!(get(&k, "referral_share", "2024-03", None).value, Some(0.0));
        assert_eq!(get(&k, "referrals", "2024-02", None).value, Some(0.0));
        assert_eq!(get(&k, "referrals", "all", Some("c")).value, Some(1.0));
        assert_eq!(k.iter().filter(|k| k.id == "referral_share").count(), 3);
    }
}
