//! The health score, its bands, the MRR at risk and the back-test (spec §7), on four customers
//! worked by hand as of the end of March 2024 (T = 2024-03-31; the last 30 days are Mar 2–31, the
//! 90 before them Dec 3–Mar 1), with the weights 25 trend, 15 per seat, 10 engagement, 20 survey,
//! 15 tickets, 15 MRR (set in the test; the defaults are checked on C1 at the end).
//!
//! Subscriptions (billing e-mails alpha.com, beta.com, gamma.io, delta.net):
//! - C1 100/month from 2023-12-01: m(Dec 31) = m(Mar 31) = 100 → `mrr_change` 100.
//! - C2 200/month from 2024-01-01, ends 2024-05-15: m(Dec 31) = 0 → no `mrr_change`; not active at
//!   the end of May, so it churns within the 3 months after March.
//! - C3 80/month from 2023-11-01 to 2024-02-01, then 50/month: 100 × 50 ÷ 80 = 62.5.
//! - C4 40/month from 2024-01-01, ends 2024-06-10: churns within the window (end of June).
//!
//! Usage (users are e-mails; the join goes by domain): C1 a@alpha.com on Feb 10, Feb 20 (the 30
//! 90 days before), Mar 5, Mar 10, and b@alpha.com on Mar 12, Jul 1 (after T: the data's last day):
//! trend 100 × min(1, 3 ÷ (2 ÷ 3)) = 100, seats {a, b}, both active → 100, 3 active days → 10.
//! C2 x@beta.com Dec 10–12, Jan 10–13, Feb 1–4 (11 in the 90 days before), Mar 20 (1 in the last
//! 30) and y@beta.com Jan 15 (12 before): trend 100 × 1 ÷ (12 ÷ 3) = 25, seats {x, y}, x active
//! → 50, 1 day → 100 ÷ 30.
//!
//! Surveys (NPS 0–10 → × 10): C1 9 on Mar 15 (90) and 2 on Apr 10 (after T: ignored). C2 3 and 5
//! on Feb 1, the same latest day → mean 40.
//!
//! Tickets (slow = first response after more than 24 h): C2 #1 opened Mar 25 09:00, first
//! response Mar 27 10:00 (49 h: slow), unsolved (open): 100 − 20 − 20 = 60; C2 #2 opened Jan 5,
//! answered in 1 h, solved Jan 6: no effect. C3 #3 opened Apr 2 (after T). So C1, C3, C4: 100.
//!
//! Scores:
//! - C1: (2500 + 1500 + 100 + 1800 + 1500 + 1500) ÷ 100 = 89 → green
//! - C2: (625 + 750 + 33.3… + 800 + 900) ÷ 85 = 3108.33… ÷ 85 = 36.568627… → red
//! - C3: (1500 + 937.5) ÷ 30 = 81.25 (usage and survey missing) → green
//! - C4: tickets only, 100 → green
//!
//! March: red 1, yellow 0, green 3; MRR at risk = C2's 200. Back-test: churners C2 (36.57) and C4
//! (100), stayers C1 (89) and C3 (81.25): C2 scores lower than both stayers (2 pairs), C4 than
//! neither: AUC 2 ÷ 4 = 0.5. Lowest tenth of 4 = ⌈0.4⌉ = 1 customer, C2, churned: lift (1 ÷ 1) ÷
//! (2 ÷ 4) = 2.

use northstar_metrics::calendar::days_from_civil;
use northstar_metrics::catalog::{by_name, Loaded, Options};
use northstar_metrics::health::{history, kpis::kpis, score_all, Band, Book, Component, HealthSettings};

const SUBSCRIPTIONS: &str = "customer,email,amount,interval,start,end
C1,ops@alpha.com,100,month,2023-12-01,
C2,it@beta.com,200,month,2024-01-01,2024-05-15
C3,cfo@gamma.io,80,month,2023-11-01,2024-02-01
C3,cfo@gamma.io,50,month,2024-02-01,
C4,me@delta.net,40,month,2024-01-01,2024-06-10
";

