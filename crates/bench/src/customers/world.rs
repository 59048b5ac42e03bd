//! The customers behind every export: each company's size, latent risk, subscription history,
//! people, and day-by-day state (engagement, support load, mood), from which the exports draw
//! their rows.
//!
//! The model, per company:
//! - a latent risk `r` ~ N(0, 1) (small businesses a little riskier, enterprises less), which sets
//!   the monthly churn hazard (3.2 % × e^(0.95 r − 0.45) from the second month on, × 0.6 on an
//!   annual contract: 2-3 % of the customers a month), and also a lower baseline use, a lower NPS
//!   and more tickets;
//! - a decline over a churner's last 60-120 days (for 85 % of churners; the others leave at
//!   once): engagement falls linearly to 10-40 % of its level, 55 % of the users stop, NPS answers
//!   drop by up to 4.5 points and fewer are given, tickets come up to 4.5 times as often and are
//!   answered and solved more slowly, seats or the plan are often cut;
//! - noise that a health score has to see through: seasons (July, August, New Year, the last
//!   days of December), weekends, onboarding, a slow trend of its own, and dips of one to three
//!   months (engagement at 40-75 %, more tickets, worse answers) that end without churn;
//! - missing components: about 1 in 4 companies never answers a survey, 1 in 5 never files a
//!   ticket.
//!
//! In an ad-hoc check (not kept), a logistic score on the usage trend and level, active users, tickets and NPS, fitted on 2023
//! and tested on 2024 (churn within 60-90 days of a month end), reached an AUC of 0.79-0.86 on
//! the default set; usage alone 0.72-0.77.
//!
//! Days count from 2022-01-01 (the [`crate::Out`] epoch); the data covers [`FIRST`]..=[`LAST`].

use super::names::{self, Convention};
use crate::Rng;
use std::collections::HashSet;

/// 2023-01-01 and 2024-12-31, in days since 2022-01-01.
pub const FIRST: i64 = 365;
pub const LAST: i64 = 1095;

/// Plans (name, price per seat per month in cents); a year costs ten months.
pub const PLANS: [(&str, u64); 3] = [("Starter", 1500), ("Team", 2900), ("Business", 4900)];

pub const SEGMENTS: [&str; 3] = ["SMB", "Mid-Market", "Enterprise"];
const INDUSTRIES: [&str; 10] =
    ["Software", "Retail", "Healthcare", "Financial Services", "Manufacturing", "Education", "Media", "Logistics", "Real Estate", "Non-profit"];
const OWNERS: [&str; 6] = ["Maya Patel", "Tom Becker", "Lucia Fernandez", "Owen Clarke", "Sara Lindqvist", "Kwame Mensah"];

/// One subscription row: a plan at a number of seats over a span of days.
#[derive(Debug, Clone)]
pub struct Sub {
    pub id: String,
    pub plan: usize,
    pub seats: u32,
    pub annual: bool,
    pub from: i64,
    /// The day it was canceled (replaced by a plan change, or the customer left).
    pub to: Option<i64>,
    pub trial_end: Option<i64>,
    pub status: &'static str,
}

impl Sub {
    /// Monthly recurring revenue in cents (an annual price is ten months, spread over twelve and
    /// rounded once, half up, as the subscriptions reader does).
    pub fn mrr_cents(&self) -> u64 {
        let per_interval = PLANS[self.plan].1 * self.seats as u64;
        if self.annual {
            (per_interval * 10 * 2 + 12) / 24
        } else {
            per_interval
        }
    }
}

/// A person at a customer.
#[derive(Debug, Clone)]
pub struct User {
    /// The work address, lowercase.
    pub email: String,
    /// A personal free-mail address (some log in or write to support with it).
    pub personal: String,
    pub joined: i64,
    pub left: Option<i64>,
    /// Events on a working day at full engagement.
    pub rate: f64,
    /// Logs in with the personal address now and then.
    pub uses_personal: bool,
}

#[derive(Debug, Clone)]
pub struct Company {
    pub id: String,
    pub name: String,
    pub domain: String,
    /// As the CRM holds it (blank for a few).
    pub website: String,
    pub industry: &'static str,
    pub segment: &'static str,
    pub owner: &'static str,
    /// The billing address on the subscriptions, as typed.
    pub billing_email: String,
    pub start: i64,
    pub churn: Option<i64>,
    /// (first day, engagement at the end) of the decline before churn.
    pub decline: Option<(i64, f64)>,
    pub risk: f64,
    activity: f64,
    /// Relative change of engagement per year.
    trend: f64,
    /// (from, to, engagement factor).
    dips: Vec<(i64, i64, f64)>,
    pub users: Vec<User>,
    pub subs: Vec<Sub>,
    /// Chance a user answers a survey invitation (0: never).
    pub survey_response: f64,
    /// Tickets a month per square root of active users (0: never).
    pub ticket_rate: f64,
    /// The NPS a user gives on an ordinary day, before noise.
    pub nps_base: f64,
}

