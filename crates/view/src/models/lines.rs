//! Line-chart models from KPI values: the overall value of each chosen KPI per period, on the left
//! or the right axis, with its target. Shared by the pages whose charts are plain lines.

use northstar_charts::LineSeries;
use northstar_metrics::KpiValue;
use plotters::style::RGBColor;
use std::collections::BTreeMap;

/// One line: its legend name, the KPI id, its colour, whether it reads on the right axis, and a
/// factor (100 for rates drawn in percent).
pub struct Line {
    pub name: &'static str,
    pub id: &'static str,
    pub color: RGBColor,
    pub secondary: bool,
    pub scale: f64,
}

/// The periods of the overall values of `anchor`, and one series per line.
pub fn lines(kpis: &[KpiValue], anchor: &str, lines: &[Line], targets: &BTreeMap<String, f64>) -> (Vec<String>, Vec<LineSeries>) {
    let labels: Vec<String> = kpis.iter().filter(|k| k.segment.is_none() && k.id == anchor).map(|k| k.period.clone()).collect();
    let value = |id: &str, p: &str| kpis.iter().find(|k| k.segment.is_none() && k.id == id && k.period == p).and_then(|k| k.value);
    let series = lines
        .iter()
        .map(|l| LineSeries {
            name: l.name.into(),
            color: l.color,
            values: labels.iter().map(|p| value(l.id, p).map(|v| v * l.scale)).collect(),
            target: targets.get(l.id).map(|t| t * l.scale),
            secondary: l.secondary,
        })
        .collect();
    (labels, series)
}
