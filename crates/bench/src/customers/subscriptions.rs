//! `subscriptions.csv`, a Stripe subscriptions export: one row per subscription, a plan or seat
//! change being a new subscription that starts the day the old one is canceled. Prices are per
//! seat in dollars (`Amount` × `Quantity`), monthly or yearly; `Canceled At` is blank while active.

use super::world::{Company, PLANS};
use crate::{Out, Rng};
use std::io;

pub const HEADER: &str = "id,Customer ID,Customer Email,Plan,Quantity,Amount,Currency,Interval,Status,Start Date (UTC),Trial End (UTC),Canceled At (UTC)";

pub fn write(out: &mut Out, rng: &mut Rng, world: &[Company]) -> io::Result<()> {
    out.text(HEADER).end()?;
    let mut rows: Vec<(i64, usize, usize)> =
        world.iter().enumerate().flat_map(|(c, co)| co.subs.iter().enumerate().map(move |(s, sub)| (sub.from, c, s))).collect();
    rows.sort();
    for (_, c, s) in rows {
        let (co, sub) = (&world[c], &world[c].subs[s]);
        let (plan, per_seat) = PLANS[sub.plan];
        out.text(&sub.id).comma().text(&co.id).comma().cell(&co.billing_email).comma();
        out.text(plan).text(if sub.annual { " (annual)" } else { "" }).comma().num(sub.seats as u64).comma();
        out.cents(if sub.annual { per_seat * 10 } else { per_seat }).comma().text("usd").comma().text(if sub.annual { "year" } else { "month" });
        out.comma().text(sub.status).comma().stamp(at_hour(rng, sub.from)).comma();
        if let Some(t) = sub.trial_end {
            out.stamp(t * 86_400 + 12 * 3600);
        }
        out.comma();
        if let Some(to) = sub.to {
            out.stamp(at_hour(rng, to));
        }
        out.end()?;
    }
    Ok(())
}

/// A second of `day` in office hours.
pub fn at_hour(rng: &mut Rng, day: i64) -> i64 {
    day * 86_400 + 8 * 3600 + rng.below(10 * 3600) as i64
}
