//! `accounts.csv`, a CRM accounts export (Salesforce-like): the same `cus_` ids, company name,
//! website, industry, segment, owner, status and MRR on 2024-12-31, and the day it became a
//! customer.

use super::world::Company;
use crate::{Out, Rng};
use std::io;

pub const HEADER: &str = "Account ID,Account Name,Website,Industry,Segment,Account Owner,Account Status,MRR,Customer Since";

pub fn write(out: &mut Out, _rng: &mut Rng, world: &[Company]) -> io::Result<()> {
    out.text(HEADER).end()?;
    for c in world {
        out.text(&c.id).comma().cell(&c.name).comma().cell(&c.website).comma().text(c.industry).comma().text(c.segment).comma().text(c.owner).comma();
        let current = c.subs.last().filter(|s| c.churn.is_none() && s.status != "trialing");
        out.text(if c.churn.is_some() { "Churned" } else { "Active" }).comma();
        out.cents(current.map_or(0, |s| s.mrr_cents())).comma().date(c.start).end()?;
    }
    Ok(())
}
