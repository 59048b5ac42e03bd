//! The product page: its results (KPIs, consumption per customer, features), its view choices and the consumption table's model.

use super::PageKpis;
use crate::models::tables::{SortColumn, SortRow};
use northstar_metrics::kpi::Unit;
use northstar_metrics::Granularity;
use northstar_metrics::KpiValue;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ProductResults {
    /// Every KPI value but the per-customer consumption rows.
    pub kpis: Vec<KpiValue>,
    /// The latest period's consumption per customer.
    pub consumption: (String, Vec<SortRow>),
    pub features: Vec<String>,
}

impl PageKpis for ProductResults {
    fn kpi_values(&self) -> Vec<KpiValue> {
        self.kpis.clone()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ProductView {
    pub period: Granularity,
}

/// The consumption table's columns: units used (the rate's numerator), entitled (its
/// denominator), and the rate.
pub const CONSUMPTION_COLUMNS: [SortColumn; 3] = [
    SortColumn { id: "consumption_units", heading: "Units used", unit: Unit::Score },
    SortColumn { id: "consumption_entitled", heading: "Units entitled", unit: Unit::Score },
    SortColumn { id: "consumption_rate", heading: "Consumption", unit: Unit::Rate },
];

fn is_customer_consumption(k: &KpiValue) -> bool {
    k.id == "consumption_rate" && k.segment.is_some()
}

/// The latest period with per-customer consumption, and a row per customer active in it.
pub fn consumption_rows(kpis: &[KpiValue]) -> (String, Vec<SortRow>) {
    let Some(last) = kpis.iter().filter(|k| is_customer_consumption(k)).map(|k| k.period.clone()).next_back() else {
        return (String::new(), Vec::new());
    };
    let rows = kpis
        .iter()
        .filter(|k| is_customer_consumption(k) && k.period == last)
        .map(|k| SortRow { key: k.segment.clone().unwrap_or_default(), values: vec![k.numerator, k.denominator, k.value] })
        .collect();
    (last, rows)
}

/// Every KPI value but the per-customer consumption rows (they have their own table).
pub fn without_customer_rows(kpis: &[KpiValue]) -> Vec<KpiValue> {
    kpis.iter().filter(|k| !is_customer_consumption(k)).cloned().collect()
}
