//! `northstar report`: read each source, apply mapping overrides and settings, compute its KPIs,
//! and print JSON or a readable table.

use crate::args::ReportOptions;
use crate::table::table;
use northstar_metrics::accounts::{account_kpis, infer_account_mapping, join_segment, read_accounts, AccountData};
use northstar_metrics::ingest::{sniff, Sniff};
use northstar_metrics::subscriptions::{infer_subscription_mapping, read_subscriptions, subscription_kpis, SubscriptionData, SubscriptionSettings};
use northstar_metrics::usage::{infer_usage_mapping, read_usage, usage_kpis, Denominators, UsageSettings};
use northstar_metrics::surveys::{infer_mapping, survey_kpis, SurveyIngest, SurveySettings};
use northstar_metrics::{FatalError, Issue, KpiValue, RoleMapping};
use northstar_metrics::tickets::{infer_ticket_mapping, read_tickets, ticket_kpis, TicketSettings};
use serde_json::{json, Value};

/// What one source contributes to the report.
struct SourceReport {
    kpis: Vec<KpiValue>,
    issues: Vec<Issue>,
    mapping: Value,
    summary: Value,
    line: String,
    /// The `--segment` column was found in (or joined to) this source.
    segmented: bool,
}

struct Loaded {
    file: String,
    bytes: Vec<u8>,
    sniff: Sniff,
}

fn load(path: &str) -> Result<Loaded, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let file = std::path::Path::new(path).file_name().map_or(path.to_string(), |n| n.to_string_lossy().to_string());
    let sniff = sniff(&bytes);
    if sniff.columns.is_empty() {
        return Err(FatalError::NoHeader { file }.to_string());
    }
    Ok(Loaded { file, bytes, sniff })
}

/// Applies `--map SOURCE.ROLE=COLUMN` for one source: the first `segment` replaces the guesses.
fn apply_maps(o: &ReportOptions, source: &str, roles: &[&str], mut set: impl FnMut(&str, Option<String>) -> bool) -> Result<(), String> {
    let mut segment_cleared = false;
    for (s, role, column) in o.maps.iter().filter(|m| m.0 == source) {
        if role == "segment" && !segment_cleared {
            set("segment", None);
            segment_cleared = true;
        }
        if !set(role, (!column.is_empty()).then(|| column.clone())) {
            return Err(format!("unknown role '{role}' for {s}; roles: {}", roles.join(", ")));
        }
    }
    Ok(())
}

fn find_column(names: &[String], wanted: &str) -> Option<String> {
    names.iter().find(|n| n.eq_ignore_ascii_case(wanted)).cloned()
}

fn surveys(o: &ReportOptions, path: &str) -> Result<SourceReport, String> {
    let l = load(path)?;
    let mut mapping = infer_mapping(&l.sniff);
    apply_maps(o, "surveys", &northstar_metrics::surveys::mapping::ROLES, |r, c| mapping.set(r, c))?;
    let segment = o.segment.as_ref().and_then(|s| find_column(&l.sniff.column_names(), s));
    if let Some(s) = &segment {
        mapping.set("segment", Some(s.clone()));
    }
    let mut settings = SurveySettings::default();
    for (k, v) in settings_for(o, "surveys") {
        settings.apply(&k, &v).map_err(|e| e.to_string())?;
    }
    let mut ingest = SurveyIngest::new(&l.file, &l.sniff, &mapping, &settings).map_err(|e| e.to_string())?;
    for chunk in l.bytes.chunks(1 << 20) {
        ingest.feed(chunk);
    }
    let data = ingest.finish();
    let index = segment.and_then(|s| data.segments.iter().position(|c| c.name == s));
    let mut mapping_json = serde_json::to_value(&mapping).map_err(|e| e.to_string())?;
    mapping_json["score_kind"] = json!(data.score_kind.map(|k| k.as_str()));
    Ok(SourceReport {
        segmented: index.is_some(),
        kpis: survey_kpis(&data, &settings, o.period, index),
        line: format!(
            "{}: {} rows ({}, {}), {} answers, {} rows skipped, {} answers skipped, {} issues",
            l.file, data.data_rows, data.encoding, l.sniff.delimiter_label(), data.answers.len(), data.skipped_rows, data.skipped_answers, data.issue_count
        ),
        summary: json!({"kind": "surveys", "file": l.file, "encoding": data.encoding, "delimiter": l.sniff.delimiter_label(),
            "header_rows": l.sniff.header_rows, "rows": data.data_rows, "skipped_rows": data.skipped_rows,
            "skipped_answers": data.skipped_answers, "issue_count": data.issue_count}),
        issues: data.issues,
        mapping: mapping_json,
    })
}

