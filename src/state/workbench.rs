//! The workbench store: the loaded files and the settings are the only sources of truth; each
//! source's sniff, mapping and typed data, and each page's KPIs, are Memos derived from them.

use super::settings::{AppSource, Settings};
use super::source_store::{demo_file, SourceStore};
use leptos::prelude::*;
use northstar_metrics::accounts::Accounts;
use northstar_metrics::funnel::Funnel;
use northstar_metrics::orders::Orders;
use northstar_metrics::subscriptions::Subscriptions;
use northstar_metrics::surveys::Surveys;
use northstar_metrics::tickets::Tickets;
use northstar_metrics::usage::Usage;
use std::sync::Arc;

/// An `Arc` compared by identity, so big derived values can sit in Memos cheaply.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}
impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }
}

/// A file the user gave us (or a demo).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFile {
    pub name: String,
    pub bytes: Shared<Vec<u8>>,
    pub is_demo: bool,
}

impl LoadedFile {
    pub fn new_upload(name: String, bytes: Vec<u8>) -> LoadedFile {
        LoadedFile { name, bytes: Shared::new(bytes), is_demo: false }
    }
}

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

#[derive(Clone, Copy)]
pub struct Workbench {
    pub settings: RwSignal<Settings>,
    pub storage_notice: RwSignal<Option<String>>,
    pub load_error: RwSignal<Option<String>>,
    pub sources: Stores,
    pub revenue: super::revenue::Revenue,
    pub orders: super::orders::OrdersState,
    pub acquisition: super::acquisition::Acquisition,
    pub support: super::support::Support,
    pub product: super::product::Product,
    pub surveys: super::surveys::SurveysState,
}

impl Workbench {
    pub fn new() -> Workbench {
        let (loaded, notice) = crate::browser::storage::load_settings();
        Workbench::with_settings(loaded, notice)
    }

    /// Every source starts on its built-in demo.
    pub fn with_settings(initial: Settings, notice: Option<String>) -> Workbench {
        let settings = RwSignal::new(initial);
        fn store<S: AppSource>(settings: RwSignal<Settings>) -> SourceStore<S> {
            SourceStore::new(settings, Some(demo_file::<S>()))
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
        let revenue = super::revenue::Revenue::new(settings, sources.subscriptions, sources.accounts);
        let orders = super::orders::OrdersState::new(settings, sources.orders);
        Workbench {
            settings,
            storage_notice: RwSignal::new(notice),
            load_error: RwSignal::new(None),
            sources,
            revenue,
            orders,
            acquisition: super::acquisition::Acquisition::new(settings, sources, revenue, orders),
            support: super::support::Support::new(settings, sources.tickets),
            product: super::product::Product::new(settings, sources.usage, revenue),
            surveys: super::surveys::SurveysState::new(settings, sources.surveys),
        }
    }

    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
    }
}

impl Default for Workbench {
    fn default() -> Self {
        Workbench::new()
    }
}
