//! The join of other sources to the billing customers (spec §7), on small files worked by hand.
//!
//! Accounts: A1 Acme (ann@acme.com, https://www.acme.com/about), A2 Initech (carol.b@gmail.com:
//! free mail, so no domain), A3 Umbrella (ceo@umbrella.com, umbrella.com) and A4 Umbrella EU
//! (eu@umbrella.com): umbrella.com is shared, so ambiguous; A5 Globex (website globex.org).
//!
//! Tickets, by requester, under `auto` (id, else e-mail, else domain):
//! 1 " Ann@Acme.COM " → A1 by e-mail (trimmed, case-folded); 2 bob@acme.com → A1 by domain (the
//! website's); 3 and 7 carol@gmail.com → none (free mail never matches by domain, though A2 has a
//! gmail.com address); 4 blank → none, listed as (blank); 5 dave@umbrella.com → none (ambiguous
//! domain); 6 A5 → A5 by id; 8 carol.b@GMAIL.com → A2 by e-mail.
//! So 8 rows, 4 matched (id 1, e-mail 2, domain 1), 7 distinct keys, 3 unmatched: carol@gmail.com
//! (2 rows), (blank) (1), dave@umbrella.com (1), most rows first, ties by key ("(" < "d").

use northstar_metrics::catalog::{by_name, join_loaded, Loaded, Options};
use northstar_metrics::join::{join, Contact, Directory, JoinReport, JoinRule, KeyRows};
use northstar_metrics::source::SourceId;

const ACCOUNTS: &str = "Customer ID,Status,Company,Email,Website
A1,active,Acme,ann@acme.com,https://www.acme.com/about
A2,active,Initech,carol.b@gmail.com,
A3,active,Umbrella,ceo@umbrella.com,umbrella.com
A4,active,Umbrella EU,eu@umbrella.com,
A5,churned,Globex,,globex.org
";

const TICKETS: &str = "Ticket ID,Created,Requester
1,2024-01-02 09:00,\" Ann@Acme.COM \"
2,2024-01-03 09:00,bob@acme.com
3,2024-01-04 09:00,carol@gmail.com
4,2024-01-05 09:00,
5,2024-01-06 09:00,dave@umbrella.com
6,2024-01-07 09:00,A5
7,2024-01-08 09:00,carol@gmail.com
8,2024-01-09 09:00,carol.b@GMAIL.com
";

fn load(kind: &str, csv: &str) -> Box<dyn Loaded> {
    by_name(kind).unwrap().read(&format!("{kind}.csv"), csv.as_bytes(), &[], &Options::default()).unwrap()
}

fn key(key: &str, rows: u64) -> KeyRows {
    KeyRows { key: key.into(), rows }
}

fn report<'a>(joins: &'a [JoinReport], source: &str) -> &'a JoinReport {
    joins.iter().find(|j| j.source.name() == source).unwrap()
}

#[test]
fn accounts_guess_email_website_and_name() {
    let accounts = load("accounts", ACCOUNTS);
    let mapping = accounts.mapping();
    let role = |r: &str| mapping.iter().find(|(n, _)| *n == r).map(|(_, c)| c.clone()).unwrap();
    assert_eq!(role("email"), vec!["Email".to_string()]);
    assert_eq!(role("website"), vec!["Website".to_string()]);
    assert_eq!(role("name"), vec!["Company".to_string()]);
    // Five ids, then the four rows with an e-mail, website or name.
    assert_eq!(accounts.source_data().contacts().len(), 10);
}

