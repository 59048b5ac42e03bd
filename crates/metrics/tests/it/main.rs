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
//!   `basis ID PERIOD SEGMENT|- SOURCE|none`                  (where a value's input came from)
//!   `context SOURCE FILE`   (funnel only) reads FILE of the case folder (not named `input*`) as
//!                           SOURCE (subscriptions or accounts, default settings, same period and
//!                           segment) and gives its KPIs to the funnel, as `ctx.kpis(SOURCE)`

use northstar_metrics::accounts::Accounts;
use northstar_metrics::funnel::Funnel;
use northstar_metrics::ingest::sniff;
use northstar_metrics::source::{Context, Query, Reader, SettingsOf, Source, SourceData};
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

/// Reads `bytes` as source `S` the way the CLI does: guessed mapping, `map` and `set` lines, fed in
/// `chunk`-sized pieces.
fn read_source<S: Source>(file: &str, bytes: &[u8], lines: &[Vec<String>]) -> (S::Data, SettingsOf<S>, &'static str) {
    let sniffed = sniff(bytes);
    let mut mapping = S::infer(&sniffed);
    for m in config(lines, "map") {
        let (role, col) = split_setting(&m);
        assert!(mapping.set(role, (!col.is_empty()).then(|| col.to_string())), "no role {role}");
    }
    let mut settings = SettingsOf::<S>::default();
    for s in config(lines, "set") {
        let (k, v) = split_setting(&s);
        settings.apply(S::NAME, k, v).unwrap();
    }
    let chunk = config(lines, "chunk").first().map_or(1 << 20, |c| c.parse().unwrap());
    let mut reader = S::reader(file, &sniffed, &mapping, &settings.ingest).unwrap_or_else(|e| panic!("{file}: {e}"));
    for c in bytes.chunks(chunk) {
        reader.feed(c);
    }
    (reader.finish(), settings, sniffed.delimiter_label())
}

fn query(lines: &[Vec<String>]) -> Query {
    let granularity = config(lines, "period").first().map_or(Granularity::Month, |p| Granularity::parse(p).unwrap());
    Query::new(granularity).segment(config(lines, "segment").first().cloned())
}

fn outcome<D: SourceData>(data: &D, kpis: Vec<KpiValue>, delimiter: &'static str) -> Outcome {
    let meta = data.meta();
    let mut counters = vec![("skipped_rows", meta.skipped_rows)];
    counters.extend(data.counters());
    Outcome { kpis, issues: meta.issues.clone(), issue_count: meta.issue_count, counters, encoding: meta.encoding.to_string(), delimiter }
}

fn run_accounts(file: &str, bytes: &[u8], lines: &[Vec<String>]) -> Outcome {
    let (data, settings, delimiter) = read_source::<Accounts>(file, bytes, lines);
    let kpis = Accounts::kpis(&data, &settings.kpi, &query(lines), &Context::default());
    outcome(&data, kpis, delimiter)
}

/// The KPIs of another source for a funnel case (`context SOURCE FILE`).
fn context_kpis(dir: &Path, source: &str, file: &str, query: &Query) -> (&'static str, Vec<KpiValue>) {
    let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let sniffed = sniff(&bytes);
    match source {
        "subscriptions" => {
            let settings = SubscriptionSettings::default();
            let data = read_subscriptions(file, &bytes, &sniffed, &infer_subscription_mapping(&sniffed), &settings).unwrap();
            assert_eq!(data.issue_count, 0, "{file}: {:?}", data.issues);
            let segment = query.segment.as_ref().and_then(|c| data.segments.iter().find(|s| s.name.eq_ignore_ascii_case(c)));
            ("subscriptions", subscription_kpis(&data, &settings, query.granularity, segment))
        }
        "accounts" => {
            let data = Accounts::read(file, &bytes, &sniffed, &Accounts::infer(&sniffed), &Default::default()).unwrap();
            assert_eq!(data.meta.issue_count, 0, "{file}: {:?}", data.meta.issues);
            ("accounts", Accounts::kpis(&data, &(), query, &Context::default()))
        }
        other => panic!("no context source {other}"),
    }
}

fn run_funnel(dir: &Path, file: &str, bytes: &[u8], lines: &[Vec<String>]) -> Outcome {
    let (data, settings, delimiter) = read_source::<Funnel>(file, bytes, lines);
    let query = query(lines);
    let others: Vec<(&'static str, Vec<KpiValue>)> = lines.iter().filter(|l| l[0] == "context").map(|l| context_kpis(dir, &l[1], &l[2], &query)).collect();
    let mut ctx = Context::default();
    for (name, kpis) in &others {
        ctx = ctx.with_kpis(name, kpis);
    }
    let kpis = Funnel::kpis(&data, &settings.kpi, &query, &ctx);
    outcome(&data, kpis, delimiter)
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
        "accounts" => run_accounts(&file_name, &bytes, &lines),
        "funnel" => run_funnel(dir, &file_name, &bytes, &lines),
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
            "basis" => {
                let found = out.kpis.iter().find(|k| k.id == l[1] && k.period == l[2] && k.segment.as_deref() == (l[3] != "-").then_some(l[3].as_str()));
                match found {
                    None => failures.push(fail("no such value".into())),
                    Some(k) if k.basis != (l[4] != "none").then_some(l[4].as_str()) => failures.push(fail(format!("got basis {:?}", k.basis))),
                    Some(_) => {}
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
fn golden_account_cases() {
    run_folder("accounts", 2);
}

#[test]
fn golden_funnel_cases() {
    run_folder("funnel", 6);
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
