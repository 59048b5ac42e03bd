//! The built-in accounts demo: one row per demo customer.

use crate::demo::{Rng, DEMO_CUSTOMERS, DEMO_REGIONS};

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

#[cfg(test)]
mod tests {
    #[test]
    fn one_row_per_demo_customer() {
        assert_eq!(super::demo_accounts_csv().lines().count() as u64, super::DEMO_CUSTOMERS + 1);
    }
}
