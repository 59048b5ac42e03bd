//! Short NPS comments, warmer for promoters, colder for detractors, on a few recurring themes
//! (export, speed, support, price, reports, onboarding, integrations). Some hold a comma or a
//! quote, so their cell is quoted.

pub const PROMOTER: [&str; 12] = [
    "Love the dashboards, the whole team uses them daily",
    "Support is quick and friendly",
    "Reports save me hours every week",
    "Export to Excel just works",
    "Great value for the price",
    "Easy to set up and easy to share",
    "The alerts catch problems before our customers do",
    "Best tool we adopted this year",
    "Onboarding was smooth, the team was live in a day",
    "Fast, reliable, no complaints",
    "The integrations with our CRM are excellent",
    "Support went above and beyond",
];

pub const PASSIVE: [&str; 12] = [
    "Does the job, export could be faster",
    "Good overall but the price keeps going up",
    "Solid product, a few bugs in reports",
    "Fine. Support took a while last time",
    "Would like more integrations",
    "Search is slow on big accounts",
    "Decent, onboarding was confusing",
    "OK for the basics, reports are limited",
    "Useful but the dashboards feel slow",
    "It works. Not cheap though",
    "We use it for exports mostly",
    "Some features are hard to find",
];

pub const DETRACTOR: [&str; 12] = [
    "Too slow, dashboards take forever to load",
    "Export keeps failing on large reports",
    "Support never answered our ticket",
    "Too expensive for what we use",
    "We are moving to another tool",
    "Price went up, features did not",
    "Constant bugs, \"export\" breaks every week",
    "Nobody on the team uses it anymore",
    "Slow support and slower fixes",
    "Reports are wrong half the time",
    "The integration broke and nobody helped",
    "Not worth the price",
];

/// A comment for `score` (0-10), or none.
pub fn pick(rng: &mut crate::Rng, score: u64) -> Option<&'static str> {
    let (pool, chance): (&[&str], f64) = match score {
        0..=6 => (&DETRACTOR, 0.65),
        7 | 8 => (&PASSIVE, 0.35),
        _ => (&PROMOTER, 0.45),
    };
    rng.chance(chance).then(|| rng.pick(pool))
}