const USAGE: &str = "timestamp,user
2024-02-10 10:00,a@alpha.com
2024-02-20 10:00,a@alpha.com
2024-03-05 10:00,a@alpha.com
2024-03-10 10:00,a@alpha.com
2024-03-12 10:00,b@alpha.com
2024-07-01 10:00,b@alpha.com
2023-12-10 10:00,x@beta.com
2023-12-11 10:00,x@beta.com
2023-12-12 10:00,x@beta.com
2024-01-10 10:00,x@beta.com
2024-01-11 10:00,x@beta.com
2024-01-12 10:00,x@beta.com
2024-01-13 10:00,x@beta.com
2024-02-01 10:00,x@beta.com
2024-02-02 10:00,x@beta.com
2024-02-03 10:00,x@beta.com
2024-02-04 10:00,x@beta.com
2024-03-20 10:00,x@beta.com
2024-01-15 10:00,y@beta.com
";

const SURVEYS: &str = "date,email,nps
2024-03-15,ops@alpha.com,9
2024-04-10,ops@alpha.com,2
2024-02-01,x@beta.com,3
2024-02-01,y@beta.com,5
";

const TICKETS: &str = "id,created,first response,solved,requester
1,2024-03-25 09:00,2024-03-27 10:00,,x@beta.com
2,2024-01-05 09:00,2024-01-05 10:00,2024-01-06 09:00,x@beta.com
3,2024-04-02 09:00,2024-04-02 10:00,2024-04-03 09:00,cfo@gamma.io
";

fn load(kind: &str, csv: &str) -> Box<dyn Loaded> {
    let loaded = by_name(kind).unwrap().read(&format!("{kind}.csv"), csv.as_bytes(), &[], &Options::default()).unwrap();
    assert_eq!(loaded.meta().skipped_rows, 0, "{kind}: {:?}", loaded.meta().issues);
    loaded
}

fn book() -> Book {
    let loaded = vec![load("subscriptions", SUBSCRIPTIONS), load("surveys", SURVEYS), load("tickets", TICKETS), load("usage", USAGE)];
    northstar_metrics::catalog::book(&loaded, &[])
}

