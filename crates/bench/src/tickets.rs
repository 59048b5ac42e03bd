//! A Zendesk-shaped ticket export: created and solved timestamps, first reply time in minutes,
//! replies, reopens, assignee, group, channel, satisfaction and requester. One row per ticket,
//! in order of creation; about 1 in 16 tickets is still open.

use crate::{slot_second, Out, Rng};
use std::io;

pub const HEADER: &str = "ID,Created at,Solved at,Replies,Reopens,Assignee,Group,Via,Satisfaction Score,First reply time in minutes,Requester";

const GROUPS: [&str; 4] = ["Billing", "Tech", "Onboarding", "Accounts"];
const VIAS: [&str; 4] = ["email", "web", "chat", "api"];
const RATINGS: [&str; 6] = ["Good", "Good", "Bad", "Offered", "Not Offered", ""];
const AGENTS: u64 = 40;

pub fn write(out: &mut Out, rng: &mut Rng, rows: u64) -> io::Result<()> {
    out.text(HEADER).end()?;
    let customers = (rows / 20).max(100);
    for i in 0..rows {
        let created = slot_second(rng, i, rows);
        out.num(i + 1).comma().stamp(created).comma();
        if !rng.percent(6) {
            // Most tickets close within three days; one in ten takes up to a month.
            let took = if rng.percent(10) { rng.below(30 * 86_400) } else { rng.below(3 * 86_400) };
            out.stamp(created + 60 + took as i64);
        }
        out.comma().num(rng.below(6)).comma().num(if rng.percent(85) { 0 } else { 1 + rng.below(2) });
        out.comma().text("Agent ").num(1 + rng.below(AGENTS));
        out.comma().text(rng.pick(&GROUPS)).comma().text(rng.pick(&VIAS)).comma().text(rng.pick(&RATINGS)).comma();
        if !rng.percent(8) {
            let minutes = if rng.percent(80) { rng.below(600) } else { rng.below(4 * 1440) };
            out.num(minutes);
        }
        out.comma().text("cust").num(1 + rng.below(customers)).end()?;
    }
    Ok(())
}
