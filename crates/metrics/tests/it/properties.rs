//! Properties of every source's KPIs on generated exports (issue 23), through the catalog as the
//! CLI and the app read files:
//! - NPS lies in [-100, 100], CSAT in [0, 100], and every rate that is a share of a set (churn,
//!   retention, GRR, FCR, SLA attainment, repeat rates, adoption, stickiness, conversion) in [0, 1];
//! - the KPIs do not change when the rows are reordered;
//! - nor when the file's bytes arrive in two parts, cut anywhere, one after the other (the way the
//!   app and the CLI stream a file in pieces).
//!
//! The MRR bridge identity is `bridge_identity.rs`.

use northstar_metrics::calendar::{civil_from_days, days_from_civil};
use northstar_metrics::catalog::{by_id, kpis_of_all, Options};
use northstar_metrics::source::{Query, SourceId};
use northstar_metrics::{Granularity, KpiValue};
use proptest::prelude::*;

/// Rates that are a part over its whole, so in [0, 1] whatever the data.
const SHARES: &[&str] = &[
    "repeat_customer_rate",
    "conversion_rate",
    "trial_to_paid_rate",
    "stickiness",
    "feature_adoption",
    "first_contact_resolution_rate",
    "sla_first_response_rate",
    "repeat_contact_rate",
    "account_churn_share",
    "customer_churn_rate",
    "customer_retention_rate",
    "gross_mrr_churn_rate",
    "grr",
    "renewal_rate",
];

fn kpis(kind: SourceId, text: &str, cut: Option<usize>) -> Vec<KpiValue> {
    let cuts: Vec<usize> = cut.map(|at| at % (text.len() + 1)).into_iter().collect();
    let loaded = [by_id(kind).read("p.csv", text.as_bytes(), &cuts, &Options::default()).expect("the generated header reads")];
    let mut all: Vec<KpiValue> = kpis_of_all(&loaded, &Query::new(Granularity::Month)).into_iter().flat_map(|(_, v)| v).collect();
    all.sort_by(|a, b| (a.id, &a.period, &a.segment, a.kind).cmp(&(b.id, &b.period, &b.segment, b.kind)));
    all
}

fn in_range(values: &[KpiValue]) -> Result<(), TestCaseError> {
    for k in values {
        let Some(v) = k.value else { continue };
        let at = format!("{} {} {:?} = {v}", k.id, k.period, k.segment);
        prop_assert!(v.is_finite(), "{}", at);
        if k.id == "nps" {
            prop_assert!((-100.0..=100.0).contains(&v), "{}", at);
        } else if k.id == "csat" {
            prop_assert!((0.0..=100.0).contains(&v), "{}", at);
        } else if SHARES.contains(&k.id) {
            prop_assert!((0.0..=1.0).contains(&v), "{}", at);
        }
    }
    Ok(())
}

fn same(a: &[KpiValue], b: &[KpiValue], what: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.len(), b.len(), "{}: as many values", what);
    for (x, y) in a.iter().zip(b) {
        prop_assert_eq!((x.id, &x.period, &x.segment), (y.id, &y.period, &y.segment), "{}", what);
        for (p, q) in [(x.value, y.value), (x.numerator, y.numerator), (x.denominator, y.denominator)] {
            let close = match (p, q) {
                (Some(p), Some(q)) => (p - q).abs() <= 1e-9 * p.abs().max(1.0),
                (p, q) => p == q,
            };
            prop_assert!(close, "{}: {} {} {:?}: {:?} vs {:?}", what, x.id, x.period, x.segment, p, q);
        }
        prop_assert_eq!(x.n, y.n, "{}: n of {} {}", what, x.id, x.period);
    }
    Ok(())
}

/// Checks the three properties on a header and its rows.
fn properties(kind: SourceId, header: &str, rows: &[String], shuffled: &[String], cut: usize) -> Result<(), TestCaseError> {
    let text = format!("{header}\n{}\n", rows.join("\n"));
    let base = kpis(kind, &text, None);
    in_range(&base)?;
    same(&base, &kpis(kind, &format!("{header}\n{}\n", shuffled.join("\n")), None), "rows reordered")?;
    same(&base, &kpis(kind, &text, Some(cut)), "fed in two parts")
}