fn accounts_data(o: &ReportOptions, path: &str) -> Result<(Loaded, northstar_metrics::accounts::AccountMapping, AccountData), String> {
    let l = load(path)?;
    let mut mapping = infer_account_mapping(&l.sniff);
    apply_maps(o, "accounts", northstar_metrics::accounts::ROLES, |r, c| mapping.set(r, c))?;
    if let Some(s) = o.segment.as_ref().and_then(|s| find_column(&l.sniff.column_names(), s)) {
        mapping.set("segment", Some(s));
    }
    let data = read_accounts(&l.file, &l.bytes, &l.sniff, &mapping).map_err(|e| e.to_string())?;
    Ok((l, mapping, data))
}

fn accounts(o: &ReportOptions, l: &Loaded, mapping: &northstar_metrics::accounts::AccountMapping, data: &AccountData) -> Result<SourceReport, String> {
    let index = o.segment.as_ref().and_then(|s| data.segments.iter().position(|c| c.name.eq_ignore_ascii_case(s)));
    Ok(SourceReport {
        segmented: index.is_some(),
        kpis: account_kpis(data, index),
        issues: data.issues.clone(),
        mapping: serde_json::to_value(mapping).map_err(|e| e.to_string())?,
        line: format!("{}: {}; {} issues", l.file, data.describe(), data.issue_count),
        summary: json!({"kind": "accounts", "file": l.file, "encoding": data.encoding, "delimiter": l.sniff.delimiter_label(),
            "rows": data.data_rows, "skipped_rows": data.skipped_rows, "issue_count": data.issue_count}),
    })
}

fn subscriptions(o: &ReportOptions, path: &str, accounts: Option<&AccountData>) -> Result<(SourceReport, SubscriptionData), String> {
    let l = load(path)?;
    let mut mapping = infer_subscription_mapping(&l.sniff);
    apply_maps(o, "subscriptions", northstar_metrics::subscriptions::mapping::ROLES, |r, c| mapping.set(r, c))?;
    let names = l.sniff.column_names();
    let own_segment = o.segment.as_ref().and_then(|s| find_column(&names, s));
    if let Some(s) = &own_segment {
        if mapping.plan.as_deref() != Some(s.as_str()) {
            mapping.set("segment", Some(s.clone()));
        }
    }
    let mut settings = SubscriptionSettings::default();
    for (k, v) in settings_for(o, "subscriptions") {
        settings.apply(&k, &v).map_err(|e| e.to_string())?;
    }
    let data = read_subscriptions(&l.file, &l.bytes, &l.sniff, &mapping, &settings).map_err(|e| e.to_string())?;
    let segment = match (&own_segment, &o.segment, accounts) {
        (Some(s), _, _) => data.segments.iter().find(|c| &c.name == s).cloned(),
        (None, Some(s), Some(a)) => a.segments.iter().position(|c| c.name.eq_ignore_ascii_case(s)).map(|i| join_segment(&data, a, i)),
        _ => None,
    };
    let mut mapping_json = serde_json::to_value(&mapping).map_err(|e| e.to_string())?;
    mapping_json["amount_unit"] = json!(data.amount_unit);
    mapping_json["currency"] = json!(data.currency);
    let report = SourceReport {
        segmented: segment.is_some(),
        kpis: subscription_kpis(&data, &settings, o.period, segment.as_ref()),
        line: format!("{}: {}; {} issues", l.file, data.describe(), data.issue_count),
        summary: json!({"kind": "subscriptions", "file": l.file, "encoding": data.encoding, "delimiter": l.sniff.delimiter_label(),
            "rows": data.data_rows, "subscriptions": data.subs.len(), "customers": data.customers.len(),
            "amount_unit": data.amount_unit, "amount_unit_reason": data.amount_unit_reason, "currency": data.currency,
            "excluded_trials": data.excluded_trials, "excluded_currency": data.excluded_currency,
            "skipped_rows": data.skipped_rows, "issue_count": data.issue_count}),
        issues: data.issues.clone(),
        mapping: mapping_json,
    };
    Ok((report, data))
}

