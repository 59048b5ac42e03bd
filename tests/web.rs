//! In-browser tests (wasm-bindgen-test in headless Chromium): the engine reads, computes and reads
//! again only when it must; every page's results and every source's view cross the worker's wire
//! unchanged; settings survive storage round trips, and corrupt storage gives defaults with a
//! notice. The whole app, with its worker, is tested end to end (tests/e2e).

use leptos::prelude::*;
use northstar::browser::storage::{load_settings, save_settings, SETTINGS_KEY, SETTINGS_KEY_V1};
use northstar::engine::{AnyStore, Engine, FileInfo};
use northstar::state::Workbench;
use northstar_metrics::format::Style;
use northstar_metrics::Granularity;
use northstar_metrics::RoleMapping;
use northstar_view::cards::{cards, is_partial};
use northstar_view::wire::FromWorker;
use northstar_view::{Page, Settings};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn settings_round_trip_and_corrupt_storage_falls_back_with_a_notice() {
    storage().remove_item(SETTINGS_KEY).unwrap();
    storage().remove_item(SETTINGS_KEY_V1).unwrap();
    let (s, notice) = load_settings();
    assert_eq!(s, Settings::default());
    assert_eq!(notice, None, "a first visit is not an error");

    let mut changed = Settings::default();
    changed.surveys.period = Granularity::Quarter;
    changed.targets.insert("nps".into(), 42.0);
    save_settings(&changed).unwrap();
    assert_eq!(load_settings().0, changed);

    storage().set_item(SETTINGS_KEY, "{not json").unwrap();
    let (s, notice) = load_settings();
    assert_eq!(s, Settings::default());
    assert!(notice.unwrap().contains("could not be read"));

    // Unknown and missing fields are tolerated (forward and backward compatible).
    storage().set_item(SETTINGS_KEY, r#"{"surveys":{"period":"week"},"future_field":1}"#).unwrap();
    let (s, notice) = load_settings();
    assert_eq!(s.surveys.period, Granularity::Week);
    assert_eq!(notice, None);
    storage().remove_item(SETTINGS_KEY).unwrap();
}

#[wasm_bindgen_test]
fn settings_stored_under_the_first_key_are_migrated() {
    storage().remove_item(SETTINGS_KEY).unwrap();
    // A document as the first version stored it: survey settings and mappings at the top level,
    // each other source's settings inside its page.
    let v1 = r#"{"period":"quarter","segment":"plan","surveys":{"nps_scale":{"min":1,"max":5},"csat_threshold":3.0},"targets":{"nps":41.0},
        "mappings":{"sig-a":{"score":"Q1","segment":["plan"]}},"distribution_kind":"csat","page":"support",
        "revenue":{"period":"week","subscriptions":{"gross_margin":0.8,"currency":"EUR"},"breakdown":"plan"},
        "subscription_mappings":{"sig-b":{"customer":"cust"}},"account_mappings":{"sig-c":{"status":"state"}},
        "support":{"period":"day","tickets":{"sla_hours":8.0,"resolution_activity":"Close"},"agent_period":"2024-01"},
        "ticket_mappings":{"sig-d":{"id":"Ticket"}},"product":{"period":"week","usage":{"activation_event":"export","activation_days":14}},
        "usage_mappings":{"sig-e":{"user":"who"}}}"#;
    storage().set_item(SETTINGS_KEY_V1, v1).unwrap();
    let (s, notice) = load_settings();
    assert_eq!(notice, None);
    assert_eq!((s.surveys.period, s.surveys.segment.as_deref()), (Granularity::Quarter, Some("plan")));
    assert_eq!(s.sources.surveys.settings.ingest.nps_scale.label(), "1-5");
    assert_eq!(s.sources.surveys.settings.kpi.csat_threshold, Some(3.0));
    assert_eq!(s.sources.surveys.mappings["sig-a"].score.as_deref(), Some("Q1"));
    assert_eq!(s.surveys.distribution_kind.map(|k| k.as_str()), Some("csat"));
    assert_eq!(s.page, Page::Support);
    assert_eq!(s.targets["nps"], 41.0);
    assert_eq!((s.revenue.period, s.revenue.breakdown.as_deref()), (Granularity::Week, Some("plan")));
    assert_eq!(s.sources.subscriptions.settings.kpi.gross_margin, 0.8);
    assert_eq!(s.sources.subscriptions.settings.ingest.currency.as_deref(), Some("EUR"));
    assert_eq!(s.sources.subscriptions.mappings["sig-b"].customer.as_deref(), Some("cust"));
    assert_eq!(s.sources.accounts.mappings["sig-c"].status.as_deref(), Some("state"));
    assert_eq!((s.support.period, s.support.agent_period.as_deref()), (Granularity::Day, Some("2024-01")));
    assert_eq!(s.sources.tickets.settings.kpi.sla_hours, 8.0);
    assert_eq!(s.sources.tickets.settings.ingest.resolution_activity, "Close");
    assert_eq!(s.sources.tickets.mappings["sig-d"].id.as_deref(), Some("Ticket"));
    assert_eq!(s.product.period, Granularity::Week);
    assert_eq!(s.sources.usage.settings.kpi.activation_event.as_deref(), Some("export"));
    assert_eq!(s.sources.usage.settings.kpi.activation_days, 14);
    assert_eq!(s.sources.usage.mappings["sig-e"].user.as_deref(), Some("who"));
    // Once saved, the current key wins over the old one.
    save_settings(&Settings::default()).unwrap();
    assert_eq!(load_settings().0, Settings::default());
    storage().remove_item(SETTINGS_KEY).unwrap();
    storage().remove_item(SETTINGS_KEY_V1).unwrap();
}

