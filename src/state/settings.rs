//! What the user chooses, persisted as one JSON document (see `browser::storage`).

use northstar_metrics::surveys::{Kind, SurveyMapping, SurveySettings};
use northstar_metrics::Granularity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub period: Granularity,
    /// The segment column to break KPIs down by (a column name), if any.
    pub segment: Option<String>,
    pub surveys: SurveySettings,
    /// Target per KPI id.
    pub targets: BTreeMap<String, f64>,
    /// Mappings the user changed, per header signature.
    pub mappings: BTreeMap<String, SurveyMapping>,
    /// The kind the score distribution chart shows.
    pub distribution_kind: Option<Kind>,
}

impl Default for Settings {
    fn default() -> Self {
        let mut targets = BTreeMap::new();
        targets.insert("nps".to_string(), 30.0);
        targets.insert("csat".to_string(), 80.0);
        targets.insert("ces".to_string(), 5.0);
        Settings {
            period: Granularity::Month,
            segment: None,
            surveys: SurveySettings::default(),
            targets,
            mappings: BTreeMap::new(),
            distribution_kind: None,
        }
    }
}
