//! What one source offers the others, as typed capabilities. A consumer asks [`super::Context`] for
//! a capability, never for a source by name; a provider says what it offers on its data
//! ([`super::SourceData::paying_customers`], [`super::SourceData::customer_attributes`]) or on its
//! kind ([`super::Source::PROVIDES`]).
//!
//! - [`PayingCustomers`]: who pays at the end of each period (subscriptions), or a snapshot of who
//!   is active (an accounts list). Usage's engagement rate divides by it.
//! - [`CustomerAttributes`]: a column per customer (an accounts list's plan, region, owner), so
//!   another source's customers can be cut by it. Subscriptions' filter and breakdown use it.
//! - [`Measure`]: a value another source's KPIs carry (LTV, ARPA, customers retained), read off
//!   that source's KPI values of the same period. Acquisition's LTV:CAC, CAC payback and retention
//!   cost use them.

use crate::kpi::KpiValue;
use crate::period::Period;
use crate::segment::SegmentColumn;
use std::collections::{HashMap, HashSet};

/// The customers paying in each period.
#[derive(Debug, Clone, PartialEq)]
pub enum Paying {
    /// The ids paying at the end of each period asked for.
    PerPeriod(PaidPerPeriod),
    /// The ids active in a snapshot without dates: the same whatever the period.
    Snapshot(HashSet<String>),
}

/// Which customers pay at the end of each of a list of periods: the source's ids once, and a bit
/// per id and period (a set of id strings per period would copy 400k ids × 60 months).
#[derive(Debug, Clone, PartialEq)]
pub struct PaidPerPeriod {
    ids: Vec<String>,
    index: HashMap<String, u32>,
    /// Per period, one bit per id.
    bits: Vec<Vec<u64>>,
    counts: Vec<usize>,
}

impl PaidPerPeriod {
    /// Nobody paying yet, over `ids` (distinct) and `periods` periods.
    pub fn new(ids: Vec<String>, periods: usize) -> PaidPerPeriod {
        let index = ids.iter().enumerate().map(|(i, id)| (id.clone(), i as u32)).collect();
        let words = ids.len().div_ceil(64);
        PaidPerPeriod { ids, index, bits: vec![vec![0; words]; periods], counts: vec![0; periods] }
    }

    /// Marks `ids[id]` paying at the end of period `t`.
    pub fn set(&mut self, t: usize, id: u32) {
        let (word, bit) = (id as usize / 64, 1u64 << (id % 64));
        if self.bits[t][word] & bit == 0 {
            self.bits[t][word] |= bit;
            self.counts[t] += 1;
        }
    }

    pub fn periods(&self) -> usize {
        self.bits.len()
    }

    /// How many pay at the end of period `t`.
    pub fn count(&self, t: usize) -> usize {
        self.counts[t]
    }

    /// Whether the customer `id` pays at the end of period `t`.
    pub fn pays(&self, t: usize, id: &str) -> bool {
        self.index.get(id).is_some_and(|&i| self.bits[t][i as usize / 64] >> (i % 64) & 1 == 1)
    }

    /// The ids paying at the end of period `t`, in the source's order.
    pub fn paying(&self, t: usize) -> impl Iterator<Item = &String> + '_ {
        self.ids.iter().enumerate().filter(move |(i, _)| self.bits[t][i / 64] >> (i % 64) & 1 == 1).map(|(_, id)| id)
    }
}

/// A source of billing customers: who pays when.
pub trait PayingCustomers: Send + Sync {
    /// The customers paying at the end of each of `periods`, or the snapshot's active ones.
    fn paying(&self, periods: &[Period]) -> Paying;
}

/// A source that describes its customers by columns (plan, region, owner…).
pub trait CustomerAttributes: Send + Sync {
    /// The customer of each row, as the file writes it (rows in file order).
    fn attribute_customers(&self) -> &[String];
    /// The attribute columns, each aligned with [`CustomerAttributes::attribute_customers`].
    fn attribute_columns(&self) -> &[SegmentColumn];
    /// What one row is called, for messages ("account").
    fn attribute_row_name(&self) -> &'static str;
}

/// A value one source's KPIs carry that another source's KPIs take as an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Customer lifetime value (money).
    Ltv,
    /// Average revenue per account (money, monthly).
    Arpa,
    /// Paying customers at a period's start still paying at its end.
    RetainedCustomers,
}

/// A [`Measure`] a source kind's KPIs carry: which KPI holds it and how to read it.
#[derive(Debug, Clone, Copy)]
pub struct Provided {
    pub measure: Measure,
    /// The KPI id whose values carry it.
    pub kpi: &'static str,
    /// The KPI is a snapshot's: its value, listed under the period `all`, holds for every period.
    pub snapshot: bool,
    /// The measure from one value of that KPI (none when it cannot be read from it).
    pub read: fn(&KpiValue) -> Option<f64>,
}

impl Provided {
    /// A measure that is the KPI's value.
    pub const fn value_of(measure: Measure, kpi: &'static str) -> Provided {
        Provided { measure, kpi, snapshot: false, read: |k| k.value }
    }
    /// A snapshot's value, the same for every period.
    pub const fn snapshot_value_of(measure: Measure, kpi: &'static str) -> Provided {
        Provided { measure, kpi, snapshot: true, read: |k| k.value }
    }
}
