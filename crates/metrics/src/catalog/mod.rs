//! The catalog: the layer above the sources. It lists the source kinds ([`SOURCES`], made from
//! [`for_each_source!`](crate::for_each_source)), looks them up by [`SourceId`], holds the KPI
//! registry with every definition, recognises which kind a file looks like ([`recognise`]), and
//! computes every loaded source's KPIs with each other's capabilities in [`Context`]
//! ([`kpis_of_all`]). The CLI, the golden harness and the app iterate over it and never name a
//! source; no source module imports it.
//!
//! Like DataFusion's `FileFormat` (a trait below, the listing table above) and Vector's
//! `sources/`: the trait and leaf types are below ([`crate::source`]), the list is here.

pub mod any;
pub mod recognise;

pub use any::{AnySource, Loaded, Loading, Options, SourceKind};

use crate::health::Book;
use crate::join::{join_parts, JoinReport, JoinRule, Part};
use crate::kpi::{KpiDef, KpiValue};
use crate::source::{Context, Query, Source, SourceId};

macro_rules! declare_catalog {
    ($($variant:ident: $id:ident = $kind:path,)+) => {
        /// Every source kind, in the order their KPIs are computed and reported: a source may use
        /// the KPIs of those before it (acquisition uses LTV from subscriptions or orders).
        pub static SOURCES: &[&dyn AnySource] = &[$(&SourceKind::<$kind>::new(),)+];

        /// Every KPI definition, in [`SOURCES`] order, then the health score's (which joins them
        /// all). Made by type rather than through `SOURCES`, whose trait objects would link every
        /// reader and KPI function into a program that only needs the definitions (the page,
        /// whose worker computes).
        pub fn registry() -> Vec<KpiDef> {
            [$(<$kind as Source>::defs(),)+ &crate::health::DEFS[..]].concat()
        }

        /// Each kind's id is its line's variant.
        #[cfg(test)]
        const IDS_AGREE: &[(SourceId, SourceId)] = &[$((<$kind as Source>::ID, SourceId::$variant),)+];
    };
}

crate::for_each_source!(declare_catalog);

/// The source kind `id`.
pub fn by_id(id: SourceId) -> &'static dyn AnySource {
    SOURCES[id.index()]
}

/// The source kind called `name`.
pub fn by_name(name: &str) -> Option<&'static dyn AnySource> {
    SourceId::from_name(name).map(by_id)
}

/// The definition of KPI `id`.
pub fn def(id: &str) -> Option<KpiDef> {
    registry().into_iter().find(|d| d.id == id)
}

/// The KPIs of every loaded source, in [`SOURCES`] order, each seeing the others' data and the
/// KPIs computed before it.
pub fn kpis_of_all(loaded: &[Box<dyn Loaded>], query: &Query) -> Vec<(SourceId, Vec<KpiValue>)> {
    let mut out: Vec<(SourceId, Vec<KpiValue>)> = Vec::new();
    for source in SOURCES {
        let Some(this) = loaded.iter().find(|l| l.id() == source.id()) else { continue };
        let kpis = {
            let mut ctx = Context::default();
            for l in loaded {
                ctx = ctx.with_data(l.id(), l.source_data());
            }
            for (id, kpis) in &out {
                ctx = ctx.with_kpis(*id, by_id(*id).provides(), kpis);
            }
            this.kpis(query, &ctx)
        };
        out.push((source.id(), kpis));
    }
    out
}

/// The loaded files as the join and the health score read them, in [`SOURCES`] order.
pub fn parts(loaded: &[Box<dyn Loaded>]) -> Vec<Part<'_>> {
    SOURCES
        .iter()
        .flat_map(move |s| loaded.iter().filter(move |l| l.id() == s.id()).map(|l| Part { id: l.id(), data: l.source_data(), key_column: l.key_column() }))
        .collect()
}

/// How every loaded file's rows reach the billing customers (see [`crate::join::join_parts`]).
pub fn join_loaded(loaded: &[Box<dyn Loaded>], rules: &[(SourceId, JoinRule)]) -> Vec<JoinReport> {
    join_parts(&parts(loaded), rules)
}

/// Whether a loaded file says something of the billing customers beyond billing (tickets, answers,
/// usage, orders…): a file that is no source of billing customers (no paying customers, no
/// contacts). The health score of billing files alone is only their MRR change, so a report of
/// them leaves it out unless asked.
pub fn beyond_billing(loaded: &[Box<dyn Loaded>]) -> bool {
    loaded.iter().any(|l| {
        let data = l.source_data();
        data.paying_customers().is_none() && data.contacts().is_empty()
    })
}

/// Every loaded file joined to the billing customers, for the health score (see
/// [`Book::of_parts`]).
pub fn book(loaded: &[Box<dyn Loaded>], rules: &[(SourceId, JoinRule)]) -> Book {
    Book::of_parts(&parts(loaded), rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_sits_at_its_ids_place() {
        for (i, s) in SOURCES.iter().enumerate() {
            assert_eq!(s.id().index(), i, "{}", s.name());
            assert_eq!(s.name(), s.id().name());
        }
        assert_eq!(SOURCES.len(), SourceId::ALL.len());
        for (kind, line) in IDS_AGREE {
            assert_eq!(kind, line);
        }
    }

    #[test]
    fn ids_are_unique_and_documented() {
        let defs = registry();
        let mut ids: Vec<&str> = defs.iter().map(|d| d.id).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len());
        assert!(defs.iter().all(|d| d.definition.len() > 20 && !d.name.is_empty()));
        let mut by_registry: Vec<KpiDef> = SOURCES.iter().flat_map(|s| s.defs().iter().copied()).collect();
        by_registry.extend(crate::health::DEFS);
        assert_eq!(defs, by_registry, "the registry lists every source's definitions, in the registry's order, then the health score's");
        // Each definition belongs to the source that lists it.
        for s in SOURCES {
            assert!(s.defs().iter().all(|d| d.source == s.name()), "{}", s.name());
        }
    }

    #[test]
    fn every_provided_measure_is_a_kpi_of_its_source() {
        for s in SOURCES {
            for p in s.provides() {
                assert!(s.defs().iter().any(|d| d.id == p.kpi), "{}: {}", s.name(), p.kpi);
            }
        }
    }
}
