//! `usage.csv`, a product event log in the shape of a Mixpanel export: time, `distinct_id` (the
//! user's e-mail address: the work one, or for a few users now and then a personal free-mail
//! one), event (the feature used) and the seconds spent in it. There is no customer column: the
//! join reaches the customer by the address's domain. Rows in time order.
//!
//! Each active user has, each day, a Poisson number of events with mean `rate × engagement`
//! (see [`super::world::Company::engagement`]); users who left have none. In the last half of a
//! decline exports grow three times as common (people take their data with them).

use super::world::{Company, FIRST, LAST};
use crate::{Out, Rng};
use std::io;

pub const HEADER: &str = "time,distinct_id,event,duration_seconds";

/// Events with their weights.
const EVENTS: [(&str, u64); 10] = [
    ("dashboard", 30),
    ("report", 18),
    ("search", 12),
    ("export", 8),
    ("share", 8),
    ("alert", 6),
    ("integration", 5),
    ("api", 4),
    ("settings", 5),
    ("invite", 4),
];

struct Event {
    second: i64,
    company: u32,
    user: u32,
    event: u8,
    personal: bool,
    seconds: Option<u32>,
}

pub fn write(out: &mut Out, rng: &mut Rng, world: &[Company]) -> io::Result<()> {
    out.text(HEADER).end()?;
    let mut events = Vec::new();
    for (ci, c) in world.iter().enumerate() {
        for (ui, u) in c.users.iter().enumerate() {
            let until = u.left.unwrap_or(i64::MAX).min(c.until()).min(LAST + 1);
            for day in u.joined.max(FIRST)..until {
                let engagement = c.engagement(day);
                for _ in 0..rng.poisson(u.rate * engagement) {
                    let event = pick_event(rng, c.severity(day) > 0.5);
                    let seconds = (!matches!(EVENTS[event as usize].0, "invite" | "settings" | "api") || rng.chance(0.3))
                        .then(|| (20.0 + 900.0 * rng.unit().powi(2) * (0.5 + engagement.min(2.0))) as u32);
                    events.push(Event {
                        second: day * 86_400 + time_of_day(rng),
                        company: ci as u32,
                        user: ui as u32,
                        event,
                        personal: u.uses_personal && rng.chance(0.3),
                        seconds,
                    });
                }
            }
        }
    }
    events.sort_by_key(|e| (e.second, e.company, e.user));
    for e in &events {
        let u = &world[e.company as usize].users[e.user as usize];
        out.stamp(e.second).comma().text(if e.personal { &u.personal } else { &u.email }).comma().text(EVENTS[e.event as usize].0).comma();
        if let Some(s) = e.seconds {
            out.num(s as u64);
        }
        out.end()?;
    }
    Ok(())
}

fn pick_event(rng: &mut Rng, leaving: bool) -> u8 {
    let weight = |(i, (name, w)): (usize, &(&str, u64))| (i, if leaving && *name == "export" { w * 3 } else { *w });
    let total: u64 = EVENTS.iter().enumerate().map(weight).map(|(_, w)| w).sum();
    let mut roll = rng.below(total);
    for (i, w) in EVENTS.iter().enumerate().map(weight) {
        if roll < w {
            return i as u8;
        }
        roll -= w;
    }
    0
}

/// Seconds into the day: office hours mostly, a long tail into the evening.
pub fn time_of_day(rng: &mut Rng) -> i64 {
    let hour = if rng.chance(0.85) { 8 + rng.below(10) } else { rng.below(24) };
    (hour * 3600 + rng.below(3600)) as i64
}
