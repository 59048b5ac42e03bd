//! The first stored shape (`northstar.settings.v1`) moved into the current one: each source's
//! settings and remembered mappings go under `sources.<name>`; the surveys page's period, segment
//! and distribution choice, once at the top level, go under `surveys` like the other pages'.

use serde_json::{Map, Value};

/// v1 → v2. Keys the old shape did not have are left to their defaults.
pub fn migrate_v1(old: Value) -> Value {
    let Value::Object(mut old) = old else { return old };
    let mut take = |key: &str| old.remove(key);
    let mut sources = Map::new();
    let mut source = |name: &str, settings: Option<Value>, mappings: Option<Value>| {
        let mut s = Map::new();
        if let Some(v) = settings {
            s.insert("settings".into(), v);
        }
        if let Some(v) = mappings {
            s.insert("mappings".into(), v);
        }
        sources.insert(name.into(), Value::Object(s));
    };
    let mut revenue = take("revenue").unwrap_or_default();
    let mut support = take("support").unwrap_or_default();
    let mut product = take("product").unwrap_or_default();
    let inner = |page: &mut Value, key: &str| page.as_object_mut().and_then(|p| p.remove(key));
    source("surveys", take("surveys"), take("mappings"));
    source("subscriptions", inner(&mut revenue, "subscriptions"), take("subscription_mappings"));
    source("accounts", None, take("account_mappings"));
    source("tickets", inner(&mut support, "tickets"), take("ticket_mappings"));
    source("usage", inner(&mut product, "usage"), take("usage_mappings"));
    let mut surveys = Map::new();
    for key in ["period", "segment", "distribution_kind"] {
        if let Some(v) = take(key) {
            surveys.insert(key.into(), v);
        }
    }
    let mut out = Map::new();
    for key in ["page", "targets"] {
        if let Some(v) = take(key) {
            out.insert(key.into(), v);
        }
    }
    out.insert("sources".into(), Value::Object(sources));
    out.insert("surveys".into(), Value::Object(surveys));
    for (key, page) in [("revenue", revenue), ("support", support), ("product", product)] {
        if !page.is_null() {
            out.insert(key.into(), page);
        }
    }
    Value::Object(out)
}
