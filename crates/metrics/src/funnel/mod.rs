//! The `funnel` source: a marketing team's monthly sheet, one row per month (or per month and
//! channel): visitors, sign-ups, trials, new paying customers, acquisition spend and retention
//! spend; and the §6 acquisition KPIs over it (conversion, trial-to-paid, CAC, LTV:CAC, CAC
//! payback, customer retention cost).
//! Roles: `period` (a month: `2024-03`, `Mar 2024`, `March 2024`, `03/2024`, or any date in the
//! month), `visitors`, `signups`, `trials`, `new_customers`, `acquisition_spend` (money),
//! `retention_spend` (money), `segment` (any number, e.g. the channel).

pub mod data;
pub mod demo;
pub mod kpis;
pub mod mapping;
pub mod settings;
#[cfg(test)]
mod tests;

pub use data::{parse_month, FunnelData, FunnelReader, FunnelRow, FunnelRows};
pub use kpis::{funnel_kpis, DEFS};
pub use mapping::{infer_funnel_mapping, FunnelMapping};
pub use settings::{FunnelIngest, FunnelKpi, FunnelSettings};

use crate::ingest::Sniff;
use crate::issue::FatalError;
use crate::source::{Context, Query, Source};

/// The `funnel` source kind.
pub struct Funnel;

impl Source for Funnel {
    const ID: crate::source::SourceId = crate::source::SourceId::Funnel;
    const DESCRIPTION: &'static str = "A monthly marketing funnel sheet: visitors, sign-ups, trials, new paying customers, acquisition and retention spend.";
    const PERIOD_TOTALS: bool = true;
    type Mapping = FunnelMapping;
    type Ingest = FunnelIngest;
    type Kpi = FunnelKpi;
    type Data = FunnelData;
    type Reader = FunnelReader;

    fn defs() -> &'static [crate::kpi::KpiDef] {
        DEFS
    }
    fn synonyms(role: &str) -> &'static [&'static str] {
        mapping::synonyms(role)
    }
    fn infer(sniff: &Sniff) -> FunnelMapping {
        infer_funnel_mapping(sniff)
    }
    fn reader(file: &str, sniff: &Sniff, mapping: &FunnelMapping, ingest: &FunnelIngest) -> Result<FunnelReader, FatalError> {
        FunnelReader::new(file, sniff, mapping, ingest)
    }
    fn kpis(data: &FunnelData, kpi: &FunnelKpi, query: &Query, ctx: &Context) -> Vec<crate::kpi::KpiValue> {
        funnel_kpis(data, kpi, query, ctx)
    }
    fn demo() -> String {
        demo::demo_funnel_csv()
    }
}
