//! The page's store: the settings (the only source of truth the page owns, persisted), what the
//! engine's worker last said of each source and of the shown page's results, and the notices.
//! Nothing here computes a KPI: the worker does, off the page's thread.

use super::pages::{Acquisition, HealthPages, OrdersState, Product, Revenue, ScorecardState, Support, SurveysState};
use super::settings::Settings;
use super::source_mirror::{AnyMirror, SourceMirror};
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
    /// Every mirror, as the engine lists its stores.
    fn all(&self) -> [&dyn AnyMirror; 7] {
        [&self.subscriptions, &self.accounts, &self.orders, &self.surveys, &self.tickets, &self.usage, &self.funnel]
    }

    pub fn by_name(&self, source: &str) -> Result<&dyn AnyMirror, String> {
        self.all().into_iter().find(|m| m.name() == source).ok_or_else(|| format!("unknown source {source}"))
    }

    /// Every mirror by name, for the sources in `names`.
    pub fn each(&self, names: &[&str], mut f: impl FnMut(&dyn AnyMirror)) {
        for m in self.all().into_iter().filter(|m| names.contains(&m.name())) {
            f(m);
        }
    }

    /// No read is under way (a new engine started).
    pub fn reset_progress(&self) {
        for m in self.all() {
            m.progress().set(None);
        }
    }
}

#[derive(Clone, Copy)]
pub struct Workbench {
    pub settings: RwSignal<Settings>,
    pub storage_notice: RwSignal<Option<String>>,
    pub load_error: RwSignal<Option<String>>,
    pub sources: Mirrors,
    pub scorecard: ScorecardState,
    pub revenue: Revenue,
    pub orders: OrdersState,
    pub acquisition: Acquisition,
    pub support: Support,
    pub product: Product,
    pub surveys: SurveysState,
    pub health: HealthPages,
    pub share: super::share::ShareState,
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
            scorecard: ScorecardState::default(),
            revenue: Revenue::new(sources.subscriptions, sources.accounts),
            orders: OrdersState::new(sources.orders),
            acquisition: Acquisition::new(sources.funnel),
            support: Support::new(sources.tickets),
            product: Product::new(sources.usage),
            surveys: SurveysState::new(sources.surveys),
            health: HealthPages::default(),
            share: super::share::ShareState::default(),
        }
    }

    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
    }

    /// Sets the user's target `key` from the text of a target field, typed in the field's units
    /// (`scale` = 100 for rates, kept as fractions); text that is not a number removes it.
    pub fn set_target(&self, key: String, text: &str, scale: f64) {
        let parsed = text.trim().parse::<f64>().ok().filter(|t| t.is_finite());
        self.settings.update(move |s| match parsed {
            Some(t) => {
                s.targets.insert(key, t / scale);
            }
            None => {
                s.targets.remove(&key);
            }
        });
    }

    /// Takes one message from the worker.
    pub fn receive(&self, message: FromWorker) {
        let outcome = match message {
            FromWorker::Source { source, view } => self.sources.by_name(&source).and_then(|m| m.receive(view)),
            FromWorker::Progress(p) => self.sources.by_name(&p.source.clone()).map(|m| {
                m.failure().set(None);
                m.progress().set(Some(p))
            }),
            FromWorker::Done { source, timing } => self.sources.by_name(&source).map(|m| {
                m.progress().set(None);
                if timing.is_some() {
                    m.failure().set(None);
                    m.timing().set(timing);
                }
            }),
            // Shown beside the source's drop zone, where the user acted.
            FromWorker::Failed { source, reason } => self.sources.by_name(&source).map(|m| {
                m.progress().set(None);
                m.failure().set(Some(reason));
            }),
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
