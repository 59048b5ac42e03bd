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

/// The area of the business a KPI speaks to: how the scorecard groups KPIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Revenue,
    Retention,
    Support,
    Product,
    Satisfaction,
    Acquisition,
    Health,
}

impl Area {
    /// Every area, in the order the scorecard lists them.
    pub const ALL: [Area; 7] = [Area::Revenue, Area::Retention, Area::Support, Area::Product, Area::Satisfaction, Area::Acquisition, Area::Health];

    pub fn as_str(self) -> &'static str {
        match self {
            Area::Revenue => "revenue",
            Area::Retention => "retention",
            Area::Support => "support",
            Area::Product => "product",
            Area::Satisfaction => "satisfaction",
            Area::Acquisition => "acquisition",
            Area::Health => "health",
        }
    }
}

/// An input a KPI takes from another source's KPIs, said for a "—": "LTV" from "a subscriptions
/// (Revenue) or orders (Orders) file".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Needs {
    pub input: &'static str,
    pub from: &'static str,
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
    pub area: Area,
    /// What a period without a value lacks, said after "undefined:" ("no tickets", "no rated
    /// ticket"); the generic "nothing to divide by" when empty.
    pub lacking: &'static str,
    /// The input it takes from another source, if any.
    pub needs: Option<Needs>,
}

impl KpiDef {
    /// A definition in `area`, with no particular words for what an empty period lacks.
    pub const fn new(
        id: &'static str,
        source: &'static str,
        name: &'static str,
        unit: Unit,
        higher_is_better: bool,
        definition: &'static str,
        area: Area,
    ) -> KpiDef {
        KpiDef { id, source, name, unit, higher_is_better, definition, area, lacking: "", needs: None }
    }
    /// In another area than its source's.
    pub const fn in_area(mut self, area: Area) -> KpiDef {
        self.area = area;
        self
    }
    /// What a period without a value lacks.
    pub const fn lacking(mut self, what: &'static str) -> KpiDef {
        self.lacking = what;
        self
    }
    /// The input it takes from another source.
    pub const fn needs(mut self, input: &'static str, from: &'static str) -> KpiDef {
        self.needs = Some(Needs { input, from });
        self
    }
}
