//! The readable table: one line per (segment, period), one column per KPI.

use northstar_metrics::kpi::{def, Unit};
use northstar_metrics::KpiValue;

fn column_key(k: &KpiValue) -> String {
    match k.kind {
        Some(kind) => format!("{}.{kind}", k.id),
        None => k.id.to_string(),
    }
}

fn format_value(k: &KpiValue) -> String {
    let Some(v) = k.value else { return "—".into() };
    let s = match (k.id, def(k.id).map(|d| d.unit)) {
        ("nps_margin_of_error", _) => format!("±{v:.1}"),
        (_, Some(Unit::Count)) => format!("{v:.0}"),
        (_, Some(Unit::Score)) => format!("{v:.2}"),
        (_, Some(Unit::Money)) => format!("{v:.2}"),
        (_, Some(Unit::Rate)) => format!("{:.1}%", v * 100.0),
        (_, Some(Unit::Ratio)) => format!("{v:.2}"),
        (_, Some(Unit::Hours)) => format!("{v:.2}h"),
        _ => format!("{v:.1}"),
    };
    if k.small_sample {
        s + "*"
    } else {
        s
    }
}

pub fn table(kpis: &[KpiValue]) -> String {
    let mut columns: Vec<String> = Vec::new();
    let mut rows: Vec<(String, String)> = Vec::new();
    for k in kpis {
        let c = column_key(k);
        if !columns.contains(&c) {
            columns.push(c);
        }
        let r = (k.segment.clone().unwrap_or_else(|| "(all)".into()), k.period.clone());
        if !rows.contains(&r) {
            rows.push(r);
        }
    }
    let mut cells = std::collections::HashMap::new();
    for k in kpis {
        cells.insert((k.segment.clone().unwrap_or_else(|| "(all)".into()), k.period.clone(), column_key(k)), format_value(k));
    }
    let mut grid = vec![vec!["segment".to_string(), "period".to_string()]];
    grid[0].extend(columns.iter().cloned());
    for r in &rows {
        let mut line = vec![r.0.clone(), r.1.clone()];
        line.extend(columns.iter().map(|c| cells.get(&(r.0.clone(), r.1.clone(), c.clone())).cloned().unwrap_or_default()));
        grid.push(line);
    }
    let widths: Vec<usize> = (0..grid[0].len()).map(|i| grid.iter().map(|l| l[i].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for line in grid {
        let cells: Vec<String> = line.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str("\n* fewer than 30 responses; — undefined; money in major units; rates in %\n");
    out
}
