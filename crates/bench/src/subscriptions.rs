//! A subscriptions list (Stripe-like, one row per subscription): customer, plan, amount, billing
//! interval (month or year), start date and an optional end date. Rows in order of start; 45 % have
//! ended, some after the last start. Annual prices are chosen so that their monthly amounts round
//! (half away from zero) both ways: 290.00 / 12 = 24.1666…, 1000.50 / 12 = 83.375.

use crate::{slot_second, Out, Rng};
use std::io;

pub const HEADER: &str = "customer,plan,amount,interval,start,end";

/// (plan, amount in cents, interval).
const PLANS: [(&str, u64, &str); 7] = [
    ("Starter", 2900, "month"),
    ("Growth", 9900, "month"),
    ("Scale", 29900, "month"),
    ("Starter Annual", 29000, "year"),
    ("Growth Annual", 99000, "year"),
    ("Scale Annual", 299000, "year"),
    ("Team Annual", 100050, "year"),
];

pub fn write(out: &mut Out, rng: &mut Rng, rows: u64) -> io::Result<()> {
    out.text(HEADER).end()?;
    let customers = (rows * 2 / 3).max(10);
    for i in 0..rows {
        let start = slot_second(rng, i, rows) / 86_400;
        let (plan, cents, interval) = rng.pick(&PLANS);
        out.text("cus_").num(1 + rng.below(customers)).comma().text(plan).comma().cents(cents).comma().text(interval);
        out.comma().date(start).comma();
        if rng.percent(45) {
            out.date(start + 1 + rng.below(720) as i64);
        }
        out.end()?;
    }
    Ok(())
}
