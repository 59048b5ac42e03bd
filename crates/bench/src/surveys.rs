//! A long survey export (one answer per row, as Delighted or a survey tool's CSV): date,
//! respondent, survey type (NPS 0-10, CSAT 1-5, CES 1-7), score, plan, region and an optional
//! comment, some quoted because they hold a comma or a quote.

use crate::{slot_second, Out, Rng};
use std::io;

pub const HEADER: &str = "Date,Respondent,Survey Type,Score,Plan,Region,Comment";

const PLANS: [&str; 3] = ["Starter", "Growth", "Enterprise"];
const REGIONS: [&str; 3] = ["EMEA", "North America", "APAC"];
const COMMENTS: [&str; 8] = [
    "Great support",
    "\"Love the dashboard, easy to use\"",
    "Fast onboarding and clear docs",
    "Does the job",
    "\"Pricing is fine, for what we use\"",
    "Export is slow",
    "\"The \"\"billing\"\" page is confusing\"",
    "Missing integrations we need",
];

pub fn write(out: &mut Out, rng: &mut Rng, rows: u64) -> io::Result<()> {
    out.text(HEADER).end()?;
    let respondents = (rows / 4).max(50);
    for i in 0..rows {
        let day = slot_second(rng, i, rows) / 86_400;
        let roll = rng.below(100);
        let (kind, score) = if roll < 55 {
            ("NPS", [0, 2, 5, 6, 7, 8, 8, 9, 9, 10, 10][rng.below(11) as usize])
        } else if roll < 82 {
            ("CSAT", 1 + rng.below(5))
        } else {
            ("CES", 1 + rng.below(7))
        };
        out.date(day).comma().text("R").num(1 + rng.below(respondents)).comma().text(kind).comma().num(score);
        out.comma().text(rng.pick(&PLANS)).comma().text(rng.pick(&REGIONS)).comma();
        if rng.percent(30) {
            out.text(rng.pick(&COMMENTS));
        }
        out.end()?;
    }
    Ok(())
}
