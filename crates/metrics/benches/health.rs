//! Health at scale (issue 22): the join of every file to the billing customers (`catalog::book`)
//! and the scores with their back-test (`health::assess`: every month end, bands calibrated) on
//! the bench's 1M-row subscriptions export (374k customers, 60 month ends), alone and beside a
//! 5M-event product log keyed by the same customers. Target: scoring and back-test ≤ 2 s.
//!
//! The files come from the bench's generator (`scripts/bench-health.sh` writes them):
//! `target/bench-data/subscriptions-1M.csv` and `target/bench-data/health-usage-5M.csv`. Without
//! them the bench says so and measures nothing. Run: `cargo bench -p northstar-metrics --bench health`.

use divan::Bencher;
use northstar_metrics::catalog::{book, by_name, Loaded, Options};
use northstar_metrics::health::{assess, Book, HealthSettings};
use northstar_metrics::ingest::sniff;
use std::path::PathBuf;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn file(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data").join(name);
    path.exists().then_some(path).or_else(|| {
        eprintln!("{name}: not generated; scripts/bench-health.sh writes it");
        None
    })
}

fn load(kind: &str, name: &str) -> Option<Box<dyn Loaded>> {
    let bytes = std::fs::read(file(name)?).ok()?;
    let head = &bytes[..bytes.len().min(sniff::SNIFF_BYTES)];
    let mut loading = by_name(kind)?.open(name, &sniff(head), &Options::default()).ok()?;
    for chunk in bytes.chunks(1 << 20) {
        loading.feed(chunk);
    }
    Some(loading.finish())
}

/// The loaded files of each case: subscriptions alone, and with the product log.
fn cases() -> &'static [Vec<Box<dyn Loaded>>; 2] {
    static CASES: OnceLock<[Vec<Box<dyn Loaded>>; 2]> = OnceLock::new();
    CASES.get_or_init(|| {
        let alone: Vec<Box<dyn Loaded>> = load("subscriptions", "subscriptions-1M.csv").into_iter().collect();
        let with_usage = load("subscriptions", "subscriptions-1M.csv").into_iter().chain(load("usage", "health-usage-5M.csv")).collect();
        [alone, with_usage]
    })
}

fn books() -> &'static [Book; 2] {
    static BOOKS: OnceLock<[Book; 2]> = OnceLock::new();
    BOOKS.get_or_init(|| cases().each_ref().map(|loaded| book(loaded, &[])))
}

const CASE: [&str; 2] = ["subscriptions 1M", "subscriptions 1M + usage 5M"];

#[divan::bench(args = [0, 1], sample_count = 3, sample_size = 1)]
fn join(bencher: Bencher, case: usize) {
    let loaded = &cases()[case];
    if loaded.len() != case + 1 {
        return eprintln!("{}: files missing", CASE[case]);
    }
    bencher.bench(|| book(loaded, &[]));
}

#[divan::bench(args = [0, 1], sample_count = 3, sample_size = 1)]
fn score_and_backtest(bencher: Bencher, case: usize) {
    let b = &books()[case];
    if b.customers.is_empty() {
        return eprintln!("{}: files missing", CASE[case]);
    }
    bencher.bench(|| assess(b, &HealthSettings::default()));
}
