//! The IBM Telco churn table as an `accounts` snapshot, cut by Contract. Expected values counted
//! independently with Python's csv module (see the comments), not by the code under test.

use northstar_metrics::accounts::{AccountIngest, Accounts};
use northstar_metrics::ingest::sniff;
use northstar_metrics::source::{Context, Query, Reader, Source, SourceData};
use northstar_metrics::Granularity;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ibm_telco_customer_churn/Telco-Customer-Churn.csv");

#[test]
fn telco_churn_share_per_contract() {
    let bytes = std::fs::read(PATH).unwrap_or_else(|e| panic!("shared data missing at {PATH}: {e}"));
    let s = sniff(&bytes);
    let m = Accounts::infer(&s);
    assert_eq!(m.customer.as_deref(), Some("customerID"));
    assert_eq!(m.status.as_deref(), Some("Churn"));
    assert_eq!(m.monthly_charge.as_deref(), Some("MonthlyCharges"));
    assert_eq!(m.tenure.as_deref(), Some("tenure"));
    assert_eq!((m.channel.as_deref(), m.acquisition_cost.as_deref(), m.acquired.as_deref(), m.referred_by.as_deref()), (None, None, None, None));
    assert!(m.segment.iter().any(|c| c == "Contract"), "{:?}", m.segment);
    // Streamed in odd-sized chunks, as the app and the CLI feed it.
    let mut reader = Accounts::reader("Telco-Customer-Churn.csv", &s, &m, &AccountIngest::default()).unwrap();
    for chunk in bytes.chunks(64 * 1024 + 7) {
        reader.feed(chunk);
    }
    let data = reader.finish();
    assert_eq!(data.meta.issue_count, 0, "{:?}", data.meta.issues);
    assert_eq!((data.meta.rows, data.meta.skipped_rows), (7043, 0));
    assert!(data.segment_names().iter().any(|c| c == "Contract"));
    let kpis = Accounts::kpis(&data, &(), &Query::new(Granularity::Month).segment(Some("Contract".into())), &Context::default());
    // No channel and no referrer: no acquisition KPIs.
    assert!(kpis.iter().all(|k| k.id.starts_with("account_")), "{kpis:?}");
    let get = |id: &str, seg: Option<&str>| kpis.iter().find(|k| k.id == id && k.segment.as_deref() == seg).unwrap();
    // python3: 7043 rows, 1869 with Churn = Yes (26.54 %).
    let all = get("account_churn_share", None);
    assert_eq!((all.numerator, all.denominator), (Some(1869.0), Some(7043.0)));
    // Per contract: (accounts, churned, monthly charges of the active ones).
    for (contract, n, churned, mrr) in
        [("Month-to-month", 3875.0, 1655.0, 136447.05), ("One year", 1473.0, 166.0, 81698.15), ("Two year", 1695.0, 48.0, 98840.55)]
    {
        let share = get("account_churn_share", Some(contract));
        assert_eq!((share.numerator, share.denominator), (Some(churned), Some(n)), "{contract}");
        assert!((share.value.unwrap() - churned / n).abs() < 1e-12);
        assert_eq!(get("account_mrr", Some(contract)).value, Some(mrr), "{contract}");
        let arpa = get("account_arpa", Some(contract)).value.unwrap();
        assert!((arpa - mrr / (n - churned)).abs() < 1e-9, "{contract}: {arpa}");
    }
}
