//! `surveys.csv`, an NPS export (one answer per row, as a survey tool's CSV): response date,
//! respondent e-mail, the 0-10 score and an optional comment ([`super::comments`]).
//!
//! A recurring survey: each user of a customer that answers surveys is invited about every 90
//! days and answers with the customer's chance (lower in a decline, when people stop caring). The
//! score is the customer's base NPS plus its mood that day ([`super::world::Company::mood`])
//! plus noise, rounded into 0-10.

use super::comments;
use super::names::display_case;
use super::usage::time_of_day;
use super::world::{Company, FIRST, LAST};
use crate::{Out, Rng};
use std::io;

pub const HEADER: &str = "Response Date,Email,NPS Score,Comment";

struct Answer {
    second: i64,
    company: u32,
    user: u32,
    score: u64,
}

pub fn write(out: &mut Out, rng: &mut Rng, world: &[Company]) -> io::Result<()> {
    out.text(HEADER).end()?;
    let mut answers = Vec::new();
    for (ci, c) in world.iter().enumerate() {
        if c.survey_response == 0.0 {
            continue;
        }
        for (ui, u) in c.users.iter().enumerate() {
            let mut invite = u.joined.max(FIRST) + 20 + rng.below(70) as i64;
            while invite <= LAST && c.user_active(u, invite) {
                if rng.chance(c.survey_response * (1.0 - 0.5 * c.severity(invite))) {
                    let day = (invite + rng.below(4) as i64).min(LAST).min(c.until() - 1);
                    let score = (c.nps_base + c.mood(invite) + 1.2 * rng.normal()).round().clamp(0.0, 10.0) as u64;
                    answers.push(Answer { second: day * 86_400 + time_of_day(rng), company: ci as u32, user: ui as u32, score });
                }
                invite += 85 + rng.below(20) as i64;
            }
        }
    }
    answers.sort_by_key(|a| (a.second, a.company, a.user));
    for a in &answers {
        let u = &world[a.company as usize].users[a.user as usize];
        let email = match rng.below(100) {
            0 => u.personal.clone(),
            1..=10 => display_case(&u.email),
            _ => u.email.clone(),
        };
        out.stamp(a.second).comma().text(&email).comma().num(a.score).comma();
        if let Some(comment) = comments::pick(rng, a.score) {
            out.cell(comment);
        }
        out.end()?;
    }
    Ok(())
}