impl Company {
    /// The first day with no activity (the churn day, or the day after the data).
    pub fn until(&self) -> i64 {
        self.churn.unwrap_or(LAST + 1)
    }

    /// How far into the decline `day` is: 0 before it (or without one), 1 on the churn day.
    pub fn severity(&self, day: i64) -> f64 {
        match (self.decline, self.churn) {
            (Some((from, _)), Some(churn)) if day >= from => ((day - from) as f64 / (churn - from).max(1) as f64).min(1.0),
            _ => 0.0,
        }
    }

    pub fn in_dip(&self, day: i64) -> bool {
        self.dips.iter().any(|&(from, to, _)| day >= from && day < to)
    }

    /// How much the customer uses the product on `day` (1 = its usual level on a working day).
    pub fn engagement(&self, day: i64) -> f64 {
        let onboarding = if day < self.start + 45 { 0.35 + 0.65 * (day - self.start).max(0) as f64 / 45.0 } else { 1.0 };
        let dip: f64 = self.dips.iter().filter(|&&(from, to, _)| day >= from && day < to).map(|d| d.2).product();
        let decline = self.decline.map_or(1.0, |(_, floor)| 1.0 - (1.0 - floor) * self.severity(day));
        let years = (day - self.start) as f64 / 365.0;
        let trend = (1.0 + self.trend * years).clamp(0.4, 1.8);
        let weekday = if weekday(day) >= 5 { 0.12 } else { 1.0 };
        self.activity * onboarding * season(day) * dip * decline * trend * weekday
    }

    /// Support load on `day` (1 = usual): up to 4.5 at the end of a decline, 1.8 in a dip.
    pub fn stress(&self, day: i64) -> f64 {
        1.0 + 3.5 * self.severity(day) + if self.in_dip(day) { 0.8 } else { 0.0 }
    }

    /// Shift of the NPS answers on `day`: down to −4.5 at churn, −1.2 in a dip.
    pub fn mood(&self, day: i64) -> f64 {
        -4.5 * self.severity(day) - if self.in_dip(day) { 1.2 } else { 0.0 }
    }

    pub fn user_active(&self, u: &User, day: i64) -> bool {
        day >= u.joined && u.left.is_none_or(|l| day < l) && day < self.until()
    }

    pub fn active_users(&self, day: i64) -> Vec<usize> {
        (0..self.users.len()).filter(|&i| self.user_active(&self.users[i], day)).collect()
    }
}

/// 0 = Monday … 6 = Sunday (2022-01-01 was a Saturday).
pub fn weekday(day: i64) -> i64 {
    (day + 5).rem_euclid(7)
}

/// Seasonal engagement: summer holidays and the last weeks of December are quiet.
fn season(day: i64) -> f64 {
    let (_, m, d) = civil(day);
    match (m, d) {
        (8, _) => 0.75,
        (7, _) => 0.9,
        (12, 20..) => 0.5,
        (1, ..=6) => 0.8,
        _ => 1.0,
    }
}

/// (year, month, day) of a day since 2022-01-01.
pub fn civil(day: i64) -> (i32, u32, u32) {
    use northstar_metrics::calendar::{civil_from_days, days_from_civil};
    civil_from_days(days_from_civil(2022, 1, 1) + day as i32)
}

/// The customers of a set, in order of their start.
pub fn build(customers: u32, seed: u64) -> Vec<Company> {
    let mut rng = Rng::new(seed);
    let (mut ids, mut domains) = (HashSet::new(), HashSet::new());
    let mut world: Vec<Company> = (0..customers).map(|_| company(&mut rng, &mut ids, &mut domains)).collect();
    world.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    world
}

