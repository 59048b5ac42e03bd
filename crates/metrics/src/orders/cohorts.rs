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
pub use crate::cohort::CohortRow;
use crate::period::Granularity;

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

/// The cohort matrix as a [`crate::source::Extra`]: `cohorts` in the CLI's JSON, a text table (the
/// share of each cohort ordering again k periods later), and each cell as a value
/// (`cohort_retention` and `cohort_revenue_retention`, the cohort as the period, k as the segment,
/// the cohort's size as n).
pub fn cohort_extra(data: &OrdersData, kpi: &OrdersKpi) -> crate::source::Extra {
    let rows = cohorts(data, kpi);
    let mut text = String::from("== cohorts (share of each first-order cohort ordering again k periods later)\n");
    for r in &rows {
        let cells: Vec<String> = r.retention.iter().map(|c| c.map_or("—".into(), |v| format!("{:.1}%", v * 100.0))).collect();
        text.push_str(&format!("{:<9} {:>6}  {}\n", r.cohort, r.size, cells.join(" ")));
    }
    let mut values = Vec::new();
    for row in &rows {
        for (id, cells) in [("cohort_retention", &row.retention), ("cohort_revenue_retention", &row.revenue_retention)] {
            for (k, v) in cells.iter().enumerate() {
                let mut value = crate::kpi::KpiValue::new(id, "orders", row.cohort.clone(), *v, None, None, row.size);
                value.segment = Some(k.to_string());
                values.push(value);
            }
        }
    }
    crate::source::Extra { key: "cohorts", json: serde_json::to_value(&rows).unwrap_or_default(), text, values }
}
