//! The Customers page: the customers a search finds and one customer's timeline.

use super::PageKpis;
use northstar_metrics::health::timeline::Timeline;
use northstar_metrics::health::Band;
use northstar_metrics::source::SourceId;
use northstar_metrics::KpiValue;
use serde::{Deserialize, Serialize};

/// The Customers page: the search's customers and the timeline of the one shown.
/// How many customers a search lists.
pub const HITS: usize = 12;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CustomersResults {
    pub customers: u64,
    pub query: String,
    pub hits: Vec<CustomerHit>,
    pub timeline: Option<Timeline>,
    pub demo: bool,
    pub loaded: Vec<SourceId>,
}

/// A customer's page is about one customer: a link never carries it.
impl PageKpis for CustomersResults {
    fn kpi_values(&self) -> Vec<KpiValue> {
        Vec::new()
    }
}

/// A customer a search found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerHit {
    pub customer: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub score: Option<f64>,
    pub band: Option<Band>,
}
