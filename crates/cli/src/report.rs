//! `northstar report`: read each source through the registry (mapping overrides and settings
//! applied), compute the KPIs of every loaded source, and print JSON or a readable table.

use crate::args::ReportOptions;
use crate::error::CliError;
use crate::input;
use crate::table::table;
use northstar_metrics::catalog::{by_id, join_loaded, kpis_of_all, recognise, Loaded, Options};
use northstar_metrics::ingest::Sniff;
use northstar_metrics::join::{JoinReport, JoinRule};
use northstar_metrics::source::{Query, SourceId};
use serde_json::{json, Map, Value};

/// Reads one `--source KIND=FILE` (CSV, gzip, zip or workbook: see `input`), streaming it through
/// the source's reader; also returns the delimiter it was read with.
fn load(o: &ReportOptions, kind: SourceId, path: &str) -> Result<(Box<dyn Loaded>, &'static str), CliError> {
    let source = by_id(kind);
    let mut input = input::open(path)?;
    let options = Options {
        maps: o.maps.iter().filter(|m| m.0 == kind.name()).map(|(_, role, column)| (role.clone(), (!column.is_empty()).then(|| column.clone()))).collect(),
        sets: o.sets.iter().filter_map(|(k, v)| k.strip_prefix(&format!("{}.", kind.name())).map(|k| (k.to_string(), v.clone()))).collect(),
        segment: o.segment.clone(),
    };
    let (sniffed, head, more) = input.sniff()?;
    let mut loading = source.open(&input.label, &sniffed, &options).map_err(|error| CliError::Read { hint: hint(&options, &sniffed, kind, path), error })?;
    loading.feed(&head);
    drop(head);
    input.rest(more, &mut |chunk| loading.feed(chunk))?;
    Ok((loading.finish(), sniffed.delimiter_label()))
}

/// A file that cannot be read as `kind` with the guessed mapping, but clearly fits another source,
/// says so: "; FILE looks like a Zendesk tickets export: try --source tickets=FILE". Not when the
/// user mapped roles by hand (then the mapping is theirs to fix).
fn hint(options: &Options, sniffed: &Sniff, kind: SourceId, path: &str) -> String {
    match recognise::best_other(sniffed, kind).filter(|_| options.maps.is_empty()) {
        Some(fit) => format!("; {path} looks like {}: try --source {}={path}", fit.describe(), fit.source),
        None => String::new(),
    }
}

/// A source's mapping as JSON: each role's column (null when unmapped), a multi-column role
/// (`segment`, a survey's `csat`…) a list, then the facts decided while reading (amount unit,
/// currency, score kind, the scales survey questions were read on), the vendor export it was read
/// as (`profile`), and `why`: every role's column and why it has it, the close calls first.
fn mapping_json(l: &dyn Loaded) -> Value {
    let mut m = Map::new();
    let source = by_id(l.id());
    for (role, columns) in l.mapping() {
        let v = if source.is_multi(role) { json!(columns) } else { json!(columns.first()) };
        m.insert(role.to_string(), v);
    }
    for (k, v) in l.facts() {
        m.insert(k.to_string(), json!(v));
    }
    m.insert("profile".into(), json!(l.profile().map(|p| p.name())));
    m.insert("why".into(), json!(l.picks()));
    Value::Object(m)
}

/// Every pick in words, the close calls first: "customer ← Requester email: the Zendesk tickets
/// export profile".
fn picks_text(l: &dyn Loaded) -> String {
    let mut text = String::new();
    if let Some(p) = l.profile() {
        text.push_str(&format!("read as {}\n", northstar_metrics::profile::with_article(&p.name())));
    }
    for p in l.picks() {
        let close = if p.close_call() { format!(" (close call: {} could serve too)", p.alternatives.join(", ")) } else { String::new() };
        text.push_str(&format!("  {} ← {}: {}{close}\n", p.role, p.column, p.why.text()));
    }
    text
}

