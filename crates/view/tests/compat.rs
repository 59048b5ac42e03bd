//! What earlier versions wrote still reads: a settings document stored by every earlier shape (the
//! first key's, version 2 without a `version`, version 3 as written before the source ids became
//! an enum), and a share link made before that change (fixtures/, made with the code of commit
//! 425b63c: `examples/old_link.rs` there, as described in fixtures/README.md).

use northstar_metrics::join::JoinRule;
use northstar_metrics::source::SourceId;
use northstar_metrics::Granularity;
use northstar_view::share::open_link;
use northstar_view::{Page, Settings};

const LINK: &str = include_str!("fixtures/link-before-issue-19.txt");
const SETTINGS_V3: &str = include_str!("fixtures/settings-v3-before-issue-19.json");

fn check_old_choices(s: &Settings) {
    assert_eq!(s.page, Page::Revenue);
    assert_eq!(s.targets["nrr"], 1.05);
    assert_eq!(s.targets["responses.csat"], 40.0);
    assert_eq!(s.card_periods["revenue"], "2026-03");
    assert_eq!(s.revenue.filter, Some(("region".to_string(), "EMEA".to_string())));
    assert_eq!(s.sources.subscriptions.settings.kpi.gross_margin, 0.8);
    assert_eq!(s.sources.tickets.settings.kpi.sla_hours, 8.0);
    assert_eq!(s.sources.subscriptions.mappings["sig-b"].customer.as_deref(), Some("cust"));
    assert_eq!(s.health.join_rules.get(&SourceId::Tickets), Some(&JoinRule::Email));
    assert_eq!(s.health.rules(), [(SourceId::Tickets, JoinRule::Email)]);
    assert_eq!(s.health.period.as_deref(), Some("2026-02"));
    // What the user did not change is the default.
    assert_eq!(s.sources.usage.settings, Settings::default().sources.usage.settings);
}

#[test]
fn settings_stored_before_the_source_ids_became_an_enum_still_load() {
    let s = Settings::from_json(SETTINGS_V3, 2).unwrap();
    check_old_choices(&s);
    // Written again, they read the same.
    let again = Settings::from_json(&serde_json::to_string(&s).unwrap(), 2).unwrap();
    assert_eq!(again, s);
}

#[test]
fn a_link_made_before_the_change_still_opens() {
    let (settings, results) = open_link(LINK.trim()).unwrap();
    check_old_choices(&settings);
    let results = results.expect("the link carries results");
    assert_eq!(results.files(), ["demo-subscriptions.csv"]);
    let page = results.page("revenue").expect("the revenue page's values");
    assert!(page.kpis.iter().any(|k| k.id == "mrr" && k.source == "subscriptions" && k.value.is_some()));
    assert!(page.kpis.iter().any(|k| k.id == "nrr"));
}

#[test]
fn a_version_2_document_keeps_the_users_targets_and_drops_the_old_suggestions() {
    // Before version 3 the suggested targets were stored as if the user had set them.
    let v2 = r#"{"page":"support","targets":{"nps":30.0,"csat":75.0},"support":{"period":"week"},
        "sources":{"tickets":{"settings":{"sla_hours":12.0},"mappings":{"sig":{"id":"Ticket"}}}}}"#;
    let s = Settings::from_json(v2, 2).unwrap();
    assert_eq!(s.page, Page::Support);
    assert_eq!(s.targets.get("nps"), None, "30 was the suggestion");
    assert_eq!(s.targets["csat"], 75.0);
    assert_eq!(s.support.period, Granularity::Week);
    assert_eq!(s.sources.tickets.settings.kpi.sla_hours, 12.0);
    assert_eq!(s.sources.tickets.mappings["sig"].id.as_deref(), Some("Ticket"));
    assert_eq!(s.version, northstar_view::settings::SETTINGS_VERSION);
}

#[test]
fn a_document_under_the_first_key_is_migrated() {
    let v1 = r#"{"period":"quarter","segment":"plan","surveys":{"nps_scale":{"min":1,"max":5},"csat_threshold":3.0},"targets":{"nps":41.0},
        "mappings":{"sig-a":{"score":"Q1","segment":["plan"]}},"distribution_kind":"csat","page":"support",
        "revenue":{"period":"week","subscriptions":{"gross_margin":0.8,"currency":"EUR"},"breakdown":"plan"},
        "subscription_mappings":{"sig-b":{"customer":"cust"}},"account_mappings":{"sig-c":{"status":"state"}},
        "support":{"period":"day","tickets":{"sla_hours":8.0,"resolution_activity":"Close"},"agent_period":"2024-01"},
        "ticket_mappings":{"sig-d":{"id":"Ticket"}},"product":{"period":"week","usage":{"activation_event":"export","activation_days":14}},
        "usage_mappings":{"sig-e":{"user":"who"}}}"#;
    let s = Settings::from_json(v1, 1).unwrap();
    assert_eq!((s.surveys.period, s.surveys.segment.as_deref()), (Granularity::Quarter, Some("plan")));
    assert_eq!(s.sources.surveys.settings.kpi.csat_threshold, Some(3.0));
    assert_eq!(s.sources.surveys.mappings["sig-a"].score.as_deref(), Some("Q1"));
    assert_eq!(s.page, Page::Support);
    assert_eq!(s.sources.subscriptions.settings.ingest.currency.as_deref(), Some("EUR"));
    assert_eq!(s.sources.accounts.mappings["sig-c"].status.as_deref(), Some("state"));
    assert_eq!(s.sources.tickets.settings.ingest.resolution_activity, "Close");
    assert_eq!(s.sources.usage.settings.kpi.activation_event.as_deref(), Some("export"));
    assert_eq!(s.sources.usage.mappings["sig-e"].user.as_deref(), Some("who"));
}

#[test]
fn unknown_fields_are_tolerated_and_missing_ones_are_defaults() {
    let s = Settings::from_json(r#"{"version":3,"surveys":{"period":"week"},"future_field":1}"#, 2).unwrap();
    assert_eq!(s.surveys.period, Granularity::Week);
    assert_eq!(s.sources, Settings::default().sources);
}

#[test]
fn a_broken_link_says_why() {
    let err = open_link("s=1.AAAA").unwrap_err();
    assert!(matches!(err, northstar_view::share::OpenError::Link(_)), "{err}");
    assert!(!err.to_string().is_empty());
}
