//! The scorecard, the first page: every KPI the loaded files support, grouped by area, each at its source's period, with goals.

use super::PageKpis;
use crate::cards::{cards, Card, Origin};
use crate::format::Style;
use crate::Page;
use northstar_metrics::kpi::Area;
use northstar_metrics::source::SourceId;
use northstar_metrics::KpiValue;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The scorecard: every source's overall KPI values (every period), at each page's period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ScorecardResults {
    /// (source, its overall values), for every source with values.
    pub sources: Vec<(SourceId, Vec<KpiValue>)>,
    /// The health score's overall values (every source joined).
    pub health: Vec<KpiValue>,
    /// Sources whose demo is loaded but left out because the user's own files are read.
    #[serde(default)]
    pub hidden_demo: Vec<SourceId>,
}

impl ScorecardResults {
    /// Every value: each source's, then the health score's.
    pub fn kpi_values_iter(&self) -> impl Iterator<Item = &KpiValue> {
        self.sources.iter().flat_map(|(_, k)| k.iter()).chain(self.health.iter())
    }
}

impl PageKpis for ScorecardResults {
    fn kpi_values(&self) -> Vec<KpiValue> {
        self.kpi_values_iter().cloned().collect()
    }
}

/// The area a KPI belongs to (its definition's; a KPI the registry does not list, health's).
pub fn area_of(id: &str) -> Area {
    northstar_metrics::catalog::def(id).map_or(Area::Health, |d| d.area)
}

/// One KPI on the scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub card: Card,
    /// The source of its values (a source kind's id, or `health`).
    pub source: &'static str,
    /// The page the KPI lives on.
    pub page: Page,
    /// Its overall values, oldest first (none where undefined), for the sparkline.
    pub series: Vec<Option<f64>>,
    /// The period shown is partial.
    pub partial: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaBlock {
    pub area: Area,
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
    /// The sources left out because they have no value for the period picked (a source kind's
    /// id, or `health`).
    pub without_period: Vec<&'static str>,
}

/// Whether a card's value meets the user's target: none when no target is set or no value.
fn met(card: &Card) -> Option<bool> {
    use crate::cards::Status;
    match card.status {
        Status::OnTrack => Some(true),
        Status::OffTrack => Some(false),
        _ => None,
    }
}

/// The scorecard of every source's overall values and the health score's. `origins` gives each
/// source's data span (for the default period and partial marks); `chosen` is the period the user
/// picked, if any.
pub fn scorecard(
    results: &ScorecardResults,
    origins: &BTreeMap<SourceId, Origin>,
    targets: &BTreeMap<String, f64>,
    chosen: Option<&str>,
    style: &Style,
) -> Scorecard {
    let mut by_area: BTreeMap<Area, Vec<ScoreRow>> = BTreeMap::new();
    let mut out = Scorecard::default();
    let sources = results.sources.iter().map(|(id, kpis)| (id.name(), Page::of_source(*id).unwrap_or_default(), origins.get(id), kpis));
    let health = (!results.health.is_empty()).then_some(("health", Page::Health, None, &results.health));
    for (source, page, origin, kpis) in sources.chain(health) {
        for k in kpis {
            if !out.periods.contains(&k.period) {
                out.periods.push(k.period.clone());
            }
        }
        // A period picked that this source does not have: its rows are left out, and said so.
        if chosen.is_some_and(|c| !kpis.iter().any(|k| k.period == c)) {
            out.without_period.push(source);
            continue;
        }
        let extent = origin.and_then(|o| o.extent);
        let model = cards(kpis, targets, chosen, extent, style);
        let partial = model.shown.as_ref().is_some_and(|p| p.partial);
        for card in model.cards {
            let series = kpis.iter().filter(|k| k.id == card.id && k.kind == card.kind).map(|k| k.value).collect::<Vec<_>>();
            // A KPI the file does not support at all (no value in any period) is left out.
            if series.iter().all(Option::is_none) {
                continue;
            }
            let area = area_of(card.id);
            by_area.entry(area).or_default().push(ScoreRow { card, source, page, series, partial });
        }
    }
    out.periods.sort_by(|a, b| b.cmp(a));
    for area in Area::ALL {
        let Some(rows) = by_area.remove(&area) else { continue };
        let judged: Vec<bool> = rows.iter().filter_map(|r| met(&r.card)).collect();
        let goals = (judged.iter().filter(|m| **m).count(), judged.len());
        out.goals = (out.goals.0 + goals.0, out.goals.1 + goals.1);
        out.areas.push(AreaBlock { area, rows, goals });
    }
    out
}

/// "3 of 4 goals met (75 %)", or a hint when no goal is set, numbers in `style`.
pub fn goals_text((met, set): (usize, usize), style: &Style) -> String {
    match set {
        0 => "no goal set yet: type one in a row's goal field".to_string(),
        _ => format!("{} of {} goals met ({} %)", style.count(met as u64), style.count(set as u64), style.number(100.0 * met as f64 / set as f64, 0)),
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

/// One row of the first page's map of exports: a source, the page it shows on, what it takes, and
/// the vendor exports Northstar knows for it by name.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportsOf {
    pub source: SourceId,
    pub page: Page,
    pub takes: &'static str,
    pub vendors: Vec<String>,
}

/// Every source's row of the map of exports, in the catalog's order.
pub fn export_map() -> Vec<ExportsOf> {
    northstar_metrics::catalog::SOURCES
        .iter()
        .map(|s| ExportsOf {
            source: s.id(),
            page: Page::of_source(s.id()).unwrap_or_default(),
            takes: s.description(),
            vendors: northstar_metrics::profile::PROFILES.iter().filter(|p| p.source == s.id()).map(|p| p.name()).collect(),
        })
        .collect()
}