/// The weights the hand-worked scores use.
fn weights() -> HealthSettings {
    let mut s = HealthSettings::default();
    for (k, w) in [("usage_trend", "25"), ("usage_level", "15"), ("engagement", "10"), ("satisfaction", "20"), ("tickets", "15"), ("mrr_change", "15")] {
        s.apply(&format!("weight.{k}"), w).unwrap();
    }
    s
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn every_source_reaches_its_customer() {
    let b = book();
    let rates: Vec<(&str, u64, u64)> = b.joins.iter().map(|j| (j.source.name(), j.rows, j.matched_rows)).collect();
    assert_eq!(rates, vec![("surveys", 4, 4), ("tickets", 3, 3), ("usage", 19, 19)]);
    assert_eq!(b.last_day, Some(days_from_civil(2024, 7, 1)));
}

#[test]
fn scores_as_of_the_end_of_march_use_nothing_dated_after_it() {
    let b = book();
    let t = days_from_civil(2024, 3, 31);
    let scored = score_all(&b, t, &weights());
    let by_id = |id: &str| scored.iter().find(|s| b.customers[s.customer].contact.customer == id).unwrap();
    let component = |id: &str, c: Component| by_id(id).components.iter().find(|(k, _)| *k == c).map(|(_, v)| *v);

    assert_eq!(component("C1", Component::UsageTrend), Some(100.0));
    assert_eq!(component("C1", Component::UsageLevel), Some(100.0));
    assert_eq!(component("C1", Component::Engagement), Some(10.0));
    assert_eq!(component("C1", Component::Satisfaction), Some(90.0), "the April answer is after T");
    assert_eq!(component("C1", Component::Tickets), Some(100.0));
    assert_eq!(component("C1", Component::MrrChange), Some(100.0));
    assert!(close(by_id("C1").score.unwrap(), 89.0));

    assert_eq!(component("C2", Component::UsageTrend), Some(25.0));
    assert_eq!(component("C2", Component::UsageLevel), Some(50.0));
    assert!(close(component("C2", Component::Engagement).unwrap(), 100.0 / 30.0));
    assert_eq!(component("C2", Component::Satisfaction), Some(40.0));
    assert_eq!(component("C2", Component::Tickets), Some(60.0));
    assert_eq!(component("C2", Component::MrrChange), None, "no MRR three months before");
    assert!(close(by_id("C2").score.unwrap(), (625.0 + 750.0 + 100.0 / 3.0 + 800.0 + 900.0) / 85.0));
    assert_eq!(by_id("C2").band, Some(Band::Red));

    assert_eq!(component("C3", Component::UsageTrend), None);
    assert_eq!(component("C3", Component::Satisfaction), None);
    assert_eq!(component("C3", Component::Tickets), Some(100.0), "ticket 3 is after T");
    assert_eq!(component("C3", Component::MrrChange), Some(62.5));
    assert!(close(by_id("C3").score.unwrap(), 81.25));
    assert_eq!(by_id("C4").score, Some(100.0));

    let order: Vec<&str> = scored.iter().map(|s| b.customers[s.customer].contact.customer.as_str()).collect();
    assert_eq!(order, vec!["C2", "C3", "C1", "C4"], "lowest score first");
}

#[test]
fn march_bands_mrr_at_risk_and_back_test() {
    let b = book();
    // The fixed thresholds (red below 40, yellow below 70): four customers are too few to
    // calibrate on (`health::calibrate` has its own cases).
    let mut fixed = weights();
    fixed.apply("bands", "fixed").unwrap();
    let months = history(&b, &fixed);
    let values = kpis(&months, true);
    let v = |id: &str, period: &str| values.iter().find(|k| k.id == id && k.period == period).unwrap().value;
    assert_eq!(v("accounts_red", "2024-03"), Some(1.0));
    assert_eq!(v("accounts_yellow", "2024-03"), Some(0.0));
    assert_eq!(v("accounts_green", "2024-03"), Some(3.0));
    assert_eq!(v("mrr_at_risk", "2024-03"), Some(200.0));
    assert_eq!(v("health_auc", "2024-03"), Some(0.5));
    assert_eq!(v("health_top_decile_lift", "2024-03"), Some(2.0));
    // April's window (May–July) runs past the data's last day (Jul 1).
    assert_eq!(v("health_auc", "2024-04"), None);
    assert!(values.iter().any(|k| k.id == "health_auc" && k.period == "2024-04" && k.warning.as_deref().is_some_and(|w| w.contains("not all in the data"))));
}

#[test]
fn weights_and_thresholds_are_settings() {
    let b = book();
    let t = days_from_civil(2024, 3, 31);
    let mut s = weights();
    s.apply("weight.tickets", "0").unwrap();
    s.apply("red_below", "30").unwrap();
    let scored = score_all(&b, t, &s);
    let c2 = scored.iter().find(|x| b.customers[x.customer].contact.customer == "C2").unwrap();
    // Without tickets: (625 + 750 + 33.3… + 800) ÷ 70 = 31.19…, yellow under a red threshold of 30.
    assert!(close(c2.score.unwrap(), (625.0 + 750.0 + 100.0 / 3.0 + 800.0) / 70.0));
    assert_eq!(c2.band, Some(Band::Yellow));
    let c3 = scored.iter().find(|x| b.customers[x.customer].contact.customer == "C3").unwrap();
    assert_eq!(c3.score, Some(62.5), "C3 has only MRR change left");
    assert!(s.apply("weight.tickets", "-1").is_err());
    assert!(s.apply("weight.nope", "1").is_err());
    assert!(s.apply("as_of", "2024-02-30").is_err());
}

#[test]
fn default_weights() {
    // 15 trend, 10 per seat, 10 engagement, 30 survey, 10 tickets, 25 MRR: C1 = (1500 + 1000 + 100
    // + 2700 + 1000 + 2500) ÷ 100 = 88.
    let b = book();
    let scored = score_all(&b, days_from_civil(2024, 3, 31), &HealthSettings::default());
    let c1 = scored.iter().find(|x| b.customers[x.customer].contact.customer == "C1").unwrap();
    assert!(close(c1.score.unwrap(), 88.0));
}