fn company(rng: &mut Rng, ids: &mut HashSet<String>, domains: &mut HashSet<String>) -> Company {
    let id = names::stripe_id(rng, "cus_", ids);
    let (name, domain) = names::company(rng, domains);
    // More customers early on: the base the product already had in 2023, then steady sign-ups.
    let start = FIRST + (rng.unit().powf(1.4) * 720.0) as i64;
    let seg = match rng.below(10) {
        0..=5 => 0,
        6..=8 => 1,
        _ => 2,
    };
    let risk = rng.normal() + [0.25, 0.0, -0.45][seg];
    let annual = rng.chance([0.25, 0.35, 0.6][seg]);
    let mut c = Company {
        id,
        website: String::new(),
        industry: rng.pick(&INDUSTRIES),
        segment: SEGMENTS[seg],
        owner: rng.pick(&OWNERS),
        billing_email: String::new(),
        start,
        churn: None,
        decline: None,
        risk,
        activity: (-0.3 * risk + 0.35 * rng.normal()).exp(),
        trend: 0.15 * rng.normal(),
        dips: Vec::new(),
        users: Vec::new(),
        subs: Vec::new(),
        survey_response: if rng.chance(0.25) { 0.0 } else { 0.15 + 0.4 * rng.unit() },
        ticket_rate: if rng.chance(0.2) { 0.0 } else { (0.25 + 0.5 * rng.unit()) * (0.3 * risk).exp() },
        nps_base: 8.2 - 0.8 * risk + 0.6 * rng.normal(),
        name,
        domain,
    };
    churn(rng, &mut c, annual);
    dips(rng, &mut c);
    users(rng, &mut c, seg);
    subscriptions(rng, &mut c, seg, annual);
    contacts(rng, &mut c);
    c
}

/// Month by month from the second, the churn hazard; a churner's decline before it.
fn churn(rng: &mut Rng, c: &mut Company, annual: bool) {
    let hazard = 0.032 * (0.95 * c.risk - 0.45).exp() * if annual { 0.6 } else { 1.0 };
    let mut day = c.start + 30;
    while day <= LAST {
        if rng.chance(hazard) {
            let at = day + rng.below(30) as i64;
            if at <= LAST {
                c.churn = Some(at);
                if rng.chance(0.85) {
                    let lead = 60 + rng.below(61) as i64;
                    c.decline = Some(((at - lead).max(c.start + 21), 0.1 + 0.3 * rng.unit()));
                }
            }
            return;
        }
        day += 30;
    }
}

/// Dips that pass: a month or two of low use now and then, never inside a decline.
fn dips(rng: &mut Rng, c: &mut Company) {
    let mut day = c.start + 30;
    while day < c.until() {
        if c.severity(day) == 0.0 && rng.chance(0.05) {
            let from = day + rng.below(30) as i64;
            let to = from + 25 + rng.below(50) as i64;
            let to = c.decline.map_or(to, |(d, _)| to.min(d));
            if from < to {
                c.dips.push((from, to, 0.4 + 0.35 * rng.unit()));
            }
            day = to;
        }
        day += 30;
    }
}

/// The team: its first users, those who join later, and those who leave (more than half of them
/// during a decline).
fn users(rng: &mut Rng, c: &mut Company, seg: usize) {
    let convention: Convention = names::convention(rng);
    let mut locals = HashSet::new();
    let initial = [1 + rng.below(4), 4 + rng.below(8), 8 + rng.below(12)][seg];
    let growth = [0.10, 0.2, 0.35][seg] * (-0.3 * c.risk).exp();
    let mut joins: Vec<i64> = (0..initial).map(|i| c.start + if i == 0 { 0 } else { rng.below(21) as i64 }).collect();
    let mut day = c.start + 30;
    while day < c.until() {
        if c.severity(day) == 0.0 && rng.chance(growth) {
            joins.push(day + rng.below(30) as i64);
        }
        day += 30;
    }
    for (i, joined) in joins.into_iter().enumerate() {
        let (email, personal) = names::person(rng, convention, &c.domain, &mut locals);
        // The first user is the champion: the heaviest user.
        let rate = 0.075 * (0.6 * rng.normal()).exp() * if i == 0 { 1.8 } else { 1.0 };
        let mut left = None;
        let mut d = joined + 30;
        while d < c.until() && left.is_none() {
            if c.severity(d) == 0.0 && rng.chance(0.012) {
                left = Some(d + rng.below(30) as i64);
            }
            d += 30;
        }
        if let (Some((from, _)), Some(churn)) = (c.decline, c.churn) {
            if left.is_none_or(|l| l > from) && joined < from && rng.chance(0.55) {
                left = Some(from + rng.below((churn - from).max(1) as u64) as i64);
            }
        }
        c.users.push(User { email, personal, joined, left, rate, uses_personal: rng.chance(0.03) });
    }
}

