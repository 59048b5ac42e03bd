//! The built-in surveys demo: 18 months of survey answers (NPS, CSAT, CES) from a fictional SaaS
//! company, with plans, regions and comments. Deterministic: the same seed always gives the same bytes.

use crate::calendar::{civil_from_days, days_from_civil};
use crate::demo::{Rng, DEMO_MONTHS, DEMO_START};

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
}