fn summary_json(l: &dyn Loaded, delimiter: &str) -> Value {
    let meta = l.meta();
    let mut m = Map::new();
    m.insert("kind".into(), json!(l.name()));
    m.insert("file".into(), json!(meta.file));
    m.insert("encoding".into(), json!(meta.encoding));
    m.insert("delimiter".into(), json!(delimiter));
    m.insert("rows".into(), json!(meta.rows));
    for (k, v) in l.counters() {
        m.insert(k.to_string(), json!(v));
    }
    for (k, v) in l.facts() {
        m.insert(k.to_string(), json!(v));
    }
    let choices = l.choices();
    if !choices.is_empty() {
        let c: Map<String, Value> = choices.into_iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
        m.insert("choices".into(), Value::Object(c));
    }
    Value::Object(m)
}

pub fn run(o: &ReportOptions) -> Result<String, CliError> {
    let rules = join_rules(o)?;
    let health_settings = crate::health::settings(&o.sets)?;
    for (key, _) in &o.sets {
        if key.starts_with("join.") || key.starts_with("health.") {
            continue;
        }
        if key.split_once('.').and_then(|(s, _)| SourceId::from_name(s)).is_none() {
            return Err(CliError::UnknownSetting { key: key.clone(), expected: "settings start with a source name, as in 'tickets.sla_hours'" });
        }
    }
    for (source, role, _) in &o.maps {
        if !o.sources.iter().any(|(k, _)| k.name() == source) {
            return Err(CliError::MapWithoutSource { kind: source.clone(), role: role.clone() });
        }
    }
    let mut loaded = Vec::new();
    let mut delimiters = Vec::new();
    for (kind, path) in &o.sources {
        let (l, delimiter) = load(o, *kind, path)?;
        loaded.push(l);
        delimiters.push(delimiter);
    }
    if let Some(seg) = &o.segment {
        if !loaded.iter().any(|l| l.segment_names().iter().any(|n| n.eq_ignore_ascii_case(seg))) {
            return Err(CliError::NoSuchSegment(seg.clone()));
        }
    }
    let query = Query::new(o.period).segment(o.segment.clone());
    let kpis = kpis_of_all(&loaded, &query);
    // Health only when asked (`--health`, a `health.*` setting) or when a file says more of the
    // customers than billing does: scoring every customer at every month end is the report's
    // heaviest part, and a billing file alone gives it only the MRR change.
    let asks_health = o.health || o.sets.iter().any(|(k, _)| k.starts_with("health.")) || northstar_metrics::catalog::beyond_billing(&loaded);
    let book = if asks_health { northstar_metrics::catalog::book(&loaded, &rules) } else { Default::default() };
    let health = crate::health::part(&book, &health_settings);
    // What sources give beside their KPIs (an orders file's cohort retention), in the catalog's order.
    let extras: Vec<_> = kpis.iter().filter_map(|(id, _)| loaded.iter().find(|l| l.id() == *id)).flat_map(|l| l.extras()).collect();
    let joins = join_loaded(&loaded, &rules);
    let ordered: Vec<(&dyn Loaded, &str)> =
        kpis.iter().filter_map(|(id, _)| loaded.iter().position(|l| l.id() == *id).map(|i| (&*loaded[i], delimiters[i]))).collect();
    if o.json {
        let mut mapping = Map::new();
        for (l, _) in &ordered {
            mapping.insert(l.name().to_string(), mapping_json(*l));
        }
        let mut out = json!({
            "kpis": kpis.iter().flat_map(|(_, k)| k.iter()).collect::<Vec<_>>(),
            "issues": ordered.iter().flat_map(|(l, _)| l.meta().issues.iter()).collect::<Vec<_>>(),
            "mapping": mapping,
            "sources": ordered.iter().map(|(l, d)| summary_json(*l, d)).collect::<Vec<_>>(),
        });
        for e in &extras {
            out[e.key] = e.json.clone();
        }
        if !joins.is_empty() {
            out["join"] = json!(joins);
        }
        if !book.customers.is_empty() {
            out["health"] = crate::health::json(&book, &health);
            out["health_bands"] = json!(health.bands);
            if let Some(day) = health.as_of {
                out["health_as_of"] = json!(northstar_metrics::format::day(day));
            }
            if let Some(all) = out["kpis"].as_array_mut() {
                all.extend(health.kpis.iter().map(|k| json!(k)));
            }
        }
        return Ok(serde_json::to_string_pretty(&out)? + "\n");
    }
    let mut text = String::new();
    for ((l, _), (_, values)) in ordered.iter().zip(&kpis) {
        let meta = l.meta();
        text.push_str(&format!("== {}\n{}: {}; {} issues\ncolumns:\n{}\n", l.name(), meta.file, l.describe(), meta.issue_count, picks_text(*l)));
        text.push_str(&table(values));
        let mut warnings: Vec<&str> = values.iter().filter_map(|v| v.warning.as_deref()).collect();
        warnings.dedup();
        warnings.sort_unstable();
        warnings.dedup();
        for w in warnings {
            text.push_str(&format!("warning: {w}\n"));
        }
        let count = meta.issues.len();
        if count > 0 {
            text.push_str(&format!("\nissues ({count} listed):\n"));
            for i in meta.issues.iter().take(50) {
                text.push_str(&format!("  {i}\n"));
            }
            if count > 50 {
                text.push_str(&format!("  … and {} more (use --json for all listed issues)\n", count - 50));
            }
        }
        text.push('\n');
    }
    for e in &extras {
        text.push_str(&e.text);
    }
    text.push_str(&join_table(&joins));
    if !book.customers.is_empty() && !health.kpis.is_empty() {
        text.push_str("== health (spec §7)\n");
        text.push_str(&crate::health::bands_text(&health.bands));
        text.push_str(&table(&health.kpis));
        text.push('\n');
        text.push_str(&crate::health::table(&book, &health, 20));
    }
    Ok(text)
}

