//! Share links, the view's side: what a link carries (the settings without anything that names a
//! customer, and, if asked, the shown page's aggregated KPI values with the sender's goals as
//! judged), how an opened link's settings are adopted, and the text a shared page shows. The
//! link's format and its limits are `northstar_share`'s.
//!
//! Goals never cross over: a link's settings carry no targets, and the reader keeps their own; the
//! sender's goals travel with the results, each with the status the sender's data earned.

use crate::cards::{Origin, Status};
use crate::pages::scorecard::{scorecard, Scorecard, ScorecardResults};
use crate::{Page, Settings};
use northstar_metrics::format::Style;
use northstar_metrics::source::SourceId;
use northstar_metrics::KpiValue;
use northstar_share::{
    encode_fitting, EncodeError, Encoded, GoalStatus, LeftOut, ResultsBuilder, SharePayload, SharedGoal, SharedKpi, SharedPage, SharedResults,
};
use std::collections::BTreeMap;

/// The settings as a link carries them: without the customer looked up or searched for, without
/// the sender's theme and number format (the reader keeps their own), and without the sender's
/// targets (they travel as goals with the results, never to be applied to the reader's data).
pub fn shareable_settings(settings: &Settings) -> serde_json::Value {
    let mut s = settings.clone();
    s.health.customer = None;
    s.health.query = String::new();
    s.theme = Default::default();
    s.locale = Default::default();
    s.targets.clear();
    serde_json::to_value(&s).unwrap_or(serde_json::Value::Null)
}

/// The results a link carries when the sender includes them.
#[derive(Debug, Clone)]
pub struct LinkResults<'a> {
    /// The page shown (the scorecard shares every area).
    pub page: Page,
    /// Its KPI values (every period; the link keeps the latest that fit).
    pub kpis: &'a [KpiValue],
    /// The files they come from.
    pub files: Vec<String>,
    /// Today, as an ISO 8601 date.
    pub day: String,
    /// The sender's goals as judged (see [`goals_of`]).
    pub goals: Vec<SharedGoal>,
}

/// Every goal set on the scorecard `card`, with the value and status its period shows.
pub fn goals_of(card: &Scorecard) -> Vec<SharedGoal> {
    let status = |s: Status| match s {
        Status::OnTrack => Some(GoalStatus::Met),
        Status::OffTrack => Some(GoalStatus::Missed),
        Status::NoData => Some(GoalStatus::NoData),
        Status::NoTarget => None,
    };
    card.areas
        .iter()
        .flat_map(|a| &a.rows)
        .filter_map(|r| {
            let (target, status) = (r.card.target?, status(r.card.status)?);
            Some(SharedGoal { key: r.card.target_key.clone(), period: r.card.period.clone(), target, value: r.card.value, status })
        })
        .collect()
}

/// The goals of the KPIs in `kpis` (a page's values), judged as the scorecard judges them: each
/// source at its latest complete period, or at `chosen`.
pub fn page_goals(
    kpis: &[KpiValue],
    origins: &BTreeMap<SourceId, Origin>,
    targets: &BTreeMap<String, f64>,
    chosen: Option<&str>,
    style: &Style,
) -> Vec<SharedGoal> {
    let mut results = ScorecardResults::default();
    for k in kpis.iter().filter(|k| k.segment.is_none()) {
        match SourceId::from_name(k.source) {
            Some(id) => match results.sources.iter_mut().find(|(s, _)| *s == id) {
                Some((_, values)) => values.push(k.clone()),
                None => results.sources.push((id, vec![k.clone()])),
            },
            None => results.health.push(k.clone()),
        }
    }
    goals_of(&scorecard(&results, origins, targets, chosen, style))
}

