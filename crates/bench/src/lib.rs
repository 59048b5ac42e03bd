//! Deterministic exports for the benchmark suite (`scripts/bench.sh`): tickets, usage, surveys,
//! subscriptions and orders of any number of rows, in the shapes Northstar's readers recognise
//! (a Zendesk ticket export, an event log, a long survey export, a subscriptions list, a plain
//! orders list). The same kind, row count and seed always give the same bytes; the rows cover
//! 2022-01-01 to 2024-12-31 whatever their number, so a bigger file has more rows per month.
//!
//! [`customers`] (`northstar-bench-data customers --out DIR`) writes instead one coherent set of
//! exports about the same customers, 2023-2024: subscriptions (Stripe), accounts (CRM), usage
//! events keyed by user e-mail, Zendesk tickets and NPS answers, plus `truth.csv` (who churned
//! when). Churners decline in their last two to four months (less use, worse answers, more and
//! slower tickets) among healthy customers' seasons and dips, for back-testing a health score and
//! the customer join (e-mails in any case, free-mail requesters that must not match).

pub mod customers;
mod orders;
mod out;
mod rng;
mod subscriptions;
mod surveys;
mod tickets;
mod usage;

pub use out::Out;
pub use rng::Rng;
use std::io::{self, Write};

/// A kind of export the suite benchmarks (the Northstar source it is read as).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Tickets,
    Usage,
    Surveys,
    Subscriptions,
    Orders,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Tickets, Kind::Usage, Kind::Surveys, Kind::Subscriptions, Kind::Orders];

    /// The source name (`--source NAME=FILE`, `data-testid="NAME-…"`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Tickets => "tickets",
            Kind::Usage => "usage",
            Kind::Surveys => "surveys",
            Kind::Subscriptions => "subscriptions",
            Kind::Orders => "orders",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The default seed of each kind, so two kinds never share a random stream.
    pub fn seed(self) -> u64 {
        0x9e37_79b9_7f4a_7c15 ^ (self as u64 + 1).wrapping_mul(0xbf58_476d_1ce4_e5b9)
    }
}

/// First day of the data (2022-01-01) and the number of days it covers (to 2024-12-31).
pub const FIRST_DAY: (i32, u32, u32) = (2022, 1, 1);
pub const DAYS: i64 = 1096;

/// Writes `rows` data rows (plus the header) of `kind` to `w`.
pub fn generate(kind: Kind, rows: u64, seed: u64, w: &mut dyn Write) -> io::Result<()> {
    let mut out = Out::new(w);
    let mut rng = Rng::new(seed);
    match kind {
        Kind::Tickets => tickets::write(&mut out, &mut rng, rows)?,
        Kind::Usage => usage::write(&mut out, &mut rng, rows)?,
        Kind::Surveys => surveys::write(&mut out, &mut rng, rows)?,
        Kind::Subscriptions => subscriptions::write(&mut out, &mut rng, rows)?,
        Kind::Orders => orders::write(&mut out, &mut rng, rows)?,
    }
    out.flush()
}

/// The health case: a product log of `rows` events keyed by the subscriptions export's customer
/// ids (`cus_N`), to be read beside `subscriptions-*.csv` (the usage kind's seed).
pub fn generate_health_usage(rows: u64, w: &mut dyn Write) -> io::Result<()> {
    let mut out = Out::new(w);
    let mut rng = Rng::new(Kind::Usage.seed());
    usage::write_keyed(&mut out, &mut rng, rows, "cus_")?;
    out.flush()
}

/// Reads a row count: `100k`, `1M`, `5M`, `250000`.
pub fn parse_rows(text: &str) -> Option<u64> {
    let t = text.trim();
    let (digits, scale) = match t.char_indices().last()? {
        (i, 'k' | 'K') => (&t[..i], 1_000),
        (i, 'm' | 'M') => (&t[..i], 1_000_000),
        _ => (t, 1),
    };
    digits.parse::<u64>().ok().filter(|n| *n > 0).map(|n| n * scale)
}

/// The short label of a row count, as in file names: 100k, 1M, 5M, 1234.
pub fn rows_label(rows: u64) -> String {
    if rows.is_multiple_of(1_000_000) {
        format!("{}M", rows / 1_000_000)
    } else if rows.is_multiple_of(1_000) {
        format!("{}k", rows / 1_000)
    } else {
        rows.to_string()
    }
}

/// Where a row's timestamp falls: rows are spread evenly over the span, in order, with a jitter
/// inside their own slot (seconds since the first day).
pub(crate) fn slot_second(rng: &mut Rng, i: u64, rows: u64) -> i64 {
    let span = DAYS * 86_400;
    let at = (i as i128 * span as i128 / rows as i128) as i64;
    let width = (span / rows as i64).max(1);
    at + rng.below(width as u64) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_counts_read_and_label() {
        assert_eq!(parse_rows("100k"), Some(100_000));
        assert_eq!(parse_rows("1M"), Some(1_000_000));
        assert_eq!(parse_rows("5m"), Some(5_000_000));
        assert_eq!(parse_rows("2500"), Some(2500));
        assert_eq!(parse_rows("0"), None);
        assert_eq!(parse_rows("k"), None);
        assert_eq!(parse_rows("1.5M"), None);
        assert_eq!(rows_label(100_000), "100k");
        assert_eq!(rows_label(5_000_000), "5M");
        assert_eq!(rows_label(1234), "1234");
    }

    #[test]
    fn slots_stay_in_the_span_and_in_order() {
        let mut rng = Rng::new(1);
        let rows = 1000;
        let mut last = -1;
        for i in 0..rows {
            let s = slot_second(&mut rng, i, rows);
            assert!(s > last && s < DAYS * 86_400);
            last = s;
        }
    }
}
