//! Golden tests: every folder under `tests/golden/<source>/` holds an input file and a `case.txt`
//! with the settings and the expected values, worked out by hand (the arithmetic is written next to
//! each value). The harness runs the same path as the CLI and the app: sniff, infer the mapping,
//! apply overrides, type the rows, compute the KPIs.
//!
//! case.txt lines:
//!   `period month` | `segment COLUMN` | `map ROLE=COLUMN` | `set KEY=VALUE` | `chunk N`
//!   `expect ID PERIOD SEGMENT|- KIND|- VALUE|none N`        (value compared to 1e-9)
//!   `rows ID COUNT`                                          (how many values of that id)
//!   `issue LINE|- COLUMN|- REASON-SUBSTRING`                 (an issue that must be reported)
//!   `issues COUNT` | `skipped_rows COUNT` | `skipped_answers COUNT` | `encoding NAME` | `delimiter NAME`
//!   `<counter> COUNT`                                        (any counter the source's data reports)
//!
//! Orders cases (`run_orders`) also expose the cohort matrix to `expect`: the ids
//! `cohort_retention` and `cohort_revenue_retention`, with the cohort label as PERIOD, k as
//! SEGMENT and the cohort size as N (`expect cohort_retention 2024-01 1 - 0.5 2`); the cohort
//! period is the `cohort` setting. These ids exist only here, not in the KPI registry.

use northstar_metrics::ingest::sniff;
use northstar_metrics::subscriptions::{infer_subscription_mapping, read_subscriptions, subscription_kpis, SubscriptionSettings};
use northstar_metrics::surveys::{infer_mapping, survey_kpis, SurveyIngest, SurveySettings};
use northstar_metrics::tickets::{infer_ticket_mapping, read_tickets, ticket_kpis, TicketSettings};
use northstar_metrics::usage::{infer_usage_mapping, read_usage, usage_kpis, Denominators, UsageSettings};
use northstar_metrics::{Granularity, Issue, KpiValue, RoleMapping};
use std::path::Path;

