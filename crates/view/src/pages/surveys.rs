//! The surveys page: its results (KPIs, the kinds asked, the score distribution, the comments' themes) and its view choices.

use super::PageKpis;
use northstar_charts::DistributionBar;
use northstar_metrics::comments::CommentSummary;
use northstar_metrics::surveys::Kind;
use northstar_metrics::Granularity;
use northstar_metrics::KpiValue;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SurveysResults {
    pub kpis: Vec<KpiValue>,
    pub kinds: Vec<Kind>,
    pub score_kind: Option<Kind>,
    pub distribution: Option<(Kind, Vec<DistributionBar>)>,
    /// The comments' sentiment and themes, when the file has comments.
    pub comments: Option<CommentSummary>,
}

impl PageKpis for SurveysResults {
    fn kpi_values(&self) -> Vec<KpiValue> {
        self.kpis.clone()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SurveysView {
    pub period: Granularity,
    /// The segment column to break KPIs down by (a column name), if any.
    pub segment: Option<String>,
    /// The kind the score distribution chart shows.
    pub distribution_kind: Option<Kind>,
}

impl crate::models::plotted::Plotted for Option<(Kind, Vec<DistributionBar>)> {
    fn has_data(&self) -> bool {
        self.as_ref().is_some_and(|(_, bars)| bars.iter().any(|b| b.count > 0))
    }
    fn table(&self) -> crate::models::plotted::DataTable {
        let rows = self
            .as_ref()
            .map(|(_, bars)| bars.iter().map(|b| vec![crate::models::plotted::cell(Some(b.score)), b.count.to_string()]).collect())
            .unwrap_or_default();
        crate::models::plotted::DataTable { headings: vec!["Score".into(), "Answers".into()], rows }
    }
}
