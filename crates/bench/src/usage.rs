//! A product usage event log: user, customer, timestamp, event name and session duration in
//! minutes (blank for events outside a session). Rows in time order; the pool of active users
//! grows over the three years.

use crate::{slot_second, Out, Rng};
use std::io;

pub const HEADER: &str = "user_id,customer_id,timestamp,event,session duration";

const EVENTS: [&str; 8] = ["login", "dashboard", "export", "report", "share", "invite", "search", "settings"];

pub fn write(out: &mut Out, rng: &mut Rng, rows: u64) -> io::Result<()> {
    write_keyed(out, rng, rows, "c")
}

/// [`write`] with the customer ids `{prefix}N` (`cus_N` reaches the subscriptions export's
/// customers, for the health case).
pub fn write_keyed(out: &mut Out, rng: &mut Rng, rows: u64, prefix: &str) -> io::Result<()> {
    out.text(HEADER).end()?;
    let users = (rows / 25).max(50);
    for i in 0..rows {
        let at = slot_second(rng, i, rows);
        // 30 % of the users at the start, all of them by the end.
        let pool = users * (300 + 700 * i / rows) / 1000;
        let user = 1 + rng.below(pool.max(1));
        out.text("u").num(user).comma().text(prefix).num(1 + user / 8).comma().stamp(at).comma().text(rng.pick(&EVENTS)).comma();
        if rng.percent(70) {
            out.num(1 + rng.below(90));
        }
        out.end()?;
    }
    Ok(())
}
