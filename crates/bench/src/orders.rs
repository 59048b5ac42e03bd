//! A plain orders list: order id, customer id, order date and amount (one row per order), in
//! date order.

use crate::{slot_second, Out, Rng};
use std::io;

pub const HEADER: &str = "order_id,customer_id,date,amount";

pub fn write(out: &mut Out, rng: &mut Rng, rows: u64) -> io::Result<()> {
    out.text(HEADER).end()?;
    let customers = (rows / 6).max(50);
    for i in 0..rows {
        let day = slot_second(rng, i, rows) / 86_400;
        // Mostly small baskets, a few large ones: 5.00 to 80.00, or up to 800.00.
        let cents = if rng.percent(90) { 500 + rng.below(7500) } else { 500 + rng.below(79_500) };
        out.num(100_001 + i).comma().text("C").num(1 + rng.below(customers)).comma().date(day).comma().cents(cents).end()?;
    }
    Ok(())
}