fn tickets(o: &ReportOptions, path: &str) -> Result<SourceReport, String> {
    let l = load(path)?;
    let mut mapping = infer_ticket_mapping(&l.sniff);
    apply_maps(o, "tickets", northstar_metrics::tickets::mapping::ROLES, |r, c| mapping.set(r, c))?;
    let segment_name = o.segment.as_ref().and_then(|s| find_column(&l.sniff.column_names(), s));
    if let Some(s) = &segment_name {
        if mapping.agent.as_deref() != Some(s.as_str()) && mapping.channel.as_deref() != Some(s.as_str()) {
            mapping.set("segment", Some(s.clone()));
        }
    }
    let mut settings = TicketSettings::default();
    for (k, v) in settings_for(o, "tickets") {
        settings.apply(&k, &v).map_err(|e| e.to_string())?;
    }
    let data = read_tickets(&l.file, &l.bytes, &l.sniff, &mapping, &settings).map_err(|e| e.to_string())?;
    let segment = segment_name.as_ref().and_then(|s| data.segments.iter().find(|c| &c.name == s));
    let agent_name = if data.event_log { Some("agent".to_string()) } else { mapping.agent.clone() };
    let agent = data.segments.iter().find(|c| Some(&c.name) == agent_name.as_ref());
    Ok(SourceReport {
        segmented: segment.is_some(),
        kpis: ticket_kpis(&data, &settings, o.period, segment, agent),
        line: format!("{}: {}; {} issues", l.file, data.describe(), data.issue_count),
        summary: json!({"kind": "tickets", "file": l.file, "encoding": data.encoding, "delimiter": l.sniff.delimiter_label(),
            "rows": data.data_rows, "tickets": data.tickets.len(), "event_log": data.event_log, "skipped_rows": data.skipped_rows,
            "impossible_durations": data.impossible_durations, "issue_count": data.issue_count}),
        issues: data.issues,
        mapping: serde_json::to_value(&mapping).map_err(|e| e.to_string())?,
    })
}

fn usage(o: &ReportOptions, path: &str, subs: Option<&SubscriptionData>, accounts: Option<&AccountData>) -> Result<SourceReport, String> {
    let l = load(path)?;
    let mut mapping = infer_usage_mapping(&l.sniff);
    apply_maps(o, "usage", northstar_metrics::usage::ROLES, |r, c| mapping.set(r, c))?;
    let mut settings = UsageSettings::default();
    for (k, v) in settings_for(o, "usage") {
        settings.apply(&k, &v).map_err(|e| e.to_string())?;
    }
    let data = read_usage(&l.file, &l.bytes, &l.sniff, &mapping, &settings).map_err(|e| e.to_string())?;
    let denominators = Denominators::from_sources(&data, o.period, subs, accounts);
    Ok(SourceReport {
        segmented: false,
        kpis: usage_kpis(&data, &settings, o.period, &denominators),
        line: format!("{}: {}; {} issues", l.file, data.describe(), data.issue_count),
        summary: json!({"kind": "usage", "file": l.file, "encoding": data.encoding, "delimiter": l.sniff.delimiter_label(),
            "rows": data.data_rows, "events": data.events.len(), "users": data.users.len(), "customers": data.customers.len(),
            "skipped_rows": data.skipped_rows, "issue_count": data.issue_count}),
        issues: data.issues,
        mapping: serde_json::to_value(&mapping).map_err(|e| e.to_string())?,
    })
}