/// Reads `bytes` into `store` as the worker does: sniff the prefix, feed, finish.
fn read_into(store: &dyn AnyStore, name: &str, bytes: &[u8]) {
    read_as(store, name, bytes, false)
}

fn read_as(store: &dyn AnyStore, name: &str, bytes: &[u8], is_demo: bool) {
    let file = FileInfo { name: name.into(), is_demo, ..FileInfo::default() };
    let mut reading = store.begin(file, &bytes[..bytes.len().min(256 * 1024)]);
    reading.feed(bytes);
    reading.finish();
}

#[wasm_bindgen_test]
fn the_engine_reads_computes_and_reads_again_only_for_ingest_changes() {
    let owner = Owner::new();
    owner.with(|| {
        let engine = Engine::new(Settings::default());
        let store = engine.sources.surveys;
        read_into(&store, "t.csv", b"when,q\n2024-01-02,10\n2024-01-03,0\n2024-02-01,9\n");
        // "q" is not recognised, so there is no score column yet: a clear error, not a panic.
        let err = store.data.get_untracked().unwrap().err().unwrap().to_string();
        assert!(err.contains("available columns: when, q"), "{err}");
        // The page remembers a mapping in the settings (as `SourceMirror::set_role` does): the file is stale.
        let sig = store.view().signature.unwrap();
        let mut m = store.view().mapping;
        m.assign("q", "nps");
        m.assign("when", "date");
        engine.settings.update(|s| {
            s.sources.surveys.mappings.insert(sig, m);
        });
        assert!(store.stale(), "a new mapping means reading again");
        read_into(&store, "t.csv", b"when,q\n2024-01-02,10\n2024-01-03,0\n2024-02-01,9\n");
        assert!(!store.stale());
        let kpis = engine.surveys.kpis.get_untracked();
        let nps: Vec<(String, Option<f64>)> = kpis.iter().filter(|k| k.id == "nps").map(|k| (k.period.clone(), k.value)).collect();
        assert_eq!(nps, [("2024-01".to_string(), Some(0.0)), ("2024-02".to_string(), Some(100.0))]);
        assert!(store.view().custom, "the mapping is the user's");
        // The data spans 2024-01-01 to 2024-02-01: February is partial, so the cards show January by default.
        let c = cards(&kpis, &engine.settings.get_untracked().targets, None, Some((19723, 19754)), &Style::default());
        assert_eq!(c.shown.as_ref().map(|p| (p.label.as_str(), p.partial)), Some(("2024-01", false)));
        assert_eq!(c.cards.iter().find(|c| c.id == "nps").unwrap().period, "2024-01");
        let picked = cards(&kpis, &engine.settings.get_untracked().targets, Some("2024-02"), Some((19723, 19754)), &Style::default());
        assert_eq!(picked.shown.map(|p| (p.label, p.partial)), Some(("2024-02".to_string(), true)));
        assert_eq!(picked.cards.iter().find(|c| c.id == "nps").unwrap().previous, Some(0.0));
        assert!(is_partial("2024-02", Some((19723, 19754))) && !is_partial("2024-01", Some((19723, 19754))));
        // A KPI-only setting recomputes without reading the file again; an ingest one re-reads.
        engine.settings.update(|s| s.sources.surveys.settings.kpi.csat_threshold = Some(3.0));
        assert!(!store.stale(), "a KPI setting does not re-read");
        engine.settings.update(|s| s.sources.surveys.settings.ingest.date_order = northstar_metrics::parse::DateOrder::Dmy);
        assert!(store.stale(), "an ingest setting re-reads");
        assert_eq!(store.reads(), 2);
    });
}

