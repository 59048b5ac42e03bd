//! The report's health part (spec §7): `--set health.KEY=VALUE`, the §7 KPIs per month and the
//! per-customer scores as of `health.as_of` (default: the data's last day).

use crate::error::CliError;
use northstar_metrics::format;
use northstar_metrics::health::{self, assess, kpis::kpis, Book, Calibration, HealthSettings, Scored};
use northstar_metrics::kpi::KpiValue;
use serde_json::{json, Map, Value};

/// The health settings of `--set health.KEY=VALUE`.
pub fn settings(sets: &[(String, String)]) -> Result<HealthSettings, CliError> {
    let mut s = HealthSettings::default();
    for (key, value) in sets {
        if let Some(k) = key.strip_prefix("health.") {
            s.apply(k, value).map_err(|reason| CliError::BadSetting { key: key.clone(), value: value.clone(), reason })?;
        }
    }
    Ok(s)
}

/// What the report adds: the §7 KPIs per month, the day scored and every active customer's score
/// as of that day, lowest first.
pub struct HealthPart {
    pub kpis: Vec<KpiValue>,
    pub as_of: Option<i32>,
    pub scored: Vec<Scored>,
    /// The band thresholds in force, calibrated on the back-test or set, and why.
    pub bands: Calibration,
}

pub fn part(book: &Book, settings: &HealthSettings) -> HealthPart {
    let a = assess(book, settings);
    let as_of = health::as_of(book, settings);
    let scored = as_of.map(|day| health::banded_list(book, day, settings, &a.bands)).unwrap_or_default();
    HealthPart { kpis: kpis(&a.months, book.loaded.mrr), as_of, scored, bands: a.bands }
}

/// The bands in a line: "red below 73.3, yellow below 75.6 (calibrated on …)".
pub fn bands_text(b: &Calibration) -> String {
    let caught = match (b.red_share, b.red_recall) {
        (Some(share), Some(recall)) => {
            format!("; in the back-test red held {:.1} % of the customers and {:.1} % of the churners", share * 100.0, recall * 100.0)
        }
        _ => String::new(),
    };
    format!("bands: red below {:.1}, yellow below {:.1} ({}{caught})\n", b.red_below, b.yellow_below, b.why)
}

/// `[{"customer", "score", "band", "mrr", "components": {…}}]`, lowest score first.
pub fn json(book: &Book, part: &HealthPart) -> Value {
    let rows: Vec<Value> = part
        .scored
        .iter()
        .map(|s| {
            let components: Map<String, Value> = s.components.iter().map(|(c, v)| (c.key().to_string(), json!(v))).collect();
            json!({
                "customer": book.customers[s.customer].contact.customer,
                "score": s.score,
                "band": s.band.map(|b| b.as_str()),
                "mrr": s.mrr as f64 / 100.0,
                "components": components,
            })
        })
        .collect();
    Value::Array(rows)
}

/// The text report's health section: the lowest-scoring `top` customers as of the day.
pub fn table(book: &Book, part: &HealthPart, top: usize) -> String {
    let Some(day) = part.as_of.filter(|_| !part.scored.is_empty()) else { return String::new() };
    let mut text = format!("== health as of {} ({} active customers, lowest score first)\n", format::day(day), part.scored.len());
    for s in part.scored.iter().take(top) {
        let parts: Vec<String> = s.components.iter().map(|(c, v)| format!("{} {v:.0}", c.key())).collect();
        text.push_str(&format!(
            "{:<24} {:>5} {:<6} mrr {:>12}  {}\n",
            book.customers[s.customer].contact.customer,
            s.score.map_or("—".to_string(), |v| format!("{v:.1}")),
            s.band.map_or("-", |b| b.as_str()),
            format::cents(s.mrr),
            parts.join(", ")
        ));
    }
    text.push('\n');
    text
}
