//! The built-in revenue demo: a Stripe-shaped subscriptions export of the demo customers.

use crate::calendar::days_from_civil;
use crate::demo::{Rng, DEMO_CUSTOMERS, DEMO_MONTHS, DEMO_REGIONS, DEMO_START};

fn date_text(day: i32) -> String {
    crate::format::day(day)
}

const DEMO_PLANS: [(&str, i64, &str); 4] = [("Starter", 2900, "month"), ("Growth", 9900, "month"), ("Scale", 29900, "month"), ("Growth Annual", 99000, "year")];

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

#[cfg(test)]
mod tests {
    #[test]
    fn is_deterministic() {
        let s = super::demo_subscriptions_csv();
        assert_eq!(s, super::demo_subscriptions_csv());
        assert!(s.lines().count() > 600, "{}", s.lines().count());
        assert!(s.contains(",trialing,"));
    }
}
