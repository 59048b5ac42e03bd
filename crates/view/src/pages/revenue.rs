//! The revenue page: subscriptions and accounts; its results, its view choices and its charts' models.

use super::PageKpis;
use northstar_charts::{bridge_steps, BridgeStep, LineSeries, StackSeries, ACCENT, BAD, GOOD, ORANGE, TEAL, VIOLET};
use northstar_metrics::Granularity;
use northstar_metrics::KpiValue;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RevenueResults {
    pub kpis: Vec<KpiValue>,
    /// The latest period of the filtered data, per value of the breakdown column.
    pub breakdown: Vec<KpiValue>,
    pub account_kpis: Vec<KpiValue>,
    pub segment_options: Vec<SegmentOption>,
}

impl PageKpis for RevenueResults {
    fn kpi_values(&self) -> Vec<KpiValue> {
        [&self.kpis[..], &self.account_kpis, &self.breakdown].concat()
    }
}

/// A column the revenue KPIs can be cut by, and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentOption {
    pub column: String,
    pub from_accounts: bool,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RevenueView {
    pub period: Granularity,
    /// The filter that applies to every revenue KPI: (column, value).
    pub filter: Option<(String, String)>,
    /// A column to break the latest period down by.
    pub breakdown: Option<String>,
    /// The period whose bridge the waterfall shows; none means the latest.
    pub bridge_period: Option<String>,
}

/// Overall periods, in order.
pub fn periods(kpis: &[KpiValue]) -> Vec<String> {
    kpis.iter().filter(|k| k.segment.is_none() && k.id == "mrr").map(|k| k.period.clone()).collect()
}

fn value(kpis: &[KpiValue], id: &str, period: &str) -> Option<f64> {
    kpis.iter().find(|k| k.segment.is_none() && k.id == id && k.period == period).and_then(|k| k.value)
}

/// Money values are exact cents ÷ 100; this turns them back into cents.
fn cents(v: Option<f64>) -> i64 {
    v.map_or(0, |v| (v * 100.0).round() as i64)
}

/// The bridge of `period` (the latest when none or unknown): start MRR, movements, end MRR.
pub fn bridge(kpis: &[KpiValue], period: Option<&str>) -> Option<(String, Vec<BridgeStep>)> {
    let all = periods(kpis);
    let i = period.and_then(|p| all.iter().position(|x| x == p)).unwrap_or(all.len().checked_sub(1)?);
    let p = &all[i];
    let start = if i == 0 { 0 } else { cents(value(kpis, "mrr", &all[i - 1])) };
    let m = |id| cents(value(kpis, id, p));
    Some((p.clone(), bridge_steps(start, m("mrr_new"), m("mrr_reactivation"), m("mrr_expansion"), m("mrr_contraction"), m("mrr_churned"))))
}

/// Gains above zero, losses below, per period.
pub fn movements(kpis: &[KpiValue]) -> (Vec<String>, Vec<StackSeries>) {
    let labels = periods(kpis);
    let series = |name: &str, id: &str, color, sign: i64| StackSeries {
        name: name.into(),
        color,
        values: labels.iter().map(|p| sign * cents(value(kpis, id, p))).collect(),
    };
    let out = vec![
        series("New", "mrr_new", GOOD, 1),
        series("Reactivation", "mrr_reactivation", TEAL, 1),
        series("Expansion", "mrr_expansion", ACCENT, 1),
        series("Contraction", "mrr_contraction", ORANGE, -1),
        series("Churned", "mrr_churned", BAD, -1),
    ];
    (labels, out)
}

pub fn mrr_and_customers(kpis: &[KpiValue], targets: &BTreeMap<String, f64>) -> (Vec<String>, Vec<LineSeries>) {
    let labels = periods(kpis);
    let line = |name: &str, id: &str, color, secondary| LineSeries {
        name: name.into(),
        color,
        values: labels.iter().map(|p| value(kpis, id, p)).collect(),
        target: targets.get(id).copied(),
        secondary,
    };
    let out = vec![line("MRR", "mrr", ACCENT, false), line("Customers (right axis)", "customers", TEAL, true)];
    (labels, out)
}

/// Customer churn, gross MRR churn and NRR, in percent, with their targets.
pub fn churn_and_nrr(kpis: &[KpiValue], targets: &BTreeMap<String, f64>) -> (Vec<String>, Vec<LineSeries>) {
    let labels = periods(kpis);
    let line = |name: &str, id: &str, color, secondary| LineSeries {
        name: name.into(),
        color,
        values: labels.iter().map(|p| value(kpis, id, p).map(|v| v * 100.0)).collect(),
        target: targets.get(id).map(|t| t * 100.0),
        secondary,
    };
    let out = vec![
        line("Customer churn %", "customer_churn_rate", BAD, false),
        line("Gross MRR churn %", "gross_mrr_churn_rate", ORANGE, false),
        line("NRR % (right axis)", "nrr", VIOLET, true),
    ];
    (labels, out)
}
