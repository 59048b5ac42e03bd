//! The Health page: how each source matched, the health KPIs per month, the risk list, the back-test; its view choices (shared with the Customers page) and its charts' and tables' models.

use super::PageKpis;
use crate::format::Style;
use crate::models::lines::{lines, Line};
use northstar_charts::{LineSeries, ACCENT, BAD, GOOD, TARGET, TEAL};
use northstar_metrics::health::timeline::Timeline;
use northstar_metrics::health::{Band, Component, HealthSettings};
use northstar_metrics::join::{JoinReport, JoinRule};
use northstar_metrics::kpi::Unit;
use northstar_metrics::source::SourceId;
use northstar_metrics::KpiValue;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The Health page: how each source matched, the health KPIs per month, and the risk list.
/// How many customers the risk list carries (lowest scores first).
pub const RISK_ROWS: usize = 200;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HealthResults {
    pub joins: Vec<JoinReport>,
    /// Billing customers in the directory.
    pub customers: u64,
    /// Where the billing customers come from (subscriptions, else accounts).
    pub billing: Option<SourceId>,
    /// The sources joined.
    pub loaded: Vec<SourceId>,
    pub demo: bool,
    pub kpis: Vec<KpiValue>,
    /// Every month scored, oldest first.
    pub periods: Vec<String>,
    /// First and last day of the joined data (the cards' latest complete month lies inside it).
    #[serde(default)]
    pub extent: Option<(i32, i32)>,
    /// The month the risk list shows, and the day it is scored at.
    pub period: Option<String>,
    pub as_of: Option<String>,
    /// Active customers at that day, and how many of them have no component at all.
    pub active: u64,
    pub unscored: u64,
    /// Why they have no score, with counts.
    #[serde(default)]
    pub unscored_reasons: Vec<(String, u64)>,
    /// The band thresholds in force (calibrated on the back-test or set) and why; none before any
    /// month is scored.
    #[serde(default)]
    pub bands: Option<northstar_metrics::health::Calibration>,
    /// Lowest score first, at most [`RISK_ROWS`].
    pub risk: Vec<RiskRow>,
}

impl PageKpis for HealthResults {
    fn kpi_values(&self) -> Vec<KpiValue> {
        self.kpis.clone()
    }
}

/// One customer of the risk list, as of the month shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskRow {
    pub customer: String,
    pub name: Option<String>,
    pub score: Option<f64>,
    pub band: Option<Band>,
    /// Cents.
    pub mrr: i64,
    pub components: Vec<(Component, f64)>,
    /// The components that fell most since the month before: (component, points).
    #[serde(default)]
    pub fell: Vec<(Component, f64)>,
    /// The last ticket, survey answer or product use on record by that day, and its date.
    #[serde(default)]
    pub last_contact: Option<(northstar_metrics::health::risk::ContactKind, String)>,
}

/// The Health and Customers pages' choices: the score's settings, the join rule per source, the
/// month the risk list shows, and the customer looked up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct HealthView {
    pub score: HealthSettings,
    /// Per source, how its keys reach a customer (auto when not set).
    pub join_rules: BTreeMap<SourceId, JoinRule>,
    /// The month the risk list is scored at (a label such as `2024-03`); none for the latest.
    pub period: Option<String>,
    /// What the customer search box holds.
    pub query: String,
    /// The customer whose timeline is shown (an id).
    pub customer: Option<String>,
}

impl HealthView {
    /// The join rules as the metrics crate takes them.
    pub fn rules(&self) -> Vec<(SourceId, JoinRule)> {
        self.join_rules.iter().map(|(k, v)| (*k, *v)).collect()
    }
}

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

/// "Usage trend 25" for a component's value, in `style`.
pub fn component_text(c: Component, v: f64, style: &Style) -> String {
    format!("{} {}", c.label(), style.number(v, 0))
}

/// "72 red" for a customer's score and band, in `style`; "no score" without one.
pub fn score_text(score: Option<f64>, band: Option<Band>, style: &Style) -> String {
    score.map_or("no score".to_string(), |s| format!("{} {}", style.number(s, 0), band_text(band)))
}

/// "3 (mean 72/100)": a month's survey answers and their mean score, in `style`; "0" without any.
pub fn answers_text(answers: u64, mean: Option<f64>, style: &Style) -> String {
    match mean {
        Some(s) => format!("{} (mean {}/100)", style.count(answers), style.number(s, 0)),
        None => "0".into(),
    }
}

/// The band's word, or "no data".
pub fn band_text(b: Option<Band>) -> &'static str {
    b.map_or("no data", Band::as_str)
}

/// "87.5 %" of a match rate, or "—", in `style`.
pub fn rate_text(rate: Option<f64>, style: &Style) -> String {
    style.display(Unit::Rate, rate)
}

/// "Mean AUC 0.812, mean top-decile lift 3.10 over the months below.", in `style`.
pub fn backtest_text(auc: Option<f64>, lift: Option<f64>, window_months: u32, style: &Style) -> Option<String> {
    let auc = auc?;
    let lifted = match lift {
        Some(l) => format!(", and the lowest-scoring tenth churned {} times as often as everyone (top-decile lift {})", style.number(l, 1), style.number(l, 2)),
        None => String::new(),
    };
    Some(format!(
        "Over the months below, of two customers, one who churned within {window_months} months and one who stayed, the one who churned had the lower score {} % of the time (AUC {}; 50 % is a coin toss){lifted}.",
        style.number(auc * 100.0, 0),
        style.number(auc, 3)
    ))
}

/// The band thresholds in words, with where they come from: "Red below 73.3 and yellow below
/// 75.6, calibrated on 4,021 customer-months of these files: …".
pub fn bands_text(b: &northstar_metrics::health::Calibration, style: &Style) -> String {
    use northstar_metrics::health::Basis;
    let caught = match (b.red_share, b.red_recall) {
        (Some(share), Some(recall)) => format!(
            " In the back-test red held {} % of the customers scored and {} % of those who churned.",
            style.number(share * 100.0, 1),
            style.number(recall * 100.0, 1)
        ),
        _ => String::new(),
    };
    let cap = if b.basis == Basis::Calibrated {
        format!(
            " Each month red is at most the lowest {} % of the customers scored, red and yellow at most {} %.",
            (northstar_metrics::health::calibrate::RED_SHARE * 100.0).round(),
            (northstar_metrics::health::calibrate::YELLOW_SHARE * 100.0).round()
        )
    } else {
        String::new()
    };
    format!("Red below {}, yellow below {}: {}.{cap}{caught}", style.number(b.red_below, 1), style.number(b.yellow_below, 1), b.why)
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

/// The sources joined, by id: "orders, surveys, tickets".
pub fn source_list(sources: &[SourceId]) -> String {
    sources.iter().map(|s| s.name()).collect::<Vec<_>>().join(", ")
}

/// The sources joined to the billing customers besides their own source, or "no other file yet".
pub fn joined_text(loaded: &[SourceId], billing: SourceId) -> String {
    let others: Vec<SourceId> = loaded.iter().copied().filter(|s| *s != billing).collect();
    if others.is_empty() {
        "no other file yet".into()
    } else {
        source_list(&others)
    }
}
