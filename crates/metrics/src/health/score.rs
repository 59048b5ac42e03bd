//! The health score of one customer as of the end of day T, from its touches dated on or before
//! T only (spec §7). Each component is 0–100, or none when its source is not loaded or says
//! nothing of the customer yet:
//! - `usage_trend`: events in the 30 days to T (a) against the mean 30 days of the 90 before them
//!   (b = events ÷ 3): 100 × min(1, a ÷ b); 100 when b = 0 < a, 0 when both are 0 (usage
//!   stopped); none before the first event.
//! - `usage_level` (per seat): users active in the 30 days to T ÷ the customer's seats, the users
//!   seen in the 365 days to T, × 100; none before the first event.
//! - `engagement`: days with an event among the 30 days to T ÷ 30 × 100; none before the first
//!   event.
//! - `satisfaction`: the latest survey answer (NPS, CSAT or CES, on 0–100 from its scale; the mean
//!   when several share that day) within the 365 days to T; none without one.
//! - `tickets`: 100 − 20 × (tickets open at T) − 20 × (slow tickets opened in the 90 days to T),
//!   at least 0; slow = first response after more than `slow_hours` (or none yet at T after that
//!   long). A customer without tickets scores 100 once a tickets file is loaded.
//! - `mrr_change`: 100 × min(1, m(T) ÷ m(T − 3 months)); none when m(T − 3 months) = 0.
//!
//! The score is Σ wᵢ·sᵢ ÷ Σ wᵢ over the components that have a value and a weight above 0 (none
//! when no component does); red below `red_below` (default 40), yellow below `yellow_below` (70),
//! else green.

use super::book::{Book, Customer};
use super::settings::HealthSettings;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    UsageTrend,
    UsageLevel,
    Engagement,
    Satisfaction,
    Tickets,
    MrrChange,
}

impl Component {
    pub const ALL: [Component; 6] =
        [Component::UsageTrend, Component::UsageLevel, Component::Engagement, Component::Satisfaction, Component::Tickets, Component::MrrChange];

    pub fn key(self) -> &'static str {
        match self {
            Component::UsageTrend => "usage_trend",
            Component::UsageLevel => "usage_level",
            Component::Engagement => "engagement",
            Component::Satisfaction => "satisfaction",
            Component::Tickets => "tickets",
            Component::MrrChange => "mrr_change",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Component::UsageTrend => "Usage trend",
            Component::UsageLevel => "Usage per seat",
            Component::Engagement => "Engagement",
            Component::Satisfaction => "Latest survey answer",
            Component::Tickets => "Tickets",
            Component::MrrChange => "MRR change",
        }
    }

    /// What the component measures, in a line.
    pub fn explain(self) -> &'static str {
        match self {
            Component::UsageTrend => "events in the last 30 days against a month of the 90 days before (100 = held or grew, 0 = stopped)",
            Component::UsageLevel => "users active in the last 30 days out of the users seen in the last year",
            Component::Engagement => "days with product use out of the last 30",
            Component::Satisfaction => "the latest NPS/CSAT/CES answer of the last year, on 0-100",
            Component::Tickets => "100, minus 20 per open ticket and per slow ticket of the last 90 days",
            Component::MrrChange => "MRR now against 3 months ago (100 = held or grew)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    Red,
    Yellow,
    Green,
}

impl Band {
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Red => "red",
            Band::Yellow => "yellow",
            Band::Green => "green",
        }
    }

    pub fn of(score: f64, settings: &HealthSettings) -> Band {
        let (red, yellow) = settings.thresholds();
        if score < red {
            Band::Red
        } else if score < yellow {
            Band::Yellow
        } else {
            Band::Green
        }
    }
}

/// The score of one customer as of a day, with its components and MRR.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    /// Index into [`Book::customers`].
    pub customer: usize,
    pub score: Option<f64>,
    pub band: Option<Band>,
    /// Each component with a value.
    pub components: Vec<(Component, f64)>,
    /// m_c on the day (cents).
    pub mrr: i64,
}

const DAY: i64 = 86_400;

/// The components of `c` as of the end of `day`.
pub fn components(book: &Book, c: &Customer, day: i32, settings: &HealthSettings) -> Vec<(Component, f64)> {
    let mut out = Vec::new();
    components_into(book, c, ScoreDay::new(day), settings, &mut out);
    out
}

/// A day to score at, with the day three months before it (for `mrr_change`), worked out once
/// for every customer scored that day.
#[derive(Debug, Clone, Copy)]
pub struct ScoreDay {
    day: i32,
    three_months_before: i32,
}

impl ScoreDay {
    pub fn new(day: i32) -> ScoreDay {
        ScoreDay { day, three_months_before: months_before(day, 3) }
    }
}

