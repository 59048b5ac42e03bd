//! The orders page: its results (KPIs, breakdown, cohort table), its view choices and the cohort heatmap's rows.

use super::PageKpis;
use crate::format::Style;
use northstar_charts::HeatRow;
use northstar_metrics::cohort::CohortRow;
use northstar_metrics::kpi::Unit;
use northstar_metrics::Granularity;
use northstar_metrics::KpiValue;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct OrdersResults {
    pub kpis: Vec<KpiValue>,
    pub breakdown: Vec<KpiValue>,
    pub cohorts: Vec<CohortRow>,
}

impl PageKpis for OrdersResults {
    fn kpi_values(&self) -> Vec<KpiValue> {
        self.kpis.clone()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct OrdersView {
    pub period: Granularity,
    /// A column (country, channel, …) to break the latest period down by.
    pub breakdown: Option<String>,
    /// The heatmap shows revenue retention instead of customer retention.
    pub revenue_cohorts: bool,
}

/// The cohort heatmap's rows: each cohort's customer retention, or its revenue retention.
pub fn heat_rows(cohorts: &[northstar_metrics::cohort::CohortRow], revenue: bool) -> Vec<northstar_charts::HeatRow> {
    cohorts
        .iter()
        .map(|c| northstar_charts::HeatRow {
            label: c.cohort.clone(),
            size: c.size,
            cells: if revenue { c.revenue_retention.clone() } else { c.retention.clone() },
        })
        .collect()
}

/// What the heatmap says of the cell `k` periods after `row`'s cohort, in `style`: "Cohort 2024-01
/// (12 customers), 2 periods later: 25.0 % of its customers ordered".
pub fn cohort_cell_text(row: &HeatRow, k: usize, revenue: bool, style: &Style) -> String {
    let what = if revenue { "of its first-period revenue" } else { "of its customers ordered" };
    match row.cells.get(k).copied().flatten() {
        Some(v) => format!("Cohort {} ({} customers), {k} periods later: {} {what}", row.label, style.count(row.size), style.display(Unit::Rate, Some(v))),
        None => format!("Cohort {}, {k} periods later: no data yet", row.label),
    }
}
