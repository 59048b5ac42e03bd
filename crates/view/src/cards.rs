//! The cards' view model: which period they show (the user's pick, else the latest complete period
//! with data), whether it is partial, and one card per KPI with its target (the user's) or its
//! suggestion, its status and, for a "—", the reason. Pure functions, no signals.

use crate::format::Style;
use northstar_metrics::catalog::def;
use northstar_metrics::kpi::{KpiValue, Unit};
use northstar_metrics::period::Period;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    OnTrack,
    OffTrack,
    NoData,
    NoTarget,
}

impl Status {
    pub fn class(self) -> &'static str {
        match self {
            Status::OnTrack => "status on-track",
            Status::OffTrack => "status off-track",
            Status::NoData => "status no-data",
            Status::NoTarget => "status",
        }
    }
    pub fn text(self) -> &'static str {
        match self {
            Status::OnTrack => "on track",
            Status::OffTrack => "off track",
            Status::NoData => "no data",
            Status::NoTarget => "",
        }
    }
}

pub fn status(value: Option<f64>, target: Option<f64>, higher_is_better: bool) -> Status {
    match (value, target) {
        (_, None) => Status::NoTarget,
        (None, Some(_)) => Status::NoData,
        (Some(v), Some(t)) if (v >= t) == higher_is_better || v == t => Status::OnTrack,
        _ => Status::OffTrack,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub id: &'static str,
    pub kind: Option<&'static str>,
    pub title: String,
    pub period: String,
    pub value: Option<f64>,
    /// How the value was made, or why there is none.
    pub explain: String,
    pub n: u64,
    pub small_sample: bool,
    /// The user's own target; a status is shown only against it.
    pub target: Option<f64>,
    /// Northstar's suggestion while the user has set none.
    pub suggested: Option<f64>,
    /// The key of this card's target in the settings (`nps`, `responses.csat`, …).
    pub target_key: String,
    pub status: Status,
    pub previous: Option<f64>,
    pub is_money: bool,
    pub unit: Unit,
    /// Shown after the value, e.g. the currency.
    pub suffix: String,
    /// A warning that belongs on the card (answers outside the scale, a filter that matches nothing).
    pub warning: Option<String>,
}

/// Targets are kept per KPI id, and per kind for `responses`.
pub fn target_key(id: &str, kind: Option<&str>) -> String {
    match kind {
        Some(k) => format!("{id}.{k}"),
        None => id.to_string(),
    }
}

/// One period the cards can show.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodChoice {
    pub label: String,
    /// The data starts after its first day or ends before its last.
    pub partial: bool,
    /// Some overall KPI has a value in it from at least one row (a count of 0 is no data).
    pub has_data: bool,
}

