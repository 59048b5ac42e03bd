//! The built-in support demo: a Zendesk-shaped ticket export.

use crate::calendar::{civil_from_days, days_from_civil};
use crate::demo::{Rng, DEMO_CUSTOMERS, DEMO_MONTHS, DEMO_START};

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

#[cfg(test)]
mod tests {
    #[test]
    fn is_deterministic() {
        let t = super::demo_tickets_csv();
        assert_eq!(t, super::demo_tickets_csv());
        assert!(t.lines().count() > 2000);
    }
}
