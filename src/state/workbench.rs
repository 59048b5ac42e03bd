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
        self.each(source, |p, _| p.set(progress));
    }

    /// No read is under way (a new engine started).
    pub fn reset_progress(&self) {
        for source in ["subscriptions", "accounts", "orders", "funnel", "surveys", "tickets", "usage"] {
            self.set_progress(source, None);
        }
    }

    fn set_timing(&self, source: &str, timing: Option<crate::wire::Timing>) {
        self.each(source, |_, t| t.set(timing));
    }

    /// The progress and the timing signals of the source named `source`.
    fn each(&self, source: &str, f: impl FnOnce(RwSignal<Option<crate::wire::Progress>>, RwSignal<Option<crate::wire::Timing>>)) {
        match source {
            "subscriptions" => f(self.subscriptions.progress, self.subscriptions.timing),
            "accounts" => f(self.accounts.progress, self.accounts.timing),
            "orders" => f(self.orders.progress, self.orders.timing),
            "funnel" => f(self.funnel.progress, self.funnel.timing),
            "surveys" => f(self.surveys.progress, self.surveys.timing),
            "tickets" => f(self.tickets.progress, self.tickets.timing),
            "usage" => f(self.usage.progress, self.usage.timing),
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
            FromWorker::Done { source, timing } => {
                self.sources.set_progress(&source, None);
                if timing.is_some() {
                    self.sources.set_timing(&source, timing);
                }
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
