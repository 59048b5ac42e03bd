//! The scorecard's view model: every KPI the loaded files support, grouped by area (revenue,
//! retention, support, product, satisfaction, acquisition, health), each with the value of its
//! source's period (the user's pick, else the latest complete period with data, as on the cards),
//! its goal (the user's target), status and series, and the share of goals met overall and per
//! area. Pure functions, no signals.

use super::cards::{cards, Card, Origin};
use super::settings::Page;
use northstar_metrics::format::Style;
use northstar_metrics::KpiValue;
use std::collections::BTreeMap;

/// The areas, in the order the scorecard lists them.
pub const AREAS: [&str; 7] = ["revenue", "retention", "support", "product", "satisfaction", "acquisition", "health"];

/// The area a KPI of `source` belongs to.
pub fn area_of(source: &str, id: &str) -> &'static str {
    match (source, id) {
        (
            _,
            "customer_churn_rate"
            | "customer_retention_rate"
            | "gross_mrr_churn_rate"
            | "nrr"
            | "grr"
            | "nrr_12m"
            | "renewal_rate"
            | "account_churn_share"
            | "repeat_customer_rate"
            | "repeat_contact_rate",
        ) => "retention",
        (_, "agent_rating_avg") => "satisfaction",
        ("subscriptions" | "accounts" | "orders", _) => "revenue",
        ("tickets", _) => "support",
        ("usage", _) => "product",
        ("surveys", _) => "satisfaction",
        ("funnel", _) => "acquisition",
        _ => "health",
    }
}

/// One KPI on the scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub card: Card,
    pub source: String,
    /// The page the KPI lives on.
    pub page: Page,
    /// Its overall values, oldest first (none where undefined), for the sparkline.
    pub series: Vec<Option<f64>>,
    /// The period shown is partial.
    pub partial: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct AreaBlock {
    pub area: &'static str,
    pub rows: Vec<ScoreRow>,
    /// (goals met, goals set) among the rows.
    pub goals: (usize, usize),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scorecard {
    pub areas: Vec<AreaBlock>,
    pub goals: (usize, usize),
    /// Every period label any source has, latest first: the picker's choices.
    pub periods: Vec<String>,
    /// The sources left out because they have no value for the period picked.
    pub without_period: Vec<String>,
}

/// Whether a card's value meets the user's target: none when no target is set or no value.
fn met(card: &Card) -> Option<bool> {
    use super::cards::Status;
    match card.status {
        Status::OnTrack => Some(true),
        Status::OffTrack => Some(false),
        _ => None,
    }
}

/// The scorecard of every source's overall values. `origins` gives each source's data span (for
/// the default period and partial marks); `chosen` is the period the user picked, if any.
pub fn scorecard(
    sources: &[(String, Vec<KpiValue>)],
    origins: &BTreeMap<String, Origin>,
    targets: &BTreeMap<String, f64>,
    chosen: Option<&str>,
    style: &Style,
) -> Scorecard {
    let mut by_area: BTreeMap<&'static str, Vec<ScoreRow>> = BTreeMap::new();
    let mut out = Scorecard::default();
    for (source, kpis) in sources {
        for k in kpis {
            if !out.periods.contains(&k.period) {
                out.periods.push(k.period.clone());
            }
        }
        // A period picked that this source does not have: its rows are left out, and said so.
        if chosen.is_some_and(|c| !kpis.iter().any(|k| k.period == c)) {
            out.without_period.push(source.clone());
            continue;
        }
        let extent = origins.get(source).and_then(|o| o.extent);
        let model = cards(kpis, targets, chosen, extent, style);
        let partial = model.shown.as_ref().is_some_and(|p| p.partial);
        let page = Page::showing(source);
        for card in model.cards {
            let series = kpis.iter().filter(|k| k.id == card.id && k.kind == card.kind).map(|k| k.value).collect::<Vec<_>>();
            // A KPI the file does not support at all (no value in any period) is left out.
            if series.iter().all(Option::is_none) {
                continue;
            }
            let area = area_of(source, card.id);
            by_area.entry(area).or_default().push(ScoreRow { card, source: source.clone(), page, series, partial });
        }
    }
    out.periods.sort_by(|a, b| b.cmp(a));
    for area in AREAS {
        let Some(rows) = by_area.remove(area) else { continue };
        let judged: Vec<bool> = rows.iter().filter_map(|r| met(&r.card)).collect();
        let goals = (judged.iter().filter(|m| **m).count(), judged.len());
        out.goals = (out.goals.0 + goals.0, out.goals.1 + goals.1);
        out.areas.push(AreaBlock { area, rows, goals });
    }
    out
}

/// "3 of 4 goals met (75 %)", or a hint when no goal is set.
pub fn goals_text((met, set): (usize, usize)) -> String {
    match set {
        0 => "no goal set yet: type one in a row's goal field".to_string(),
        _ => format!("{met} of {set} goals met ({:.0} %)", 100.0 * met as f64 / set as f64),
    }
}

/// The sparkline's points in a `width` × `height` box (SVG `points`), skipping undefined values.
pub fn sparkline(series: &[Option<f64>], width: f64, height: f64) -> String {
    let values: Vec<(usize, f64)> = series.iter().enumerate().filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v))).collect();
    let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (_, v)| (lo.min(*v), hi.max(*v)));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let step = if series.len() > 1 { width / (series.len() - 1) as f64 } else { 0.0 };
    values.iter().map(|(i, v)| format!("{:.1},{:.1}", *i as f64 * step, height - (v - lo) / span * height)).collect::<Vec<_>>().join(" ")
}
