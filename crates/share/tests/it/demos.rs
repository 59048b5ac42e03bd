//! The built-in demos through the builder and the codec: each page's link, with and without its
//! results, fits [`MAX_LINK_BYTES`] (but the scorecard's, whose results are dropped), and holds
//! none of the demo files' ids, e-mails or names. `-- --nocapture` prints the sizes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use northstar_metrics::catalog::{by_name, kpis_of_all, Loaded, Options};
use northstar_metrics::health::{history, HealthSettings};
use northstar_metrics::ingest::CsvReader;
use northstar_metrics::source::{Query, SettingsOf, Source};
use northstar_metrics::{accounts, funnel, orders, subscriptions, surveys, tickets, usage, Granularity, KpiValue};
use northstar_share::limits::MAX_LINK_BYTES;
use northstar_share::{decode, encode_fitting, ResultsBuilder};
use serde_json::{json, Value};

const KINDS: [&str; 7] = ["subscriptions", "accounts", "orders", "funnel", "surveys", "tickets", "usage"];

fn load(kind: &str) -> Box<dyn Loaded> {
    let source = by_name(kind).unwrap();
    source.read(&format!("{kind}.csv"), source.demo().as_bytes(), &[], &Options::default()).unwrap()
}

fn stored<S: Source>() -> Value {
    json!({ "settings": SettingsOf::<S>::default(), "mappings": {} })
}

/// A document shaped like the app's `Settings` with every default (version 3), a page and a target.
fn settings(page: &str) -> Value {
    json!({
        "version": 3, "page": page, "targets": { "nrr": 1.05 }, "card_periods": {},
        "sources": {
            "subscriptions": stored::<subscriptions::Subscriptions>(), "accounts": stored::<accounts::Accounts>(),
            "orders": stored::<orders::Orders>(), "funnel": stored::<funnel::Funnel>(), "surveys": stored::<surveys::Surveys>(),
            "tickets": stored::<tickets::Tickets>(), "usage": stored::<usage::Usage>(),
        },
        "surveys": { "period": "month", "breakdown": null }, "revenue": { "period": "month", "breakdown": null, "filter": null },
        "support": { "period": "month", "breakdown": null }, "product": { "period": "month" }, "orders": { "period": "month" },
        "acquisition": { "period": "month", "breakdown": null },
        "health": { "score": HealthSettings::default(), "join_rules": {}, "period": null, "query": "", "customer": null },
    })
}

/// Every cell of the demo files' id, e-mail, customer, user and name columns, and every cell
/// with an '@': what a link must never hold.
fn private_cells() -> Vec<String> {
    let mut cells = Vec::new();
    for kind in KINDS {
        let csv = by_name(kind).unwrap().demo();
        let mut header: Option<Vec<bool>> = None;
        let mut reader = CsvReader::new(b',');
        let mut take = |r: &northstar_metrics::ingest::Record| match &header {
            None => {
                let private = ["id", "mail", "customer", "user", "requester", "respondent", "company"];
                header = Some(r.fields().map(|h| private.iter().any(|p| h.to_lowercase().contains(p))).collect());
            }
            Some(private) => {
                for (i, cell) in r.fields().enumerate() {
                    if (private.get(i) == Some(&true) || cell.contains('@')) && cell.len() >= 3 {
                        cells.push(cell.to_string());
                    }
                }
            }
        };
        reader.feed(&csv, &mut take);
        reader.finish(&mut take);
    }
    cells.sort();
    cells.dedup();
    cells
}