impl PeriodChoice {
    pub fn text(&self) -> String {
        if self.label == "all" {
            return "the whole file".into();
        }
        match (self.partial, self.has_data) {
            (true, _) => format!("{} (partial)", self.label),
            (false, false) => format!("{} (no data)", self.label),
            _ => self.label.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CardsModel {
    /// Every period of the series, latest first.
    pub periods: Vec<PeriodChoice>,
    /// The period shown, and whether it is partial.
    pub shown: Option<PeriodChoice>,
    /// The user picked it (else it is the default).
    pub picked: bool,
    pub cards: Vec<Card>,
}

impl CardsModel {
    /// What the picker's default choice reads: the period it stands for while the user has picked none.
    pub fn default_text(&self) -> String {
        match self.shown.as_ref().filter(|_| !self.picked) {
            Some(p) if p.label == "all" => p.text(),
            Some(p) if p.partial => format!("{} (latest with data; none is complete)", p.text()),
            Some(p) => format!("{} (latest complete)", p.text()),
            None => "latest complete period".to_string(),
        }
    }
}

/// Targets Northstar suggests (common benchmarks), shown as suggestions until the user sets one.
pub const SUGGESTED_TARGETS: [(&str, f64); 10] = [
    ("nps", 30.0),
    ("csat", 80.0),
    ("ces", 5.0),
    ("nrr", 1.0),
    ("customer_churn_rate", 0.03),
    ("gross_mrr_churn_rate", 0.02),
    ("sla_first_response_rate", 0.9),
    ("first_response_time_median", 4.0),
    ("ltv_to_cac", 3.0),
    ("cac_payback_months", 12.0),
];

/// The suggested target of a KPI (by its target key), if any.
pub fn suggested_target(key: &str) -> Option<f64> {
    SUGGESTED_TARGETS.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// Where a panel's numbers come from: the file, and when there is none, why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Origin {
    /// "From Telco.csv" or "From the demo file demo-subscriptions.csv"; empty when nothing is loaded.
    pub from: String,
    /// Why there are no numbers (no file, the file could not be read).
    pub empty: String,
    /// First and last day of the data (days since 1970-01-01).
    pub extent: Option<(i32, i32)>,
}

/// Why a chart of a loaded source is empty: the source's own reason when nothing is loaded, else
/// `missing` ("no NPS answers") and the file.
pub fn why_empty(origin: &Origin, missing: &str) -> String {
    if origin.from.is_empty() {
        origin.empty.clone()
    } else {
        format!("{missing} ({})", origin.from.to_lowercase().replacen("from", "in", 1))
    }
}

/// Whether `label` is only partly covered by data spanning `extent`.
pub fn is_partial(label: &str, extent: Option<(i32, i32)>) -> bool {
    let (Some((first, last)), Some(p)) = (extent, Period::parse(label)) else { return false };
    p != Period::All && (p.first_day() < first || p.last_day() > last)
}

/// The cards of `kpis` for the period `chosen` (when it is one of theirs), else for the latest
/// complete period with data; one card per KPI (responses per kind).
pub fn cards(kpis: &[KpiValue], targets: &BTreeMap<String, f64>, chosen: Option<&str>, extent: Option<(i32, i32)>, style: &Style) -> CardsModel {
    let overall: Vec<&KpiValue> = kpis.iter().filter(|k| k.segment.is_none()).collect();
    let mut periods: Vec<PeriodChoice> = Vec::new();
    for k in &overall {
        match periods.iter_mut().find(|p| p.label == k.period) {
            Some(p) => p.has_data |= with_data(k),
            None => periods.push(PeriodChoice { label: k.period.clone(), partial: is_partial(&k.period, extent), has_data: with_data(k) }),
        }
    }
    periods.reverse();
    let picked = chosen.and_then(|c| periods.iter().find(|p| p.label == c)).cloned();
    let shown = picked
        .clone()
        .or_else(|| periods.iter().find(|p| p.has_data && !p.partial).cloned())
        .or_else(|| periods.iter().find(|p| p.has_data).cloned())
        .or_else(|| periods.first().cloned());
    let Some(shown) = shown else { return CardsModel::default() };
    let previous_period = periods.iter().skip_while(|p| p.label != shown.label).nth(1).map(|p| p.label.clone());
    let cards = overall
        .iter()
        .filter(|k| k.period == shown.label)
        .map(|k| {
            let previous =
                previous_period.as_ref().and_then(|p| overall.iter().find(|o| &o.period == p && o.id == k.id && o.kind == k.kind)).and_then(|o| o.value);
            card(k, targets, previous, shown.partial, extent, style)
        })
        .collect();
    CardsModel { periods, picked: picked.is_some(), shown: Some(shown), cards }
}

fn with_data(k: &KpiValue) -> bool {
    k.value.is_some() && k.n > 0
}

fn card(k: &KpiValue, targets: &BTreeMap<String, f64>, previous: Option<f64>, partial: bool, extent: Option<(i32, i32)>, style: &Style) -> Card {
    let d = def(k.id);
    let unit = d.map_or(Unit::Count, |d| d.unit);
    let key = target_key(k.id, k.kind);
    let target = targets.get(&key).copied();
    let name = d.map_or(k.id, |d| d.name);
    let title = match k.kind {
        Some(kind) => format!("{name} ({})", kind.to_uppercase()),
        None => name.to_string(),
    };
    let explain = match k.value {
        Some(_) => with_basis(style.explain(k), k),
        None => why_none(k, partial, extent, style),
    };
    Card {
        id: k.id,
        kind: k.kind,
        title,
        period: k.period.clone(),
        value: k.value,
        explain,
        n: k.n,
        small_sample: k.small_sample,
        target,
        suggested: target.is_none().then(|| suggested_target(&key)).flatten(),
        target_key: key,
        status: status(k.value, target, d.is_none_or(|d| d.higher_is_better)),
        previous,
        is_money: unit == Unit::Money,
        unit,
        suffix: String::new(),
        warning: k.warning.clone(),
    }
}

/// Why a KPI has no value, in words ("—" never stands alone).
pub fn why_none(k: &KpiValue, partial: bool, extent: Option<(i32, i32)>, style: &Style) -> String {
    let ends = extent.map(|(_, last)| style.day(last));
    if k.warning.is_some() {
        return "undefined: see the warning below".into();
    }
    if k.id.ends_with("_12m") {
        return "needs the same month a year earlier, which is not in the data".into();
    }
    let d = def(k.id);
    if let Some(needs) = d.and_then(|d| d.needs).filter(|_| k.n > 0) {
        return format!("undefined: needs {} of the same kind as this one (the demo is never mixed with your files)", needs.from);
    }
    if k.id == "sales_growth_per_customer" {
        return "undefined: no customer ordered both in this period and in the same period a year earlier".into();
    }
    if let (Some(p), Some((first, last))) = (Period::parse(&k.period), extent) {
        if p.first_day() > last {
            return format!("the data ends on {}, before this period", style.day(last));
        }
        if p.last_day() < first {
            return format!("the data starts on {}, after this period", style.day(first));
        }
    }
    if k.n == 0 || k.denominator == Some(0.0) {
        let what = d.map(|d| d.lacking).filter(|w| !w.is_empty()).unwrap_or("nothing to divide by");
        let more = if partial { format!("; the data ends on {}", ends.unwrap_or_default()) } else { String::new() };
        return format!("undefined: {what} in this period{more}");
    }
    if partial {
        return format!("undefined: this period is partial (the data ends on {})", ends.unwrap_or_default());
    }
    format!("undefined for this period ({})", style.explain(k))
}

/// Says where an input came from when a KPI can take it from more than one source.
fn with_basis(explain: String, k: &KpiValue) -> String {
    let Some(basis) = k.basis else { return explain };
    let what = def(k.id).and_then(|d| d.needs).map_or("input", |n| n.input);
    format!("{explain}; {what} from {basis}")
}
