//! The built-in demo: 18 months of survey answers (NPS, CSAT, CES) from a fictional SaaS company,
//! with plans, regions and comments. Deterministic: the same seed always gives the same bytes.

use crate::calendar::{civil_from_days, days_from_civil};

/// A small deterministic PRNG (xorshift64*), so the demo needs no dependency and no clock.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const PLANS: [(&str, f64); 3] = [("Starter", -0.06), ("Growth", 0.0), ("Enterprise", 0.08)];
const REGIONS: [&str; 3] = ["EMEA", "North America", "APAC"];
const GOOD: [&str; 6] = [
    "Great support, very helpful team",
    "Love the new dashboard, easy to use",
    "Fast onboarding and clear docs",
    "Reliable and simple, would recommend",
    "The reporting saves us hours every week",
    "Friendly support and quick answers",
];
const MIXED: [&str; 4] = ["Does the job", "Pricing is fine for what we use", "Onboarding took a while", "Reporting could have more filters"];
const BAD: [&str; 6] = [
    "Export is slow and sometimes crashes",
    "Billing page is confusing",
    "Too expensive for a small team",
    "Support took three days to answer",
    "Missing integrations we need",
    "Not easy to find settings, confusing navigation",
];

/// First month of the demo (the demo covers 18 months from here).
pub const DEMO_START: (i32, u32) = (2025, 5);
pub const DEMO_MONTHS: u32 = 18;

/// The demo survey export as CSV text (long shape: one answer per row).
pub fn demo_surveys_csv() -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::from("Date,Respondent,Survey Type,Score,Plan,Region,Comment\n");
    let start = days_from_civil(DEMO_START.0, DEMO_START.1, 1);
    let end = days_from_civil(DEMO_START.0 + 1, DEMO_START.1 + DEMO_MONTHS - 12, 1);
    let span = (end - start) as f64;
    for day in start..end {
        let progress = (day - start) as f64 / span;
        let answers = 4 + rng.below(5);
        for _ in 0..answers {
            let (plan, bonus) = PLANS[rng.below(3) as usize];
            let region = REGIONS[rng.below(3) as usize];
            let customer = rng.below(900) + 1;
            let mood = rng.unit() + bonus + 0.12 * progress;
            let kind_roll = rng.below(100);
            let (kind, score) = if kind_roll < 55 {
                let s = if mood > 0.62 {
                    9 + rng.below(2)
                } else if mood > 0.32 {
                    7 + rng.below(2)
                } else {
                    rng.below(7)
                };
                ("NPS", s)
            } else if kind_roll < 82 {
                let s = if mood > 0.5 {
                    4 + rng.below(2)
                } else if mood > 0.25 {
                    3
                } else {
                    1 + rng.below(2)
                };
                ("CSAT", s)
            } else {
                let s = if mood > 0.55 {
                    6 + rng.below(2)
                } else if mood > 0.3 {
                    4 + rng.below(2)
                } else {
                    1 + rng.below(3)
                };
                ("CES", s)
            };
            let comment = if rng.below(100) < 35 {
                let pool: &[&str] = if mood > 0.6 {
                    &GOOD
                } else if mood > 0.35 {
                    &MIXED
                } else {
                    &BAD
                };
                pool[rng.below(pool.len() as u64) as usize]
            } else {
                ""
            };
            let (y, m, d) = civil_from_days(day);
            let comment = if comment.contains(',') { format!("\"{comment}\"") } else { comment.to_string() };
            // Respondents are the revenue demo's customers (cus_00001…), plus a few trial accounts
            // (cus_00421…cus_00440) that never paid: the join shows them as unmatched.
            let respondent = (customer - 1) % 440 + 1;
            out.push_str(&format!("{y:04}-{m:02}-{d:02},cus_{respondent:05},{kind},{score},{plan},{region},{comment}\n"));
        }
    }
    out
}

const DEMO_PLANS: [(&str, i64, &str); 4] = [("Starter", 2900, "month"), ("Growth", 9900, "month"), ("Scale", 29900, "month"), ("Growth Annual", 99000, "year")];
const DEMO_REGIONS: [&str; 3] = ["EMEA", "North America", "APAC"];
/// Customers in the revenue demo.
pub const DEMO_CUSTOMERS: u64 = 420;

fn date_text(day: i32) -> String {
    crate::format::day(day)
}