#[test]
fn tickets_join_by_id_email_and_domain_never_by_free_mail_or_a_shared_domain() {
    let loaded = vec![load("accounts", ACCOUNTS), load("tickets", TICKETS)];
    let joins = join_loaded(&loaded, &[]);
    assert_eq!(joins.len(), 1, "accounts are the directory, not joined");
    let t = report(&joins, "tickets");
    assert_eq!(t.rule, JoinRule::Auto);
    assert_eq!((t.rows, t.matched_rows, t.keys), (8, 4, 7));
    assert_eq!((t.by_rule.id, t.by_rule.email, t.by_rule.domain), (1, 2, 1));
    assert_eq!(t.match_rate(), Some(0.5));
    assert_eq!(t.unmatched_count, 3);
    assert_eq!(t.unmatched_keys, vec![key("carol@gmail.com", 2), key("(blank)", 1), key("dave@umbrella.com", 1)]);
    assert_eq!(t.free_mail_rows, 2);
    assert_eq!(t.ambiguous_domains.len(), 1);
    assert_eq!(t.ambiguous_domains[0].domain, "umbrella.com");
    assert_eq!(t.ambiguous_domains[0].customers, vec!["A3".to_string(), "A4".to_string()]);
    assert_eq!(t.ambiguous_domains[0].rows, 1);
    // Keys are read by the one identity rule: "Ann@Acme.COM" is ann@acme.com in every source.
    assert_eq!(t.matches.get("ann@acme.com").map(String::as_str), Some("A1"));
    assert_eq!(t.matches.get("bob@acme.com").map(String::as_str), Some("A1"));
    assert_eq!(t.matches.get("A5").map(String::as_str), Some("A5"));
    assert_eq!(t.matches.get("carol.b@gmail.com").map(String::as_str), Some("A2"));
}

#[test]
fn one_rule_at_a_time() {
    let loaded = vec![load("accounts", ACCOUNTS), load("tickets", TICKETS)];
    let matched = |rule| {
        let joins = join_loaded(&loaded, &[(SourceId::Tickets, rule)]);
        report(&joins, "tickets").matched_rows
    };
    // Id: ticket 6 only. E-mail: tickets 1 and 8. Domain: 1 and 2 (acme.com); 8 is gmail.com,
    // "A5" names no domain, 5 is ambiguous.
    assert_eq!(matched(JoinRule::Id), 1);
    assert_eq!(matched(JoinRule::Email), 2);
    assert_eq!(matched(JoinRule::Domain), 2);
    assert_eq!(matched(JoinRule::Auto), 4);
}

#[test]
fn orders_surveys_and_usage_join_by_their_own_keys() {
    let orders = "Order ID,Customer Email,Date,Total\n1001,ANN@acme.com,2024-01-03,10.00\n1002,,2024-01-04,5.00\n";
    let surveys = "Date,Respondent,NPS\n2024-01-05,ann@acme.com,9\n2024-01-06,someone@globex.org,7\n2024-01-07,zed@nowhere.net,3\n";
    let usage = "User ID,Customer ID,Timestamp\nu1,A1,2024-01-01T10:00:00\nu2,A1,2024-01-02T10:00:00\nu3,A9,2024-01-02T10:00:00\n";
    let loaded = vec![load("usage", usage), load("surveys", surveys), load("orders", orders), load("accounts", ACCOUNTS)];
    let joins = join_loaded(&loaded, &[]);
    // In SOURCES order.
    assert_eq!(joins.iter().map(|j| j.source.name()).collect::<Vec<_>>(), ["orders", "surveys", "usage"]);
    // Order 1001 → A1 by e-mail; order 1002 has no customer.
    let o = report(&joins, "orders");
    assert_eq!((o.rows, o.matched_rows, o.by_rule.email), (2, 1, 1));
    assert_eq!(o.unmatched_keys, vec![key("(blank)", 1)]);
    // ann@acme.com → A1 by e-mail, someone@globex.org → A5 by its website's domain.
    let s = report(&joins, "surveys");
    assert_eq!((s.rows, s.matched_rows, s.by_rule.email, s.by_rule.domain), (3, 2, 1, 1));
    assert_eq!(s.unmatched_keys, vec![key("zed@nowhere.net", 1)]);
    // Two events of A1 by id; A9 is no customer.
    let u = report(&joins, "usage");
    assert_eq!((u.rows, u.matched_rows, u.by_rule.id), (3, 2, 2));
    assert_eq!(u.unmatched_keys, vec![key("A9", 1)]);
}

