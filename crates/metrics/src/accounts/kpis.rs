//! Accounts snapshot KPIs (spec §6), overall and per segment, in one period `all`.
//!
//! - `account_churn_share` = churned accounts ÷ all accounts.
//! - `account_mrr` = sum of the monthly charges of active accounts (integer cents inside).
//! - `account_arpa` = account_mrr ÷ active accounts.

use super::AccountData;
use crate::kpi::{KpiDef, KpiValue, Unit};

pub const DEFS: [KpiDef; 3] = [
    KpiDef { id: "account_churn_share", source: "accounts", name: "Churned share of accounts", unit: Unit::Rate, higher_is_better: false, definition: "Accounts snapshot: churned accounts ÷ all accounts." },
    KpiDef { id: "account_mrr", source: "accounts", name: "Account MRR", unit: Unit::Money, higher_is_better: true, definition: "Accounts snapshot: the sum of the monthly charges of active accounts." },
    KpiDef { id: "account_arpa", source: "accounts", name: "Account ARPA", unit: Unit::Money, higher_is_better: true, definition: "Accounts snapshot: account MRR ÷ active accounts." },
];

#[derive(Default, Clone, Copy)]
struct Tally {
    all: u64,
    churned: u64,
    active_mrr: i64,
}

fn emit(t: Tally, segment: Option<String>, out: &mut Vec<KpiValue>) {
    let active = t.all - t.churned;
    let v = |id: &'static str, value: Option<f64>, num: f64, den: f64, n: u64| KpiValue {
        id,
        source: "accounts",
        period: "all".into(),
        segment: segment.clone(),
        value,
        numerator: Some(num),
        denominator: Some(den),
        n,
        kind: None,
        small_sample: false,
        basis: None,
    };
    let mrr = t.active_mrr as f64 / 100.0;
    out.push(v("account_churn_share", (t.all > 0).then(|| t.churned as f64 / t.all as f64), t.churned as f64, t.all as f64, t.all));
    out.push(v("account_mrr", Some(mrr), mrr, active as f64, active));
    out.push(v("account_arpa", (active > 0).then(|| t.active_mrr as f64 / active as f64 / 100.0), mrr, active as f64, active));
}

/// Overall values, then one set per value of segment column `segment`.
pub fn account_kpis(data: &AccountData, segment: Option<usize>) -> Vec<KpiValue> {
    let seg = segment.and_then(|s| data.segments.get(s));
    let mut tallies = vec![Tally::default(); 1 + seg.map_or(0, |s| s.values.len())];
    for i in 0..data.customers.len() {
        let add = |t: &mut Tally| {
            t.all += 1;
            if data.churned[i] {
                t.churned += 1;
            } else {
                t.active_mrr += data.monthly[i];
            }
        };
        add(&mut tallies[0]);
        if let Some(s) = seg {
            add(&mut tallies[1 + s.ids[i] as usize]);
        }
    }
    let mut out = Vec::new();
    for (g, t) in tallies.into_iter().enumerate() {
        emit(t, if g == 0 { None } else { seg.map(|s| s.values[g - 1].clone()) }, &mut out);
    }
    out
}
