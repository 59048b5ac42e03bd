//! The built-in orders demo: a small online shop over the demo's 18 months (about 300
//! customers, a few countries and channels, repeat buyers, a few refunds and failed payments).
//! Deterministic: the demos' generator with a fixed seed, no clock.

use crate::calendar::{civil_from_days, days_from_civil};
use crate::demo::{Rng, DEMO_MONTHS, DEMO_START};

const COUNTRIES: [(&str, u64); 4] = [("United States", 45), ("United Kingdom", 25), ("Germany", 18), ("Canada", 12)];
const CHANNELS: [&str; 3] = ["Online Store", "Marketplace", "Social"];
const CUSTOMERS: u64 = 300;

fn weighted(rng: &mut Rng) -> &'static str {
    let mut roll = rng.below(100);
    for (name, weight) in COUNTRIES {
        if roll < weight {
            return name;
        }
        roll -= weight;
    }
    COUNTRIES[0].0
}

/// The demo orders export as CSV text (one row per order).
pub fn demo_orders_csv() -> String {
    let mut rng = Rng(0x5eed_0f0d_de55);
    let start = days_from_civil(DEMO_START.0, DEMO_START.1, 1);
    let end = days_from_civil(DEMO_START.0 + 1, DEMO_START.1 + DEMO_MONTHS - 12, 1);
    let span = (end - start) as u64;
    // (day, customer, cents, status, country, channel)
    let mut orders: Vec<(i32, u64, i64, &str, &str, &str)> = Vec::new();
    for customer in 1..=CUSTOMERS {
        // Later months bring a few more new customers (a growing shop).
        let first = start + (span as f64 * (rng.below(1000) as f64 / 1000.0).powf(0.8)) as i32;
        let (country, channel) = (weighted(&mut rng), CHANNELS[rng.below(3) as usize]);
        let basket = 2_500 + rng.below(9_000) as i64;
        let loyal = rng.below(100) < 45;
        let mut day = first;
        while day < end {
            let cents = basket + rng.below(4_000) as i64 - 2_000;
            let roll = rng.below(100);
            let status = if roll < 3 {
                "refunded"
            } else if roll < 5 {
                "failed"
            } else {
                "paid"
            };
            orders.push((day, customer, cents, status, country, channel));
            if !loyal && rng.below(100) < 70 {
                break;
            }
            day += 20 + rng.below(if loyal { 90 } else { 200 }) as i32;
        }
    }
    orders.sort_by_key(|o| (o.0, o.1));
    let mut out = String::from("Order ID,Customer ID,Order Date,Amount,Currency,Status,Country,Channel\n");
    for (i, (day, customer, cents, status, country, channel)) in orders.into_iter().enumerate() {
        let (y, m, d) = civil_from_days(day);
        out.push_str(&format!("{},cus_{customer:05},{y:04}-{m:02}-{d:02},{}.{:02},USD,{status},{country},{channel}\n", 1001 + i, cents / 100, cents % 100));
    }
    out
}
