//! The other loaded sources, as a source's KPIs see them: their typed data behind
//! [`SourceData`]'s capabilities and the KPIs already computed, each with the [`Provided`] measures
//! of its kind. Whoever computes the KPIs (the catalog's `kpis_of_all`, the app's engine) fills it
//! in the catalog's order, so the first provider of a capability is the preferred one
//! (subscriptions before accounts, LTV from subscriptions before orders).

use super::capability::{CustomerAttributes, Measure, PayingCustomers, Provided};
use super::id::SourceId;
use super::{Source, SourceData};
use crate::kpi::KpiValue;
use std::collections::HashMap;

#[derive(Default, Clone)]
pub struct Context<'a> {
    data: Vec<(SourceId, &'a dyn SourceData)>,
    kpis: Vec<(SourceId, &'static [Provided], &'a [KpiValue])>,
    join_rules: Vec<(SourceId, crate::identity::JoinRule)>,
}

impl<'a> Context<'a> {
    /// Adds the typed data of `source`.
    pub fn with_data(mut self, source: SourceId, data: &'a dyn SourceData) -> Self {
        self.data.push((source, data));
        self
    }

    /// Adds the KPIs computed for `source`, whose kind provides `provides`.
    pub fn with_kpis(mut self, source: SourceId, provides: &'static [Provided], kpis: &'a [KpiValue]) -> Self {
        self.kpis.push((source, provides, kpis));
        self
    }

    /// Adds the KPIs computed for a source of kind `S`.
    pub fn with_kpis_of<S: Source>(self, kpis: &'a [KpiValue]) -> Self {
        self.with_kpis(S::ID, S::PROVIDES, kpis)
    }

    /// The join rules the user chose (source → rule); a source not named joins by any rule.
    pub fn with_join_rules(mut self, rules: &[(SourceId, crate::identity::JoinRule)]) -> Self {
        self.join_rules = rules.to_vec();
        self
    }

    /// The rule a source's keys are matched to the billing customers by (the last one given,
    /// else auto).
    pub fn join_rule(&self, source: SourceId) -> crate::identity::JoinRule {
        self.join_rules.iter().rev().find(|(id, _)| *id == source).map_or_else(Default::default, |r| r.1)
    }

    /// Every source's typed data, in the order added.
    pub fn sources(&self) -> impl Iterator<Item = (SourceId, &'a dyn SourceData)> + '_ {
        self.data.iter().copied()
    }

    /// Every source of paying customers with its kind, in the catalog's order (the preferred first).
    pub fn paying_customers(&self) -> Vec<(SourceId, &'a dyn PayingCustomers)> {
        let mut out: Vec<_> = self.data.iter().filter_map(|&(id, d)| d.paying_customers().map(|p| (id, p))).collect();
        out.sort_by_key(|(id, _)| *id);
        out
    }

    /// The first source, in the catalog's order, that describes its customers by columns, with
    /// its kind.
    pub fn customer_attributes(&self) -> Option<(SourceId, &'a dyn CustomerAttributes)> {
        self.data.iter().filter_map(|&(id, d)| d.customer_attributes().map(|a| (id, a))).min_by_key(|(id, _)| *id)
    }

    /// Every source whose KPIs carry `measure`, in the catalog's order (the preferred first).
    pub fn measure(&self, measure: Measure) -> Vec<MeasureOf<'a>> {
        let mut out = Vec::new();
        for &(source, provides, kpis) in &self.kpis {
            for p in provides.iter().filter(|p| p.measure == measure) {
                let values = kpis.iter().filter(|k| k.id == p.kpi && k.kind.is_none()).map(|k| ((k.period.as_str(), k.segment.as_deref()), k)).collect();
                out.push(MeasureOf { source, provided: *p, values });
            }
        }
        out.sort_by_key(|m| m.source);
        out
    }
}

/// One source's values of a [`Measure`], by period and segment.
pub struct MeasureOf<'a> {
    pub source: SourceId,
    provided: Provided,
    values: HashMap<(&'a str, Option<&'a str>), &'a KpiValue>,
}

impl<'a> MeasureOf<'a> {
    fn value(&self, period: &str, segment: Option<&str>) -> Option<&'a KpiValue> {
        let period = if self.provided.snapshot { "all" } else { period };
        self.values.get(&(period, segment)).copied()
    }

    /// The KPI value behind the measure for exactly this period and segment.
    pub fn exact(&self, period: &str, segment: Option<&str>) -> Option<f64> {
        self.value(period, segment).and_then(self.provided.read)
    }

    /// The segment's own value when the source has that segment, else the overall one (a blended
    /// value).
    pub fn own_or_overall(&self, period: &str, segment: Option<&str>) -> Option<f64> {
        segment.and_then(|s| self.value(period, Some(s))).or_else(|| self.value(period, None)).and_then(self.provided.read)
    }
}
