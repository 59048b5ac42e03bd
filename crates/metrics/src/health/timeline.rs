//! One customer's timeline: per month, what each source says of it (MRR at the month's end,
//! orders, tickets opened, survey answers, product events and active users) and its health score
//! with the components as of the month's end (none while it is not active); and the rows behind
//! them (file lines).

use super::book::Book;
use super::score::{score_customer, Scored};
use super::settings::HealthSettings;
use crate::period::Granularity;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineMonth {
    pub period: String,
    /// m_c at the month's end, cents (none without subscriptions).
    pub mrr: Option<i64>,
    pub orders: u64,
    pub order_cents: i64,
    pub tickets_opened: u64,
    pub answers: u64,
    /// The mean answer of the month on 0-100.
    pub answer_score: Option<f64>,
    pub events: u64,
    pub active_users: u64,
    pub health: Scored,
}

/// A row behind the timeline: its source, day, what it says and its file line (when known).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineRow {
    /// The source of the row (always known: a touch comes from a joined source).
    pub source: Option<crate::source::SourceId>,
    pub day: i32,
    pub what: String,
    pub line: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub customer: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub months: Vec<TimelineMonth>,
    /// Subscriptions, tickets and answers, newest first (product events are counted per month).
    pub rows: Vec<TimelineRow>,
}

/// The timeline of customer `index` of `book`, month by month over the data's span.
pub fn timeline(book: &Book, index: usize, settings: &HealthSettings) -> Option<Timeline> {
    let c = book.customers.get(index)?;
    let (first, last) = (book.first_day?, book.last_day?);
    let mut months = Vec::new();
    for p in Granularity::Month.buckets_between(first, last) {
        let (from, to) = (p.first_day(), p.last_day());
        let within = |d: i32| from <= d && d <= to;
        let mut users: Vec<u32> = c.usage.iter().filter(|u| within(u.0)).map(|u| u.1).collect();
        let events = users.len() as u64;
        users.sort_unstable();
        users.dedup();
        let answers: Vec<f64> = c.answers.iter().filter(|a| within(a.day)).map(|a| a.score).collect();
        let orders: Vec<i64> = c.orders.iter().filter(|o| within(o.day)).map(|o| o.cents).collect();
        months.push(TimelineMonth {
            period: p.label(),
            mrr: book.loaded.mrr.then(|| c.mrr_on(to)),
            orders: orders.len() as u64,
            order_cents: orders.iter().sum(),
            tickets_opened: c.tickets.iter().filter(|t| within(t.created.div_euclid(86_400) as i32)).count() as u64,
            answers: answers.len() as u64,
            answer_score: (!answers.is_empty()).then(|| answers.iter().sum::<f64>() / answers.len() as f64),
            events,
            active_users: users.len() as u64,
            // A customer is scored only while it is active (before it starts and after it leaves
            // there is nothing to be healthy about).
            health: if book.is_active(c, to) {
                score_customer(book, index, to, settings)
            } else {
                Scored { customer: index, score: None, band: None, components: Vec::new(), mrr: 0 }
            },
        });
    }
    let mut rows: Vec<TimelineRow> = Vec::new();
    for s in &c.mrr {
        let until = s.until.map_or("active".to_string(), |u| format!("until {}", crate::format::day(u)));
        rows.push(TimelineRow {
            source: book.origins.mrr,
            day: s.from,
            what: format!("subscription {} a month, {until}", crate::format::cents(s.monthly)),
            line: Some(s.line),
        });
    }
    for t in &c.tickets {
        let state = match t.resolved {
            Some(r) => format!("resolved after {:.1} h", (r - t.created) as f64 / 3600.0),
            None => "not resolved".to_string(),
        };
        let first = t.first_response.map_or("no response".to_string(), |f| format!("first response after {:.1} h", (f - t.created) as f64 / 3600.0));
        rows.push(TimelineRow {
            source: book.origins.tickets,
            day: t.created.div_euclid(86_400) as i32,
            what: format!("ticket: {first}, {state}"),
            line: Some(t.line),
        });
    }
    for a in &c.answers {
        rows.push(TimelineRow {
            source: book.origins.answers,
            day: a.day,
            what: format!("{} answer {}", a.kind.to_uppercase(), crate::format::raw(Some(a.raw))),
            line: Some(a.line),
        });
    }
    for o in &c.orders {
        rows.push(TimelineRow { source: book.origins.orders, day: o.day, what: format!("order {}", crate::format::cents(o.cents)), line: None });
    }
    rows.sort_by(|a, b| b.day.cmp(&a.day).then_with(|| a.source.map(|s| s.name()).cmp(&b.source.map(|s| s.name()))));
    Some(Timeline {
        customer: c.contact.customer.clone(),
        name: c.contact.name.clone(),
        email: c.contact.email.clone(),
        website: c.contact.website.clone(),
        months,
        rows,
    })
}
