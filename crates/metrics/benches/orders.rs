//! Orders on 1M UCI-like invoice lines of about 70 MB (target: reading, every orders KPI per month
//! and the monthly cohort matrix natively in ≤ 0.5 s). Run: `cargo bench -p northstar-metrics --bench orders`.

use divan::counter::BytesCount;
use divan::Bencher;
use northstar_metrics::calendar::{civil_from_days, days_from_civil};
use northstar_metrics::ingest::sniff;
use northstar_metrics::orders::{cohorts, orders_kpis, Orders, OrdersIngest, OrdersKpi};
use northstar_metrics::source::{Query, Source};
use northstar_metrics::Granularity;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const LINES: u64 = 1_000_000;

/// Invoices of 1 to 40 lines over two years, 8,000 customers (3 % of invoices without one), 2 %
/// cancellation invoices, some zero-price lines, prices with up to three decimals.
fn export() -> &'static [u8] {
    static DATA: OnceLock<Vec<u8>> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut out = String::with_capacity(LINES as usize * 72);
        out.push_str("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        let items = ["WHITE HANGING HEART", "METAL LANTERN", "CUPID HEARTS HANGER", "UNION FLAG BOTTLE", "RED WOOLLY HOTTIE", "SET 7 BABUSHKA", "GLASS STAR"];
        let countries = ["United Kingdom", "United Kingdom", "United Kingdom", "France", "Germany", "EIRE", "Spain", "Netherlands"];
        let base = days_from_civil(2010, 12, 1);
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let (mut written, mut invoice) = (0u64, 536_365u64);
        while written < LINES {
            let r = next();
            let lines = (1 + r % 40).min(LINES - written);
            let cancel = r >> 8 & 63 == 0;
            let customer = if r >> 16 & 31 == 0 { String::new() } else { format!("{}", 12_346 + (r >> 24) % 8_000) };
            let country = countries[(r >> 40) as usize % countries.len()];
            let day = base + (written * 730 / LINES) as i32;
            let (y, m, d) = civil_from_days(day);
            let (hh, mm) = ((r >> 44) % 10 + 8, (r >> 50) % 60);
            let id = if cancel { format!("C{invoice}") } else { invoice.to_string() };
            for _ in 0..lines {
                let l = next();
                let qty = 1 + l % 24;
                let qty = if cancel { -(qty as i64) } else { qty as i64 };
                let price = match l >> 8 & 255 {
                    0 => "0".to_string(),
                    1..=40 => format!("{}.{:03}", (l >> 16) % 5, (l >> 24) % 1000),
                    _ => format!("{}.{:02}", (l >> 16) % 12, (l >> 24) % 100),
                };
                out.push_str(&format!(
                    "{id},{}{},{},{qty},{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:00,{price},{customer},{country}\n",
                    20_000 + (l >> 32) % 4_000,
                    ["", "A", "B"][(l >> 36) as usize % 3],
                    items[(l >> 40) as usize % items.len()]
                ));
            }
            written += lines;
            invoice += 1;
        }
        out.into_bytes()
    })
}

#[divan::bench(sample_count = 10)]
fn read_every_orders_kpi_per_month_and_cohorts_1m_lines(b: Bencher) {
    let bytes = export();
    b.counter(BytesCount::new(bytes.len())).bench(|| {
        let s = sniff(bytes);
        let m = Orders::infer(&s);
        let data = Orders::read("bench.csv", divan::black_box(bytes), &s, &m, &OrdersIngest::default()).unwrap();
        assert_eq!(data.meta.rows, LINES);
        let kpis = orders_kpis(&data, &OrdersKpi::default(), &Query::new(Granularity::Month));
        let matrix = cohorts(&data, &OrdersKpi::default());
        (kpis, matrix)
    });
}

#[divan::bench(sample_count = 10)]
fn read_only_1m_lines(b: Bencher) {
    let bytes = export();
    b.counter(BytesCount::new(bytes.len())).bench(|| {
        let s = sniff(bytes);
        let m = Orders::infer(&s);
        Orders::read("bench.csv", divan::black_box(bytes), &s, &m, &OrdersIngest::default()).unwrap()
    });
}

#[divan::bench(sample_count = 10)]
fn kpis_and_cohorts_only(b: Bencher) {
    let bytes = export();
    let s = sniff(bytes);
    let data = Orders::read("bench.csv", bytes, &s, &Orders::infer(&s), &OrdersIngest::default()).unwrap();
    b.bench(|| {
        let kpis = orders_kpis(&data, &OrdersKpi::default(), &Query::new(Granularity::Month).segment(Some("Country".into())));
        (kpis, cohorts(&data, &OrdersKpi::default()))
    });
}

#[divan::bench(sample_count = 10)]
fn tokenize_only_1m_lines(b: Bencher) {
    let bytes = export();
    b.counter(BytesCount::new(bytes.len())).bench(|| {
        let s = sniff(bytes);
        let mut stream = northstar_metrics::ingest::RecordStream::new("bench.csv", &s);
        let mut n = 0u64;
        for c in bytes.chunks(1 << 20) {
            stream.feed(c, &mut |_| n += 1);
        }
        stream.finish(&mut |_| n += 1);
        n
    });
}
