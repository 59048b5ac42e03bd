//! The built-in product demo: usage events of the demo customers' users.

use crate::calendar::{civil_from_days, days_from_civil};
use crate::demo::{Rng, DEMO_MONTHS, DEMO_START};

/// The event the demo's customers reach when they are onboarded.
pub const ACTIVATION_EVENT: &str = "integration";

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
    fn is_deterministic() {
        let u = super::demo_usage_csv();
        assert_eq!(u, super::demo_usage_csv());
        assert!(u.lines().count() > 5_000, "{}", u.lines().count());
    }
}
