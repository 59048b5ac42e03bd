//! The built-in funnel demo: 18 months of a small SaaS's marketing sheet (the months of the other
//! demos), growing from about 23,000 to 36,000 visitors a month with a seasonal swing, about 3 % of
//! visitors signing up, a third of those starting a trial and 7–10 % of trials paying (20–35 new
//! customers a month, the pace of the subscriptions demo). Deterministic: the demos' generator with a fixed seed.

use crate::demo::{Rng, DEMO_MONTHS, DEMO_START};

/// Seasonal factor of each calendar month (January first): a summer dip, an autumn peak.
const SEASON: [f64; 12] = [1.02, 1.04, 1.06, 1.0, 0.98, 0.95, 0.92, 0.94, 1.03, 1.08, 1.06, 0.97];

fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// The demo funnel sheet as CSV text: one row per month.
pub fn demo_funnel_csv() -> String {
    let mut noise = Rng(0x6a09_e667_f3bc_c908);
    let mut out = String::from("Month,Visitors,Signups,Trials,New customers,Marketing spend,Retention spend\n");
    for k in 0..DEMO_MONTHS {
        let index = DEMO_START.1 - 1 + k;
        let (year, month) = (DEMO_START.0 + (index / 12) as i32, index % 12 + 1);
        let growth = 1.0 + 0.5 * k as f64 / (DEMO_MONTHS - 1) as f64;
        let visitors = (23_000.0 * growth * SEASON[month as usize - 1] * (0.95 + 0.1 * noise.unit())).round() as u64;
        let signups = (visitors as f64 * (0.028 + 0.006 * noise.unit())).round() as u64;
        let trials = (signups as f64 * (0.34 + 0.06 * noise.unit())).round() as u64;
        let new_customers = (trials as f64 * (0.075 + 0.02 * noise.unit())).round() as u64;
        let spend = (6_500_000.0 * (1.0 + 0.3 * k as f64 / (DEMO_MONTHS - 1) as f64) * (0.93 + 0.14 * noise.unit())).round() as i64;
        let retention = (650_000.0 + 15_000.0 * k as f64 + 40_000.0 * noise.unit()).round() as i64;
        out.push_str(&format!("{year:04}-{month:02},{visitors},{signups},{trials},{new_customers},{},{}\n", money(spend), money(retention)));
    }
    out
}