/// The revenue demo as a Stripe-shaped subscriptions export: 24 months of sign-ups, upgrades,
/// downgrades, seat changes, cancellations, reactivations and current trials.
pub fn demo_subscriptions_csv() -> String {
    let mut rng = Rng(0x51_7cc1_b727_220a);
    let mut out = String::from(
        "id,Customer ID,Customer Email,Plan,Quantity,Amount,Currency,Interval,Status,Start Date (UTC),Canceled At (UTC),Trial End (UTC),region (metadata)\n",
    );
    let start = days_from_civil(DEMO_START.0 - 1, DEMO_START.1 + 6, 1); // 2024-11-01
    let end = days_from_civil(DEMO_START.0 + 1, DEMO_START.1 + DEMO_MONTHS - 12, 1) - 1; // 2026-10-31
    let span = (end - start) as f64;
    let mut sub_id = 0u64;
    for c in 0..DEMO_CUSTOMERS {
        // More sign-ups later: the square root skews towards the end.
        let mut day = start + (rng.unit().sqrt() * span) as i32;
        let region = DEMO_REGIONS[rng.below(3) as usize];
        let mut plan = (rng.below(10) as usize).min(3).saturating_sub(rng.below(2) as usize);
        let mut seats = 1 + rng.below(3) as i64;
        let customer = format!("cus_{:05}", c + 1);
        let mut row = |plan: usize, seats: i64, from: i32, to: Option<i32>, status: &str, trial: Option<i32>, out: &mut String| {
            sub_id += 1;
            let (name, cents, interval) = DEMO_PLANS[plan];
            out.push_str(&format!(
                "sub_{sub_id:06},{customer},{customer}@example.com,{name},{seats},{}.{:02},usd,{interval},{status},{},{},{},{region}\n",
                cents / 100,
                cents % 100,
                date_text(from),
                to.map(date_text).unwrap_or_default(),
                trial.map(date_text).unwrap_or_default()
            ));
        };
        if end - day < 14 && rng.below(2) == 0 {
            // A current trial, ending by the last day of the demo.
            row(plan, seats, day, None, "trialing", Some(end.min(day + 14)), &mut out);
            continue;
        }
        loop {
            let stay = 20 + rng.below(240) as i32;
            let next = day + stay;
            if next >= end {
                row(plan, seats, day, None, "active", None, &mut out);
                break;
            }
            let roll = rng.below(100);
            if roll < 22 {
                // Cancels; a few come back a few months later.
                row(plan, seats, day, Some(next), "canceled", None, &mut out);
                if rng.below(100) < 25 && next + 60 < end {
                    day = next + 60 + rng.below(90) as i32;
                    if day >= end {
                        break;
                    }
                    continue;
                }
                break;
            }
            row(plan, seats, day, Some(next), "canceled", None, &mut out);
            if roll < 60 && plan < 2 {
                plan += 1;
            } else if roll < 70 && plan > 0 && plan < 3 {
                plan -= 1;
            } else {
                seats = (seats + if rng.below(3) == 0 { -1 } else { 1 }).max(1);
            }
            day = next;
        }
    }
    out
}

/// The accounts demo: one row per demo customer with status, monthly charge, tenure and segments.
pub fn demo_accounts_csv() -> String {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut out = String::from("Customer ID,Company,Status,Monthly Charge,Tenure,Segment,Region,Owner\n");
    let owners = ["Ana", "Ben", "Chloé", "Dev"];
    let segments = ["SMB", "Mid-market", "Enterprise"];
    for c in 0..DEMO_CUSTOMERS {
        let segment = rng.below(3) as usize;
        let churned = rng.below(100) < [22, 14, 7][segment];
        let charge = [2900, 9900, 29900][segment] * (1 + rng.below(3) as i64);
        out.push_str(&format!(
            "cus_{:05},Company {},{},{}.{:02},{},{},{},{}\n",
            c + 1,
            c + 1,
            if churned { "churned" } else { "active" },
            charge / 100,
            charge % 100,
            1 + rng.below(36),
            segments[segment],
            DEMO_REGIONS[rng.below(3) as usize],
            owners[rng.below(4) as usize]
        ));
    }
    out
}

