//! Cohort retention (spec §2). A customer's cohort is the period (month by default; the `cohort`
//! setting: month, quarter or week) of their first order. Cell (cohort, k): the share of the
//! cohort with an order in period cohort + k, for k from 0 to the file's last period
//! (`retention[0]` is 1). Revenue retention: the cohort's revenue in period cohort + k ÷ its
//! revenue in its first period (netted refunds included; none when that first revenue is not
//! positive). Every period from the first to the last order date is a cohort, an empty one with
//! size 0 and no values. Orders without a customer belong to no cohort.

use super::data::OrdersData;
use super::kpis::orders_periods;
use super::settings::OrdersKpi;
use crate::period::Granularity;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct CohortRow {
    /// The cohort's period label ("2024-03").
    pub cohort: String,
    pub size: u64,
    /// k = 0 up to the file's last period.
    pub retention: Vec<Option<f64>>,
    pub revenue_retention: Vec<Option<f64>>,
}

/// The cohort matrix with the cohort period of the settings.
pub fn cohorts(data: &OrdersData, kpi: &OrdersKpi) -> Vec<CohortRow> {
    cohorts_by(data, kpi.cohort.granularity())
}

/// The cohort matrix by `granularity` (month, quarter or week).
pub fn cohorts_by(data: &OrdersData, granularity: Granularity) -> Vec<CohortRow> {
    let periods = orders_periods(data, granularity);
    let n = periods.len();
    if n == 0 || granularity == Granularity::All {
        return Vec::new();
    }
    let starts: Vec<i32> = periods.iter().map(|p| p.first_day()).collect();
    // Entries are sorted by day, so the period index only moves forward.
    let mut index = Vec::with_capacity(data.entries.len());
    let mut t = 0usize;
    for e in &data.entries {
        while t + 1 < n && starts[t + 1] <= e.day {
            t += 1;
        }
        index.push(t as u32);
    }
    let mut cohort_of = vec![u32::MAX; data.customers.len()];
    for (e, &t) in data.entries.iter().zip(&index) {
        if e.is_order && e.has_customer() && cohort_of[e.customer as usize] == u32::MAX {
            cohort_of[e.customer as usize] = t;
        }
    }
    let mut size = vec![0u64; n];
    for &c in cohort_of.iter().filter(|&&c| c != u32::MAX) {
        size[c as usize] += 1;
    }
    // Row c holds the cells k = 0..n − c; `last` marks the last k a customer was counted in.
    let mut active: Vec<Vec<u64>> = (0..n).map(|c| vec![0; n - c]).collect();
    let mut revenue: Vec<Vec<i64>> = (0..n).map(|c| vec![0; n - c]).collect();
    let mut last = vec![u32::MAX; data.customers.len()];
    for (e, &t) in data.entries.iter().zip(&index) {
        if !e.has_customer() {
            continue;
        }
        let c = e.customer as usize;
        let cohort = cohort_of[c];
        if cohort == u32::MAX || t < cohort {
            continue; // a refund before the customer's first order, or a customer with no order
        }
        let k = (t - cohort) as usize;
        revenue[cohort as usize][k] += e.cents;
        if e.is_order && last[c] != t {
            last[c] = t;
            active[cohort as usize][k] += 1;
        }
    }
    periods
        .iter()
        .enumerate()
        .map(|(c, p)| {
            let s = size[c];
            let first = revenue[c][0];
            CohortRow {
                cohort: p.label(),
                size: s,
                retention: active[c].iter().map(|&a| (s > 0).then(|| a as f64 / s as f64)).collect(),
                revenue_retention: revenue[c].iter().map(|&r| (first > 0).then(|| r as f64 / first as f64)).collect(),
            }
        })
        .collect()
}
