//! The funnel source's unit tests.
use super::*;
use crate::calendar::days_from_civil;
use crate::source::{Reader, SettingsOf};

fn read(csv: &[u8], chunk: usize, ingest: &FunnelIngest) -> FunnelData {
    let s = crate::ingest::sniff(csv);
    let mut reader = Funnel::reader("f.csv", &s, &Funnel::infer(&s), ingest).unwrap();
    for c in csv.chunks(chunk) {
        reader.feed(c);
    }
    reader.finish()
}

fn month(y: i32, m: u32) -> i32 {
    days_from_civil(y, m, 1)
}

#[test]
fn reads_months_in_every_form() {
    assert_eq!(parse_month("Mar 2024"), Some((2024, 3)));
    assert_eq!(parse_month("March 2070"), Some((2070, 3)));
    assert_eq!(parse_month("sept. 2024"), Some((2024, 9)));
    assert_eq!(parse_month("Dec-2099"), Some((2099, 12)));
    assert_eq!(parse_month("03/2024"), Some((2024, 3)));
    assert_eq!(parse_month("2024/3"), Some((2024, 3)));
    assert_eq!(parse_month("Mars 2024"), None);
    assert_eq!(parse_month("13/2024"), None);
    assert_eq!(parse_month("2024-03-05"), None);
    let csv = b"Month,Visitors\n2024-01,1\nFeb 2024,2\n2024-03-31,3\n04/15/2024,4\n05/02/2024,5\n";
    let data = read(csv, 4, &FunnelIngest::default());
    let months: Vec<i32> = data.rows.iter().map(|r| r.month).collect();
    assert_eq!(months, [month(2024, 1), month(2024, 2), month(2024, 3), month(2024, 4), month(2024, 5)]);
    assert_eq!(data.meta.issue_count, 0, "{:?}", data.meta.issues);
    assert_eq!((data.meta.first_day, data.meta.last_day), (Some(month(2024, 1)), Some(month(2024, 5))));
}

/// Found by fuzzing (fuzz/fuzz_targets/funnel.rs): a month in 4048 made a continuous series of
/// 24,000 months, and one small file took minutes.
#[test]
fn a_month_past_the_plausible_years_is_skipped_and_says_why() {
    let csv = b"Month,Visitors\n2024-01,1\n4048-05,2\nMar 1899,3\n";
    let data = read(csv, 4, &FunnelIngest::default());
    assert_eq!(data.rows.len(), 1);
    assert_eq!(data.meta.skipped_rows, 2);
    assert!(data.meta.issues.iter().any(|i| i.line == Some(3) && i.reason.contains("'4048-05' is outside the plausible range")), "{:?}", data.meta.issues);
    assert_eq!((data.meta.first_day, data.meta.last_day), (Some(month(2024, 1)), Some(month(2024, 1))));
}

#[test]
fn guesses_roles_from_headers() {
    let csv = b"Month,Channel,Sessions,Sign-ups,Trial starts,New paying customers,Ad spend,CS spend\n2024-01,Paid,1,1,1,1,1,1\n";
    let m = infer_funnel_mapping(&crate::ingest::sniff(csv));
    let want = FunnelMapping {
        period: Some("Month".into()),
        visitors: Some("Sessions".into()),
        signups: Some("Sign-ups".into()),
        trials: Some("Trial starts".into()),
        new_customers: Some("New paying customers".into()),
        acquisition_spend: Some("Ad spend".into()),
        retention_spend: Some("CS spend".into()),
        segment: vec!["Channel".into()],
        profile: None,
    };
    assert_eq!(m, want);
}

#[test]
fn a_day_month_order_impossible_date_drops_its_row() {
    // 13/01 makes the column day-first; 01/13 is then impossible.
    let csv = b"period,channel,visitors\n13/01/2024,A,1\n01/13/2024,B,2\n02/02/2024,C,3\n";
    let data = read(csv, 6, &FunnelIngest::default());
    assert_eq!(data.rows.iter().map(|r| r.visitors).collect::<Vec<_>>(), [Some(1), Some(3)]);
    assert_eq!(data.segments[0].value(1), "C");
    assert_eq!(data.meta.skipped_rows, 1);
    assert!(data.meta.issues.iter().any(|i| i.line == Some(3) && i.reason.contains("row skipped")), "{:?}", data.meta.issues);
}

