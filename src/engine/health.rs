//! Health state: every loaded source joined to the billing customers (`Book`), scored month by
//! month, as Memos. The book depends on the typed data and the join rules only, so a weight or a
//! threshold changes the scores and the back-test without joining or reading again.

use super::{Engine, PageEngine, PageOf, SharedData, Stores};
use leptos::prelude::*;
use northstar_metrics::health::kpis::kpis;
use northstar_metrics::health::risk::{fell, last_contact, unscored_reasons};
use northstar_metrics::health::timeline::timeline;
use northstar_metrics::health::{assess, banded_list, score_all, score_customer, Assessment, Book};
use northstar_metrics::join::{JoinReport, Part};
use northstar_metrics::source::SourceId;
use northstar_metrics::KpiValue;
use northstar_view::pages::customers::{CustomerHit, CustomersResults, HITS};
use northstar_view::pages::health::{HealthResults, RiskRow, RISK_ROWS};
use northstar_view::{Settings, Shared};

#[derive(Clone, Copy)]
pub struct HealthState {
    pub book: Memo<Shared<Book>>,
    /// Whether the joined files are the demo.
    pub demo: Memo<bool>,
    /// Every month scored and banded, and the band thresholds.
    pub months: Memo<Shared<Assessment>>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
}

impl HealthState {
    pub fn new(settings: RwSignal<Settings>, stores: Stores) -> HealthState {
        // The billing customers come from the first source of paying customers (subscriptions,
        // else accounts); the other sources join only when they are demo data exactly when the
        // billing file is (never mixed).
        let demo = Memo::new(move |_| {
            let billing = stores.all().find(|s| s.data().is_some_and(|d| d.get().paying_customers().is_some()));
            billing.is_some_and(|s| s.is_demo())
        });
        let rules = Memo::new(move |_| settings.with(|s| s.health.rules()));
        let book = Memo::new(move |_| {
            let demo = demo.get();
            let data: Vec<(SourceId, Box<dyn SharedData>, Option<String>)> =
                stores.all().filter(|s| s.is_demo() == demo).filter_map(|s| s.data().map(|d| (s.id(), d, s.key_column()))).collect();
            let parts: Vec<Part> = data.iter().map(|(id, d, key)| Part { id: *id, data: d.get(), key_column: key.as_deref() }).collect();
            Shared::new(rules.with(|r| Book::of_parts(&parts, r)))
        });
        let score = Memo::new(move |_| settings.with(|s| s.health.score.clone()));
        let months = Memo::new(move |_| book.with(|b| score.with(|s| Shared::new(assess(b, s)))));
        let values = Memo::new(move |_| {
            let dated = book.with(|b| b.loaded.mrr);
            months.with(|a| Shared::new(kpis(&a.months, dated)))
        });
        HealthState { book, demo, months, kpis: values }
    }

    /// The Health page: match rates, the health KPIs per month, and the risk list of the month
    /// chosen (else the latest).
    pub fn results(&self, settings: &Settings) -> HealthResults {
        let book = self.book.get_untracked();
        let assessment = self.months.get_untracked();
        let months = &assessment.months;
        let chosen = settings.health.period.as_deref();
        let at = months.iter().rposition(|m| chosen.is_none_or(|c| m.period.label() == c)).or(months.len().checked_sub(1));
        let shown = at.map(|i| &months[i]);
        let before = at.and_then(|i| i.checked_sub(1)).map(|i| &months[i]);
        let score = &settings.health.score;
        let list = shown.map(|m| banded_list(&book, m.day, score, &assessment.bands)).unwrap_or_default();
        let risk = shown.map(|m| {
            list.iter()
                .take(RISK_ROWS)
                .map(|s| {
                    let c = &book.customers[s.customer];
                    let earlier = before.filter(|b| book.is_active(c, b.day)).map(|b| score_customer(&book, s.customer, b.day, score));
                    RiskRow {
                        customer: c.contact.customer.clone(),
                        name: c.contact.name.clone(),
                        score: s.score,
                        band: s.band,
                        mrr: s.mrr,
                        components: s.components.clone(),
                        fell: fell(s, earlier.as_ref(), 2),
                        last_contact: last_contact(c, m.day).map(|(kind, day)| (kind, northstar_metrics::format::day(day))),
                    }
                })
                .collect()
        });
        HealthResults {
            // Without each key's customer: the page shows rates and unmatched keys, never who is who.
            joins: book.joins.iter().map(|j| JoinReport { matches: Default::default(), ..j.clone() }).collect(),
            customers: book.customers.len() as u64,
            billing: book.billing(),
            loaded: book.sources.clone(),
            demo: self.demo.get_untracked(),
            kpis: self.kpis.get_untracked().to_vec(),
            periods: months.iter().map(|m| m.period.label()).collect(),
            extent: book.first_day.zip(book.last_day),
            period: shown.map(|m| m.period.label()),
            as_of: shown.map(|m| northstar_metrics::format::day(m.day)),
            active: shown.map_or(0, |m| m.active),
            unscored: shown.map_or(0, |m| m.active - m.scored()),
            unscored_reasons: unscored_reasons(&book, &list),
            risk: risk.unwrap_or_default(),
            bands: (!months.is_empty()).then(|| assessment.bands.clone()),
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
            let last = self.months.with_untracked(|a| a.months.last().map(|m| m.day));
            last.map(|day| score_all(&book, day, score).iter().take(HITS).map(|s| s.customer).collect()).unwrap_or_default()
        } else {
            book.search(&query, HITS)
        };
        // Banded as on the Health page: by the thresholds in force (calibrated or set).
        let banded = self.months.with_untracked(|a| a.bands.apply_to(score));
        let hit = |i: usize| {
            let c = &book.customers[i];
            let scored = day.map(|d| northstar_metrics::health::score_customer(&book, i, d, &banded));
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
            loaded: book.sources.clone(),
        }
    }
}

impl PageOf for HealthResults {
    type Engine = HealthState;
}

impl PageEngine for HealthState {
    type Results = HealthResults;
    fn results(&self, engine: &Engine) -> HealthResults {
        HealthState::results(self, &engine.settings.get_untracked())
    }
}

/// The Customers page's half: the health state's book, searched.
#[derive(Clone, Copy)]
pub struct Customers(pub HealthState);

impl PageOf for CustomersResults {
    type Engine = Customers;
}

impl PageEngine for Customers {
    type Results = CustomersResults;
    fn results(&self, engine: &Engine) -> CustomersResults {
        self.0.customers(&engine.settings.get_untracked())
    }
}