/// The support demo as a Zendesk-shaped ticket export: 18 months, six agents, three groups,
/// replies, reopens, satisfaction ratings and a few tickets still open.
pub fn demo_tickets_csv() -> String {
    let mut rng = Rng(0x0bad_5eed_1234_5678);
    let mut out = String::from("ID,Subject,Created at,Solved at,Replies,Reopens,Assignee,Group,Via,Satisfaction Score,First reply time in minutes,Requester\n");
    let agents = ["Ana", "Ben", "Chloé", "Dev", "Eun", "Femi"];
    let groups = [("Billing", 0.7), ("Technical", 1.6), ("Onboarding", 1.0)];
    let vias = ["email", "web", "chat", "api"];
    let subjects = ["Invoice question", "Export fails", "Cannot log in", "How do I add a user?", "Refund request", "Integration error"];
    let start = days_from_civil(DEMO_START.0, DEMO_START.1, 1);
    let end = days_from_civil(DEMO_START.0 + 1, DEMO_START.1 + DEMO_MONTHS - 12, 1) - 1;
    let stamp = |secs: i64| {
        let (y, m, d) = civil_from_days(secs.div_euclid(86_400) as i32);
        let s = secs.rem_euclid(86_400);
        format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    };
    let mut id = 1000u64;
    for day in start..=end {
        let progress = (day - start) as f64 / (end - start) as f64;
        let count = 3 + rng.below(6);
        for _ in 0..count {
            id += 1;
            let (group, difficulty) = groups[rng.below(3) as usize];
            let agent = agents[rng.below(6) as usize];
            let created = day as i64 * 86_400 + 8 * 3600 + rng.below(10 * 3600) as i64;
            // Faster answers as the team improves.
            let first_reply_min = ((rng.unit().powi(3) * 2400.0 + 5.0) * (1.2 - 0.5 * progress)) as i64;
            let replies = 1 + (rng.unit() * 3.0 * difficulty) as u64;
            let reopens = u64::from(rng.below(100) < 8);
            let hours = (rng.unit().powi(2) * 120.0 * difficulty + 0.5) * (1.2 - 0.4 * progress);
            let solved_at = created + (hours * 3600.0) as i64 + reopens as i64 * 86_400;
            let solved = if solved_at > (end as i64 + 1) * 86_400 || rng.below(100) < 2 { String::new() } else { stamp(solved_at) };
            let rating = match rng.below(100) {
                r if r < 35 => {
                    if hours < 48.0 || rng.below(3) > 0 {
                        "Good"
                    } else {
                        "Bad"
                    }
                }
                r if r < 45 => "Bad",
                r if r < 75 => "Offered",
                _ => "Not Offered",
            };
            let rating = if solved.is_empty() { "Not Offered" } else { rating };
            out.push_str(&format!(
                "{id},{},{},{solved},{replies},{reopens},{agent},{group},{},{rating},{first_reply_min},cus_{:05}\n",
                subjects[rng.below(6) as usize],
                stamp(created),
                vias[rng.below(4) as usize],
                1 + rng.below(DEMO_CUSTOMERS)
            ));
        }
    }
    out
}

/// The product demo: 18 months of usage events by the demo customers' users (logins, reports,
/// exports, integrations), with session minutes and API units against a quota.
pub fn demo_usage_csv() -> String {
    let mut rng = Rng(0x7f4a_7c15_9e37_79b9);
    let mut out = String::from("User ID,Customer ID,Timestamp,Event,Session duration,Units,Entitlement\n");
    let features = [("login", 100), ("dashboard", 45), ("report", 18), ("export", 8), ("integration", 3)];
    let start = days_from_civil(DEMO_START.0, DEMO_START.1, 1);
    let end = days_from_civil(DEMO_START.0 + 1, DEMO_START.1 + DEMO_MONTHS - 12, 1) - 1;
    let customers = 90u64;
    for c in 1..=customers {
        let joined = start + rng.below((end - start) as u64 * 3 / 4) as i32;
        let left = if rng.below(100) < 25 { joined + 60 + rng.below(300) as i32 } else { end + 1 };
        let users = 1 + rng.below(4);
        let activity = 0.05 + rng.unit() * 0.35;
        let quota = [300, 600, 1500][rng.below(3) as usize];
        for day in joined..left.min(end + 1) {
            for u in 1..=users {
                if rng.unit() > activity {
                    continue;
                }
                let (y, m, d) = civil_from_days(day);
                let minutes = 2 + rng.below(45);
                for (name, chance) in features {
                    if rng.below(100) < chance {
                        let units = if name == "integration" { (rng.below(400) + 50).to_string() } else { String::new() };
                        let quota_text = if units.is_empty() { String::new() } else { quota.to_string() };
                        out.push_str(&format!(
                            "u{c:04}-{u},cus_{c:05},{y:04}-{m:02}-{d:02} {:02}:{:02},{name},{},{units},{quota_text}\n",
                            8 + rng.below(10),
                            rng.below(60),
                            if name == "login" { minutes.to_string() } else { String::new() }
                        ));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_is_deterministic_and_covers_18_months() {
        let a = super::demo_surveys_csv();
        assert_eq!(a, super::demo_surveys_csv());
        assert!(a.contains("\n2025-05-01,"));
        assert!(a.contains("\n2026-10-31,"));
        assert!(!a.contains("\n2026-11-01,"));
        assert!(a.lines().count() > 3000);
    }

    #[test]
    fn revenue_demos_are_deterministic() {
        let s = super::demo_subscriptions_csv();
        assert_eq!(s, super::demo_subscriptions_csv());
        assert!(s.lines().count() > 600, "{}", s.lines().count());
        assert!(s.contains(",trialing,"));
        assert_eq!(super::demo_accounts_csv().lines().count() as u64, super::DEMO_CUSTOMERS + 1);
        let t = super::demo_tickets_csv();
        assert_eq!(t, super::demo_tickets_csv());
        assert!(t.lines().count() > 2000);
        let u = super::demo_usage_csv();
        assert_eq!(u, super::demo_usage_csv());
        assert!(u.lines().count() > 5_000, "{}", u.lines().count());
    }
}