/// The page's name as the settings spell it.
pub fn page_name(page: Page) -> String {
    serde_json::to_value(page).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The link for `settings` and, when `results` is given, its aggregated values and the sender's
/// goals; with what was left out of them.
pub fn make_link(settings: &Settings, results: Option<LinkResults>) -> Result<(Encoded, LeftOut), EncodeError> {
    let (shared, left_out) = match results {
        Some(LinkResults { page, kpis, files, day, goals }) => {
            // A link has no `kind`: an overall count per survey kind travels with the kind as its
            // breakdown; per kind and breakdown it stays home.
            let kpis: Vec<KpiValue> = kpis
                .iter()
                .filter_map(|k| match (k.kind, &k.segment) {
                    (Some(kind), None) => Some(KpiValue { segment: Some(kind.to_uppercase()), ..k.clone() }),
                    (Some(_), Some(_)) => None,
                    _ => Some(k.clone()),
                })
                .collect();
            let mut builder = ResultsBuilder::new(&day, files);
            builder.page(&page_name(page), &kpis);
            for g in goals {
                builder.goal(g);
            }
            let (r, l) = builder.build();
            (Some(r), l)
        }
        None => (None, LeftOut::default()),
    };
    encode_fitting(shareable_settings(settings), shared).map(|e| (e, left_out))
}

/// A link's settings as the reader adopts them: the dashboard is the sender's; the theme, the
/// number format and the goals stay the reader's (a link made before goals traveled apart carries
/// the sender's targets in its settings: they are not applied to the reader's data either).
pub fn adopt(shared: Settings, mine: &Settings) -> Settings {
    Settings { theme: mine.theme, locale: mine.locale.clone(), targets: mine.targets.clone(), ..shared }
}

/// Reads an opened link's payload: its settings (brought up to date) and results.
pub fn open_payload(payload: SharePayload) -> Result<(Settings, Option<SharedResults>), OpenError> {
    let text = payload.settings.to_string();
    let settings = Settings::from_json(&text, 2).map_err(OpenError::Settings)?;
    Ok((settings, payload.results))
}

/// Why a link cannot be opened: it is not a link this page reads, or its settings are not valid.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Link(#[from] northstar_share::LinkError),
    #[error("the link's settings are not valid: {0}")]
    Settings(serde_json::Error),
}

/// Opens a link's fragment (`s=1.…`): its settings (brought up to date) and results.
pub fn open_link(fragment: &str) -> Result<(Settings, Option<SharedResults>), OpenError> {
    open_payload(northstar_share::decode(fragment)?)
}

/// "3.2 KB (3,263 characters)", in the reader's style.
pub fn size_text(bytes: usize, style: &Style) -> String {
    let characters = format!("{} characters", style.count(bytes as u64));
    if bytes < 1024 {
        characters
    } else {
        format!("{} KB ({characters})", style.number(bytes as f64 / 1024.0, 1))
    }
}

/// The unit column of an export: what the raw value counts (`%` for a rate, whose raw value is a
/// fraction; `money` in major units).
pub fn unit_text(unit: northstar_metrics::kpi::Unit) -> &'static str {
    use northstar_metrics::kpi::Unit;
    match unit {
        Unit::Points => "points",
        Unit::Rate => "%",
        Unit::Score => "score",
        Unit::Count => "count",
        Unit::Money => "money",
        Unit::Ratio => "ratio",
        Unit::Hours => "hours",
    }
}

