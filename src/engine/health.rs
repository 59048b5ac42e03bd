//! Health state: every loaded source joined to the billing customers (`Book`), scored month by
//! month, as Memos. The book depends on the typed data and the join rules only, so a weight or a
//! threshold changes the scores and the back-test without joining or reading again.

use super::source_store::{Shared, SourceStore};
use super::Stores;
use crate::state::Settings;
use crate::wire::{CustomerHit, CustomersResults, HealthResults, RiskRow};
use leptos::prelude::*;
use northstar_metrics::health::kpis::kpis;
use northstar_metrics::health::timeline::timeline;
use northstar_metrics::health::{history, Book, MonthHealth};
use northstar_metrics::join::{JoinReport, Part};
use northstar_metrics::source::SourceData;
use northstar_metrics::KpiValue;

/// How many customers the risk list carries (lowest scores first).
pub const RISK_ROWS: usize = 200;
/// How many customers a search lists.
pub const HITS: usize = 12;

#[derive(Clone, Copy)]
pub struct HealthState {
    pub book: Memo<Shared<Book>>,
    /// Whether the joined files are the demo.
    pub demo: Memo<bool>,
    pub months: Memo<Shared<Vec<MonthHealth>>>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
}

impl HealthState {
    pub fn new(settings: RwSignal<Settings>, stores: Stores) -> HealthState {
        // The billing customers come from subscriptions, else accounts; the other sources join
        // only when they are demo data exactly when the billing file is (never mixed).
        let demo = Memo::new(move |_| if stores.subscriptions.ok().is_some() { stores.subscriptions.is_demo() } else { stores.accounts.is_demo() });
        let rules = Memo::new(move |_| settings.with(|s| s.health.rules()));
        let book = Memo::new(move |_| {
            let demo = demo.get();
            let subscriptions = beside(stores.subscriptions, demo);
            let accounts = beside(stores.accounts, demo);
            let orders = beside(stores.orders, demo);
            let surveys = beside(stores.surveys, demo);
            let tickets = beside(stores.tickets, demo);
            let usage = beside(stores.usage, demo);
            let named: [(&'static str, Option<&dyn SourceData>); 6] = [
                ("subscriptions", subscriptions.as_deref().map(|d| d as &dyn SourceData)),
                ("accounts", accounts.as_deref().map(|d| d as &dyn SourceData)),
                ("orders", orders.as_deref().map(|d| d as &dyn SourceData)),
                ("surveys", surveys.as_deref().map(|d| d as &dyn SourceData)),
                ("tickets", tickets.as_deref().map(|d| d as &dyn SourceData)),
                ("usage", usage.as_deref().map(|d| d as &dyn SourceData)),
            ];
            let parts: Vec<Part> = named.into_iter().filter_map(|(name, data)| data.map(|data| Part { name, data })).collect();
            Shared::new(rules.with(|r| Book::of_parts(&parts, r)))
        });
        let score = Memo::new(move |_| settings.with(|s| s.health.score.clone()));
        let months = Memo::new(move |_| book.with(|b| score.with(|s| Shared::new(history(b, s)))));
        let values = Memo::new(move |_| {
            let dated = book.with(|b| b.loaded.mrr);
            months.with(|m| Shared::new(kpis(m, dated)))
        });
        HealthState { book, demo, months, kpis: values }
    }

    /// The Health page: match rates, the health KPIs per month, and the risk list of the month
    /// chosen (else the latest).
    pub fn results(&self, settings: &Settings) -> HealthResults {
        let book = self.book.get_untracked();
        let months = self.months.get_untracked();
        let chosen = settings.health.period.as_deref();
        let shown = months.iter().rev().find(|m| chosen.is_none_or(|c| m.period.label() == c)).or(months.last());
        let risk = shown.map(|m| {
            m.scored
                .iter()
                .take(RISK_ROWS)
                .map(|s| {
                    let c = &book.customers[s.customer];
                    RiskRow {
                        customer: c.contact.customer.clone(),
                        name: c.contact.name.clone(),
                        score: s.score,
                        band: s.band,
                        mrr: s.mrr,
                        components: s.components.clone(),
                    }
                })
                .collect()
        });
        HealthResults {
            // Without each key's customer: the page shows rates and unmatched keys, never who is who.
            joins: book.joins.iter().map(|j| JoinReport { matches: Default::default(), ..j.clone() }).collect(),
            customers: book.customers.len() as u64,
            billing: book.billing().map(str::to_string),
            loaded: loaded_names(&book),
            demo: self.demo.get_untracked(),
            kpis: self.kpis.get_untracked().to_vec(),
            periods: months.iter().map(|m| m.period.label()).collect(),
            period: shown.map(|m| m.period.label()),
            as_of: shown.map(|m| northstar_metrics::format::day(m.day)),
            active: shown.map_or(0, |m| m.scored.len() as u64),
            unscored: shown.map_or(0, |m| m.scored.iter().filter(|s| s.score.is_none()).count() as u64),
            risk: risk.unwrap_or_default(),
        }
    }

    /// The Customers page: the customers the search finds (the lowest scores when it is empty)
    /// and the timeline of the one chosen (or the only one found).
    pub fn customers(&self, settings: &Settings) -> CustomersResults {
        let book = self.book.get_untracked();
        let score = &settings.health.score;
        let query = settings.health.query.trim().to_string();
        let day = book.last_day;
        let found: Vec<usize> = if query.is_empty() {
            self.months.with_untracked(|m| m.last().map(|m| m.scored.iter().take(HITS).map(|s| s.customer).collect()).unwrap_or_default())
        } else {
            book.search(&query, HITS)
        };
        let hit = |i: usize| {
            let c = &book.customers[i];
            let scored = day.map(|d| northstar_metrics::health::score_customer(&book, i, d, score));
            CustomerHit {
                customer: c.contact.customer.clone(),
                name: c.contact.name.clone(),
                email: c.contact.email.clone(),
                score: scored.as_ref().and_then(|s| s.score),
                band: scored.and_then(|s| s.band),
            }
        };
        let chosen = settings.health.customer.as_deref().and_then(|id| book.customers.iter().position(|c| c.contact.customer == id));
        let shown = chosen.or_else(|| (found.len() == 1).then(|| found[0]));
        CustomersResults {
            customers: book.customers.len() as u64,
            query,
            hits: found.into_iter().map(hit).collect(),
            timeline: shown.and_then(|i| timeline(&book, i, score)),
            demo: self.demo.get_untracked(),
            loaded: loaded_names(&book),
        }
    }
}

/// The typed data of `store` when it is demo data exactly when `demo` is.
fn beside<S: crate::state::AppSource>(store: SourceStore<S>, demo: bool) -> Option<Shared<S::Data>> {
    (store.is_demo() == demo).then(|| store.ok()).flatten()
}

/// The sources joined, by name.
fn loaded_names(book: &Book) -> Vec<String> {
    book.loaded.names().into_iter().map(str::to_string).collect()
}
