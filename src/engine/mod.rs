//! The engine: everything computed from the user's files, run inside the Web Worker
//! (`browser::worker_host`), never on the page's thread. The settings (sent by the page) and the
//! files read are the only inputs; each source's mapping and typed data, and each page's KPIs, are
//! Memos over them, so a change recomputes only what depends on it. [`Engine::results`] turns the
//! shown page's Memos into the plain results the page draws (KPI values, view models, chart data:
//! never rows).
//!
//! The stores ([`Stores`], one per source kind of the catalog's list) and the per-page dispatch
//! ([`Engine::results`], the scorecard's values) are made from the catalog's and the view
//! crate's lists; each page's module holds the Memos only it needs. No web-sys here: the worker
//! host streams the files in and posts the results out.

pub mod acquisition;
pub mod health;
pub mod orders;
pub mod product;
mod reading;
pub mod revenue;
pub mod scorecard;
pub mod source_store;
pub mod support;
pub mod surveys;

pub use reading::{AnyReading, AnyStore, SharedData};
pub use source_store::{FileInfo, SourceStore};

use leptos::prelude::*;
use northstar_metrics::source::SourceId;
use northstar_metrics::KpiValue;
use northstar_view::{Page, PageResults, Settings, Shared};

/// Declares [`Stores`], one [`SourceStore`] per source kind of the catalog's list.
macro_rules! declare_stores {
    ($($variant:ident: $id:ident = $kind:path,)+) => {
        /// One store per source kind.
        #[derive(Clone, Copy)]
        pub struct Stores {
            $(pub $id: SourceStore<$kind>,)+
        }

        impl Stores {
            pub fn new(settings: RwSignal<Settings>) -> Stores {
                Stores { $($id: SourceStore::new(settings),)+ }
            }

            /// The store of source `id`.
            pub fn get(&self, id: SourceId) -> &dyn AnyStore {
                match id {
                    $(SourceId::$variant => &self.$id,)+
                }
            }
        }
    };
}

northstar_metrics::for_each_source!(declare_stores);

impl Stores {
    /// Every store, in the catalog's order.
    pub fn all(&self) -> impl Iterator<Item = &dyn AnyStore> {
        SourceId::ALL.iter().map(|id| self.get(*id))
    }
}

/// One page's half in the engine: its Memos, the results the page is sent, and its sources'
/// overall values for the scorecard.
pub trait PageEngine {
    type Results;
    /// The results the page draws, under the settings and files now in force (`engine`'s).
    fn results(&self, engine: &Engine) -> Self::Results;
    /// The overall values (no segment) of each source the page shows, at the page's period.
    fn overall(&self) -> Vec<(SourceId, Vec<KpiValue>)> {
        Vec::new()
    }
}

/// The overall values (no segment) of a list of KPI values.
pub fn overall_of(kpis: &Memo<Shared<Vec<KpiValue>>>) -> Vec<KpiValue> {
    kpis.get_untracked().iter().filter(|k| k.segment.is_none()).cloned().collect()
}

/// The latest period's values per segment of a list of KPI values (a breakdown).
pub fn latest_segments(all: Vec<KpiValue>) -> Vec<KpiValue> {
    let last = all.iter().filter(|k| k.segment.is_none()).map(|k| k.period.clone()).next_back();
    all.into_iter().filter(|k| k.segment.is_some() && Some(&k.period) == last.as_ref()).collect()
}

/// Declares [`Engine`], one [`PageEngine`] per page of the view crate's list, and the dispatch
/// by page.
macro_rules! declare_engine {
    ($($page:ident: $field:ident $label:literal [$($source:ident),*] => $results:ty,)+) => {
        #[derive(Clone, Copy)]
        pub struct Engine {
            pub settings: RwSignal<Settings>,
            pub sources: Stores,
            $(pub $field: <$results as PageOf>::Engine,)+
        }

        impl Engine {
            /// The results of `page` under the settings and files now in force.
            pub fn results(&self, page: Page) -> PageResults {
                match page {
                    $(Page::$page => PageResults::$page(PageEngine::results(&self.$field, self)),)+
                }
            }

            /// Every page's sources' overall values, in page order.
            pub fn overall(&self) -> Vec<(SourceId, Vec<KpiValue>)> {
                let mut out = Vec::new();
                $(out.extend(self.$field.overall());)+
                out
            }
        }
    };
}

/// The engine half of the page whose results are `Self`.
pub trait PageOf {
    type Engine: PageEngine<Results = Self> + Copy;
}

northstar_view::for_each_page!(declare_engine);

impl Engine {
    /// An engine with no file read yet.
    pub fn new(initial: Settings) -> Engine {
        let settings = RwSignal::new(initial);
        let sources = Stores::new(settings);
        let health = health::HealthState::new(settings, sources);
        Engine {
            settings,
            sources,
            scorecard: scorecard::Scorecard,
            revenue: revenue::Revenue::new(settings, sources),
            orders: orders::OrdersState::new(settings, sources),
            acquisition: acquisition::Acquisition::new(settings, sources),
            support: support::Support::new(settings, sources),
            product: product::Product::new(settings, sources),
            surveys: surveys::SurveysState::new(settings, sources),
            health,
            customers: health::Customers(health),
        }
    }
}
