//! How KPI values read in the UI: points with one decimal, CES with two, counts whole, and "—" for
//! none. `data-value` attributes carry the raw number instead.

use northstar_metrics::kpi::{KpiValue, Unit};

pub const NONE: &str = "—";

pub fn display(unit: Unit, value: Option<f64>) -> String {
    let Some(v) = value else { return NONE.to_string() };
    match unit {
        Unit::Points => format!("{v:.1}"),
        Unit::Rate => format!("{:.1} %", v * 100.0),
        Unit::Score => format!("{v:.2}"),
        Unit::Count => format!("{v:.0}"),
    }
}

/// The raw number for `data-value`: full precision, empty when none.
pub fn raw(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// "100 × (54 − 21) ÷ 150" style explanation of how a value was made.
pub fn explain(k: &KpiValue) -> String {
    let n = k.n;
    match (k.id, k.numerator, k.denominator) {
        (_, _, _) if n == 0 => "no responses in this period".to_string(),
        ("nps", Some(net), Some(d)) => format!("100 × (promoters − detractors = {net:.0}) ÷ {d:.0} responses"),
        ("csat", Some(s), Some(d)) => format!("100 × {s:.0} satisfied ÷ {d:.0} responses"),
        ("ces", Some(sum), Some(d)) => format!("{sum} total effort ÷ {d:.0} responses"),
        ("nps_margin_of_error", _, _) => format!("95 % interval half-width over {n} NPS responses"),
        ("responses", _, _) => format!("{n} answers"),
        _ => format!("n = {n}"),
    }
}