/// `--set join.SOURCE.rule=id|email|domain|auto`.
fn join_rules(o: &ReportOptions) -> Result<Vec<(SourceId, JoinRule)>, CliError> {
    let mut out = Vec::new();
    for (key, value) in &o.sets {
        let Some(rest) = key.strip_prefix("join.") else { continue };
        let source = match rest.split_once('.') {
            Some((source, "rule")) => SourceId::from_name(source),
            _ => None,
        };
        let Some(source) = source else {
            return Err(CliError::UnknownSetting { key: key.clone(), expected: "the join's setting is join.SOURCE.rule, as in 'join.tickets.rule=email'" });
        };
        let rule = JoinRule::parse(value).map_err(|reason| CliError::BadSetting { key: key.clone(), value: value.clone(), reason })?;
        out.push((source, rule));
    }
    Ok(out)
}

/// The "Join" section: per source its rows, match rate, unmatched keys and the first few of them.
fn join_table(joins: &[JoinReport]) -> String {
    if joins.is_empty() {
        return String::new();
    }
    let mut text = String::from("== join (rows of each source matched to a billing customer)\n");
    for j in joins {
        let rate = j.match_rate().map_or("—".to_string(), |r| format!("{:.1}%", r * 100.0));
        let first: Vec<String> = j.unmatched_keys.iter().take(3).map(|k| format!("{} ({})", k.key, k.rows)).collect();
        text.push_str(&format!(
            "{:<9} {:>8} rows {:>8} matched {:>6}  rule {}; {} unmatched keys{}{}\n",
            j.source,
            j.rows,
            j.matched_rows,
            rate,
            j.rule.as_str(),
            j.unmatched_count,
            if first.is_empty() { String::new() } else { format!(": {}", first.join(", ")) },
            j.key_column.as_ref().map_or(String::new(), |k| format!("; key column \"{k}\"")),
        ));
        for a in &j.ambiguous_domains {
            text.push_str(&format!("          domain {} is shared by {} ({} rows): matched by domain to none\n", a.domain, a.customers.join(", "), a.rows));
        }
    }
    text
}
