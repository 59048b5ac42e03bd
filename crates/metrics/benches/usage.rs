//! Usage KPIs on a 1M-event product log (user, customer, timestamp, event, session minutes; about
//! 40 MB), read into columns of 14 bytes an event. Run: `cargo bench -p northstar-metrics --bench usage`.

use divan::counter::BytesCount;
use divan::Bencher;
use northstar_metrics::calendar::{civil_from_days, days_from_civil};
use northstar_metrics::ingest::sniff;
use northstar_metrics::source::{Context, Query, Source};
use northstar_metrics::usage::{Usage, UsageData, UsageSettings};
use northstar_metrics::Granularity;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const ROWS: u64 = 1_000_000;

fn export() -> &'static [u8] {
    static DATA: OnceLock<Vec<u8>> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut out = String::with_capacity(ROWS as usize * 42);
        out.push_str("user_id,customer_id,timestamp,event,session duration\n");
        let events = ["login", "dashboard", "export", "report", "share", "invite", "search", "settings"];
        let base = days_from_civil(2022, 1, 1) as i64 * 86_400;
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for i in 0..ROWS {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let at = base + (i as i64 * 94_608_000 / ROWS as i64);
            let (y, m, d) = civil_from_days((at / 86_400) as i32);
            let s = at % 86_400;
            let user = 1 + x % 40_000;
            let minutes = if x >> 40 & 7 < 5 { format!("{}", 1 + (x >> 20) % 90) } else { String::new() };
            out.push_str(&format!(
                "u{user},c{},{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02},{},{minutes}\n",
                1 + user / 8,
                s / 3600,
                s / 60 % 60,
                s % 60,
                events[(x >> 32) as usize % 8]
            ));
        }
        out.into_bytes()
    })
}

/// Sniffs, maps by inference and reads the whole export, as a drop does.
fn read(bytes: &[u8]) -> UsageData {
    let s = sniff(bytes);
    Usage::read("bench.csv", divan::black_box(bytes), &s, &Usage::infer(&s), &UsageSettings::default().ingest).unwrap()
}

#[divan::bench(sample_count = 5)]
fn ingest_and_every_usage_kpi_per_month_1m_rows(b: Bencher) {
    let bytes = export();
    b.counter(BytesCount::new(bytes.len())).bench(|| {
        let data = read(bytes);
        assert_eq!(data.events.len() as u64, ROWS);
        assert_eq!(data.events.bytes() as u64, ROWS * 14, "day, user and customer 4 bytes each, event and minutes 1 each");
        Usage::kpis(&data, &UsageSettings::default().kpi, &Query::new(Granularity::Month), &Context::default())
    });
}

#[divan::bench(sample_count = 5)]
fn ingest_only_1m_rows(b: Bencher) {
    let bytes = export();
    b.counter(BytesCount::new(bytes.len())).bench(|| read(bytes));
}
