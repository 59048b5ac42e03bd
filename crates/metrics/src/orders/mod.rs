//! The `orders` source: orders, payments or invoice lines (Shopify, Stripe, WooCommerce, UCI-style
//! invoice lines, plain order lists), every §2 KPI and cohort retention.
//!
//! mapping.rs: roles and their inference, the shapes; settings.rs: refund handling, currency, date
//! order (ingest) and lifespan, cohort period (KPI); data.rs: rows grouped into orders, with the
//! exclusions counted; kpis.rs and cohorts.rs: the arithmetic; demo.rs: the built-in demo.

pub mod cells;
pub mod cohorts;
pub mod data;
pub mod demo;
pub mod kpis;
pub mod mapping;
pub mod reader;
pub mod settings;

pub use cells::{classify_status, StatusClass};
pub use cohorts::{cohort_extra, cohorts, cohorts_by, CohortRow};
pub use data::{Entry, Exclusions, OrdersData, NO_CUSTOMER};
pub use kpis::{orders_kpis, orders_periods, DEFS};
pub use mapping::{detect_shape, infer_orders_mapping, OrdersMapping, Shape};
pub use reader::OrdersReader;
pub use settings::{CohortPeriod, OrdersIngest, OrdersKpi, OrdersSettings, RefundMode};

use crate::ingest::Sniff;
use crate::issue::FatalError;
use crate::kpi::{KpiDef, KpiValue};
use crate::source::{Context, Query, Source};
use crate::source::{Measure, Provided};

/// The orders source kind.
pub struct Orders;

impl Source for Orders {
    const ID: crate::source::SourceId = crate::source::SourceId::Orders;
    const DESCRIPTION: &'static str =
        "Orders, payments or invoice lines (Shopify, Stripe, WooCommerce, invoice lines, plain lists): revenue, order value, repeat buyers, CLV, cohorts";
    const PROVIDES: &'static [Provided] = &[Provided::value_of(Measure::Ltv, "clv_simple")];
    type Mapping = OrdersMapping;
    type Ingest = OrdersIngest;
    type Kpi = OrdersKpi;
    type Data = OrdersData;
    type Reader = OrdersReader;

    fn defs() -> &'static [KpiDef] {
        &DEFS
    }

    const PERSON: Option<crate::source::PersonKey> = Some(crate::source::PersonKey::id("customer"));
    fn synonyms(role: &str) -> &'static [&'static str] {
        mapping::synonyms(role)
    }
    fn infer(sniff: &Sniff) -> OrdersMapping {
        infer_orders_mapping(sniff)
    }

    fn reader(file: &str, sniff: &Sniff, mapping: &OrdersMapping, ingest: &OrdersIngest) -> Result<OrdersReader, FatalError> {
        OrdersReader::new(file, sniff, mapping, ingest)
    }

    fn kpis(data: &OrdersData, kpi: &OrdersKpi, query: &Query, _ctx: &Context) -> Vec<KpiValue> {
        orders_kpis(data, kpi, query)
    }

    fn demo() -> String {
        demo::demo_orders_csv()
    }
    fn extras(data: &OrdersData, kpi: &OrdersKpi) -> Vec<crate::source::Extra> {
        vec![cohort_extra(data, kpi)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sniff;
    use crate::source::SourceData;

    #[test]
    fn the_demo_reads_cleanly() {
        let csv = Orders::demo();
        assert_eq!(csv, Orders::demo(), "the demo is deterministic");
        let s = sniff(csv.as_bytes());
        let data = Orders::read("demo.csv", csv.as_bytes(), &s, &Orders::infer(&s), &OrdersIngest::default()).unwrap();
        assert_eq!(data.meta.issue_count, 0, "{:?}", data.meta.issues);
        assert_eq!(data.customers.len(), 300);
        let x = data.excluded;
        assert!(x.refund_rows > 0 && x.unpaid_rows > 0, "{x:?}");
        let months = orders_periods(&data, crate::Granularity::Month).len();
        assert_eq!(months, 18);
        let kpis = Orders::kpis(&data, &OrdersKpi::default(), &Query::new(crate::Granularity::Month).segment(Some("Country".into())), &Context::default());
        let repeat = kpis.iter().filter(|k| k.id == "repeat_customer_rate" && k.segment.is_none()).filter_map(|k| k.value).fold(0.0, f64::max);
        assert!(repeat > 0.3, "repeat buyers: {repeat}");
        assert!(kpis.iter().any(|k| k.segment.as_deref() == Some("Germany")));
        assert_eq!(data.segment_names(), ["Country", "Channel"]);
    }

    #[test]
    fn storage_set_aside_from_the_file_size_reads_the_same() {
        use crate::source::Reader;
        let csv = Orders::demo();
        let s = sniff(csv.as_bytes());
        let read = |rows: Option<usize>| {
            let mut reader = Orders::reader("demo.csv", &s, &Orders::infer(&s), &OrdersIngest::default()).unwrap();
            if let Some(rows) = rows {
                reader.reserve(rows);
            }
            csv.as_bytes().chunks(4096).for_each(|c| reader.feed(c));
            let data = reader.finish();
            (
                data.entries.clone(),
                data.customers.clone(),
                Orders::kpis(&data, &OrdersKpi::default(), &Query::new(crate::Granularity::Month), &Context::default()),
            )
        };
        let plain = read(None);
        // Under, about and over the file's rows.
        for rows in [10, csv.lines().count(), 100_000] {
            assert_eq!(read(Some(rows)), plain, "reserved {rows}");
        }
    }
}
