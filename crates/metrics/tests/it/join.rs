//! Subscriptions cut by an accounts column when the two files' ids do not match: the demo
//! subscriptions (customers cus_00001 … cus_00420) against the IBM Telco accounts (ids such as
//! 7590-VHVEG). Counted independently with Python's csv module over `northstar demo subscriptions`
//! and Telco-Customer-Churn.csv: 420 distinct subscription customers (first in file order cus_00001,
//! cus_00002, cus_00003), 7,043 distinct account ids (first 7590-VHVEG, 5575-GNVDE, 3668-QPYBK),
//! no id in common; Contract's values in order of first appearance: Month-to-month, One year, Two
//! year (3,875 / 1,473 / 1,695 accounts, 1,655 of the month-to-month ones churned).

use northstar_metrics::accounts::{AccountData, Accounts};
use northstar_metrics::ingest::sniff;
use northstar_metrics::source::{Context, CustomerAttributes, Query, Source, SourceId};
use northstar_metrics::subscriptions::{filter, id_match, id_match_warning, SubscriptionData, Subscriptions};
use northstar_metrics::Granularity;

const TELCO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ibm_telco_customer_churn/Telco-Customer-Churn.csv");

fn demo_subscriptions() -> SubscriptionData {
    let csv = Subscriptions::demo();
    let s = sniff(csv.as_bytes());
    Subscriptions::read("demo.csv", csv.as_bytes(), &s, &Subscriptions::infer(&s), &Default::default()).unwrap()
}

/// An accounts file as the capability subscriptions are cut by.
fn attributes(accounts: &AccountData) -> Option<(SourceId, &dyn CustomerAttributes)> {
    Some((SourceId::Accounts, accounts))
}

fn telco() -> AccountData {
    let bytes = std::fs::read(TELCO).unwrap_or_else(|e| panic!("shared data missing at {TELCO}: {e}"));
    let s = sniff(&bytes);
    Accounts::read("Telco-Customer-Churn.csv", &bytes, &s, &Accounts::infer(&s), &Default::default()).unwrap()
}

const NO_MATCH: &str =
    "no account id matches a subscription customer id (0 of 420 customers; e.g. subscriptions have cus_00001, cus_00002, cus_00003 and 417 more; \
                        accounts have 7590-VHVEG, 5575-GNVDE, 3668-QPYBK and 7,040 more)";

#[test]
fn telco_accounts_match_no_demo_subscription_customer_and_say_so() {
    let (subs, accounts) = (demo_subscriptions(), telco());
    let (customers, others) = id_match(&subs, (SourceId::Accounts, &accounts));
    fn first(r: &northstar_metrics::join::JoinReport) -> Vec<&str> {
        r.unmatched_keys.iter().take(3).map(|k| k.key.as_str()).collect()
    }
    assert_eq!((customers.source, customers.rows, customers.matched_rows, customers.unmatched_count), (SourceId::Subscriptions, 420, 0, 420));
    assert_eq!((others.source, others.rows, others.matched_rows, others.unmatched_count), (SourceId::Accounts, 7043, 0, 7043));
    assert_eq!(first(&customers), ["cus_00001", "cus_00002", "cus_00003"]);
    assert_eq!(first(&others), ["7590-VHVEG", "5575-GNVDE", "3668-QPYBK"]);
    assert_eq!(id_match_warning(&customers, &others).as_deref(), Some(NO_MATCH));

    // The breakdown by Contract: one row, "(no account)", each value with the warning.
    let ctx = Context::default().with_data(SourceId::Accounts, &accounts);
    let kpis = Subscriptions::kpis(&subs, &Default::default(), &Query::new(Granularity::Month).segment(Some("Contract".into())), &ctx);
    let segmented: Vec<_> = kpis.iter().filter(|k| k.segment.is_some()).collect();
    assert!(!segmented.is_empty());
    assert!(segmented.iter().all(|k| k.segment.as_deref() == Some("(no account)") && k.warning.as_deref() == Some(NO_MATCH)));
    // The overall values are the file's own and carry no warning.
    assert!(kpis.iter().filter(|k| k.segment.is_none()).all(|k| k.warning.is_none()));
}

#[test]
fn a_filter_that_selects_no_subscription_gives_undefined_kpis_with_the_reason() {
    let (subs, accounts) = (demo_subscriptions(), telco());
    // A real Contract value, but no subscription customer has an account.
    let month = filter(&subs, attributes(&accounts), "Contract", "Month-to-month").unwrap();
    assert!(month.subs.is_empty());
    let kpis = Subscriptions::kpis(&month, &Default::default(), &Query::new(Granularity::Month), &Context::default());
    let mrr: Vec<_> = kpis.iter().filter(|k| k.id == "mrr").collect();
    assert!(!mrr.is_empty());
    let why = format!("Contract = 'Month-to-month' selects no subscription: {NO_MATCH}");
    assert!(kpis.iter().all(|k| k.value.is_none() && k.numerator.is_none() && k.warning.as_deref() == Some(why.as_str())), "{:?}", mrr[0]);

    // A value no account has: the column's values are listed.
    let typo = filter(&subs, attributes(&accounts), "Contract", "Month-to-monthh").unwrap();
    let kpis = Subscriptions::kpis(&typo, &Default::default(), &Query::new(Granularity::Month), &Context::default());
    let why = "Contract = 'Month-to-monthh' matches no account; Contract's values are Month-to-month, One year, Two year";
    assert!(kpis.iter().all(|k| k.value.is_none() && k.warning.as_deref() == Some(why)));
    // No such column on either side: no filter.
    assert!(filter(&subs, attributes(&accounts), "Colour", "red").is_none());
}