fn split_fields(line: &str) -> Vec<String> {
    // Space-separated, with "double quotes" for fields holding spaces.
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// What a source produced, in the shape the expectations check.
struct Outcome {
    kpis: Vec<KpiValue>,
    issues: Vec<Issue>,
    issue_count: u64,
    counters: Vec<(&'static str, u64)>,
    encoding: String,
    delimiter: &'static str,
}

fn config(lines: &[Vec<String>], key: &str) -> Vec<String> {
    lines.iter().filter(|l| l[0] == key).map(|l| l[1].clone()).collect()
}

fn split_setting(v: &str) -> (&str, &str) {
    v.split_once('=').unwrap()
}

fn run_surveys(file: &str, bytes: &[u8], lines: &[Vec<String>]) -> Outcome {
    let sniffed = sniff(bytes);
    let mut mapping = infer_mapping(&sniffed);
    for m in config(lines, "map") {
        let (role, col) = split_setting(&m);
        mapping.set(role, (!col.is_empty()).then(|| col.to_string()));
    }
    let mut settings = SurveySettings::default();
    for s in config(lines, "set") {
        let (k, v) = split_setting(&s);
        settings.apply(k, v).unwrap();
    }
    let chunk = config(lines, "chunk").first().map_or(1 << 20, |c| c.parse().unwrap());
    let mut ingest = SurveyIngest::new(file, &sniffed, &mapping, &settings).unwrap_or_else(|e| panic!("{file}: {e}"));
    for c in bytes.chunks(chunk) {
        ingest.feed(c);
    }
    let data = ingest.finish();
    let segment = config(lines, "segment").first().map(|c| data.segments.iter().position(|s| &s.name == c).expect("segment column is mapped"));
    let granularity = config(lines, "period").first().map_or(Granularity::Month, |p| Granularity::parse(p).unwrap());
    Outcome {
        kpis: survey_kpis(&data, &settings, granularity, segment),
        counters: vec![("skipped_rows", data.skipped_rows), ("skipped_answers", data.skipped_answers)],
        issue_count: data.issue_count,
        issues: data.issues,
        encoding: data.encoding.to_string(),
        delimiter: sniffed.delimiter_label(),
    }
}

fn run_subscriptions(file: &str, bytes: &[u8], lines: &[Vec<String>]) -> Outcome {
    let sniffed = sniff(bytes);
    let mut mapping = infer_subscription_mapping(&sniffed);
    for m in config(lines, "map") {
        let (role, col) = split_setting(&m);
        mapping.set(role, (!col.is_empty()).then(|| col.to_string()));
    }
    let mut settings = SubscriptionSettings::default();
    for s in config(lines, "set") {
        let (k, v) = split_setting(&s);
        settings.apply(k, v).unwrap();
    }
    let data = read_subscriptions(file, bytes, &sniffed, &mapping, &settings).unwrap_or_else(|e| panic!("{file}: {e}"));
    let segment = config(lines, "segment").first().map(|c| data.segments.iter().find(|s| &s.name == c).expect("segment column is mapped").clone());
    let granularity = config(lines, "period").first().map_or(Granularity::Month, |p| Granularity::parse(p).unwrap());
    Outcome {
        kpis: subscription_kpis(&data, &settings, granularity, segment.as_ref()),
        counters: vec![("skipped_rows", data.skipped_rows), ("excluded_trials", data.excluded_trials), ("excluded_currency", data.excluded_currency)],
        issue_count: data.issue_count,
        issues: data.issues,
        encoding: data.encoding.to_string(),
        delimiter: sniffed.delimiter_label(),
    }
}

fn run_tickets(file: &str, bytes: &[u8], lines: &[Vec<String>]) -> Outcome {
    let sniffed = sniff(bytes);
    let mut mapping = infer_ticket_mapping(&sniffed);
    for m in config(lines, "map") {
        let (role, col) = split_setting(&m);
        mapping.set(role, (!col.is_empty()).then(|| col.to_string()));
    }
    let mut settings = TicketSettings::default();
    for s in config(lines, "set") {
        let (k, v) = split_setting(&s);
        settings.apply(k, v).unwrap();
    }
    let data = read_tickets(file, bytes, &sniffed, &mapping, &settings).unwrap_or_else(|e| panic!("{file}: {e}"));
    let segment = config(lines, "segment").first().map(|c| data.segments.iter().find(|s| &s.name == c).expect("segment column is mapped").clone());
    let agent_name = if data.event_log { Some("agent".to_string()) } else { mapping.agent.clone() };
    let agent = data.segments.iter().find(|s| Some(&s.name) == agent_name.as_ref());
    let granularity = config(lines, "period").first().map_or(Granularity::Month, |p| Granularity::parse(p).unwrap());
    Outcome {
        kpis: ticket_kpis(&data, &settings, granularity, segment.as_ref(), agent),
        counters: vec![("skipped_rows", data.skipped_rows), ("impossible_durations", data.impossible_durations)],
        issue_count: data.issue_count,
        issues: data.issues,
        encoding: data.encoding.to_string(),
        delimiter: sniffed.delimiter_label(),
    }
}

fn run_usage(file: &str, bytes: &[u8], lines: &[Vec<String>]) -> Outcome {
    let sniffed = sniff(bytes);
    let mut mapping = infer_usage_mapping(&sniffed);
    for m in config(lines, "map") {
        let (role, col) = split_setting(&m);
        mapping.set(role, (!col.is_empty()).then(|| col.to_string()));
    }
    let mut settings = UsageSettings::default();
    for s in config(lines, "set") {
        let (k, v) = split_setting(&s);
        settings.apply(k, v).unwrap();
    }
    let data = read_usage(file, bytes, &sniffed, &mapping, &settings).unwrap_or_else(|e| panic!("{file}: {e}"));
    let denominators = Denominators {
        per_period: None,
        snapshot: config(lines, "paying_snapshot").first().map(|v| v.split(',').map(String::from).collect()),
    };
    let granularity = config(lines, "period").first().map_or(Granularity::Month, |p| Granularity::parse(p).unwrap());
    Outcome {
        kpis: usage_kpis(&data, &settings, granularity, &denominators),
        counters: vec![("skipped_rows", data.skipped_rows)],
        issue_count: data.issue_count,
        issues: data.issues,
        encoding: data.encoding.to_string(),
        delimiter: sniffed.delimiter_label(),
    }
}

/// Through the object-safe face every source shares (`SOURCES`), as the CLI will.
fn run_orders(file: &str, bytes: &[u8], lines: &[Vec<String>]) -> Outcome {
    use northstar_metrics::orders::{cohorts, OrdersData, OrdersSettings};
    use northstar_metrics::source::{by_name, Context, Options, Query};
    let sniffed = sniff(bytes);
    let segment = config(lines, "segment").first().cloned();
    let options = Options {
        maps: config(lines, "map").iter().map(|m| split_setting(m)).map(|(r, c)| (r.to_string(), (!c.is_empty()).then(|| c.to_string()))).collect(),
        sets: config(lines, "set").iter().map(|s| split_setting(s)).map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        segment: segment.clone(),
    };
    let mut settings = OrdersSettings::default();
    for (k, v) in &options.sets {
        settings.apply("orders", k, v).unwrap();
    }
    let source = by_name("orders").expect("orders is registered");
    let mut loading = source.open(file, &sniffed, &options).unwrap_or_else(|e| panic!("{file}: {e}"));
    let chunk = config(lines, "chunk").first().map_or(1 << 20, |c| c.parse().unwrap());
    for c in bytes.chunks(chunk) {
        loading.feed(c);
    }
    let loaded = loading.finish();
    let granularity = config(lines, "period").first().map_or(Granularity::Month, |p| Granularity::parse(p).unwrap());
    let mut kpis = loaded.kpis(&Query::new(granularity).segment(segment), &Context::default());
    let data: &OrdersData = loaded.data().downcast_ref().expect("orders data");
    for row in cohorts(data, &settings.kpi) {
        for (id, cells) in [("cohort_retention", &row.retention), ("cohort_revenue_retention", &row.revenue_retention)] {
            for (k, v) in cells.iter().enumerate() {
                kpis.push(KpiValue {
                    id,
                    source: "orders",
                    period: row.cohort.clone(),
                    segment: Some(k.to_string()),
                    value: *v,
                    numerator: None,
                    denominator: None,
                    n: row.size,
                    kind: None,
                    small_sample: false,
                    basis: None,
                });
            }
        }
    }
    let meta = loaded.meta();
    Outcome {
        kpis,
        counters: loaded.counters(),
        issue_count: meta.issue_count,
        issues: meta.issues.clone(),
        encoding: meta.encoding.to_string(),
        delimiter: sniffed.delimiter_label(),
    }
}

fn run_case(dir: &Path, source: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let spec = std::fs::read_to_string(dir.join("case.txt")).unwrap();
    let input = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with("input")).unwrap();
    let file_name = input.file_name().unwrap().to_string_lossy().to_string();
    let bytes = std::fs::read(&input).unwrap();
    let lines: Vec<Vec<String>> = spec
        .lines()
        .map(|l| l.split(" #").next().unwrap().trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(split_fields)
        .collect();
    let out = match source {
        "surveys" => run_surveys(&file_name, &bytes, &lines),
        "tickets" => run_tickets(&file_name, &bytes, &lines),
        "usage" => run_usage(&file_name, &bytes, &lines),
        "orders" => run_orders(&file_name, &bytes, &lines),
        _ => run_subscriptions(&file_name, &bytes, &lines),
    };
    for l in &lines {
        let fail = |msg: String| format!("{}: {}: {msg}", dir.file_name().unwrap().to_string_lossy(), l.join(" "));
        let counter = |name: &str| out.counters.iter().find(|c| c.0 == name).map(|c| c.1);
        match l[0].as_str() {
            "expect" => {
                let found = out.kpis.iter().find(|k| {
                    k.id == l[1] && k.period == l[2] && k.segment.as_deref() == (l[3] != "-").then_some(l[3].as_str()) && k.kind == (l[4] != "-").then_some(l[4].as_str())
                });
                let Some(k) = found else {
                    failures.push(fail("no such value".into()));
                    continue;
                };
                let want: Option<f64> = if l[5] == "none" { None } else { Some(l[5].parse().unwrap()) };
                let ok = match (want, k.value) {
                    (None, None) => true,
                    (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                    _ => false,
                };
                if !ok || k.n.to_string() != l[6] {
                    failures.push(fail(format!("got value {:?} n {}", k.value, k.n)));
                }
            }
            "rows" => {
                let count = out.kpis.iter().filter(|k| k.id == l[1]).count();
                if count.to_string() != l[2] {
                    failures.push(fail(format!("got {count} rows")));
                }
            }
            "issue" => {
                let hit = out.issues.iter().any(|i| {
                    (l[1] == "-" && i.line.is_none() || i.line.map(|x| x.to_string()) == Some(l[1].clone()))
                        && (l[2] == "-" && i.column.is_none() || i.column.as_deref() == Some(l[2].as_str()))
                        && i.reason.contains(l[3].as_str())
                });
                if !hit {
                    failures.push(fail(format!("not reported; issues: {:#?}", out.issues)));
                }
            }
            "issues" if out.issue_count.to_string() != l[1] => failures.push(fail(format!("got {} issues: {:#?}", out.issue_count, out.issues))),
            "encoding" if out.encoding != l[1] => failures.push(fail(format!("got {}", out.encoding))),
            "delimiter" if out.delimiter != l[1] => failures.push(fail(format!("got {}", out.delimiter))),
            name if counter(name).is_some_and(|v| v.to_string() != l[1]) => failures.push(fail(format!("got {:?}", counter(name)))),
            _ => {}
        }
    }
    failures
}

fn run_folder(source: &str, at_least: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(source);
    let mut dirs: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= at_least, "expected the golden cases, found {}", dirs.len());
    let failures: Vec<String> = dirs.iter().flat_map(|d| run_case(d, source)).collect();
    assert!(failures.is_empty(), "{} golden mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn golden_subscription_cases() {
    run_folder("subscriptions", 10);
}

#[test]
fn golden_usage_cases() {
    run_folder("usage", 2);
}

#[test]
fn golden_ticket_cases() {
    run_folder("tickets", 5);
}

#[test]
fn golden_orders_cases() {
    run_folder("orders", 9);
}

#[test]
fn golden_survey_cases() {
    run_folder("surveys", 13);
}

mod bridge_identity;
mod helpdesk;
mod memory;
mod messy_input;
mod somerville;
mod telco;
mod uci;
