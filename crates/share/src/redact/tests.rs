use super::*;
use crate::{decode, encode, SharePayload};

fn kv(id: &'static str, source: &'static str, period: &str, segment: Option<&str>, value: Option<f64>) -> KpiValue {
    KpiValue {
        id,
        source,
        period: period.into(),
        segment: segment.map(Into::into),
        value,
        numerator: Some(7.0),
        denominator: Some(9.0),
        n: 9,
        kind: None,
        small_sample: false,
        basis: None,
        warning: Some("12 ids of accounts.csv match no customer, e.g. cus_9Xy8Zw7Vu6Ts".into()),
    }
}

#[test]
fn identifying_shapes() {
    for s in [
        "ann@acme.com",
        " ann@acme.com ",
        "@ann",
        "acme.com",
        "mail.acme.co.uk",
        "C-00042",
        "CUST0042",
        "ACC-2024-0001",
        "cus_NffrFeUfNV2Hib",
        "5f3a9c1e",
        "550e8400-e29b-41d4-a716-446655440000",
        "10042",
    ] {
        assert!(looks_identifying(s), "{s:?} should look identifying");
    }
    for s in [
        "Pro",
        "Enterprise annual",
        "EU-West-1",
        "51-200",
        "1000+",
        "2024",
        "iPhone15",
        "v2.3.1",
        "B2B",
        "pro_annual",
        "Alice Smith",
        "Zürich <script>alert(1)</script>",
        "deadbeef",
    ] {
        assert!(!looks_identifying(s), "{s:?} should not look identifying");
    }
}

#[test]
fn keeps_aggregates_only() {
    let health = [
        kv("accounts_red", "health", "2024-03", None, Some(4.0)),
        kv("health_score", "health", "2024-03", Some("Acme Corp"), Some(31.5)),
        kv("mrr_at_risk", "health", "2024-03", None, Some(f64::NAN)),
    ];
    let product = [
        kv("consumption_rate", "usage", "2024-03", None, Some(0.82)),
        kv("consumption_rate", "usage", "2024-03", Some("Globex"), Some(0.4)),
        kv("feature_adoption", "usage", "2024-03", Some("Reports"), Some(0.5)),
        kv("feature_adoption", "usage", "2024-03", Some("reports.example.com"), Some(0.1)),
    ];
    let support = [
        kv("agent_rating_avg", "tickets", "2024-03", Some("Alice"), Some(4.5)),
        kv("agent_rating_avg", "tickets", "2024-03", Some("bob@corp.example"), Some(4.0)),
        kv("agent_rating_avg", "tickets", "2024-03", Some(" initech "), Some(3.0)),
        kv("agent_rating_avg", "tickets", "2024-03", Some(&"x".repeat(201)), Some(3.0)),
        kv("agent_rating_avg", "tickets", "2024 03", None, Some(3.0)),
    ];
    let customer = [kv("mrr", "subscriptions", "2024-03", None, Some(99.0))];
    let mut b = ResultsBuilder::new("2026-11-30", ["C:\\Users\\ann\\Downloads\\subs.csv", "export-ann@acme.com.csv", "  ", "/tmp/tickets.csv.gz"])
        .known_ids(["INITECH", "cus_1"]);
    b.page("health", &health).page("product", &product).page("support", &support).page("customers", &customer).page("customers", &customer);
    let (results, left_out) = b.build();

    assert_eq!(results.files(), ["subs.csv", "file 2", "tickets.csv.gz"]);
    let kept: Vec<(&str, &str, Option<&str>, Option<f64>)> =
        results.pages().iter().flat_map(|p| p.kpis.iter().map(move |k| (p.page.as_str(), k.id.as_str(), k.segment.as_deref(), k.value))).collect();
    assert_eq!(
        kept,
        [
            ("health", "accounts_red", None, Some(4.0)),
            ("health", "mrr_at_risk", None, None),
            ("product", "consumption_rate", None, Some(0.82)),
            ("product", "feature_adoption", Some("Reports"), Some(0.5)),
            ("support", "agent_rating_avg", Some("Alice"), Some(4.5)),
        ]
    );
    assert_eq!(left_out, LeftOut { pages: vec!["customers".into()], per_customer: 2, identifying: 3, long_breakdowns: 0, invalid: 2, file_names: 1 });
    assert_eq!(left_out.values(), 7);

    // The link holds none of it: no numerator, no warning, no id.
    let link = encode(&SharePayload::new(serde_json::json!({}), Some(results.clone()))).unwrap();
    let back = decode(&link.fragment).unwrap();
    assert_eq!(back.results.as_ref(), Some(&results));
    let text = format!("{back:?}");
    for secret in ["Acme Corp", "Globex", "@", "initech", "cus_", "reports.example.com", "Downloads", "99"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}

#[test]
fn long_breakdowns_are_left_out() {
    let row = |i: usize, period: &str| kv("feature_adoption", "usage", period, Some(&format!("Feature {i}")), Some(0.5));
    let fifty: Vec<KpiValue> = (0..MAX_SEGMENTS).flat_map(|i| [row(i, "2024-01"), row(i, "2024-02")]).collect();
    let mut fifty_one = fifty.clone();
    fifty_one.push(row(MAX_SEGMENTS, "2024-02"));
    fifty_one.push(kv("feature_adoption", "usage", "2024-02", None, Some(0.4)));
    fifty_one.push(kv("feature_retention_lift", "usage", "2024-02", Some("Feature 1"), Some(1.5)));

    let mut b = ResultsBuilder::new("2026-11-30", ["usage.csv"]);
    b.page("product", &fifty);
    let (results, left_out) = b.build();
    assert_eq!((results.value_count(), left_out.long_breakdowns), (100, 0));

    let mut b = ResultsBuilder::new("2026-11-30", ["usage.csv"]);
    b.page("product", &fifty_one);
    let (results, left_out) = b.build();
    let kept: Vec<(&str, Option<&str>)> = results.pages()[0].kpis.iter().map(|k| (k.id.as_str(), k.segment.as_deref())).collect();
    assert_eq!(kept, [("feature_adoption", None), ("feature_retention_lift", Some("Feature 1"))]);
    assert_eq!(left_out.long_breakdowns, 101);
}

#[test]
fn a_page_left_empty_is_dropped() {
    let mut b = ResultsBuilder::new("2026-11-30", Vec::<String>::new());
    b.page("product", &[kv("consumption_rate", "usage", "2024-03", Some("Globex"), Some(0.4))]);
    b.page("bad page!", &[kv("mrr", "subscriptions", "2024-03", None, Some(1.0))]);
    let (results, left_out) = b.build();
    assert!(results.pages().is_empty());
    assert_eq!((left_out.per_customer, left_out.invalid), (1, 1));
}