#[test]
fn an_accounts_filter_on_a_missing_value_is_undefined_and_on_a_real_one_is_counted() {
    let accounts = telco();
    let contract = accounts.segments.iter().position(|c| c.name == "Contract").unwrap();
    let q = Query::new(Granularity::Month);
    let typo = Accounts::kpis(&accounts.filtered(contract, "Month-to-monthh"), &(), &q, &Context::default());
    let why = "Contract = 'Month-to-monthh' matches no account; Contract's values are Month-to-month, One year, Two year";
    let share = typo.iter().find(|k| k.id == "account_churn_share").unwrap();
    assert_eq!((share.value, share.denominator, share.warning.as_deref()), (None, None, Some(why)));
    assert!(typo.iter().all(|k| k.value.is_none()));
    let month = Accounts::kpis(&accounts.filtered(contract, "Month-to-month"), &(), &q, &Context::default());
    let share = month.iter().find(|k| k.id == "account_churn_share").unwrap();
    assert_eq!((share.numerator, share.denominator, share.warning.as_deref()), (Some(1655.0), Some(3875.0), None));
}

#[test]
fn a_partial_join_keeps_the_values_and_warns() {
    // Customers a, b, c pay 10, 20, 40 a month; only a and b have an account (plus x, who has no
    // subscription). Contract: a Monthly, b Yearly.
    let subs_csv = "customer,amount,interval,start\na,10,month,2024-01-01\nb,20,month,2024-01-01\nc,40,month,2024-01-01\n";
    let s = sniff(subs_csv.as_bytes());
    let subs = Subscriptions::read("s.csv", subs_csv.as_bytes(), &s, &Subscriptions::infer(&s), &Default::default()).unwrap();
    let acc_csv = "customer,status,contract\na,active,Monthly\nb,active,Yearly\nx,active,Monthly\n";
    let s = sniff(acc_csv.as_bytes());
    let mut m = Accounts::infer(&s);
    m.segment = vec!["contract".into()];
    let accounts = Accounts::read("a.csv", acc_csv.as_bytes(), &s, &m, &Default::default()).unwrap();
    let (customers, others) = id_match(&subs, (SourceId::Accounts, &accounts));
    assert_eq!((customers.rows, customers.matched_rows, others.rows, others.matched_rows), (3, 2, 3, 2));
    let warning = "2 of 3 subscription customers have an account; 1 without one is under (no account) (e.g. c)";
    assert_eq!(id_match_warning(&customers, &others).as_deref(), Some(warning));
    // Monthly: a only (x has no subscription), MRR 10.00, with the warning.
    let monthly = filter(&subs, attributes(&accounts), "contract", "Monthly").unwrap();
    let kpis = Subscriptions::kpis(&monthly, &Default::default(), &Query::new(Granularity::Month), &Context::default());
    let mrr = kpis.iter().find(|k| k.id == "mrr" && k.period == "2024-01").unwrap();
    assert_eq!((mrr.value, mrr.warning.as_deref()), (Some(10.0), Some(warning)));
    // Breakdown: Monthly 10, Yearly 20, (no account) 40, each with the warning.
    let ctx = Context::default().with_data(SourceId::Accounts, &accounts);
    let kpis = Subscriptions::kpis(&subs, &Default::default(), &Query::new(Granularity::Month).segment(Some("contract".into())), &ctx);
    for (seg, v) in [("Monthly", 10.0), ("Yearly", 20.0), ("(no account)", 40.0)] {
        let k = kpis.iter().find(|k| k.id == "mrr" && k.period == "2024-01" && k.segment.as_deref() == Some(seg)).unwrap();
        assert_eq!((k.value, k.warning.as_deref()), (Some(v), Some(warning)), "{seg}");
    }
}

#[test]
fn a_filter_on_the_subscriptions_own_column_names_its_values() {
    let csv = "customer,amount,interval,start,plan\na,10,month,2024-01-01,Basic\nb,20,month,2024-01-01,Pro\n";
    let s = sniff(csv.as_bytes());
    let subs = Subscriptions::read("s.csv", csv.as_bytes(), &s, &Subscriptions::infer(&s), &Default::default()).unwrap();
    let typo = filter(&subs, None, "plan", "Premium").unwrap();
    let kpis = Subscriptions::kpis(&typo, &Default::default(), &Query::new(Granularity::Month), &Context::default());
    let mrr = kpis.iter().find(|k| k.id == "mrr" && k.period == "2024-01").unwrap();
    assert_eq!((mrr.value, mrr.warning.as_deref()), (None, Some("plan = 'Premium' matches no subscription; plan's values are Basic, Pro")));
    // Pro: b's 20.00, no warning.
    let pro = filter(&subs, None, "plan", "Pro").unwrap();
    let kpis = Subscriptions::kpis(&pro, &Default::default(), &Query::new(Granularity::Month), &Context::default());
    let mrr = kpis.iter().find(|k| k.id == "mrr" && k.period == "2024-01").unwrap();
    assert_eq!((mrr.value, mrr.warning.as_deref()), (Some(20.0), None));
}
