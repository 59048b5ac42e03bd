//! One identity rule for every source: a key that is an e-mail address is trimmed and case-folded
//! (`northstar_metrics::identity::identity`), so " Ann@Acme.COM " and "ann@acme.com" are one
//! person in every KPI that counts people and in the join. Each source is read with the same
//! person written three ways, and the KPI that counts people counts one.

use northstar_metrics::catalog::{by_name, kpis_of_all, Loaded, Options};
use northstar_metrics::source::Query;
use northstar_metrics::Granularity;

const ANN: [&str; 3] = ["ann@acme.com", " Ann@Acme.COM ", "ANN@acme.com"];

fn load(kind: &str, csv: &str) -> Box<dyn Loaded> {
    by_name(kind).unwrap().read(&format!("{kind}.csv"), csv.as_bytes(), &[], &Options::default()).unwrap()
}

/// The distinct keys the source read (what the join and the people counts see).
fn keys(loaded: &dyn Loaded) -> Vec<String> {
    loaded.source_data().customer_keys().into_iter().map(|(k, _)| k).filter(|k| !k.is_empty()).collect()
}

fn value(loaded: &[Box<dyn Loaded>], id: &str, period: &str) -> Option<f64> {
    let all = kpis_of_all(loaded, &Query::new(Granularity::Month));
    all.into_iter().flat_map(|(_, k)| k).find(|k| k.id == id && k.period == period && k.segment.is_none()).and_then(|k| k.value)
}

#[test]
fn usage_counts_one_active_user() {
    let csv = format!("user,timestamp,event\n\"{}\",2024-01-02,a\n\"{}\",2024-01-03,b\n\"{}\",2024-01-04,c\n", ANN[0], ANN[1], ANN[2]);
    let l = vec![load("usage", &csv)];
    assert_eq!(keys(&*l[0]), ["ann@acme.com"]);
    assert_eq!(value(&l, "active_users", "2024-01"), Some(1.0));
}

#[test]
fn tickets_count_repeat_contacts_of_one_customer() {
    let csv = format!("ticket_id,created,customer\n1,2024-01-02 09:00,\"{}\"\n2,2024-01-03 09:00,\"{}\"\n3,2024-01-04 09:00,\"{}\"\n", ANN[0], ANN[1], ANN[2]);
    let l = vec![load("tickets", &csv)];
    assert_eq!(keys(&*l[0]), ["ann@acme.com"]);
    // Tickets 2 and 3 follow ticket 1 of the same customer within 7 days.
    assert_eq!(value(&l, "repeat_contact_rate", "2024-01"), Some(2.0 / 3.0));
}

#[test]
fn orders_count_one_customer() {
    let csv = format!("order_id,customer,date,amount\n1,\"{}\",2024-01-02,10\n2,\"{}\",2024-01-03,10\n3,\"{}\",2024-01-04,10\n", ANN[0], ANN[1], ANN[2]);
    let l = vec![load("orders", &csv)];
    assert_eq!(keys(&*l[0]), ["ann@acme.com"]);
    assert_eq!(value(&l, "active_customers", "2024-01"), Some(1.0));
    assert_eq!(value(&l, "purchase_frequency", "2024-01"), Some(3.0));
}

#[test]
fn surveys_count_one_respondent() {
    let csv = format!("date,respondent,nps\n2024-01-02,\"{}\",10\n2024-01-03,\"{}\",9\n2024-01-04,\"{}\",0\n", ANN[0], ANN[1], ANN[2]);
    let l = load("surveys", &csv);
    assert_eq!(keys(&*l), ["ann@acme.com"]);
}

#[test]
fn subscriptions_count_one_customer() {
    let csv =
        format!("customer,amount,interval,start\n\"{}\",10,month,2024-01-02\n\"{}\",20,month,2024-01-03\n\"{}\",30,month,2024-01-04\n", ANN[0], ANN[1], ANN[2]);
    let l = vec![load("subscriptions", &csv)];
    assert_eq!(value(&l, "customers", "2024-01"), Some(1.0));
    assert_eq!(value(&l, "mrr", "2024-01"), Some(60.0));
}

#[test]
fn accounts_match_a_referrer_written_another_way() {
    let csv = format!("customer,status,referred_by\n\"{}\",active,\nbob@beta.io,active,\"{}\"\ncy@gamma.io,active,\"{}\"\n", ANN[0], ANN[1], ANN[2]);
    let l = vec![load("accounts", &csv)];
    assert_eq!(l[0].meta().issue_count, 0, "{:?}", l[0].meta().issues);
    assert_eq!(value(&l, "referrals", "all"), Some(2.0));
}
