//! The acquisition page: the funnel's KPIs and the accounts' referrals, the latest month's stages, and its view choices.

use super::PageKpis;
use northstar_metrics::Granularity;
use northstar_metrics::KpiValue;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AcquisitionResults {
    /// The funnel's KPIs.
    pub funnel: Vec<KpiValue>,
    /// The accounts' referral KPIs.
    pub referrals: Vec<KpiValue>,
    pub breakdown: Vec<KpiValue>,
    pub stages: Stages,
}

impl PageKpis for AcquisitionResults {
    fn kpi_values(&self) -> Vec<KpiValue> {
        [&self.funnel[..], &self.referrals].concat()
    }
}

/// The latest month of the funnel sheet, and each stage's count in it.
pub type Stages = (String, Vec<(String, Option<f64>)>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct AcquisitionView {
    pub period: Granularity,
    /// A funnel column (channel, …) to break the latest period down by.
    pub breakdown: Option<String>,
}
