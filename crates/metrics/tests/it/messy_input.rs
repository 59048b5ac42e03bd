//! Messy exports never panic and never give NaN: realistic headers over rows of tricky cells (dates
//! in every form, day/month-ambiguous and impossible ones, blanks, quotes, huge and negative numbers,
//! long ids, non-ASCII), read by every source at every granularity.

use northstar_metrics::accounts::{AccountIngest, Accounts};
use northstar_metrics::ingest::sniff;
use northstar_metrics::source::{Context, Query, Reader, Source};
use northstar_metrics::subscriptions::{infer_subscription_mapping, subscription_kpis, SubscriptionIngest, SubscriptionKpi, Subscriptions};
use northstar_metrics::surveys::{infer_mapping, survey_kpis, SurveyIngest, SurveyKpi, SurveyReader};
use northstar_metrics::tickets::{ticket_kpis, TicketIngest, TicketKpi, Tickets};
use northstar_metrics::usage::{Usage, UsageIngest, UsageKpi};
use northstar_metrics::{Granularity, KpiValue};
use proptest::prelude::*;

const HEADERS: [&str; 8] = [
    "customerID,gender,tenure,Contract,MonthlyCharges,Churn",
    "ID,Created at,Solved at,Replies,Reopens,Assignee,Group,Via,Satisfaction Score,First reply time in minutes,Requester",
    "Case ID,Activity,Resource,Complete Timestamp",
    "User ID,Customer ID,Timestamp,Event,Session duration,Units,Entitlement",
    "id,customer,created (UTC),amount,currency,interval,status,canceled_at (UTC),plan",
    "date,score,kind,plan,comment",
    "Ticket ID,Created time,Resolved time,Initial response time,Agent interactions,Agent",
    "Customer ID,Status,MRR,Lead source,CAC,Customer since,Referred by,Region",
];

const CELLS: [&str; 40] = [
    "1e308",
    "-1e308",
    "NaN",
    "inf",
    "0.0000001",
    "-0",
    "",
    " ",
    "1",
    "0",
    "-3",
    "4294967295",
    "99999999999999999999",
    "2.5",
    "1,234.50",
    "(12.00)",
    "$49",
    "Good",
    "Bad",
    "Offered",
    "2024-01-05",
    "2024-01-05T10:00:00Z",
    "2024-01-05 10:00",
    "2024-03-05T10:00:00+02:00",
    "13/02/2024 09:00",
    "02/13/2024",
    "02/30/2024 09:00",
    "05/03/2024",
    "31.12.2023",
    "1700000000",
    "45000",
    "2024-13-45",
    "\"quoted, cell\"",
    "\"multi\nline\"",
    "\"He said \"\"hi\"\"\"",
    "cust_00042",
    "a-customer-id-longer-than-twenty-four-bytes",
    "Zürich ☕",
    "Resolve ticket",
    "Take in charge ticket",
];

fn csv() -> impl Strategy<Value = String> {
    let row = proptest::collection::vec(proptest::sample::select(&CELLS[..]), 1..12);
    (proptest::sample::select(&HEADERS[..]), proptest::collection::vec(row, 0..40), any::<bool>()).prop_map(|(header, rows, crlf)| {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut out = format!("{header}{eol}");
        for r in rows {
            out.push_str(&r.join(","));
            out.push_str(eol);
        }
        out
    })
}

fn no_nan(kpis: &[KpiValue]) -> Result<(), TestCaseError> {
    for k in kpis {
        for v in [k.value, k.numerator, k.denominator].into_iter().flatten() {
            prop_assert!(v.is_finite(), "{} {} {:?}: {v}", k.id, k.period, k.segment);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn every_source_reads_messy_exports_without_panic_or_nan(text in csv()) {
        let bytes = text.as_bytes();
        let s = sniff(bytes);
        // Quarters and the whole span only: a count read as an Excel serial date (1 is 1900-01-01)
        // or as Unix seconds makes a span of a century or more, thousands of days, weeks or
        // months: correct, but slow for a debug test run. The period code is the same.
        let granularities = [Granularity::Quarter, Granularity::All];
        if let Ok(t) = Tickets::read("t.csv", bytes, &s, &Tickets::infer(&s), &TicketIngest::default()) {
            if !t.event_log {
                prop_assert_eq!(t.tickets.len() as u64 + t.meta.skipped_rows, t.meta.rows);
            }
            let first = t.segments.first();
            for g in granularities {
                no_nan(&Tickets::kpis(&t, &TicketKpi::default(), &Query::new(g), &Context::default()))?;
                no_nan(&Tickets::kpis(&t, &TicketKpi::default(), &Query::new(g).segment(first.map(|c| c.name.clone())), &Context::default()))?;
                no_nan(&ticket_kpis(&t, &TicketKpi::default(), g, None, first, true))?;
            }
        }
        if let Ok(u) = Usage::read("u.csv", bytes, &s, &Usage::infer(&s), &UsageIngest::default()) {
            for g in granularities {
                no_nan(&Usage::kpis(&u, &UsageKpi::default(), &Query::new(g), &Context::default()))?;
                no_nan(&Usage::kpis(&u, &UsageKpi { entitlement: Some(10.0), ..Default::default() }, &Query::new(g), &Context::default()))?;
            }
        }
        if let Ok(sub) = Subscriptions::read("s.csv", bytes, &s, &infer_subscription_mapping(&s), &SubscriptionIngest::default()) {
            no_nan(&subscription_kpis(&sub, &SubscriptionKpi::default(), Granularity::Quarter, None))?;
        }
        if let Ok(mut reader) = Accounts::reader("a.csv", &s, &Accounts::infer(&s), &AccountIngest::default()) {
            for c in bytes.chunks(5) {
                reader.feed(c);
            }
            let a = reader.finish();
            prop_assert_eq!(a.customers.len() as u64 + a.meta.skipped_rows, a.meta.rows);
            let segment = a.segments.first().map(|c| c.name.clone());
            for g in granularities {
                no_nan(&Accounts::kpis(&a, &(), &Query::new(g), &Context::default()))?;
                no_nan(&Accounts::kpis(&a, &(), &Query::new(g).segment(segment.clone()), &Context::default()))?;
            }
        }
        if let Ok(mut ingest) = SurveyReader::new("v.csv", &s, &infer_mapping(&s), &SurveyIngest::default()) {
            for c in bytes.chunks(7) {
                ingest.feed(c);
            }
            let data = ingest.finish();
            for g in granularities {
                no_nan(&survey_kpis(&data, &SurveyKpi::default(), g, None))?;
            }
        }
    }
}
