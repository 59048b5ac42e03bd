//! The engine: everything computed from the user's files, run inside the Web Worker
//! (`browser::worker_host`), never on the page's thread. The settings (sent by the page) and the
//! files read are the only inputs; each source's mapping and typed data, and each page's KPIs, are
//! Memos over them, so a change recomputes only what depends on it. [`Engine::results`] turns the
//! shown page's Memos into the plain results the page draws (KPI values, view models, chart data:
//! never rows).
//!
//! No web-sys here: the worker host streams the files in and posts the results out.

pub mod acquisition;
pub mod health;
pub mod orders;
pub mod product;
mod reading;
pub mod revenue;
pub mod source_store;
pub mod support;
pub mod surveys;

pub use reading::{AnyReading, AnyStore};
pub use source_store::{FileInfo, Shared, SourceStore};

use crate::state::{AppSource, Page, Settings};
use crate::wire::{AcquisitionResults, OrdersResults, PageResults, ProductResults, RevenueResults, ScorecardResults, SupportResults, SurveysResults};
use leptos::prelude::*;
use northstar_metrics::accounts::Accounts;
use northstar_metrics::funnel::Funnel;
use northstar_metrics::orders::Orders;
use northstar_metrics::subscriptions::Subscriptions;
use northstar_metrics::surveys::Surveys;
use northstar_metrics::tickets::Tickets;
use northstar_metrics::usage::Usage;

/// One store per source kind.
#[derive(Clone, Copy)]
pub struct Stores {
    pub subscriptions: SourceStore<Subscriptions>,
    pub accounts: SourceStore<Accounts>,
    pub orders: SourceStore<Orders>,
    pub funnel: SourceStore<Funnel>,
    pub surveys: SourceStore<Surveys>,
    pub tickets: SourceStore<Tickets>,
    pub usage: SourceStore<Usage>,
}

impl Stores {
    /// Every store, in the registry's order.
    pub fn all(&self) -> [&dyn AnyStore; 7] {
        [&self.subscriptions, &self.accounts, &self.orders, &self.surveys, &self.tickets, &self.usage, &self.funnel]
    }

    pub fn by_name(&self, name: &str) -> Option<&dyn AnyStore> {
        self.all().into_iter().find(|s| s.name() == name)
    }
}

#[derive(Clone, Copy)]
pub struct Engine {
    pub settings: RwSignal<Settings>,
    pub sources: Stores,
    pub revenue: revenue::Revenue,
    pub orders: orders::OrdersState,
    pub acquisition: acquisition::Acquisition,
    pub support: support::Support,
    pub product: product::Product,
    pub surveys: surveys::SurveysState,
    pub health: health::HealthState,
}

impl Engine {
    /// An engine with no file read yet.
    pub fn new(initial: Settings) -> Engine {
        let settings = RwSignal::new(initial);
        fn store<S: AppSource>(settings: RwSignal<Settings>) -> SourceStore<S> {
            SourceStore::new(settings)
        }
        let sources = Stores {
            subscriptions: store(settings),
            accounts: store(settings),
            orders: store(settings),
            funnel: store(settings),
            surveys: store(settings),
            tickets: store(settings),
            usage: store(settings),
        };
        let revenue = revenue::Revenue::new(settings, sources.subscriptions, sources.accounts);
        let orders = orders::OrdersState::new(settings, sources.orders);
        Engine {
            settings,
            sources,
            revenue,
            orders,
            acquisition: acquisition::Acquisition::new(settings, sources, revenue, orders),
            support: support::Support::new(settings, sources.tickets),
            product: product::Product::new(settings, sources.usage, revenue),
            surveys: surveys::SurveysState::new(settings, sources.surveys),
            health: health::HealthState::new(settings, sources),
        }
    }

    /// The results of `page` under the settings and files now in force.
    pub fn results(&self, page: Page) -> PageResults {
        let list = |m: Memo<Shared<Vec<northstar_metrics::KpiValue>>>| m.get_untracked().to_vec();
        match page {
            Page::Scorecard => {
                let overall = |m: Memo<Shared<Vec<northstar_metrics::KpiValue>>>| m.get_untracked().iter().filter(|k| k.segment.is_none()).cloned().collect();
                let sources = vec![
                    ("subscriptions".to_string(), overall(self.revenue.kpis)),
                    ("accounts".to_string(), overall(self.revenue.account_kpis)),
                    ("orders".to_string(), overall(self.orders.kpis)),
                    ("funnel".to_string(), overall(self.acquisition.funnel)),
                    ("tickets".to_string(), overall(self.support.kpis)),
                    ("usage".to_string(), overall(self.product.overview)),
                    ("surveys".to_string(), overall(self.surveys.kpis)),
                    ("health".to_string(), overall(self.health.kpis)),
                ];
                PageResults::Scorecard(ScorecardResults { sources: sources.into_iter().filter(|(_, k): &(String, Vec<_>)| !k.is_empty()).collect() })
            }
            Page::Revenue => {
                let r = self.revenue;
                PageResults::Revenue(RevenueResults {
                    kpis: list(r.kpis),
                    breakdown: list(r.breakdown),
                    account_kpis: list(r.account_kpis),
                    segment_options: r.segment_options.get_untracked(),
                })
            }
            Page::Orders => {
                let o = self.orders;
                PageResults::Orders(OrdersResults { kpis: list(o.kpis), breakdown: list(o.breakdown), cohorts: o.cohorts.get_untracked().to_vec() })
            }
            Page::Acquisition => {
                let a = self.acquisition;
                let stages = self.sources.funnel.ok().map(|d| acquisition::latest_stages(&d)).unwrap_or_default();
                PageResults::Acquisition(AcquisitionResults { kpis: list(a.kpis), breakdown: list(a.breakdown), stages })
            }
            Page::Support => {
                let s = self.support;
                PageResults::Support(SupportResults {
                    kpis: list(s.kpis),
                    agent_periods: s.agent_periods.get_untracked(),
                    agent_period: s.agent_period.get_untracked(),
                    agents: list(s.agents),
                    subjects: s.subjects.get_untracked().map(|c| (*c).clone()),
                })
            }
            Page::Product => {
                let p = self.product;
                let features = p.source.ok().map(|d| d.features.clone()).unwrap_or_default();
                PageResults::Product(ProductResults { kpis: list(p.overview), consumption: p.consumption.get_untracked(), features })
            }
            Page::Surveys => PageResults::Surveys(self.surveys_results()),
            Page::Health => PageResults::Health(self.health.results(&self.settings.get_untracked())),
            Page::Customers => PageResults::Customers(self.health.customers(&self.settings.get_untracked())),
        }
    }

    fn surveys_results(&self) -> SurveysResults {
        let sv = self.surveys;
        let data = sv.source.ok();
        let kinds = data.as_ref().map(|d| d.kinds.clone()).unwrap_or_default();
        let chosen = self.settings.with_untracked(|s| s.surveys.distribution_kind);
        let shown = chosen.filter(|k| kinds.contains(k)).or_else(|| kinds.first().copied());
        let kpi = sv.source.kpi.get_untracked();
        SurveysResults {
            kpis: sv.kpis.get_untracked().to_vec(),
            score_kind: data.as_ref().and_then(|d| d.score_kind),
            distribution: data.as_ref().zip(shown).map(|(d, kind)| (kind, crate::state::models::distribution(d, &kpi, kind))),
            comments: sv.comments.get_untracked().map(|c| (*c).clone()),
            kinds,
        }
    }
}