/// [`components`] into `out` (cleared first), so that scoring many customers reuses one buffer.
pub fn components_into(book: &Book, c: &Customer, at: ScoreDay, settings: &HealthSettings, out: &mut Vec<(Component, f64)>) {
    out.clear();
    let day = at.day;
    let upto = c.usage.partition_point(|&(d, _)| d <= day);
    if book.loaded.usage && upto > 0 {
        let used = &c.usage[..upto];
        let since = |first: i32| &used[used.partition_point(|&(d, _)| d < first)..];
        let last30 = since(day - 29);
        let prior = used.partition_point(|&(d, _)| d < day - 119);
        // The baseline: the mean 30 days of the 90 before the last 30.
        let (a, b) = (last30.len() as f64, (used.len() - last30.len() - prior) as f64 / 3.0);
        let trend = if b > 0.0 {
            100.0 * (a / b).min(1.0)
        } else if a > 0.0 {
            100.0
        } else {
            0.0
        };
        out.push((Component::UsageTrend, trend));
        let seats = distinct_users(since(day - 364));
        let level = if seats == 0 { 0.0 } else { 100.0 * distinct_users(last30) as f64 / seats as f64 };
        out.push((Component::UsageLevel, level));
        let mut days: Vec<i32> = last30.iter().map(|&(d, _)| d).collect();
        days.dedup();
        out.push((Component::Engagement, 100.0 * days.len() as f64 / 30.0));
    }
    if let Some(latest) = c.answers.iter().rev().find(|a| a.day <= day && a.day > day - 365) {
        let same: Vec<f64> = c.answers.iter().filter(|a| a.day == latest.day).map(|a| a.score).collect();
        out.push((Component::Satisfaction, same.iter().sum::<f64>() / same.len() as f64));
    }
    if book.loaded.tickets {
        let end = (day as i64 + 1) * DAY;
        let slow_after = (settings.slow_hours * 3600.0).round() as i64;
        let recent = (day as i64 - 89) * DAY;
        let mut open = 0u32;
        let mut slow = 0u32;
        for t in c.tickets.iter().take_while(|t| t.created < end) {
            if t.resolved.is_none_or(|r| r >= end) {
                open += 1;
            }
            let waited = match t.first_response.filter(|&f| f < end) {
                Some(f) => f - t.created,
                None => end - t.created,
            };
            if t.created >= recent && waited > slow_after {
                slow += 1;
            }
        }
        out.push((Component::Tickets, (100.0 - 20.0 * (open + slow) as f64).max(0.0)));
    }
    if book.loaded.mrr {
        let before = c.mrr_on(at.three_months_before);
        if before > 0 {
            out.push((Component::MrrChange, 100.0 * (c.mrr_on(day) as f64 / before as f64).min(1.0)));
        }
    }
}

fn distinct_users(events: &[(i32, u32)]) -> usize {
    let mut users: Vec<u32> = events.iter().map(|&(_, u)| u).collect();
    users.sort_unstable();
    users.dedup();
    users.len()
}

/// Σ wᵢ·sᵢ ÷ Σ wᵢ over the components with a weight above 0; none when there is none.
pub fn weighted(components: &[(Component, f64)], settings: &HealthSettings) -> Option<f64> {
    let (sum, weights) = components.iter().fold((0.0, 0.0), |(s, w), &(c, v)| {
        let weight = settings.weights.of(c);
        if weight > 0.0 {
            (s + weight * v, w + weight)
        } else {
            (s, w)
        }
    });
    (weights > 0.0).then(|| sum / weights)
}

/// The score of `c` as of the end of `day`.
pub fn score_customer(book: &Book, customer: usize, day: i32, settings: &HealthSettings) -> Scored {
    let c = &book.customers[customer];
    let components = components(book, c, day, settings);
    let score = weighted(&components, settings);
    Scored { customer, score, band: score.map(|s| Band::of(s, settings)), components, mrr: book.mrr_of(c, day) }
}

/// Every customer active at the end of `day`, scored, lowest score first (unscored last; ties by
/// customer id).
pub fn score_all(book: &Book, day: i32, settings: &HealthSettings) -> Vec<Scored> {
    let mut out: Vec<Scored> =
        (0..book.customers.len()).filter(|&i| book.is_active(&book.customers[i], day)).map(|i| score_customer(book, i, day, settings)).collect();
    let ranks = book.id_ranks();
    out.sort_unstable_by(|a, b| {
        let key = |s: &Scored| s.score.unwrap_or(f64::INFINITY);
        key(a).total_cmp(&key(b)).then_with(|| ranks[a.customer].cmp(&ranks[b.customer]))
    });
    out
}

/// `n` months before `day`: the last day of that month when `day` is a month's last day, else the
/// same day of the month (clamped to the month's length).
pub fn months_before(day: i32, n: u32) -> i32 {
    use crate::calendar::{civil_from_days, days_from_civil, days_in_month};
    let (y, m, d) = civil_from_days(day);
    let total = y as i64 * 12 + (m as i64 - 1) - n as i64;
    let (ny, nm) = (total.div_euclid(12) as i32, (total.rem_euclid(12) + 1) as u32);
    let last = days_in_month(ny, nm);
    let d = if d == days_in_month(y, m) { last } else { d.min(last) };
    days_from_civil(ny, nm, d)
}
