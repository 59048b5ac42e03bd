//! Sources meet only through typed capabilities in `Context` (`source::capability`): these tests
//! load real source kinds through the catalog and check what one offers another. The funnel takes
//! LTV, ARPA and retained customers as measures of the sources loaded before it; usage divides by
//! the paying customers of subscriptions or of an accounts snapshot; subscriptions are cut by the
//! accounts' columns (see join.rs).

use northstar_metrics::catalog::{by_id, by_name, kpis_of_all, Loaded, Options, SOURCES};
use northstar_metrics::ingest::sniff;
use northstar_metrics::source::{Context, Measure, Query, SourceId};
use northstar_metrics::Granularity;

fn load(name: &str, csv: &str) -> Box<dyn Loaded> {
    let s = sniff(csv.as_bytes());
    let mut loading = by_name(name).unwrap().open(&format!("{name}.csv"), &s, &Options::default()).unwrap();
    loading.feed(csv.as_bytes());
    loading.finish()
}

fn demo(id: SourceId) -> Box<dyn Loaded> {
    load(id.name(), &by_id(id).demo())
}

#[test]
fn the_funnel_runs_after_accounts_and_takes_its_arpa() {
    let loaded = [load("funnel", "Month,New customers,Spend\n2024-05,4,1000\n"), load("accounts", "customer,status,mrr\na,active,100\nb,active,150\n")];
    let all = kpis_of_all(&loaded, &Query::new(Granularity::Month));
    assert_eq!(all.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [SourceId::Accounts, SourceId::Funnel]);
    let payback = all[1].1.iter().find(|k| k.id == "cac_payback_months").unwrap();
    // CAC 1000 / 4 = 250 over the accounts ARPA (100 + 150) / 2 = 125.
    assert_eq!((payback.value, payback.basis), (Some(2.0), Some("accounts")));
}

#[test]
fn each_measure_is_offered_by_the_sources_that_carry_it_in_the_catalogs_order() {
    let providers = |m: Measure| -> Vec<SourceId> { SOURCES.iter().filter(|s| s.provides().iter().any(|p| p.measure == m)).map(|s| s.id()).collect() };
    assert_eq!(providers(Measure::Ltv), [SourceId::Subscriptions, SourceId::Orders]);
    assert_eq!(providers(Measure::Arpa), [SourceId::Subscriptions, SourceId::Accounts]);
    assert_eq!(providers(Measure::RetainedCustomers), [SourceId::Subscriptions]);
    // Whatever order the context is filled in, the catalog's order decides.
    let subs = demo(SourceId::Subscriptions);
    let orders = demo(SourceId::Orders);
    let q = Query::new(Granularity::Month);
    let (s, o) = (subs.kpis(&q, &Context::default()), orders.kpis(&q, &Context::default()));
    let ctx = Context::default().with_kpis(SourceId::Orders, by_id(SourceId::Orders).provides(), &o).with_kpis(
        SourceId::Subscriptions,
        by_id(SourceId::Subscriptions).provides(),
        &s,
    );
    let ltv = ctx.measure(Measure::Ltv);
    assert_eq!(ltv.iter().map(|m| m.source).collect::<Vec<_>>(), [SourceId::Subscriptions, SourceId::Orders]);
}

#[test]
fn paying_customers_come_from_subscriptions_per_period_and_from_accounts_as_a_snapshot() {
    let subs = demo(SourceId::Subscriptions);
    let accounts = demo(SourceId::Accounts);
    let ctx = Context::default().with_data(SourceId::Accounts, accounts.source_data()).with_data(SourceId::Subscriptions, subs.source_data());
    let sources = ctx.paying_customers();
    assert_eq!(sources.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [SourceId::Subscriptions, SourceId::Accounts]);
    let (_, a) = ctx.customer_attributes().map(|(id, a)| (id, a.attribute_columns().len())).unwrap();
    assert!(a > 0, "the accounts demo has segment columns");
}

#[test]
fn the_funnel_demo_is_a_plausible_small_saas_beside_the_subscriptions_demo() {
    let loaded = [demo(SourceId::Subscriptions), load("funnel", &by_id(SourceId::Funnel).demo())];
    let mut options = Options::default();
    options.sets.push(("gross_margin".into(), "0.8".into()));
    let funnel = {
        let csv = by_id(SourceId::Funnel).demo();
        let mut l = by_id(SourceId::Funnel).open("funnel.csv", &sniff(csv.as_bytes()), &options).unwrap();
        l.feed(csv.as_bytes());
        l.finish()
    };
    let all = kpis_of_all(&[loaded.into_iter().next().unwrap(), funnel], &Query::new(Granularity::Month));
    let k = &all.iter().find(|(id, _)| *id == SourceId::Funnel).unwrap().1;
    let within = |id: &str, lo: f64, hi: f64| {
        let v: Vec<f64> = k.iter().filter(|k| k.id == id).flat_map(|k| k.value).collect();
        // Only the first month's LTV is undefined: nobody churned before it.
        assert!(v.len() >= 17, "{id}: {v:?}");
        assert!(v.iter().all(|x| (lo..=hi).contains(x)), "{id}: {v:?}");
    };
    within("conversion_rate", 0.0004, 0.0015);
    within("trial_to_paid_rate", 0.05, 0.12);
    within("cac", 1500.0, 4500.0);
    within("ltv_to_cac", 1.0, 10.0);
    within("cac_payback_months", 6.0, 24.0);
    within("customer_retention_cost", 10.0, 200.0);
    assert!(k.iter().filter(|k| k.id == "ltv_to_cac" && k.value.is_some()).all(|k| k.basis == Some("subscriptions")));
}