fn settings_for(o: &ReportOptions, source: &str) -> Vec<(String, String)> {
    o.sets.iter().filter_map(|(k, v)| k.strip_prefix(&format!("{source}.")).map(|k| (k.to_string(), v.clone()))).collect()
}

pub fn run(o: &ReportOptions) -> Result<String, String> {
    for (key, _) in &o.sets {
        let known = ["surveys.", "subscriptions.", "tickets.", "usage."].iter().any(|p| key.starts_with(p));
        if !known {
            return Err(format!("unknown setting '{key}'; settings start with 'surveys.', 'subscriptions.', 'tickets.' or 'usage.'"));
        }
    }
    for (source, role, _) in &o.maps {
        if !o.sources.iter().any(|(k, _)| k == source) {
            return Err(format!("--map {source}.{role}: no --source {source}"));
        }
    }
    let path = |kind: &str| o.sources.iter().find(|(k, _)| k == kind).map(|(_, p)| p.as_str());
    let accounts_loaded = path("accounts").map(|p| accounts_data(o, p)).transpose()?;
    let mut reports = Vec::new();
    let mut subs_data = None;
    if let Some(p) = path("subscriptions") {
        let (report, data) = subscriptions(o, p, accounts_loaded.as_ref().map(|a| &a.2))?;
        reports.push(("subscriptions", report));
        subs_data = Some(data);
    }
    if let Some((l, m, d)) = &accounts_loaded {
        reports.push(("accounts", accounts(o, l, m, d)?));
    }
    if let Some(p) = path("surveys") {
        reports.push(("surveys", surveys(o, p)?));
    }
    if let Some(p) = path("tickets") {
        reports.push(("tickets", tickets(o, p)?));
    }
    if let Some(p) = path("usage") {
        reports.push(("usage", usage(o, p, subs_data.as_ref(), accounts_loaded.as_ref().map(|a| &a.2))?));
    }
    if let Some(seg) = &o.segment {
        if !reports.iter().any(|(_, r)| r.segmented) {
            return Err(format!("--segment {seg}: no source has a column named '{seg}'"));
        }
    }
    if o.json {
        let mut mapping = serde_json::Map::new();
        for (kind, r) in &reports {
            mapping.insert(kind.to_string(), r.mapping.clone());
        }
        let out = json!({
            "kpis": reports.iter().flat_map(|(_, r)| r.kpis.iter()).collect::<Vec<_>>(),
            "issues": reports.iter().flat_map(|(_, r)| r.issues.iter()).collect::<Vec<_>>(),
            "mapping": mapping,
            "sources": reports.iter().map(|(_, r)| r.summary.clone()).collect::<Vec<_>>(),
        });
        return Ok(serde_json::to_string_pretty(&out).map_err(|e| e.to_string())? + "\n");
    }
    let mut text = String::new();
    for (kind, r) in &reports {
        text.push_str(&format!("== {kind}\n{}\nmapping: {}\n\n", r.line, r.mapping));
        text.push_str(&table(&r.kpis));
        let count = r.issues.len();
        if count > 0 {
            text.push_str(&format!("\nissues ({count} listed):\n"));
            for i in r.issues.iter().take(50) {
                text.push_str(&format!("  {i}\n"));
            }
            if count > 50 {
                text.push_str(&format!("  … and {} more (use --json for all listed issues)\n", count - 50));
            }
        }
        text.push('\n');
    }
    Ok(text)
}
