//! The readable table: one line per (segment, period), one column per KPI.

use northstar_metrics::format::value_text;
use northstar_metrics::kpi::Unit;

/// The unit of KPI `id` (its definition's), a plain ratio for ids the registry does not list.
fn unit_of(id: &str) -> Unit {
    northstar_metrics::catalog::def(id).map_or(Unit::Ratio, |d| d.unit)
}
use northstar_metrics::KpiValue;

fn column_key(k: &KpiValue) -> String {
    match k.kind {
        Some(kind) => format!("{}.{kind}", k.id),
        None => k.id.to_string(),
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
        cells.insert((k.segment.clone().unwrap_or_else(|| "(all)".into()), k.period.clone(), column_key(k)), value_text(k, unit_of(k.id)));
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
    let mut warnings: Vec<(&str, Vec<&str>)> = Vec::new();
    for k in kpis {
        let Some(w) = k.warning.as_deref() else { continue };
        match warnings.iter_mut().find(|(text, _)| *text == w) {
            Some((_, ids)) if !ids.contains(&k.id) => ids.push(k.id),
            Some(_) => {}
            None => warnings.push((w, vec![k.id])),
        }
    }
    for (w, ids) in warnings {
        out.push_str(&format!("! {}: {w}\n", ids.join(", ")));
    }
    out
}
