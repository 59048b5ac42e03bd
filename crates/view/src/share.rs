//! Share links, the view's side: what a link carries (the settings without anything that names a
//! customer, and, if asked, the shown page's aggregated KPI values), how an opened link's settings
//! are adopted, and the text a shared page shows. The link's format and its limits are
//! `northstar_share`'s.

use crate::{Page, Settings};
use northstar_metrics::format::Style;
use northstar_metrics::KpiValue;
use northstar_share::{encode_fitting, EncodeError, Encoded, LeftOut, ResultsBuilder, SharePayload, SharedKpi, SharedPage, SharedResults};

/// The settings as a link carries them: without the customer looked up or searched for, and
/// without the sender's theme and number format (the reader keeps their own).
pub fn shareable_settings(settings: &Settings) -> serde_json::Value {
    let mut s = settings.clone();
    s.health.customer = None;
    s.health.query = String::new();
    s.theme = Default::default();
    s.locale = Default::default();
    serde_json::to_value(&s).unwrap_or(serde_json::Value::Null)
}

/// The page's name as the settings spell it.
pub fn page_name(page: Page) -> String {
    serde_json::to_value(page).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The link for `settings` and, when `results` is given (the shown page's KPI values, the files
/// they come from, the day), its aggregated values; with what was left out of them.
pub fn make_link(settings: &Settings, results: Option<(Page, &[KpiValue], Vec<String>, String)>) -> Result<(Encoded, LeftOut), EncodeError> {
    let (shared, left_out) = match results {
        Some((page, kpis, files, day)) => {
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
            let (r, l) = builder.build();
            (Some(r), l)
        }
        None => (None, LeftOut::default()),
    };
    encode_fitting(shareable_settings(settings), shared).map(|e| (e, left_out))
}

/// A link's settings as the reader adopts them: the dashboard is the sender's, the theme and the
/// number format stay the reader's.
pub fn adopt(shared: Settings, mine: &Settings) -> Settings {
    Settings { theme: mine.theme, locale: mine.locale.clone(), ..shared }
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

/// The KPI values as a CSV table: id, name, source, period, breakdown, value (raw: rates as
/// fractions, money in major units), safe to open in a spreadsheet (see `northstar_share::csv_export`).
pub fn kpis_csv(kpis: &[KpiValue]) -> String {
    use northstar_share::Cell;
    let rows: Vec<Vec<Cell>> = kpis
        .iter()
        .map(|k| {
            let name = kpi_name(k.id);
            let segment = match (k.kind, &k.segment) {
                (Some(kind), None) => kind.to_uppercase(),
                (_, s) => s.clone().unwrap_or_default(),
            };
            vec![
                Cell::Text(k.id.to_string()),
                Cell::Text(name),
                Cell::Text(k.source.to_string()),
                Cell::Text(k.period.clone()),
                Cell::Text(segment),
                Cell::Number(k.value),
            ]
        })
        .collect();
    northstar_share::kpi_table_csv(&["kpi", "name", "source", "period", "breakdown", "value"], &rows)
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
