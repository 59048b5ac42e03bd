//! The KPI value type every family returns, and the registry of KPI ids with their definitions.

use serde::{Deserialize, Serialize};

/// One KPI value for one period (and segment). `value` is none when the KPI is undefined there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiValue {
    #[serde(deserialize_with = "crate::wire::static_str")]
    pub id: crate::wire::Name,
    #[serde(deserialize_with = "crate::wire::static_str")]
    pub source: crate::wire::Name,
    pub period: String,
    /// None for the overall value; the segment's value otherwise.
    pub segment: Option<String>,
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub n: u64,
    /// The survey kind a `responses` value counts.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::wire::static_str_opt")]
    pub kind: Option<crate::wire::Name>,
    /// Fewer than [`SMALL_SAMPLE`] responses: show with a warning.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub small_sample: bool,
    /// Where an input came from when it can come from more than one source (LTV from
    /// `subscriptions` or from `orders`).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::wire::static_str_opt")]
    pub basis: Option<crate::wire::Name>,
    /// Why the value may mislead or is missing, in words the UI shows beside it (a filter value
    /// that matches no row, an accounts file whose ids match no subscription customer, an
    /// event-log activity that matches no row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

impl KpiValue {
    /// An overall value of `source` for `period`, made of `numerator` ÷ `denominator` over `n`
    /// items, with no kind, basis or warning (set those fields after, as `segment` is).
    pub fn new(
        id: crate::wire::Name,
        source: crate::wire::Name,
        period: impl Into<String>,
        value: Option<f64>,
        numerator: Option<f64>,
        denominator: Option<f64>,
        n: u64,
    ) -> KpiValue {
        KpiValue {
            id,
            source,
            period: period.into(),
            segment: None,
            value,
            numerator,
            denominator,
            n,
            kind: None,
            small_sample: false,
            basis: None,
            warning: None,
        }
    }
}

/// Below this many responses a survey value is flagged as a small sample.
pub const SMALL_SAMPLE: u64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Points on a 0-100 scale (NPS in -100..100).
    Points,
    /// A fraction in the core, a percentage in the UI.
    Rate,
    /// A mean score on the survey's own scale.
    Score,
    Count,
    /// Money: integer cents inside, major units in JSON.
    Money,
    /// A plain ratio (e.g. the quick ratio).
    Ratio,
    /// Elapsed hours.
    Hours,
}

/// The registry entry of a KPI: what it is called and how it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KpiDef {
    pub id: &'static str,
    pub source: &'static str,
    pub name: &'static str,
    pub unit: Unit,
    pub higher_is_better: bool,
    /// The definition, in words a user can check the number against.
    pub definition: &'static str,
}

/// Every KPI definition, in the order of [`crate::source::SOURCES`], then the health score's
/// (which joins them all). Listed by type rather than
/// through `SOURCES`, whose trait objects would link every reader and KPI function into a program
/// that only needs the definitions (the page, whose worker computes).
pub fn registry() -> Vec<KpiDef> {
    use crate::source::Source;
    [
        crate::subscriptions::Subscriptions::defs(),
        crate::accounts::Accounts::defs(),
        crate::orders::Orders::defs(),
        crate::surveys::Surveys::defs(),
        crate::tickets::Tickets::defs(),
        crate::usage::Usage::defs(),
        crate::funnel::Funnel::defs(),
        &crate::health::DEFS,
    ]
    .concat()
}

pub fn def(id: &str) -> Option<KpiDef> {
    registry().into_iter().find(|d| d.id == id)
}

#[cfg(test)]
mod tests {
    use super::KpiDef;

    #[test]
    fn ids_are_unique_and_documented() {
        let defs = super::registry();
        let mut ids: Vec<&str> = defs.iter().map(|d| d.id).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len());
        assert!(defs.iter().all(|d| d.definition.len() > 20 && !d.name.is_empty()));
        let mut by_registry: Vec<KpiDef> = crate::source::SOURCES.iter().flat_map(|s| s.defs().iter().copied()).collect();
        by_registry.extend(crate::health::DEFS);
        assert_eq!(defs, by_registry, "the registry lists every source's definitions, in the registry's order, then the health score's");
        // Each definition belongs to the source that lists it.
        for s in crate::source::SOURCES {
            assert!(s.defs().iter().all(|d| d.source == s.name()), "{}", s.name());
        }
    }
}
