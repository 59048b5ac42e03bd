//! `tickets.csv`, a Zendesk tickets export: one row per ticket, in order of creation. The
//! requester's e-mail is as people type it: mostly the work address, in any case, sometimes with
//! spaces around it, and about 1 in 20 from a personal free-mail address (which must not reach a
//! customer by its domain). Open tickets have no `Solved at`.
//!
//! Tickets come at `ticket_rate × √(active users)` a month, times the customer's support load
//! ([`super::world::Company::stress`]: more in a decline or a dip, fewer at weekends); under load
//! they are more often high priority, answered and solved more slowly, reopened and rated bad.
//! A third of churners write to billing in their last three weeks.

use super::names::display_case;
use super::usage::time_of_day;
use super::world::{weekday, Company, FIRST, LAST};
use crate::{Out, Rng};
use std::io;

pub const HEADER: &str =
    "Id,Status,Priority,Via,Group,Assignee,Requester email,Created at,Solved at,First reply time in minutes,Replies,Reopens,Satisfaction Score";

const AGENTS: [&str; 8] = ["Alex Moreno", "Bea Schulz", "Chris Owusu", "Dina Haddad", "Eli Novak", "Fay Lindgren", "Gus Tanaka", "Hedda Roth"];

struct Ticket {
    created: i64,
    company: u32,
    user: u32,
    billing: bool,
}

pub fn write(out: &mut Out, rng: &mut Rng, world: &[Company]) -> io::Result<()> {
    out.text(HEADER).end()?;
    let mut tickets = Vec::new();
    for (ci, c) in world.iter().enumerate() {
        if c.ticket_rate > 0.0 {
            for day in c.start.max(FIRST)..c.until().min(LAST + 1) {
                let active = c.active_users(day);
                let weekend = if weekday(day) >= 5 { 0.3 } else { 1.0 };
                for _ in 0..rng.poisson(c.ticket_rate * (active.len() as f64).sqrt() / 30.0 * c.stress(day) * weekend) {
                    let user = *active.get(rng.below(active.len().max(1) as u64) as usize).unwrap_or(&0);
                    tickets.push(Ticket { created: day * 86_400 + time_of_day(rng), company: ci as u32, user: user as u32, billing: false });
                }
            }
        }
        if let Some(churn) = c.churn.filter(|_| rng.chance(0.35)) {
            let day = (churn - rng.below(21) as i64).max(c.start);
            tickets.push(Ticket { created: day * 86_400 + time_of_day(rng), company: ci as u32, user: 0, billing: true });
        }
    }
    tickets.sort_by_key(|t| (t.created, t.company, t.user));
    for (n, t) in tickets.iter().enumerate() {
        row(out, rng, &world[t.company as usize], t, 10_001 + n as u64)?;
    }
    Ok(())
}

fn row(out: &mut Out, rng: &mut Rng, c: &Company, t: &Ticket, id: u64) -> io::Result<()> {
    let day = t.created.div_euclid(86_400);
    let stress = c.stress(day);
    let end = (LAST + 1) * 86_400;
    // Minutes to the first reply and hours to the solution: log-normal, slower under load.
    let reply = ((45f64.ln() + 0.9 * rng.normal()).exp() * (1.0 + 0.8 * (stress - 1.0))).min(5.0 * 1440.0) as i64;
    let hours = (18f64.ln() + 1.1 * rng.normal()).exp() * (1.0 + 0.6 * (stress - 1.0));
    let replied = (t.created + reply * 60 < end).then_some(reply);
    let solved = Some(t.created + reply * 60 + (hours * 3600.0) as i64).filter(|&s| s < end);
    let status = match (solved, replied) {
        (Some(s), _) if s < end - 4 * 86_400 => "closed",
        (Some(_), _) => "solved",
        (None, Some(_)) => rng.pick(&["open", "pending"]),
        (None, None) => "new",
    };
    let urgent = 0.1 + 0.1 * (stress - 1.0);
    let priority = if rng.chance(urgent) { rng.pick(&["high", "urgent"]) } else { rng.pick(&["low", "normal", "normal", "normal"]) };
    let via = rng.pick(&["email", "email", "email", "web", "web", "chat", "chat", "api"]);
    let group = if t.billing {
        "Billing"
    } else if day < c.start + 60 {
        "Onboarding"
    } else {
        rng.pick(&["Support", "Support", "Support", "Technical", "Technical", "Billing"])
    };
    out.num(id).comma().text(status).comma().text(priority).comma().text(via).comma().text(group).comma();
    if replied.is_some() {
        out.text(rng.pick(&AGENTS));
    }
    out.comma().cell(&requester(rng, c, t)).comma().stamp(t.created).comma();
    if let Some(s) = solved {
        out.stamp(s);
    }
    out.comma();
    if let Some(r) = replied {
        out.num(r as u64);
    }
    out.comma();
    let replies = if replied.is_some() { 1 + rng.poisson(1.5 * stress.sqrt()) } else { 0 };
    let reopens = u32::from(solved.is_some() && rng.chance(0.08 * stress));
    out.num(replies as u64).comma().num(reopens as u64).comma();
    if solved.is_some() {
        let bad = (0.1 + 0.15 * (stress - 1.0)).min(0.6);
        out.text(if rng.chance(0.4) {
            if rng.chance(bad) {
                "bad"
            } else {
                "good"
            }
        } else {
            rng.pick(&["offered", "unoffered", "unoffered"])
        });
    }
    out.end()
}

/// The requester's address as typed: lowercase, in display case, upper case, with spaces around
/// it, or (about 5 %) a personal free-mail address.
fn requester(rng: &mut Rng, c: &Company, t: &Ticket) -> String {
    let Some(u) = c.users.get(t.user as usize) else { return String::new() };
    if t.billing && rng.chance(0.5) {
        return c.billing_email.clone();
    }
    match rng.below(100) {
        0..=64 => u.email.clone(),
        65..=79 => display_case(&u.email),
        80..=86 => u.email.to_uppercase(),
        87..=94 => {
            let shown = display_case(&u.email);
            let at = shown.find('@').unwrap_or(shown.len());
            format!("  {}{} ", &shown[..at], u.email[at..].to_uppercase())
        }
        _ => u.personal.clone(),
    }
}