#[wasm_bindgen_test]
fn every_page_and_source_view_crosses_the_wire_unchanged() {
    let owner = Owner::new();
    owner.with(|| {
        let engine = Engine::new(Settings::default());
        for store in engine.sources.all() {
            read_into(store, "demo.csv", store.demo().as_bytes());
        }
        let wb = Workbench::with_settings(Settings::default(), None);
        for store in engine.sources.all() {
            let sent = serde_json::to_string(&FromWorker::Source { source: store.id(), view: store.view_json() }).unwrap();
            wb.receive(serde_json::from_str(&sent).unwrap());
        }
        assert_eq!(wb.sources.tickets.view.get_untracked(), engine.sources.tickets.view());
        assert_eq!(wb.sources.surveys.view.get_untracked(), engine.sources.surveys.view());
        assert!(wb.sources.orders.view.get_untracked().meta.unwrap().rows > 0);
        for &(page, _) in Page::ALL {
            let results = engine.results(page);
            let sent = serde_json::to_string(&FromWorker::Results(Box::new(results.clone()))).unwrap();
            let FromWorker::Results(back) = serde_json::from_str(&sent).unwrap() else { panic!("results") };
            assert_eq!(*back, results, "{page:?}");
            wb.receive(FromWorker::Results(back));
        }
        assert!(wb.pages.revenue.results.with_untracked(|r| r.kpis.iter().any(|k| k.id == "mrr" && k.value.unwrap_or(0.0) > 0.0)));
        assert!(wb.pages.orders.results.with_untracked(|r| !r.cohorts.is_empty()));
        assert!(wb.pages.support.results.with_untracked(|r| r.kpis.iter().any(|k| k.id == "ticket_volume")));
        // The demo's tickets, usage, surveys and orders name the revenue demo's customers.
        let health = wb.pages.health.results.get_untracked();
        let rate = |s: &str| health.joins.iter().find(|j| j.source.name() == s).and_then(|j| j.match_rate());
        assert_eq!((rate("tickets"), rate("usage"), rate("orders")), (Some(1.0), Some(1.0), Some(1.0)));
        assert!(rate("surveys").is_some_and(|r| r > 0.9 && r < 1.0), "a few trial respondents never paid");
        assert!(!health.risk.is_empty() && health.kpis.iter().any(|k| k.id == "mrr_at_risk"));
        assert!(!wb.pages.customers.results.get_untracked().hits.is_empty(), "the lowest scores before any search");
    });
}

#[wasm_bindgen_test]
fn health_joins_demo_with_demo_only_and_weights_recompute_without_joining() {
    let owner = Owner::new();
    owner.with(|| {
        let engine = Engine::new(Settings::default());
        let (subs, tickets) = (engine.sources.subscriptions, engine.sources.tickets);
        read_as(&subs, "demo-subscriptions.csv", subs.demo().as_bytes(), true);
        read_as(&tickets, "mine.csv", tickets.demo().as_bytes(), false);
        assert!(engine.health.book.get_untracked().joins.is_empty(), "the user's tickets never join the demo's customers");
        read_as(&tickets, "demo-tickets.csv", tickets.demo().as_bytes(), true);
        let book = engine.health.book.get_untracked();
        assert_eq!(book.joins.len(), 1);
        let auc = || engine.health.kpis.get_untracked().iter().filter(|k| k.id == "health_auc").map(|k| k.value).collect::<Vec<_>>();
        let before = auc();
        engine.settings.update(|s| s.health.score.apply("weight.tickets", "0").unwrap());
        assert!(engine.health.book.get_untracked() == book, "a weight does not join again");
        assert_ne!(auc(), before, "a weight changes the back-test");
    });
}

#[wasm_bindgen_test]
fn demo_data_never_joins_the_users_files() {
    let owner = Owner::new();
    owner.with(|| {
        let engine = Engine::new(Settings::default());
        let subs = engine.sources.subscriptions;
        read_as(&subs, "demo-subscriptions.csv", subs.demo().as_bytes(), true);
        let usage = engine.sources.usage;
        let engagement = || engine.product.kpis.get_untracked().iter().filter(|k| k.id == "engagement_rate" && k.segment.is_none()).any(|k| k.value.is_some());
        // The demo usage divides by the demo's paying customers…
        read_as(&usage, "demo-usage.csv", usage.demo().as_bytes(), true);
        assert!(engagement(), "demo with demo");
        // …the user's own usage file never by the demo's.
        read_as(&usage, "mine.csv", usage.demo().as_bytes(), false);
        assert!(!engagement(), "user data with demo data");
        assert!(usage.ok_beside(&subs).is_none() && subs.ok_beside(&usage).is_none());
        read_as(&subs, "my-subscriptions.csv", subs.demo().as_bytes(), false);
        assert!(engagement(), "user data with user data");
    });
}
