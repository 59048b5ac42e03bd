//! Every generated export is read by Northstar as the intended source, with every row kept and no
//! issue, and the same seed always gives the same bytes.

use northstar_bench::{generate, Kind};
use northstar_metrics::catalog::{Options, SOURCES};
use northstar_metrics::ingest::sniff;

fn export(kind: Kind, rows: u64, seed: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    generate(kind, rows, seed, &mut bytes).unwrap();
    bytes
}

/// The roles each export must be read with (role, column).
fn expected_roles(kind: Kind) -> &'static [(&'static str, &'static str)] {
    match kind {
        Kind::Tickets => &[
            ("id", "ID"),
            ("created", "Created at"),
            ("resolved", "Solved at"),
            ("first_reply_minutes", "First reply time in minutes"),
            ("customer", "Requester"),
        ],
        Kind::Usage => &[("user", "user_id"), ("customer", "customer_id"), ("timestamp", "timestamp"), ("duration", "session duration"), ("feature", "event")],
        Kind::Surveys => &[("date", "Date"), ("respondent", "Respondent"), ("kind", "Survey Type"), ("score", "Score"), ("comment", "Comment")],
        Kind::Subscriptions => &[("customer", "customer"), ("amount", "amount"), ("interval", "interval"), ("start", "start"), ("end", "end")],
        Kind::Orders => &[("id", "order_id"), ("customer", "customer_id"), ("date", "date"), ("amount", "amount")],
    }
}

#[test]
fn every_export_reads_whole_and_clean() {
    let rows = 3000;
    for kind in Kind::ALL {
        let bytes = export(kind, rows, kind.seed());
        let source = SOURCES.iter().find(|s| s.name() == kind.name()).unwrap();
        let mut loading = source.open("bench.csv", &sniff(&bytes), &Options::default()).unwrap();
        // Odd chunk sizes, as a stream would cut the file.
        for chunk in bytes.chunks(4093) {
            loading.feed(chunk);
        }
        let loaded = loading.finish();
        let meta = loaded.meta();
        assert_eq!((meta.rows, meta.skipped_rows, meta.issue_count), (rows, 0, 0), "{}: {:?}", kind.name(), meta.issues.first());
        let mapping = loaded.mapping();
        for (role, column) in expected_roles(kind) {
            let got = mapping.iter().find(|(r, _)| r == role).map(|(_, c)| c.clone()).unwrap_or_default();
            assert_eq!(got, vec![column.to_string()], "{} role {role}", kind.name());
        }
    }
}

#[test]
fn spans_the_three_years_in_order() {
    for kind in Kind::ALL {
        let text = String::from_utf8(export(kind, 5000, kind.seed())).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5001);
        let date_col = match kind {
            Kind::Tickets => 1,
            Kind::Usage => 2,
            Kind::Surveys => 0,
            Kind::Subscriptions => 4,
            Kind::Orders => 2,
        };
        let dates: Vec<&str> = lines[1..].iter().map(|l| &l.split(',').nth(date_col).unwrap()[..10]).collect();
        assert!(dates.first().unwrap().starts_with("2022-01"), "{}", kind.name());
        assert!(dates.last().unwrap().starts_with("2024-12"), "{}", kind.name());
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{} rows in date order", kind.name());
    }
}

#[test]
fn deterministic_from_the_seed() {
    for kind in Kind::ALL {
        assert_eq!(export(kind, 2000, 42), export(kind, 2000, 42));
        assert_ne!(export(kind, 2000, 42), export(kind, 2000, 43));
    }
}