#[test]
fn settings_accept_a_percentage_margin_and_refuse_nonsense() {
    let mut s = SettingsOf::<Funnel>::default();
    assert_eq!(s.kpi.gross_margin, 1.0);
    s.apply(crate::source::SourceId::Funnel, "gross_margin", "80%").unwrap();
    assert!((s.kpi.gross_margin - 0.8).abs() < 1e-12);
    s.apply(crate::source::SourceId::Funnel, "gross_margin", "0.75").unwrap();
    assert_eq!(s.kpi.gross_margin, 0.75);
    for bad in ["0", "1.5", "80", "lots"] {
        assert!(s.apply(crate::source::SourceId::Funnel, "gross_margin", bad).is_err(), "{bad}");
    }
    s.apply(crate::source::SourceId::Funnel, "date_order", "dmy").unwrap();
    assert!(s.apply(crate::source::SourceId::Funnel, "sla_hours", "4").is_err());
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(json, r#"{"date_order":"dmy","gross_margin":0.75}"#);
    assert_eq!(serde_json::from_str::<FunnelSettings>(&json).unwrap(), s);
    assert_eq!(serde_json::from_str::<FunnelSettings>("{}").unwrap().kpi.gross_margin, 1.0);
}

#[test]
fn the_demo_reads_cleanly_over_18_months() {
    let csv = Funnel::demo();
    assert_eq!(csv, Funnel::demo());
    let data = read(csv.as_bytes(), 1000, &FunnelIngest::default());
    assert_eq!(data.meta.issue_count, 0, "{:?}", data.meta.issues);
    assert_eq!(data.rows.len(), 18);
    assert!(data.rows.iter().all(|r| (20_000..=40_000).contains(&r.visitors.unwrap())), "{:?}", data.rows);
    let (first, last) = (data.meta.first_day.unwrap(), data.meta.last_day.unwrap());
    assert_eq!(crate::period::Granularity::Month.buckets_between(first, last).len(), 18);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    #[test]
    fn messy_sheets_never_panic_or_give_nan(
        rows in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(&CELLS[..]), 1..9), 0..30),
        chunk in 1usize..64,
    ) {
        let mut csv = String::from("Month,Channel,Visitors,Signups,Trials,New customers,Spend,Retention spend\n");
        for r in rows {
            csv.push_str(&r.join(","));
            csv.push('\n');
        }
        let data = read(csv.as_bytes(), chunk, &FunnelIngest::default());
        proptest::prop_assert_eq!(data.rows.len() as u64 + data.meta.skipped_rows, data.meta.rows);
        proptest::prop_assert!(data.segments.iter().all(|s| s.ids.len() == data.rows.len()));
        let zero = [crate::kpi::KpiValue {
            id: "ltv", source: "subscriptions", period: "2024-01".into(), segment: None, value: Some(0.0), numerator: Some(0.0), denominator: Some(0.0),
            n: 0, kind: None, small_sample: false, basis: None,

        warning: None,}];
                let ctx = Context::default().with_kpis(crate::source::SourceId::Subscriptions, LTV, &zero);
        for g in [crate::period::Granularity::Quarter, crate::period::Granularity::All] {
            for segment in [None, Some("Channel".to_string())] {
                for k in Funnel::kpis(&data, &FunnelKpi::default(), &Query::new(g).segment(segment.clone()), &ctx) {
                    for v in [k.value, k.numerator, k.denominator].into_iter().flatten() {
                        proptest::prop_assert!(v.is_finite(), "{} {} {:?}: {}", k.id, k.period, k.segment, v);
                    }
                }
            }
        }
    }
}

/// LTV as subscriptions carry it.
const LTV: &[crate::source::Provided] = &[crate::source::Provided::value_of(crate::source::Measure::Ltv, "ltv")];

const CELLS: [&str; 24] = [
    "",
    " ",
    "0",
    "1",
    "-3",
    "2.5",
    "1,234",
    "$49",
    "(12.00)",
    "18446744073709551615",
    "99999999999999999999",
    "1e308",
    "NaN",
    "2024-01",
    "Mar 2024",
    "13/02/2024",
    "02/13/2024",
    "02/30/2024",
    "05/03/2024",
    "45000",
    "Paid",
    "\"quoted, cell\"",
    "\"multi\nline\"",
    "Zürich ☕",
];
