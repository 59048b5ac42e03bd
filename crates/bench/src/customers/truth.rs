//! `truth.csv`, the ground truth for tests and back-tests: each customer and the day it canceled
//! (blank when it did not), the same day as its last subscription's `Canceled At`.

use super::world::Company;
use crate::{Out, Rng};
use std::io;

pub const HEADER: &str = "customer,churn_day";

pub fn write(out: &mut Out, _rng: &mut Rng, world: &[Company]) -> io::Result<()> {
    out.text(HEADER).end()?;
    for c in world {
        out.text(&c.id).comma();
        if let Some(day) = c.churn {
            out.date(day);
        }
        out.end()?;
    }
    Ok(())
}
