//! In-browser tests (wasm-bindgen-test in headless Chromium): the app mounts on the demo, values
//! carry their data attributes, the canvas is drawn, settings survive storage round trips, and
//! corrupt storage gives defaults with a notice.

use leptos::prelude::*;
use northstar::browser::storage::{load_settings, save_settings, SETTINGS_KEY, SETTINGS_KEY_V1};
use northstar::state::models::{cards, status, Status};
use northstar::state::{Settings, Workbench};
use northstar_metrics::Granularity;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Resolves after the browser has run pending tasks (effects, rendering).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn status_follows_direction_and_target() {
    assert_eq!(status(Some(31.0), Some(30.0), true), Status::OnTrack);
    assert_eq!(status(Some(29.0), Some(30.0), true), Status::OffTrack);
    assert_eq!(status(Some(2.0), Some(3.0), false), Status::OnTrack);
    assert_eq!(status(None, Some(3.0), true), Status::NoData);
    assert_eq!(status(Some(1.0), None, true), Status::NoTarget);
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
    assert_eq!(s.page, northstar::state::Page::Support);
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

#[wasm_bindgen_test]
fn workbench_computes_kpis_and_remembers_a_mapping_change() {
    let owner = Owner::new();
    owner.with(|| {
        let wb = Workbench::with_settings(Settings::default(), None);
        let store = wb.surveys.source;
        store.load("t.csv".into(), b"when,q\n2024-01-02,10\n2024-01-03,0\n2024-02-01,9\n".to_vec());
        // "q" is not recognised, so there is no score column yet: a clear error, not a panic.
        let err = store.data.get_untracked().unwrap().err().unwrap();
        assert!(err.contains("available columns: when, q"), "{err}");
        store.set_role("q", "nps");
        store.set_role("when", "date");
        let kpis = wb.surveys.kpis.get_untracked();
        let nps: Vec<(String, Option<f64>)> = kpis.iter().filter(|k| k.id == "nps").map(|k| (k.period.clone(), k.value)).collect();
        assert_eq!(nps, [("2024-01".to_string(), Some(0.0)), ("2024-02".to_string(), Some(100.0))]);
        assert_eq!(wb.settings.with_untracked(|s| s.sources.surveys.mappings.len()), 1, "the mapping is remembered per header");
        let c = cards(&kpis, &wb.settings.get_untracked().targets);
        assert_eq!(c.iter().find(|c| c.id == "nps").unwrap().period, "2024-02");
        // A KPI-only setting recomputes without reading the file again; an ingest one re-reads.
        let reads = store.reads();
        wb.update_settings(|s| s.sources.surveys.settings.kpi.csat_threshold = Some(3.0));
        let _ = wb.surveys.kpis.get_untracked();
        assert_eq!(store.reads(), reads, "a KPI setting does not re-read");
        wb.update_settings(|s| s.sources.surveys.settings.ingest.date_order = northstar_metrics::parse::DateOrder::Dmy);
        let _ = wb.surveys.kpis.get_untracked();
        assert_eq!(store.reads(), reads + 1, "an ingest setting re-reads");
        store.reset();
        assert!(store.data.get_untracked().unwrap().is_err());
    });
}

fn inked_pixels(root: &web_sys::Element, chart: &str) -> usize {
    let canvas: web_sys::HtmlCanvasElement = root.query_selector(&format!("canvas[data-chart='{chart}']")).unwrap().unwrap().unchecked_into();
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let pixels = ctx.get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64).unwrap().data();
    pixels.chunks(4).filter(|p| p[3] > 0 && (p[0] < 200 || p[1] < 200 || p[2] < 200)).count()
}

#[wasm_bindgen_test]
async fn app_mounts_on_the_demos_with_values_and_drawn_charts() {
    storage().remove_item(SETTINGS_KEY).unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), northstar::App);
    next_task().await;
    next_task().await;

    // Revenue first: 24 months of demo subscriptions.
    let card = root.query_selector(".kpi-card [data-kpi='mrr']").unwrap().expect("an MRR card");
    let mrr: f64 = card.get_attribute("data-value").unwrap().parse().expect("a number");
    assert!(mrr > 0.0);
    assert_eq!(card.get_attribute("data-period").as_deref(), Some("2026-10"));
    assert_eq!(root.query_selector_all("[data-testid='subscriptions-series-table'] td[data-kpi='mrr']").unwrap().length(), 24);
    let end: f64 = root.query_selector("[data-bridge='end']").unwrap().unwrap().get_attribute("data-value").unwrap().parse().unwrap();
    assert_eq!(end, mrr, "the bridge ends at the period's MRR");
    for chart in ["bridge", "movements", "mrr", "churn"] {
        assert!(inked_pixels(&root, chart) > 2_000, "{chart} chart is drawn");
    }

    // Then surveys: 18 months of demo answers.
    let tab: web_sys::HtmlElement = root.query_selector("[data-page='surveys']").unwrap().unwrap().unchecked_into();
    tab.click();
    next_task().await;
    next_task().await;
    let card = root.query_selector(".kpi-card [data-kpi='nps']").unwrap().expect("an NPS card");
    let value: f64 = card.get_attribute("data-value").unwrap().parse().expect("a number");
    assert!((-100.0..=100.0).contains(&value));
    assert_eq!(card.get_attribute("data-period").as_deref(), Some("2026-10"));
    assert_eq!(root.query_selector_all("td[data-kpi='nps']").unwrap().length(), 18, "18 months of demo data");
    assert!(inked_pixels(&root, "trend") > 2_000, "the trend chart is drawn");
    drop(handle);
    storage().remove_item(SETTINGS_KEY).unwrap();
}