/// The KPI values as a CSV table: id, name, source, period, breakdown, unit, the value as shown
/// (in `style`), the raw value (rates as fractions, money in major units), and for an overall value
/// the user's goal (raw, as `targets` holds it) and its status in that period; safe to open in a
/// spreadsheet (see `northstar_share::csv_export`).
pub fn kpis_csv(kpis: &[KpiValue], targets: &BTreeMap<String, f64>, style: &Style) -> String {
    use northstar_share::Cell;
    let rows: Vec<Vec<Cell>> = kpis
        .iter()
        .map(|k| {
            let def = northstar_metrics::catalog::def(k.id);
            let segment = match (k.kind, &k.segment) {
                (Some(kind), None) => kind.to_uppercase(),
                (_, s) => s.clone().unwrap_or_default(),
            };
            let goal = k.segment.is_none().then(|| targets.get(&crate::cards::target_key(k.id, k.kind)).copied()).flatten();
            let status = crate::cards::status(k.value, goal, def.is_none_or(|d| d.higher_is_better));
            vec![
                Cell::Text(k.id.to_string()),
                Cell::Text(kpi_name(k.id)),
                Cell::Text(k.source.to_string()),
                Cell::Text(k.period.clone()),
                Cell::Text(segment),
                Cell::Text(def.map_or("", |d| unit_text(d.unit)).to_string()),
                Cell::Shown(def.map_or_else(|| northstar_metrics::format::raw(k.value), |d| style.display(d.unit, k.value))),
                Cell::Number(k.value),
                Cell::Number(goal),
                Cell::Text(status.text().to_string()),
            ]
        })
        .collect();
    northstar_share::kpi_table_csv(&["kpi", "name", "source", "period", "breakdown", "unit", "value_shown", "value_raw", "goal_raw", "status"], &rows)
}

/// A KPI's name; its id when this version does not know it (a link from a later version).
pub fn kpi_name(id: &str) -> String {
    northstar_metrics::catalog::def(id).map_or_else(|| id.to_string(), |d| d.name.to_string())
}

fn is_rate(id: &str) -> bool {
    northstar_metrics::catalog::def(id).is_some_and(|d| d.unit == northstar_metrics::kpi::Unit::Rate)
}

/// A shared chart's title: the KPI's name, marked "(%)" for a rate, which it draws in percent.
pub fn chart_title(id: &str) -> String {
    let name = kpi_name(id);
    if is_rate(id) {
        format!("{name} (%)")
    } else {
        name
    }
}

/// The label of the page a link names ("revenue" → "Revenue"); the name itself when this version
/// has no such page.
pub fn page_label(name: &str) -> String {
    serde_json::from_value::<Page>(serde_json::Value::String(name.to_string())).map_or_else(|_| name.to_string(), |p| p.label().to_string())
}

/// A shared value in the reader's style; the raw number for a KPI this version does not know.
pub fn shared_value_text(k: &SharedKpi, style: &Style) -> String {
    northstar_metrics::catalog::def(&k.id).map_or_else(|| northstar_metrics::format::raw(k.value), |d| style.display(d.unit, k.value))
}

/// Each series of a shared page (a KPI and a breakdown value) at its own latest period, in the
/// order the series first appear.
pub fn latest_values(page: &SharedPage) -> Vec<SharedKpi> {
    let mut rows: Vec<SharedKpi> = Vec::new();
    for k in &page.kpis {
        match rows.iter_mut().find(|r| r.id == k.id && r.source == k.source && r.segment == k.segment) {
            Some(r) if r.period < k.period => *r = k.clone(),
            Some(_) => {}
            None => rows.push(k.clone()),
        }
    }
    rows
}

/// The KPIs of a shared page that can be charted (a value in some period), in the page's order,
/// with their names.
pub fn chartable(page: &SharedPage) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for k in page.kpis.iter().filter(|k| k.value.is_some()) {
        if !out.iter().any(|(id, _)| *id == k.id) {
            out.push((k.id.clone(), kpi_name(&k.id)));
        }
    }
    out
}

/// The most lines a shared chart draws: the overall series and the first breakdowns.
const MOST_LINES: usize = 6;