/// Each page's sources (as the app's `Page::sources`, plus what the page's KPIs read from others).
fn pages() -> Vec<(&'static str, Vec<KpiValue>)> {
    let loaded: Vec<Box<dyn Loaded>> = KINDS.iter().map(|k| load(k)).collect();
    let all = kpis_of_all(&loaded, &Query::new(Granularity::Month));
    let of = |kinds: &[&str]| -> Vec<KpiValue> { all.iter().filter(|(s, _)| kinds.contains(&s.name())).flat_map(|(_, k)| k.clone()).collect() };
    let book = northstar_metrics::catalog::book(&loaded, &[]);
    let health = northstar_metrics::health::kpis::kpis(&history(&book, &HealthSettings::default()), true);
    let overall: Vec<KpiValue> = all.iter().flat_map(|(_, k)| k.iter().filter(|k| k.segment.is_none()).cloned()).collect();
    vec![
        ("scorecard", overall),
        ("revenue", of(&["subscriptions", "accounts"])),
        ("orders", of(&["orders"])),
        ("acquisition", of(&["funnel"])),
        ("support", of(&["tickets"])),
        ("product", of(&["usage"])),
        ("surveys", of(&["surveys"])),
        ("health", health),
    ]
}

#[test]
fn each_page_fits_and_holds_no_row_value() {
    let private = private_cells();
    assert!(private.len() > 500, "{}", private.len());
    assert!(private.iter().any(|c| c.contains('@')));
    let files: Vec<String> = KINDS.iter().map(|k| format!("{k}.csv")).collect();
    for (page, kpis) in pages() {
        assert!(!kpis.is_empty(), "{page}");
        let alone = encode_fitting(settings(page), None).unwrap();
        let mut b = ResultsBuilder::new("2026-11-30", &files);
        b.page(page, &kpis);
        let (results, left_out) = b.build();
        let link = encode_fitting(settings(page), Some(results.clone())).unwrap();
        eprintln!(
            "{page:12} settings only {:5} B, with results {:5} B ({} values kept of {}, {:?}){}",
            alone.bytes,
            link.bytes,
            results.value_count(),
            kpis.len(),
            left_out,
            link.periods_kept.map(|n| format!(" (the latest {n} periods)")).unwrap_or_default()
        );
        // Every source's whole history (1,203 values) is too long for a link: the latest periods
        // of each source travel; every other page goes whole.
        assert!(!link.dropped_results, "{page}");
        assert_eq!(link.periods_kept.is_some(), page == "scorecard", "{page}: {} values, {:?}", results.value_count(), link.periods_kept);
        assert!(link.bytes <= MAX_LINK_BYTES);
        let back = decode(&link.fragment).unwrap();
        assert_eq!(back.settings, settings(page));
        assert_eq!(back.results, Some(link.periods_kept.map_or(results.clone(), |n| results.recent(n))));
        // The JSON inside the link holds no private cell as a string, and no e-mail at all.
        let json = inflated(&link.fragment);
        for cell in &private {
            let quoted = serde_json::to_string(cell).unwrap();
            let leaked = json.contains(&quoted) || (cell.contains('@') && json.contains(cell.as_str()));
            assert!(!leaked, "{page}: {cell} in the link");
        }
    }
}

fn inflated(fragment: &str) -> String {
    let zlib = URL_SAFE_NO_PAD.decode(fragment.strip_prefix("s=2.").unwrap()).unwrap();
    String::from_utf8(miniz_oxide::inflate::decompress_to_vec_zlib(&zlib).unwrap()).unwrap()
}

/// consumption_rate per customer is the product page's biggest part, and never goes in.
#[test]
fn product_page_leaves_customers_out() {
    let (_, kpis) = pages().into_iter().find(|(p, _)| *p == "product").unwrap();
    let per_customer = kpis.iter().filter(|k| k.id == "consumption_rate" && k.segment.is_some()).count();
    assert!(per_customer > 100, "{per_customer}");
    let mut b = ResultsBuilder::new("2026-11-30", ["usage.csv"]);
    b.page("product", &kpis);
    let (results, left_out) = b.build();
    assert_eq!(left_out.per_customer, per_customer);
    assert!(results.pages()[0].kpis.iter().all(|k| k.id != "consumption_rate" || k.segment.is_none()));
}