/// The subscription rows: the first plan (with a trial for some), then a new row at each plan or
/// seat change (the old one canceled that day), the last one canceled at churn.
fn subscriptions(rng: &mut Rng, c: &mut Company, seg: usize, annual: bool) {
    let mut taken = HashSet::new();
    let mut plan = match seg {
        0 if rng.chance(0.3) => 1,
        0 => 0,
        1 if rng.chance(0.35) => 2,
        1 => 1,
        _ => 2,
    };
    let buffer = if seg == 2 { rng.below(5) as u32 } else { 0 };
    let mut seats = c.users.iter().filter(|u| u.joined <= c.start + 21).count().max(1) as u32 + buffer;
    let trial_end = (seg < 2 && rng.chance(0.4)).then_some(c.start + 14);
    let mut sub = |plan: usize, seats: u32, from: i64, trial_end: Option<i64>, rng: &mut Rng| Sub {
        id: names::stripe_id(rng, "sub_", &mut taken),
        plan,
        seats,
        annual,
        from,
        to: None,
        trial_end,
        status: "active",
    };
    c.subs.push(sub(plan, seats, c.start, trial_end, rng));
    let mut cut = false;
    let mut day = c.start + 30;
    while day < c.until() {
        let n = c.active_users(day).len().max(1) as u32;
        let severity = c.severity(day);
        let change = if n > seats && severity == 0.0 && rng.chance(0.6) {
            Some((plan, n + buffer))
        } else if severity > 0.3 && !cut && rng.chance(0.4) {
            cut = true;
            if n < seats {
                Some((plan, n))
            } else {
                (plan > 0).then(|| (plan - 1, seats))
            }
        } else if severity == 0.0 && plan < 2 && rng.chance(0.015 * (-0.5 * c.risk).exp()) {
            Some((plan + 1, seats))
        } else if severity == 0.0 && n + 1 < seats && rng.chance(0.15) {
            Some((plan, n + buffer))
        } else {
            None
        };
        if let Some((p, s)) = change.filter(|&(p, s)| (p, s) != (plan, seats)) {
            if let Some(last) = c.subs.last_mut() {
                last.to = Some(day);
                last.status = "canceled";
            }
            (plan, seats) = (p, s);
            c.subs.push(sub(plan, seats, day, None, rng));
        }
        day += 30;
    }
    let Some(last) = c.subs.last_mut() else { return };
    if let Some(churn) = c.churn {
        last.to = Some(churn);
        last.status = "canceled";
    } else if last.trial_end.is_some_and(|t| t > LAST) {
        last.status = "trialing";
    } else if rng.chance(0.03) {
        last.status = "past_due";
    }
}

/// The billing address and the website the CRM holds.
fn contacts(rng: &mut Rng, c: &mut Company) {
    let champion = c.users.first().map(|u| (u.email.clone(), u.personal.clone())).unwrap_or_default();
    let (billing, at_domain) = match rng.below(100) {
        // A small business pays with the founder's own address.
        0..=4 => (champion.1, false),
        5..=39 => (champion.0, true),
        _ => (format!("{}@{}", rng.pick(&["billing", "finance", "accounts", "ap", "invoices"]), c.domain), true),
    };
    c.billing_email = if rng.chance(0.3) { names::display_case(&billing) } else { billing };
    c.website = if at_domain && rng.chance(0.03) { String::new() } else { names::website(rng, &c.domain) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_weekdays() {
        assert_eq!(civil(FIRST), (2023, 1, 1));
        assert_eq!(civil(LAST), (2024, 12, 31));
        assert_eq!(weekday(FIRST), 6); // 2023-01-01 was a Sunday
        assert_eq!(weekday(LAST), 1); // 2024-12-31 was a Tuesday
    }

    #[test]
    fn annual_prices_spread_over_twelve_months() {
        let sub = Sub { id: String::new(), plan: 1, seats: 3, annual: true, from: 0, to: None, trial_end: None, status: "active" };
        // 3 × 290.00 a year / 12 = 72.50; one seat: 290.00 / 12 = 24.1666… → 24.17.
        assert_eq!(sub.mrr_cents(), 7250);
        assert_eq!(Sub { seats: 1, ..sub.clone() }.mrr_cents(), 2417);
        assert_eq!(Sub { annual: false, ..sub }.mrr_cents(), 8700);
    }
}
