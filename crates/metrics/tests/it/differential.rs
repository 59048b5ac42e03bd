//! Differential tests (issue 23): the hand-written readers against independent, well-kept crates.
//! - The CSV tokenizer against the `csv` crate (flexible rows, no header, RFC 4180 quoting), on
//!   generated text and on every text file of the bad-input corpus (tests/corpus/files): the same
//!   records with the same fields. No difference is left: the one this test found (a line of only
//!   `""` was taken for a blank line; it is a record of one empty field) is fixed, and
//!   `blank_lines_are_not_records` keeps it so.
//! - The date parser against `jiff`, on the layouts both read (ISO 8601 dates, date-times with a
//!   `T` or a space, with `Z`, with a `+hh:mm` offset): the same instant and offset, and the same
//!   verdict on days that do not exist (2023-02-29, 2024-04-31).

use northstar_metrics::ingest::csv::read_all;
use northstar_metrics::ingest::decode::decode_all;
use northstar_metrics::parse::datetime::{parse_stamp, RawStamp};
use proptest::prelude::*;

fn ours(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    read_all(text, delimiter).0.iter().map(|r| r.fields().map(String::from).collect()).collect()
}

fn theirs(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    reader.records().map(|r| r.expect("csv reads any UTF-8 text").iter().map(String::from).collect()).collect()
}

/// Text made of the bytes that matter to a tokenizer.
fn csv_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![Just("a"), Just("bc"), Just(","), Just(";"), Just("\""), Just("\"\""), Just("\n"), Just("\r\n"), Just("\r"), Just(" "), Just("é")],
        0..80,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_tokenizer_reads_what_the_csv_crate_reads(text in csv_text(), semicolon in any::<bool>()) {
        let d = if semicolon { b';' } else { b',' };
        prop_assert_eq!(ours(&text, d), theirs(&text, d), "{:?}", text);
    }
}

#[test]
fn blank_lines_are_not_records() {
    for text in ["a,b\n\n1,2\n", "a,b\r\n\r\n\r\n1,2", "\n\na\n"] {
        assert_eq!(ours(text, b','), theirs(text, b','), "{text:?}");
        assert!(ours(text, b',').iter().all(|r| r != &vec![String::new()]));
    }
    // A quoted empty field is a record, blank or not.
    assert_eq!(ours("a\n\"\"\nb\n", b','), vec![vec!["a"], vec![""], vec!["b"]]);
}

#[test]
fn every_corpus_text_file_tokenizes_as_the_csv_crate_does() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus/files");
    let mut compared = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let (text, _) = decode_all(&std::fs::read(&path).unwrap());
        for d in [b',', b';'] {
            assert_eq!(ours(&text, d), theirs(&text, d), "{}", path.display());
        }
        compared += 1;
    }
    assert!(compared >= 30, "{compared} files");
}

/// The wall time of a civil date-time, in seconds, read as if in UTC.
fn wall_seconds(dt: jiff::civil::DateTime) -> Option<i64> {
    Some(dt.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp().as_second())
}

/// (instant in UTC seconds, offset in seconds) as jiff reads `text`; none when jiff refuses it.
/// Without a zone it is wall time of the data: read as UTC, offset 0.
fn jiff_reads(text: &str) -> Option<(i64, i32)> {
    let Ok(instant) = text.parse::<jiff::Timestamp>() else {
        return Some((wall_seconds(text.parse::<jiff::civil::DateTime>().ok()?)?, 0));
    };
    // jiff's civil parse keeps the wall time written and ignores an offset (it refuses `Z`).
    let wall = text.parse::<jiff::civil::DateTime>().ok().and_then(wall_seconds).unwrap_or(instant.as_second());
    Some((instant.as_second(), (wall - instant.as_second()) as i32))
}

fn ours_reads(text: &str) -> Option<(i64, i32)> {
    match parse_stamp(text).ok()? {
        RawStamp::Exact(s) => Some((s.utc, s.offset)),
        RawStamp::Ambiguous { .. } => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn the_date_parser_agrees_with_jiff(y in 1980i32..2100, m in 1u32..13, d in 1u32..32, h in 0u32..24, mi in 0u32..60, s in 0u32..60,
                                       off in -12i32..15, layout in 0usize..6) {
        let sign = if off < 0 { '-' } else { '+' };
        let text = match layout {
            0 => format!("{y:04}-{m:02}-{d:02}"),
            1 => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}"),
            2 => format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
            3 => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
            4 => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}{sign}{:02}:00", off.abs()),
            _ => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}{sign}{:02}:30", off.abs()),
        };
        prop_assert_eq!(ours_reads(&text), jiff_reads(&text), "{}", text);
    }
}
