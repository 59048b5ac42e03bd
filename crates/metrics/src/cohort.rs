//! A cohort table's row: a group of customers who started in the same period (their first order,
//! their signup), its size, and the share still active k periods later. Any source can give one;
//! the orders source gives cohorts by first order (see `orders::cohorts`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortRow {
    /// The cohort's period label ("2024-03").
    pub cohort: String,
    pub size: u64,
    /// k = 0 up to the file's last period.
    pub retention: Vec<Option<f64>>,
    pub revenue_retention: Vec<Option<f64>>,
}
