//! Any input: `decode` returns, never panics; whatever `encode` makes, `decode` reads back.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use northstar_metrics::wire::intern;
use northstar_metrics::KpiValue;
use northstar_share::limits::MAX_DECODE_BYTES;
use northstar_share::link::encode_within;
use northstar_share::{decode, GoalStatus, ResultsBuilder, SharePayload, SharedGoal};
use proptest::prelude::*;
use serde_json::{json, Value};

fn link_of_bytes(bytes: &[u8]) -> String {
    format!("s=1.{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// The same bytes as a version-2 link (the one with goals).
fn link_v2_of_bytes(bytes: &[u8]) -> String {
    format!("s=2.{}", URL_SAFE_NO_PAD.encode(bytes))
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6)
}

/// JSON with the link's own keys, so that decoding gets past the first field.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("settings".to_string()),
        Just("results".to_string()),
        Just("made_at".to_string()),
        Just("files".to_string()),
        Just("pages".to_string()),
        Just("page".to_string()),
        Just("series".to_string()),
        Just("id".to_string()),
        Just("source".to_string()),
        Just("segment".to_string()),
        Just("periods".to_string()),
        Just("values".to_string()),
        Just("goals".to_string()),
        Just("key".to_string()),
        Just("target".to_string()),
        Just("value".to_string()),
        Just("status".to_string()),
        "[a-z]{1,4}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        prop_oneof![Just("2026-11-30".to_string()), Just("2024-01".to_string()), Just("mrr".to_string()), Just("met".to_string()), ".{0,12}"]
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            prop::collection::vec((key.clone(), inner), 0..8).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn any_string(s in ".{0,300}") {
        let _ = decode(&s);
        let _ = decode(&format!("#s=1.{s}"));
    }

    #[test]
    fn any_link_characters(s in "[A-Za-z0-9_-]{0,3000}") {
        let _ = decode(&format!("s=1.{s}"));
    }

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4000)) {
        let _ = decode(&link_of_bytes(&bytes));
        // Valid zlib around arbitrary bytes: inflates, then fails as JSON or as a payload.
        prop_assert!(decode(&link_of_bytes(&zlib(&bytes))).is_err());
    }

    #[test]
    fn any_json(v in json_value()) {
        let _ = decode(&link_of_bytes(&zlib(v.to_string().as_bytes())));
        let _ = decode(&link_of_bytes(&zlib(json!({ "settings": {}, "results": v }).to_string().as_bytes())));
        let _ = decode(&link_v2_of_bytes(&zlib(json!({ "settings": {}, "results": v }).to_string().as_bytes())));
        let results = json!({ "made_at": "2026-11-30", "files": [], "pages": [], "goals": v });
        let _ = decode(&link_v2_of_bytes(&zlib(json!({ "settings": {}, "results": results }).to_string().as_bytes())));
    }
}

fn kpi_values() -> impl Strategy<Value = Vec<KpiValue>> {
    let value = prop_oneof![Just(None), any::<f64>().prop_map(Some), (-1e9f64..1e9).prop_map(Some)];
    let one = ("[a-z_]{1,12}", "[a-z]{1,10}", "20[0-9]{2}-(0[1-9]|1[0-2])", prop::option::of(".{1,30}"), value);
    prop::collection::vec(one, 0..60).prop_map(|rows| {
        rows.into_iter()
            .map(|(id, source, period, segment, value)| KpiValue {
                id: intern(&id),
                source: intern(&source),
                period,
                segment,
                value,
                numerator: None,
                denominator: None,
                n: 0,
                kind: None,
                small_sample: false,
                basis: None,
                warning: None,
            })
            .collect()
    })
}

fn goals() -> impl Strategy<Value = Vec<SharedGoal>> {
    let status = prop_oneof![Just(GoalStatus::Met), Just(GoalStatus::Missed), Just(GoalStatus::NoData)];
    let value = prop_oneof![Just(None), any::<f64>().prop_map(Some)];
    let one = ("[a-z_]{1,8}(\\.[a-z]{2,4})?", "20[0-9]{2}-(0[1-9]|1[0-2])", any::<f64>(), value, status);
    prop::collection::vec(one, 0..12)
        .prop_map(|g| g.into_iter().map(|(key, period, target, value, status)| SharedGoal { key, period, target, value, status }).collect())
}

proptest! {
    #[test]
    fn round_trip(kpis in kpi_values(), other in kpi_values(), file in ".{1,40}", settings in json_value(), goals in goals()) {
        let mut b = ResultsBuilder::new("2026-11-30", [file]);
        b.page("revenue", &kpis).page("support", &other);
        for g in goals {
            b.goal(g);
        }
        let (results, _) = b.build();
        let settings = json!({ "any": settings });
        let payload = SharePayload::new(settings, Some(results));
        let link = encode_within(&payload, MAX_DECODE_BYTES).unwrap();
        prop_assert_eq!(decode(&link.fragment), Ok(payload));
    }
}