fn day() -> impl Strategy<Value = String> {
    (2023i32..2025, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
}

fn with_shuffle(rows: impl Strategy<Value = Vec<String>>) -> impl Strategy<Value = (Vec<String>, Vec<String>, usize)> {
    rows.prop_flat_map(|r| (Just(r.clone()), Just(r).prop_shuffle(), any::<usize>()))
}

/// `hours` after 2023-01-01 00:00, as `YYYY-MM-DD HH:00`.
fn stamp(hours: u32) -> String {
    let (y, m, d) = civil_from_days(days_from_civil(2023, 1, 1) + (hours / 24) as i32);
    format!("{y}-{m:02}-{d:02} {:02}:00", hours % 24)
}

fn tickets() -> impl Strategy<Value = Vec<String>> {
    let row = (
        0u32..17_000,
        proptest::option::of(0u32..400),
        0u32..4,
        0u32..3,
        0u32..4,
        prop_oneof![Just("Good"), Just("Bad"), Just("")],
        0u32..8,
        proptest::option::of(0u32..600),
    );
    proptest::collection::vec(row, 1..40).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (created, solved_after, replies, reopens, agent, rating, requester, frt))| {
                let solved = solved_after.map(|h| stamp(created + h)).unwrap_or_default();
                let frt = frt.map(|m| m.to_string()).unwrap_or_default();
                format!("{i},{},{solved},{replies},{reopens},agent{agent},{rating},{frt},r{requester}", stamp(created))
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn ticket_kpis_are_in_range_and_independent_of_row_order_and_pieces((rows, shuffled, cut) in with_shuffle(tickets())) {
        properties(SourceId::Tickets, "Ticket ID,Created at,Solved at,Replies,Reopens,Assignee,Satisfaction Score,First reply time in minutes,Requester", &rows, &shuffled, cut)?;
    }

    #[test]
    fn survey_kpis_are_in_range_and_independent_of_row_order_and_pieces((rows, shuffled, cut) in with_shuffle(proptest::collection::vec((day(), 0u32..30, prop_oneof![Just("nps"), Just("csat")], 0u32..11, prop_oneof![Just("Pro"), Just("Basic")]), 1..60).prop_map(|rows| {
        rows.into_iter().map(|(d, c, kind, score, plan)| {
            let score = if kind == "csat" { score % 5 + 1 } else { score };
            format!("{d},c{c},{kind},{score},{plan}")
        }).collect()
    }))) {
        properties(SourceId::Surveys, "date,customer,type,score,plan", &rows, &shuffled, cut)?;
    }

    #[test]
    fn subscription_kpis_are_in_range_and_independent_of_row_order_and_pieces((rows, shuffled, cut) in with_shuffle(proptest::collection::vec((0u32..12, day(), proptest::option::of(day()), 1u32..500, prop_oneof![Just("month"), Just("year")], prop_oneof![Just("Pro"), Just("Basic")]), 1..40).prop_map(|rows| {
        rows.into_iter().map(|(c, start, end, amount, interval, plan)| {
            let end = end.filter(|e| e > &start).unwrap_or_default();
            format!("c{c},{plan},{amount}.00,{interval},{start},{end}")
        }).collect()
    }))) {
        properties(SourceId::Subscriptions, "customer,plan,amount,interval,start,end", &rows, &shuffled, cut)?;
    }

    #[test]
    fn order_kpis_are_in_range_and_independent_of_row_order_and_pieces((rows, shuffled, cut) in with_shuffle(proptest::collection::vec((0u32..15, day(), 0u32..20_000, prop_oneof![Just("paid"), Just("refunded")]), 1..50).prop_map(|rows| {
        rows.into_iter().enumerate().map(|(i, (c, d, cents, status))| format!("{i},c{c},{d},{}.{:02},{status}", cents / 100, cents % 100)).collect()
    }))) {
        properties(SourceId::Orders, "order_id,customer,date,amount,status", &rows, &shuffled, cut)?;
    }

    #[test]
    fn usage_kpis_are_in_range_and_independent_of_row_order_and_pieces((rows, shuffled, cut) in with_shuffle(proptest::collection::vec((0u32..20, 0u32..5, day(), 0u32..24, prop_oneof![Just("login"), Just("export"), Just("share")]), 1..60).prop_map(|rows| {
        rows.into_iter().map(|(u, c, d, h, event)| format!("u{u},C{c},{d} {h:02}:00,{event}")).collect()
    }))) {
        properties(SourceId::Usage, "user_id,customer_id,timestamp,event", &rows, &shuffled, cut)?;
    }

    #[test]
    fn account_kpis_are_in_range_and_independent_of_row_order_and_pieces((rows, shuffled, cut) in with_shuffle(proptest::collection::vec((prop_oneof![Just("active"), Just("churned")], 0u32..900, prop_oneof![Just("Organic"), Just("Paid")], day()), 1..40).prop_map(|rows| {
        rows.into_iter().enumerate().map(|(i, (status, mrr, channel, d))| format!("c{i},{status},{mrr},{channel},{d}")).collect()
    }))) {
        properties(SourceId::Accounts, "Customer ID,Status,MRR,Channel,Acquired", &rows, &shuffled, cut)?;
    }

    #[test]
    fn funnel_kpis_are_in_range_and_independent_of_row_order_and_pieces((rows, shuffled, cut) in with_shuffle(proptest::collection::vec((1000u32..50_000, 1u32..1000, 0u32..1000, 0u32..100_000), 1..24).prop_map(|rows| {
        rows.into_iter().enumerate().map(|(i, (visitors, signups, customers, spend))| {
            let (signups, customers) = (signups.min(visitors), customers.min(signups));
            format!("{}-{:02},{visitors},{signups},{customers},{spend}", 2022 + i / 12, i % 12 + 1)
        }).collect()
    }))) {
        properties(SourceId::Funnel, "Month,Visitors,Signups,New customers,Marketing spend", &rows, &shuffled, cut)?;
    }
}
