//! Subscription KPIs on 1M subscription rows: 100k customers over 36 months (issue 3 target:
//! every §1 KPI natively in ≤ 1 s). Run: `cargo bench -p northstar-metrics --bench subscriptions`.

use divan::counter::BytesCount;
use divan::Bencher;
use northstar_metrics::calendar::{civil_from_days, days_from_civil};
use northstar_metrics::ingest::sniff;
use northstar_metrics::source::Source;
use northstar_metrics::subscriptions::{infer_subscription_mapping, subscription_kpis, SubscriptionData, SubscriptionSettings, Subscriptions};
use northstar_metrics::Granularity;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const CUSTOMERS: u64 = 100_000;
const ROWS_PER_CUSTOMER: u64 = 10;

/// Each customer has 10 consecutive subscription rows (plan changes, seat changes, gaps) spread
/// over 2022-01 .. 2024-12; some end with a cancellation.
fn export() -> &'static [u8] {
    static DATA: OnceLock<Vec<u8>> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut out = String::with_capacity((CUSTOMERS * ROWS_PER_CUSTOMER * 64) as usize);
        out.push_str("Customer ID,Plan,Amount,Interval,Quantity,Start Date (UTC),Ended At (UTC)\n");
        let base = days_from_civil(2022, 1, 1);
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let plans = [("Starter", "29.00"), ("Growth", "99.00"), ("Scale", "499.00"), ("Annual", "990.00")];
        let date = |d: i32| {
            let (y, m, dd) = civil_from_days(d);
            format!("{y:04}-{m:02}-{dd:02}")
        };
        for c in 0..CUSTOMERS {
            let mut day = base + (c % 400) as i32;
            for r in 0..ROWS_PER_CUSTOMER {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let (plan, amount) = plans[(x % 4) as usize];
                let interval = if plan == "Annual" { "year" } else { "month" };
                let length = 20 + (x >> 8) % 90;
                let end = day + length as i32;
                let last = r + 1 == ROWS_PER_CUSTOMER;
                let end_text = if last && x.is_multiple_of(3) { String::new() } else { date(end) };
                out.push_str(&format!("cus_{c:07},{plan},{amount},{interval},{},{},{end_text}\n", 1 + (x >> 16) % 5, date(day)));
                day = end + (x >> 24).is_multiple_of(3) as i32 * 15;
            }
        }
        out.into_bytes()
    })
}

fn typed() -> &'static SubscriptionData {
    static DATA: OnceLock<SubscriptionData> = OnceLock::new();
    DATA.get_or_init(|| {
        let bytes = export();
        let s = sniff(bytes);
        Subscriptions::read("bench.csv", bytes, &s, &infer_subscription_mapping(&s), &SubscriptionSettings::default().ingest).unwrap()
    })
}

#[divan::bench(sample_count = 5)]
fn every_kpi_per_month_1m_typed_subscriptions(b: Bencher) {
    let data = typed();
    assert_eq!(data.subs.len() as u64, CUSTOMERS * ROWS_PER_CUSTOMER);
    b.bench(|| subscription_kpis(divan::black_box(data), &SubscriptionSettings::default().kpi, Granularity::Month, None));
}

#[divan::bench(sample_count = 5)]
fn every_kpi_per_month_by_plan_1m_typed_subscriptions(b: Bencher) {
    let data = typed();
    b.bench(|| subscription_kpis(divan::black_box(data), &SubscriptionSettings::default().kpi, Granularity::Month, data.segments.first()));
}

#[divan::bench(sample_count = 5)]
fn ingest_and_every_kpi_per_month_1m_subscription_rows(b: Bencher) {
    let bytes = export();
    b.counter(BytesCount::new(bytes.len())).bench(|| {
        let s = sniff(bytes);
        let data =
            Subscriptions::read("bench.csv", divan::black_box(bytes), &s, &infer_subscription_mapping(&s), &SubscriptionSettings::default().ingest).unwrap();
        subscription_kpis(&data, &SubscriptionSettings::default().kpi, Granularity::Month, None)
    });
}
