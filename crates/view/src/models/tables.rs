//! View models: plain data the components render, made by pure functions from KPI values. No
//! signals here, so these are easy to test.

use crate::format::Style;
use northstar_charts::{TrendChart, TrendPoint};
use northstar_metrics::catalog::def;
use northstar_metrics::kpi::{KpiValue, Unit};

/// A table of one row per period (or per segment) and one column per KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<(&'static str, Option<&'static str>, String)>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub period: String,
    pub segment: Option<String>,
    pub cells: Vec<TableCell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    pub id: &'static str,
    pub kind: Option<&'static str>,
    pub value: Option<f64>,
    pub unit: northstar_metrics::kpi::Unit,
    pub small_sample: bool,
    pub title: String,
}

/// Rows for values matching `keep`, in their order.
pub fn table(kpis: &[KpiValue], keep: impl Fn(&KpiValue) -> bool, style: &Style) -> Table {
    let mut columns: Vec<(&'static str, Option<&'static str>, String)> = Vec::new();
    let mut rows: Vec<TableRow> = Vec::new();
    for k in kpis.iter().filter(|k| keep(k)) {
        if !columns.iter().any(|c| c.0 == k.id && c.1 == k.kind) {
            let name = def(k.id).map_or(k.id, |d| d.name);
            let label = match k.kind {
                Some(kind) => format!("{name} {}", kind.to_uppercase()),
                None => name.to_string(),
            };
            columns.push((k.id, k.kind, label));
        }
        let cell = TableCell {
            id: k.id,
            kind: k.kind,
            value: k.value,
            unit: def(k.id).map_or(northstar_metrics::kpi::Unit::Count, |d| d.unit),
            small_sample: k.small_sample,
            title: match k.value {
                Some(_) => style.explain(k),
                None => crate::cards::why_none(k, false, None, style),
            },
        };
        match rows.iter_mut().find(|r| r.period == k.period && r.segment == k.segment) {
            Some(r) => r.cells.push(cell),
            None => rows.push(TableRow { period: k.period.clone(), segment: k.segment.clone(), cells: vec![cell] }),
        }
    }
    Table { columns, rows }
}

/// The trend chart of one KPI over the periods (NPS gets its margin-of-error band).
pub fn trend(kpis: &[KpiValue], id: &str, title: &str, target: Option<f64>) -> TrendChart {
    let overall = || kpis.iter().filter(|k| k.segment.is_none());
    let points = overall()
        .filter(|k| k.id == id)
        .map(|k| {
            let band = if id == "nps" { overall().find(|m| m.id == "nps_margin_of_error" && m.period == k.period).and_then(|m| m.value) } else { None };
            TrendPoint { label: k.period.clone(), value: k.value, band }
        })
        .collect();
    let y_range = match id {
        "nps" => Some((-100.0, 100.0)),
        "csat" => Some((0.0, 100.0)),
        _ => None,
    };
    TrendChart { title: title.to_string(), points, y_range, target }
}

/// One row: its key and a value per column.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SortRow {
    pub key: String,
    pub values: Vec<Option<f64>>,
}

/// A column: the id its cells carry as data-kpi, its heading, and how its values read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SortColumn {
    pub id: &'static str,
    pub heading: &'static str,
    pub unit: Unit,
}

/// Sorts by column `by`, descending when `desc`; none last, ties by key.
pub fn sort_rows(rows: &mut [SortRow], by: usize, desc: bool) {
    rows.sort_by(|x, y| {
        let (a, b) = (x.values.get(by).copied().flatten(), y.values.get(by).copied().flatten());
        match (a, b) {
            (Some(a), Some(b)) => (if desc { b.total_cmp(&a) } else { a.total_cmp(&b) }).then_with(|| x.key.cmp(&y.key)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => x.key.cmp(&y.key),
        }
    });
}
