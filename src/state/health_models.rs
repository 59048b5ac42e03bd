//! View models of the Health and Customers pages: the band counts and MRR at risk as lines, the
//! back-test per month, a customer's health and MRR over time, and how a component reads. Pure
//! functions, no signals.

use super::lines_model::{lines, Line};
use northstar_charts::{LineSeries, ACCENT, BAD, GOOD, TARGET, TEAL};
use northstar_metrics::health::timeline::Timeline;
use northstar_metrics::health::{Band, Component};
use northstar_metrics::KpiValue;
use std::collections::BTreeMap;

/// Red, yellow and green accounts per month.
pub fn band_lines(kpis: &[KpiValue]) -> (Vec<String>, Vec<LineSeries>) {
    let l = [
        Line { name: "Red", id: "accounts_red", color: BAD, secondary: false, scale: 1.0 },
        Line { name: "Yellow", id: "accounts_yellow", color: TARGET, secondary: false, scale: 1.0 },
        Line { name: "Green", id: "accounts_green", color: GOOD, secondary: false, scale: 1.0 },
    ];
    lines(kpis, "accounts_red", &l, &BTreeMap::new())
}

/// The MRR at risk per month, and the back-test's AUC on the right axis.
pub fn risk_lines(kpis: &[KpiValue], targets: &BTreeMap<String, f64>) -> (Vec<String>, Vec<LineSeries>) {
    let l = [
        Line { name: "MRR at risk", id: "mrr_at_risk", color: BAD, secondary: false, scale: 1.0 },
        Line { name: "AUC of the score (right axis)", id: "health_auc", color: ACCENT, secondary: true, scale: 1.0 },
    ];
    lines(kpis, "mrr_at_risk", &l, targets)
}

/// One month of the back-test.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestRow {
    pub period: String,
    pub auc: Option<f64>,
    pub lift: Option<f64>,
    /// Customers scored, and how many churned within the window.
    pub scored: u64,
    pub churned: Option<f64>,
    pub warning: Option<String>,
}

/// The back-test per month, latest first; months whose window is not in the data are left out
/// but for the latest of them, which says why.
pub fn backtest_rows(kpis: &[KpiValue]) -> Vec<BacktestRow> {
    let find = |id: &str, p: &str| kpis.iter().find(|k| k.id == id && k.period == p && k.segment.is_none());
    let mut rows: Vec<BacktestRow> = kpis
        .iter()
        .filter(|k| k.id == "health_auc" && k.segment.is_none())
        .map(|a| BacktestRow {
            period: a.period.clone(),
            auc: a.value,
            lift: find("health_top_decile_lift", &a.period).and_then(|l| l.value),
            scored: a.n,
            churned: a.numerator,
            warning: a.warning.clone(),
        })
        .collect();
    rows.reverse();
    let first_tested = rows.iter().position(|r| r.churned.is_some()).unwrap_or(rows.len());
    // Keep the latest untested month (it says why) and every tested one.
    rows.into_iter().enumerate().filter(|(i, r)| r.churned.is_some() || *i + 1 == first_tested).map(|(_, r)| r).collect()
}

/// The mean AUC and lift over the months with a back-test.
pub fn backtest_mean(rows: &[BacktestRow]) -> (Option<f64>, Option<f64>) {
    let mean = |v: Vec<f64>| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    (mean(rows.iter().filter_map(|r| r.auc).collect()), mean(rows.iter().filter_map(|r| r.lift).collect()))
}

/// A customer's health score (left axis) and MRR (right axis) per month.
pub fn timeline_lines(t: &Timeline) -> (Vec<String>, Vec<LineSeries>) {
    let labels: Vec<String> = t.months.iter().map(|m| m.period.clone()).collect();
    let mut series = vec![LineSeries {
        name: "Health score".into(),
        color: ACCENT,
        values: t.months.iter().map(|m| m.health.score).collect(),
        target: None,
        secondary: false,
    }];
    if t.months.iter().any(|m| m.mrr.is_some()) {
        series.push(LineSeries {
            name: "MRR (right axis)".into(),
            color: TEAL,
            values: t.months.iter().map(|m| m.mrr.map(|c| c as f64 / 100.0)).collect(),
            target: None,
            secondary: true,
        });
    }
    (labels, series)
}

/// "Usage trend 25" for a component's value.
pub fn component_text(c: Component, v: f64) -> String {
    format!("{} {v:.0}", c.label())
}

/// The band's word, or "no data".
pub fn band_text(b: Option<Band>) -> &'static str {
    b.map_or("no data", Band::as_str)
}

/// "87 %" of a match rate, or "—".
pub fn rate_text(rate: Option<f64>) -> String {
    rate.map_or("—".into(), |r| format!("{:.1} %", r * 100.0))
}

/// What the customer search says above its hits: the lowest scores before any search, how many
/// were found (the first `shown_at_most`), or that none matches.
pub fn hits_text(query: &str, hits: usize, shown_at_most: usize) -> String {
    match (query.is_empty(), hits) {
        (true, 0) => String::new(),
        (true, _) => "Lowest scores now:".to_string(),
        (false, 0) => format!("No customer matches '{query}'."),
        (false, n) => format!("{n} found{}:", if n >= shown_at_most { " (the first ones)" } else { "" }),
    }
}
