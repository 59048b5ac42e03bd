//! Product state: the usage file and everything derived from it as Memos. The engagement rate
//! divides by the paying customers of the revenue page's subscriptions (or its active accounts).

use super::mapped_file::MappedFile;
use super::models::SortRow;
use super::product_models::{consumption_rows, without_customer_rows};
use super::revenue::Revenue;
use super::settings::Settings;
use super::workbench::{LoadedFile, Shared};
use leptos::prelude::*;
use northstar_metrics::usage::{infer_usage_mapping, read_usage, usage_kpis, Denominators, UsageData, UsageMapping};
use northstar_metrics::KpiValue;

#[derive(Clone, Copy)]
pub struct Product {
    pub source: MappedFile<UsageMapping>,
    pub data: Memo<Option<Result<Shared<UsageData>, String>>>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    /// The KPI values without the per-customer consumption rows.
    pub overview: Memo<Shared<Vec<KpiValue>>>,
    /// The latest period's consumption per customer.
    pub consumption: Memo<(String, Vec<SortRow>)>,
}

impl Product {
    pub fn new(settings: RwSignal<Settings>, revenue: Revenue) -> Product {
        let source = MappedFile::new(settings, Some(LoadedFile::demo_usage()), infer_usage_mapping, (|s| &s.usage_mappings, |s| &mut s.usage_mappings));
        let (file, sniff, mapping) = (source.file, source.sniff, source.mapping);
        let usage_settings = Memo::new(move |_| settings.with(|s| s.product.usage.clone()));
        let data = Memo::new(move |_| {
            let s = sniff.get()?;
            let m = mapping.get();
            let st = usage_settings.get();
            file.with(|f| f.as_ref().map(|f| read_usage(&f.name, &f.bytes, &s, &m, &st).map(Shared::new).map_err(|e| e.to_string())))
        });
        let kpis = Memo::new(move |_| {
            let period = settings.with(|s| s.product.period);
            let st = usage_settings.get();
            let Some(d) = data.with(|d| d.as_ref().and_then(|d| d.as_ref().ok()).cloned()) else { return Shared::new(Vec::new()) };
            let subs = revenue.subs_data.with(|s| s.as_ref().and_then(|s| s.as_ref().ok()).cloned());
            let accounts = revenue.accounts_data.with(|a| a.as_ref().and_then(|a| a.as_ref().ok()).cloned());
            let denominators = Denominators::from_sources(&d, period, subs.as_deref(), accounts.as_deref());
            Shared::new(usage_kpis(&d, &st, period, &denominators))
        });
        let overview = Memo::new(move |_| kpis.with(|k| Shared::new(without_customer_rows(k))));
        let consumption = Memo::new(move |_| kpis.with(|k| consumption_rows(k)));
        Product { source, data, kpis, overview, consumption }
    }
}
