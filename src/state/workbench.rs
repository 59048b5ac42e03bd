//! The page's store: the settings (the only source of truth the page owns, persisted), what the
//! engine's worker last said of each source and of the shown page's results, and the notices.
//! Nothing here computes a KPI: the worker does, off the page's thread.

use super::pages::{Acquisition, OrdersState, Product, Revenue, Support, SurveysState};
use super::settings::Settings;
use super::source_mirror::SourceMirror;
use crate::wire::FromWorker;
use leptos::prelude::*;
use northstar_metrics::accounts::Accounts;
use northstar_metrics::funnel::Funnel;
use northstar_metrics::orders::Orders;
use northstar_metrics::subscriptions::Subscriptions;
use northstar_metrics::surveys::Surveys;
use northstar_metrics::tickets::Tickets;
use northstar_metrics::usage::Usage;

/// One mirror per source kind.
#[derive(Clone, Copy)]
pub struct Mirrors {
    pub subscriptions: SourceMirror<Subscriptions>,
    pub accounts: SourceMirror<Accounts>,
    pub orders: SourceMirror<Orders>,
    pub funnel: SourceMirror<Funnel>,
    pub surveys: SourceMirror<Surveys>,
    pub tickets: SourceMirror<Tickets>,
    pub usage: SourceMirror<Usage>,
}

impl Mirrors {
    /// Takes one source's view from the worker.
    fn receive(&self, source: &str, view: serde_json::Value) -> Result<(), String> {
        match source {
            "subscriptions" => self.subscriptions.receive(view),
            "accounts" => self.accounts.receive(view),
            "orders" => self.orders.receive(view),
            "funnel" => self.funnel.receive(view),
            "surveys" => self.surveys.receive(view),
            "tickets" => self.tickets.receive(view),
            "usage" => self.usage.receive(view),
            other => Err(format!("unknown source {other}")),
        }
    }

    fn set_progress(&self, source: &str, progress: Option<crate::wire::Progress>) {
        match source {
            "subscriptions" => self.subscriptions.progress.set(progress),
            "accounts" => self.accounts.progress.set(progress),
            "orders" => self.orders.progress.set(progress),
            "funnel" => self.funnel.progress.set(progress),
            "surveys" => self.surveys.progress.set(progress),
            "tickets" => self.tickets.progress.set(progress),
            "usage" => self.usage.progress.set(progress),
            _ => {}
        }
    }
}

#[derive(Clone, Copy)]
pub struct Workbench {
    pub settings: RwSignal<Settings>,
    pub storage_notice: RwSignal<Option<String>>,
    pub load_error: RwSignal<Option<String>>,
    pub sources: Mirrors,
    pub revenue: Revenue,
    pub orders: OrdersState,
    pub acquisition: Acquisition,
    pub support: Support,
    pub product: Product,
    pub surveys: SurveysState,
}

impl Workbench {
    pub fn new() -> Workbench {
        let (loaded, notice) = crate::browser::storage::load_settings();
        Workbench::with_settings(loaded, notice)
    }

    /// Every source starts on its built-in demo (read by the worker when it starts).
    pub fn with_settings(initial: Settings, notice: Option<String>) -> Workbench {
        let settings = RwSignal::new(initial);
        let sources = Mirrors {
            subscriptions: SourceMirror::new(settings),
            accounts: SourceMirror::new(settings),
            orders: SourceMirror::new(settings),
            funnel: SourceMirror::new(settings),
            surveys: SourceMirror::new(settings),
            tickets: SourceMirror::new(settings),
            usage: SourceMirror::new(settings),
        };
        Workbench {
            settings,
            storage_notice: RwSignal::new(notice),
            load_error: RwSignal::new(None),
            sources,
            revenue: Revenue::new(sources.subscriptions, sources.accounts),
            orders: OrdersState::new(sources.orders),
            acquisition: Acquisition::new(sources.funnel),
            support: Support::new(sources.tickets),
            product: Product::new(sources.usage),
            surveys: SurveysState::new(sources.surveys),
        }
    }

    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
    }

    /// Takes one message from the worker.
    pub fn receive(&self, message: FromWorker) {
        let outcome = match message {
            FromWorker::Source { source, view } => self.sources.receive(&source, view),
            FromWorker::Progress(p) => {
                let source = p.source.clone();
                self.sources.set_progress(&source, Some(p));
                Ok(())
            }
            FromWorker::Done { source } => {
                self.sources.set_progress(&source, None);
                Ok(())
            }
            FromWorker::Failed { source, reason } => {
                self.sources.set_progress(&source, None);
                self.load_error.set(Some(reason));
                Ok(())
            }
            FromWorker::Results(results) => {
                super::pages::receive(self, *results);
                Ok(())
            }
        };
        if let Err(e) = outcome {
            self.load_error.set(Some(format!("The engine sent what the page cannot read ({e}). Reload the page.")));
        }
    }
}

impl Default for Workbench {
    fn default() -> Self {
        Workbench::new()
    }
}
