//! UCI Online Retail, the real file: as invoice lines (the gzipped original, 541,909 lines) and as
//! the derived one-row-per-order view. The expected figures were computed independently with
//! python3 (csv, gzip and decimal modules only), not by the code under test, applying the rules of
//! the orders source: a line's amount = Decimal(Quantity) × Decimal(UnitPrice) rounded once to
//! cents, half away from zero; invoices are grouped by InvoiceNo; "C" + digits invoices are
//! cancellations; a line of amount 0 is a zero-price row, one with a negative quantity or amount a
//! refund row; an invoice with no positive line is no order; an order's date and customer are
//! those of its first row (with a CustomerID). In outline:
//!
//! ```text
//! for r in csv.DictReader(gzip.open(GZ, "rt")):
//!     o = orders.setdefault(r["InvoiceNo"], {...}); a = cents(Decimal(q) * Decimal(p))
//!     zero if a == 0 else refund if a < 0 or q < 0 else o["sale"] += a
//! kept = [o for inv, o in orders if not cancellation(inv) and o["sale"] > 0]
//! first[c] = min date of c's kept orders; 2011-11 repeat = |{c in Nov: first[c] < 2011-11-01}|
//! cohort 2010-12 = {c: first[c] in 2010-12}; cell k = |cohort ∩ customers ordering in month k|
//! ```

use northstar_metrics::ingest::sniff;
use northstar_metrics::orders::{cohorts, Orders, OrdersData, OrdersIngest, OrdersKpi, RefundMode, Shape};
use northstar_metrics::source::{Context, Query, Source, SourceData};
use northstar_metrics::{Granularity, KpiValue};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/uci_online_retail/");

fn read(name: &str) -> Vec<u8> {
    let path = format!("{DIR}{name}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("shared data missing at {path}: {e}"));
    if !name.ends_with(".gz") {
        return bytes;
    }
    // Through northstar-formats' streaming decoder, 1 MiB at a time, as the CLI reads it.
    let (mut gunzip, mut out) = (northstar_formats::Gunzip::new(), Vec::new());
    for chunk in bytes.chunks(1 << 20) {
        gunzip.feed(chunk, &mut out).expect("gzip");
    }
    gunzip.finish(&mut out).expect("gzip");
    out
}

fn load(name: &str, bytes: &[u8], refunds: RefundMode) -> OrdersData {
    let s = sniff(bytes);
    Orders::read(name, bytes, &s, &Orders::infer(&s), &OrdersIngest { refunds, ..Default::default() }).unwrap()
}

fn get<'a>(kpis: &'a [KpiValue], id: &str, period: &str) -> &'a KpiValue {
    kpis.iter().find(|k| k.id == id && k.period == period && k.segment.is_none()).unwrap_or_else(|| panic!("{id} {period}"))
}

fn counter(data: &OrdersData, name: &str) -> u64 {
    data.counters().into_iter().find(|c| c.0 == name).unwrap().1
}

/// The figures both files share: only orders with a customer enter them.
fn check_customer_figures(data: &OrdersData, kpis: &[KpiValue]) {
    // python3: 4,338 customers with an order.
    assert_eq!(counter(data, "customers"), 4_338);
    // python3: 1,664 customers ordered in 2011-11, 1,341 of them had ordered before.
    let repeat = get(kpis, "repeat_customer_rate", "2011-11");
    assert_eq!((repeat.numerator, repeat.denominator, repeat.n), (Some(1_341.0), Some(1_664.0), 1_664));
    assert!((repeat.value.unwrap() - 1_341.0 / 1_664.0).abs() < 1e-12);
    // python3: the 2010-12 cohort has 885 customers; 324, 286, 340, 321 of them ordered in
    // 2011-01..04; their revenue was 572,713.89 in 2010-12 and 276,237.69 in 2011-01.
    let rows = cohorts(data, &OrdersKpi::default());
    assert_eq!(rows.len(), 13, "2010-12 .. 2011-12");
    let first = &rows[0];
    assert_eq!((first.cohort.as_str(), first.size, first.retention.len()), ("2010-12", 885, 13));
    let want = [885.0, 324.0, 286.0, 340.0, 321.0].map(|n| n / 885.0);
    for (k, w) in want.iter().enumerate() {
        assert!((first.retention[k].unwrap() - w).abs() < 1e-12, "k = {k}: {:?}", first.retention[k]);
    }
    assert!((first.revenue_retention[1].unwrap() - 27_623_769.0 / 57_271_389.0).abs() < 1e-12);
    assert_eq!(rows[12].retention, [Some(1.0)]);
}

#[test]
fn uci_invoice_lines() {
    let bytes = read("online_retail.csv.gz");
    let data = load("online_retail.csv", &bytes, RefundMode::Exclude);
    assert_eq!(data.shape, Shape::InvoiceLines);
    assert_eq!((data.meta.rows, data.meta.skipped_rows, data.meta.issue_count), (541_909, 0, 0), "{:?}", data.meta.issues.first());
    assert_eq!(data.currency, None);
    // python3: 19,960 orders (1,428 without a CustomerID), 9,290 refund rows (the 9,288 lines of
    // "C" invoices and two negative "Adjust bad debt" lines), 2,519 zero-price rows.
    assert_eq!(data.orders(), 19_960);
    assert_eq!(counter(&data, "orders_without_customer"), 1_428);
    assert_eq!(counter(&data, "refund_rows"), 9_290);
    assert_eq!(counter(&data, "zero_price_rows"), 2_519);
    // python3: revenue 10,666,684.54 in all, 1,509,496.33 in 2011-11 from 2,769 orders.
    assert_eq!(data.entries.iter().map(|e| e.cents).sum::<i64>(), 1_066_668_454);
    let kpis = Orders::kpis(&data, &OrdersKpi::default(), &Query::new(Granularity::Month), &Context::default());
    let total: f64 = kpis.iter().filter(|k| k.id == "revenue").map(|k| k.value.unwrap()).sum();
    assert!((total - 10_666_684.54).abs() < 1e-4, "{total}");
    let november = get(&kpis, "revenue", "2011-11");
    assert_eq!((november.value, november.n), (Some(1_509_496.33), 2_769));
    check_customer_figures(&data, &kpis);
    // The file covers 2010-12-01..2011-12-09, not two years: churn is undefined, lifespan 3 years.
    assert_eq!(get(&kpis, "clv_simple", "2011-11").denominator, Some(1.0 / 3.0));
    // Netted: python3 gives 9,747,747.93 (every line, cancellations subtracted).
    let net = load("online_retail.csv", &bytes, RefundMode::Net);
    assert_eq!(net.entries.iter().map(|e| e.cents).sum::<i64>(), 974_774_793);
}

#[test]
fn uci_orders_view() {
    let bytes = read("online_retail_orders.csv");
    let data = load("online_retail_orders.csv", &bytes, RefundMode::Exclude);
    assert_eq!(data.shape, Shape::Plain);
    assert_eq!((data.meta.rows, data.meta.skipped_rows, data.meta.issue_count), (18_532, 0, 0));
    // PROVENANCE.md and python3: 18,532 orders, total 8,911,407.90; 2011-11: 1,161,817.38 from 2,657.
    assert_eq!(data.orders(), 18_532);
    assert_eq!(data.entries.iter().map(|e| e.cents).sum::<i64>(), 891_140_790);
    let kpis = Orders::kpis(&data, &OrdersKpi::default(), &Query::new(Granularity::Month), &Context::default());
    let november = get(&kpis, "revenue", "2011-11");
    assert_eq!((november.value, november.n), (Some(1_161_817.38), 2_657));
    check_customer_figures(&data, &kpis);
}
