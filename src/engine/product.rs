//! Product state: the usage file's KPIs as Memos. The engagement rate divides by the paying
//! customers of the revenue page's subscriptions (or its active accounts), passed as context.

use super::revenue::Revenue;
use super::source_store::Shared;
use super::source_store::SourceStore;
use crate::state::models::SortRow;
use crate::state::product_models::{consumption_rows, without_customer_rows};
use crate::state::Settings;
use leptos::prelude::*;
use northstar_metrics::accounts::Accounts;
use northstar_metrics::source::{Context, Query, Source};
use northstar_metrics::subscriptions::Subscriptions;
use northstar_metrics::usage::Usage;
use northstar_metrics::KpiValue;

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
    pub fn new(settings: RwSignal<Settings>, source: SourceStore<Usage>, revenue: Revenue) -> Product {
        let kpis = Memo::new(move |_| {
            let period = settings.with(|s| s.product.period);
            let kpi = source.kpi.get();
            let Some(d) = source.ok() else { return Shared::new(Vec::new()) };
            // Demo and user data never join: the paying customers come from a file of the same kind.
            let (subs, accounts) = (revenue.subs.ok_beside(&source), revenue.accounts.ok_beside(&source));
            let mut ctx = Context::default();
            if let Some(s) = &subs {
                ctx = ctx.with_data::<Subscriptions>(s);
            }
            if let Some(a) = &accounts {
                ctx = ctx.with_data::<Accounts>(a);
            }
            Shared::new(Usage::kpis(&d, &kpi, &Query::new(period), &ctx))
        });
        let overview = Memo::new(move |_| kpis.with(|k| Shared::new(without_customer_rows(k))));
        let consumption = Memo::new(move |_| kpis.with(|k| consumption_rows(k)));
        Product { source, kpis, overview, consumption }
    }
}