#[test]
fn subscriptions_give_the_stripe_customer_email() {
    let subs = "Customer ID,Customer Email,Amount,Interval,Start\nS1,Pat@Initrode.com,10,month,2024-01-01\nS1,pat@initrode.com,20,month,2024-02-01\nS2,,5,month,2024-01-01\n";
    let tickets = "Ticket ID,Created,Requester\n1,2024-01-02 09:00,pat@initrode.com\n2,2024-01-03 09:00,lee@initrode.com\n3,2024-01-04 09:00,S2\n";
    let loaded = vec![load("subscriptions", subs), load("tickets", tickets)];
    let mapping = loaded[0].mapping();
    assert!(mapping.iter().any(|(r, c)| *r == "email" && c == &vec!["Customer Email".to_string()]));
    let joins = join_loaded(&loaded, &[]);
    let t = report(&joins, "tickets");
    // pat@ by e-mail, lee@ by the domain of S1's e-mail, S2 by id.
    assert_eq!((t.rows, t.matched_rows), (3, 3));
    assert_eq!((t.by_rule.id, t.by_rule.email, t.by_rule.domain), (1, 1, 1));
}

#[test]
fn no_directory_no_join() {
    assert!(join_loaded(&[load("tickets", TICKETS)], &[]).is_empty());
}

#[test]
fn the_join_on_keys_trims_case_folds_and_adds_repeated_keys() {
    let directory = Directory::new(&[
        Contact { customer: "c1".into(), email: Some("ann@acme.com".into()), ..Default::default() },
        Contact { customer: "c2".into(), website: Some("https://www.acme.com/about".into()), ..Default::default() },
        Contact { customer: "c3".into(), email: Some("x@gmail.com".into()), ..Default::default() },
    ]);
    // acme.com is c1's (e-mail) and c2's (website): ambiguous.
    assert_eq!(directory.ambiguous.get("acme.com"), Some(&vec!["c1".to_string(), "c2".to_string()]));
    let keys =
        vec![(" Ann@Acme.COM ".to_string(), 2), ("bob@acme.com".to_string(), 1), ("  ".to_string(), 4), ("".to_string(), 1), ("y@gmail.com".to_string(), 3)];
    let r = join(SourceId::Tickets, &directory, &keys, JoinRule::Auto);
    // 2 + 1 + 4 + 1 + 3 = 11 rows; only the two of ann@ match. "  " and "" are one blank key of 5 rows.
    assert_eq!((r.rows, r.matched_rows, r.keys, r.unmatched_count), (11, 2, 4, 3));
    assert_eq!(r.unmatched_keys, vec![key("(blank)", 5), key("y@gmail.com", 3), key("bob@acme.com", 1)]);
    assert_eq!((r.free_mail_rows, r.ambiguous_domains.len()), (3, 1));
}

/// The engagement rate relates usage to paying customers by the join's rules, as the health score
/// does: a usage file keyed by people's e-mails reaches the accounts by their e-mail or their
/// company's domain, not by ids alone (which would read 0 % and ask for a column the file lacks).
#[test]
fn the_engagement_rate_matches_usage_by_email_and_domain() {
    let accounts =
        "customer,status,email,website\nA1,active,ann@acme.com,acme.com\nA2,active,,https://www.beta.io\nA3,active,,gamma.io\nA4,churned,,delta.io\n";
    let usage = "user,timestamp\n Ann@Acme.COM ,2024-01-02\nbob@acme.com,2024-01-03\ncarl@beta.io,2024-01-04\nzed@gmail.com,2024-01-05\n";
    let loaded = vec![load("accounts", accounts), load("usage", usage)];
    let all = northstar_metrics::catalog::kpis_of_all(&loaded, &northstar_metrics::source::Query::new(northstar_metrics::Granularity::Month));
    let rate = all.iter().flat_map(|(_, k)| k).find(|k| k.id == "engagement_rate" && k.period == "2024-01").unwrap();
    // A1 (by e-mail, and bob by acme.com), A2 (by beta.io) of the active A1, A2, A3; gmail.com names no company.
    assert_eq!((rate.value, rate.n, rate.warning.as_deref()), (Some(2.0 / 3.0), 3, None));
}
