//! Product state: the usage file's KPIs as Memos. The engagement rate divides by the paying
//! customers of the other sources loaded (`SourceData::paying_customers`: subscriptions, else the
//! active accounts of an accounts snapshot), of the usage file's kind (demo or not).

use super::source_store::SourceStore;
use super::{overall_of, Engine, PageEngine, PageOf, SharedData, Stores};
use leptos::prelude::*;
use northstar_metrics::source::{Context, Query, Source, SourceId};
use northstar_metrics::usage::Usage;
use northstar_metrics::KpiValue;
use northstar_view::models::tables::SortRow;
use northstar_view::pages::product::ProductResults;
use northstar_view::pages::product::{consumption_rows, without_customer_rows};
use northstar_view::{Settings, Shared};

#[derive(Clone, Copy)]
pub struct Product {
    pub source: SourceStore<Usage>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    /// The KPI values without the per-customer consumption rows.
    pub overview: Memo<Shared<Vec<KpiValue>>>,
    /// The latest period's consumption per customer.
    pub consumption: Memo<(String, Vec<SortRow>)>,
}

impl Product {
    pub fn new(settings: RwSignal<Settings>, stores: Stores) -> Product {
        let source = stores.usage;
        let kpis = Memo::new(move |_| {
            let period = settings.with(|s| s.product.period);
            let kpi = source.kpi.get();
            let Some(d) = source.ok() else { return Shared::new(Vec::new()) };
            // Demo and user data never join: the paying customers come from files of the same kind.
            let demo = source.is_demo();
            let billing: Vec<(SourceId, Box<dyn SharedData>)> =
                stores.all().filter(|s| s.id() != Usage::ID && s.is_demo() == demo).filter_map(|s| s.data().map(|d| (s.id(), d))).collect();
            let rules = settings.with(|s| s.health.rules());
            let ctx = billing.iter().fold(Context::default().with_join_rules(&rules), |ctx, (id, d)| ctx.with_data(*id, d.get()));
            Shared::new(Usage::kpis(&d, &kpi, &Query::new(period), &ctx))
        });
        let overview = Memo::new(move |_| kpis.with(|k| Shared::new(without_customer_rows(k))));
        let consumption = Memo::new(move |_| kpis.with(|k| consumption_rows(k)));
        Product { source, kpis, overview, consumption }
    }
}

impl PageOf for ProductResults {
    type Engine = Product;
}

impl PageEngine for Product {
    type Results = ProductResults;
    fn results(&self, _: &Engine) -> ProductResults {
        let features = self.source.ok().map(|d| d.features.clone()).unwrap_or_default();
        ProductResults { kpis: self.overview.get_untracked().to_vec(), consumption: self.consumption.get_untracked(), features }
    }
    fn overall(&self) -> Vec<(SourceId, Vec<KpiValue>)> {
        vec![(Usage::ID, overall_of(&self.overview))]
    }
}
