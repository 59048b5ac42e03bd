//! `northstar report`: read the sources, apply mapping overrides and settings, compute the KPIs,
//! and print JSON or a readable table.

use crate::args::ReportOptions;
use northstar_metrics::ingest::sniff;
use northstar_metrics::surveys::{infer_mapping, survey_kpis, SurveyIngest, SurveySettings};
use northstar_metrics::{FatalError, KpiValue};
use serde_json::json;

pub fn run(o: &ReportOptions) -> Result<String, String> {
    let (kind, path) = o.sources.iter().find(|(k, _)| k == "surveys").ok_or("report needs --source surveys=FILE")?;
    debug_assert_eq!(kind, "surveys");
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let file = std::path::Path::new(path).file_name().map_or(path.clone(), |n| n.to_string_lossy().to_string());
    let sniffed = sniff(&bytes);
    if sniffed.columns.is_empty() {
        return Err(FatalError::NoHeader { file }.to_string());
    }
    let mut mapping = infer_mapping(&sniffed);
    let mut overridden = std::collections::HashSet::new();
    for (source, role, column) in &o.maps {
        if source != "surveys" {
            return Err(format!("--map {source}.{role}: no --source {source}"));
        }
        // The first --map of a role replaces the guess; more --map segment add columns.
        if role == "segment" && overridden.insert(role.clone()) {
            mapping.set("segment", None);
        }
        let value = (!column.is_empty()).then(|| column.clone());
        if !mapping.set(role, value) {
            return Err(format!("unknown role '{role}' for surveys; roles: {}", northstar_metrics::surveys::mapping::ROLES.join(", ")));
        }
    }
    if let Some(seg) = &o.segment {
        let names = sniffed.column_names();
        let Some(name) = names.iter().find(|n| n.eq_ignore_ascii_case(seg)) else {
            return Err(FatalError::UnknownColumn { file, role: "--segment".into(), column: seg.clone(), available: names }.to_string());
        };
        mapping.set("segment", Some(name.clone()));
    }
    let mut settings = SurveySettings::default();
    for (key, value) in &o.sets {
        let Some(k) = key.strip_prefix("surveys.") else {
            return Err(format!("unknown setting '{key}'; settings start with 'surveys.'"));
        };
        settings.apply(k, value).map_err(|e| e.to_string())?;
    }
    let mut ingest = SurveyIngest::new(&file, &sniffed, &mapping, &settings).map_err(|e| e.to_string())?;
    for chunk in bytes.chunks(1 << 20) {
        ingest.feed(chunk);
    }
    let data = ingest.finish();
    let segment_index = o.segment.as_ref().map(|s| data.segments.iter().position(|c| c.name.eq_ignore_ascii_case(s)).unwrap_or(0));
    let kpis = survey_kpis(&data, &settings, o.period, segment_index);
    if o.json {
        let mut mapping_json = serde_json::to_value(&mapping).map_err(|e| e.to_string())?;
        mapping_json["score_kind"] = json!(data.score_kind.map(|k| k.as_str()));
        let out = json!({
            "kpis": kpis,
            "issues": data.issues,
            "mapping": { "surveys": mapping_json },
            "sources": [{
                "kind": "surveys",
                "file": file,
                "encoding": data.encoding,
                "delimiter": sniffed.delimiter_label(),
                "header_rows": sniffed.header_rows,
                "rows": data.data_rows,
                "skipped_rows": data.skipped_rows,
                "skipped_answers": data.skipped_answers,
                "issue_count": data.issue_count,
            }],
        });
        return Ok(serde_json::to_string_pretty(&out).map_err(|e| e.to_string())? + "\n");
    }
    let mut text = format!(
        "{file}: {} rows ({}, {}), {} answers, {} rows skipped, {} answers skipped, {} issues\n",
        data.data_rows,
        data.encoding,
        sniffed.delimiter_label(),
        data.answers.len(),
        data.skipped_rows,
        data.skipped_answers,
        data.issue_count
    );
    text.push_str(&format!("mapping: {}\n\n", serde_json::to_string(&mapping).unwrap_or_default()));
    text.push_str(&table(&kpis));
    if !data.issues.is_empty() {
        text.push_str(&format!("\nissues ({} in all):\n", data.issue_count));
        for i in data.issues.iter().take(50) {
            text.push_str(&format!("  {i}\n"));
        }
        if data.issue_count > 50 {
            text.push_str(&format!("  … and {} more (use --json for the first 10000)\n", data.issue_count - 50));
        }
    }
    Ok(text)
}

fn column_key(k: &KpiValue) -> String {
    match k.kind {
        Some(kind) => format!("{}.{kind}", k.id),
        None => k.id.to_string(),
    }
}

fn format_value(k: &KpiValue) -> String {
    let Some(v) = k.value else { return "—".into() };
    let s = match k.id {
        "responses" => format!("{v:.0}"),
        "ces" => format!("{v:.2}"),
        "nps_margin_of_error" => format!("±{v:.1}"),
        _ => format!("{v:.1}"),
    };
    if k.small_sample {
        s + "*"
    } else {
        s
    }
}

/// One line per (segment, period), one column per KPI.
fn table(kpis: &[KpiValue]) -> String {
    let mut columns: Vec<String> = Vec::new();
    let mut rows: Vec<(String, String)> = Vec::new();
    for k in kpis {
        let c = column_key(k);
        if !columns.contains(&c) {
            columns.push(c);
        }
        let r = (k.segment.clone().unwrap_or_else(|| "(all)".into()), k.period.clone());
        if rows.last() != Some(&r) && !rows.contains(&r) {
            rows.push(r);
        }
    }
    let mut grid = vec![vec!["segment".to_string(), "period".to_string()]];
    grid[0].extend(columns.iter().cloned());
    for r in &rows {
        let mut line = vec![r.0.clone(), r.1.clone()];
        for c in &columns {
            let cell = kpis
                .iter()
                .find(|k| k.segment.clone().unwrap_or_else(|| "(all)".into()) == r.0 && k.period == r.1 && &column_key(k) == c)
                .map_or(String::new(), format_value);
            line.push(cell);
        }
        grid.push(line);
    }
    let widths: Vec<usize> = (0..grid[0].len()).map(|i| grid.iter().map(|l| l[i].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for line in grid {
        let cells: Vec<String> = line.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str("\n* fewer than 30 responses; — undefined (no responses)\n");
    out
}