/// One KPI of a shared page as a line chart: its periods in order, the overall series, then each
/// breakdown's (up to [`MOST_LINES`] in all); rates in percent.
pub fn shared_series(page: &SharedPage, id: &str) -> (Vec<String>, Vec<northstar_charts::LineSeries>) {
    use northstar_charts::{LineSeries, ACCENT, BAD, GOOD, ORANGE, TEAL, VIOLET};
    let of_id: Vec<&SharedKpi> = page.kpis.iter().filter(|k| k.id == id).collect();
    let mut labels: Vec<String> = of_id.iter().map(|k| k.period.clone()).collect();
    labels.sort();
    labels.dedup();
    let mut segments: Vec<Option<String>> = Vec::new();
    for k in &of_id {
        if !segments.contains(&k.segment) {
            segments.push(k.segment.clone());
        }
    }
    // The overall series first.
    segments.sort_by_key(|s| s.is_some());
    let scale = if is_rate(id) { 100.0 } else { 1.0 };
    let colors = [ACCENT, TEAL, VIOLET, ORANGE, GOOD, BAD];
    let series = segments
        .into_iter()
        .take(MOST_LINES)
        .zip(colors)
        .map(|(segment, color)| LineSeries {
            name: segment.clone().unwrap_or_else(|| "all".into()),
            color,
            values: labels.iter().map(|p| of_id.iter().find(|k| &k.period == p && k.segment == segment).and_then(|k| k.value).map(|v| v * scale)).collect(),
            target: None,
            secondary: false,
        })
        .collect();
    (labels, series)
}

/// The KPI a goal's key names, for a reader: `responses.nps` → "Responses (NPS)".
pub fn goal_name(key: &str) -> String {
    match key.split_once('.') {
        Some((id, kind)) => format!("{} ({})", kpi_name(id), kind.to_uppercase()),
        None => kpi_name(key),
    }
}

/// A value of the KPI a goal's key names, in the reader's style.
pub fn goal_value_text(key: &str, value: Option<f64>, style: &Style) -> String {
    let id = key.split_once('.').map_or(key, |(id, _)| id);
    northstar_metrics::catalog::def(id).map_or_else(|| northstar_metrics::format::raw(value), |d| style.display(d.unit, value))
}

/// The scorecard's values as a link carries them: each row's series up to the period the row
/// shows (a later, partial period stays home), so that a series' latest shared value is the one
/// the sender's scorecard showed.
pub fn scorecard_kpis(results: &ScorecardResults, card: &Scorecard) -> Vec<KpiValue> {
    let rows: Vec<&crate::pages::scorecard::ScoreRow> = card.areas.iter().flat_map(|a| &a.rows).collect();
    let shown = |k: &KpiValue| rows.iter().find(|r| r.card.id == k.id && r.card.kind == k.kind && r.source == k.source).map(|r| r.card.period.as_str());
    results.kpi_values_iter().filter(|k| shown(k).is_some_and(|p| k.period.as_str() <= p)).cloned().collect()
}

/// One KPI of a shared scorecard: its latest shared value, the series for its sparkline, and the
/// sender's goal with its status as judged.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedScoreRow {
    pub area: northstar_metrics::kpi::Area,
    /// The goal key of the KPI (`mrr`, `responses.nps`).
    pub key: String,
    pub period: String,
    pub value: Option<f64>,
    /// Oldest first, as shared.
    pub series: Vec<Option<f64>>,
    pub goal: Option<SharedGoal>,
}

/// A shared scorecard's rows, by area in the scorecard's order, then as shared.
pub fn shared_scorecard(page: &SharedPage, goals: &[SharedGoal]) -> Vec<SharedScoreRow> {
    let mut rows: Vec<SharedScoreRow> = Vec::new();
    for k in &page.kpis {
        let key = match &k.segment {
            None => k.id.clone(),
            Some(kind) => format!("{}.{}", k.id, kind.to_lowercase()),
        };
        match rows.iter_mut().find(|r| r.key == key) {
            Some(r) => {
                r.series.push(k.value);
                if k.period >= r.period {
                    (r.period, r.value) = (k.period.clone(), k.value);
                }
            }
            None => rows.push(SharedScoreRow {
                area: crate::pages::scorecard::area_of(&k.id),
                goal: goals.iter().find(|g| g.key == key).cloned(),
                key,
                period: k.period.clone(),
                value: k.value,
                series: vec![k.value],
            }),
        }
    }
    rows.retain(|r| r.series.iter().any(Option::is_some));
    rows.sort_by_key(|r| r.area);
    rows
}
