//! Recognising the source a file is meant for, on real files (../shared/data) and each source's
//! demo. What each file is was decided by reading its header, not by the code under test.

use northstar_metrics::catalog::recognise::{best_other, fits};
use northstar_metrics::catalog::SOURCES;
use northstar_metrics::ingest::sniff;
use northstar_metrics::source::SourceId;

fn id(name: &str) -> SourceId {
    SourceId::from_name(name).unwrap()
}

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/");

/// The first 256 KiB of a shared file, as the app sniffs it.
fn head(path: &str) -> Vec<u8> {
    let bytes = std::fs::read(format!("{DATA}{path}")).unwrap_or_else(|e| panic!("shared data missing at {path}: {e}"));
    bytes[..bytes.len().min(256 * 1024)].to_vec()
}

/// The best fit's (source, description), and what `best_other` says for each `(loaded_as, expected)`.
fn check(bytes: &[u8], source: &str, description: &str, others: &[(&str, Option<&str>)]) {
    let s = sniff(bytes);
    let all = fits(&s);
    assert_eq!(all.len(), SOURCES.len());
    assert_eq!((all[0].source.name(), all[0].describe().as_str(), all[0].readable), (source, description, true), "{all:?}");
    assert_eq!(best_other(&s, id(source)), None, "loaded as its own source");
    for (loaded_as, expected) in others {
        assert_eq!(best_other(&s, id(loaded_as)).map(|f| f.source.name()), *expected, "loaded as {loaded_as}");
    }
}

#[test]
fn the_help_desk_event_log_is_tickets() {
    let log = head("helpdesk_italian_sw_company/helpdesk_finale.csv");
    check(&log, "tickets", "an event log", &[("surveys", Some("tickets")), ("subscriptions", Some("tickets")), ("usage", Some("tickets"))]);
    let tickets = head("helpdesk_italian_sw_company/helpdesk_tickets.csv");
    check(&tickets, "tickets", "a tickets file", &[("surveys", Some("tickets")), ("orders", Some("tickets"))]);
}

#[test]
fn telco_is_an_account_list() {
    let telco = head("ibm_telco_customer_churn/Telco-Customer-Churn.csv");
    check(&telco, "accounts", "an account list (IBM Telco churn shape)", &[("subscriptions", Some("accounts")), ("surveys", Some("accounts"))]);
    let s = sniff(&telco);
    let accounts = fits(&s).into_iter().find(|f| f.source.name() == "accounts").unwrap();
    // customerID, Churn, MonthlyCharges, tenure.
    assert_eq!(accounts.roles, 4);
    let subscriptions = fits(&s).into_iter().find(|f| f.source.name() == "subscriptions").unwrap();
    assert!(!subscriptions.readable);
    assert!(subscriptions.problem.as_deref().unwrap().starts_with("no column for the role 'amount"), "{:?}", subscriptions.problem);
}

#[test]
fn uci_orders_and_somerville() {
    let orders = head("uci_online_retail/online_retail_orders.csv");
    // order_id, customer_id, date, amount: usage also reads customer + date, with two roles of four.
    check(&orders, "orders", "an orders file", &[("subscriptions", Some("orders")), ("usage", Some("orders")), ("tickets", Some("orders"))]);
    let survey = head("somerville_happiness_survey/Happiness_Survey_2017.csv");
    check(&survey, "surveys", "a surveys file", &[("tickets", Some("surveys")), ("accounts", Some("surveys"))]);
}

#[test]
fn every_demo_is_its_own_source() {
    for source in SOURCES {
        let demo = source.demo();
        let s = sniff(demo.as_bytes());
        assert_eq!(fits(&s)[0].source.name(), source.name());
        assert_eq!(best_other(&s, id(source.name())), None, "{}", source.name());
        for other in SOURCES.iter().filter(|o| o.name() != source.name()) {
            assert_eq!(best_other(&s, id(other.name())).map(|f| f.source.name()), Some(source.name()), "{} demo loaded as {}", source.name(), other.name());
        }
    }
}

#[test]
fn a_file_that_reads_keeps_its_source() {
    // A Stripe subscriptions export reads as subscriptions: no other source is offered, though
    // accounts could read it too (customer, status).
    let stripe = "id,Customer ID,Customer Email,Plan,Quantity,Amount,Currency,Interval,Status,Created (UTC),Start (UTC),Canceled At (UTC),Ended At (UTC)\n\
                  sub_1,cus_1,a@x.com,Pro,1,49.00,usd,month,active,2024-01-02 10:00,2024-01-02 10:00,,\n";
    let s = sniff(stripe.as_bytes());
    assert_eq!(fits(&s)[0].describe(), "a Stripe subscriptions export (older columns)");
    assert_eq!(best_other(&s, id("subscriptions")), None);
    assert_eq!(best_other(&s, id("orders")).map(|f| f.source.name()), Some("subscriptions"));
    // A Stripe payments export: subscriptions could read it (Customer ID, Amount, Created as the
    // start), but it is a vendor shape of orders and of nothing else.
    let charges = "id,Description,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Fee,Status,Customer ID,Customer Email,Captured\n\
                   ch_1,x,2024-01-02 10:00,49.00,0.00,usd,49.00,1.72,Paid,cus_1,a@x.com,true\n";
    let s = sniff(charges.as_bytes());
    let best = &fits(&s)[0];
    assert_eq!((best.source.name(), best.describe().as_str()), ("orders", "a Stripe payments export"));
    assert_eq!(best_other(&s, id("subscriptions")).map(|f| f.source.name()), Some("orders"));
    assert_eq!(best_other(&s, id("orders")), None);
    // A Chargebee export is subscriptions even when its guessed mapping does not read (this one
    // lacks the plan price), though accounts could read it (customers.id, the status).
    let chargebee = "subscriptions.id,customers.id,subscriptions.plan_id,subscriptions.status,subscriptions.started_at,subscriptions.cancelled_at\n\
                     sub_1,cus_1,pro,Active,2024-01-02,\n";
    let s = sniff(chargebee.as_bytes());
    let subscriptions = fits(&s).into_iter().find(|f| f.source.name() == "subscriptions").unwrap();
    assert_eq!((subscriptions.vendor, subscriptions.readable), (Some("Chargebee subscriptions export".to_string()), false));
    assert_eq!(best_other(&s, id("subscriptions")), None);
    // The German file: subscriptions lack a start, orders read it.
    let german = "Kunde;Betrag;Datum\nACME GmbH;1.188,00;15.01.2024\n";
    let s = sniff(german.as_bytes());
    assert_eq!(best_other(&s, id("subscriptions")).map(|f| f.source.name()), Some("orders"));
    assert_eq!(best_other(&s, id("orders")), None);
}

/// The wrong-page hints come from the vendor profiles: a WooCommerce Analytics report dropped on
/// Orders and a Help Scout export dropped on Support keep their page (they were offered as
/// accounts files), and dropped on Accounts they are offered their own page.
#[test]
fn vendor_exports_keep_their_page_and_are_sent_to_it() {
    let exports = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/exports");
    for (case, source) in [("woocommerce_analytics_orders", "orders"), ("helpscout_conversations", "tickets"), ("hubspot_companies", "accounts")] {
        let bytes = std::fs::read(exports.join(case).join("input.csv")).unwrap();
        let s = sniff(&bytes);
        assert_eq!(best_other(&s, id(source)), None, "{case} dropped on {source}");
        let elsewhere = if source == "accounts" { "orders" } else { "accounts" };
        assert_eq!(best_other(&s, id(elsewhere)).map(|f| f.source.name()), Some(source), "{case} dropped on {elsewhere}");
    }
}
