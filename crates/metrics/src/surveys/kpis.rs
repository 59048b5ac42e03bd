//! Survey KPIs (spec §3), per period and per segment.
//!
//! - `nps` = 100 × (promoters − detractors) / n. On 0-10, promoters answer 9-10 and detractors
//!   0-6; on 1-5, promoters 4-5 and detractors 1-2. Numerator: promoters − detractors; denominator: n.
//! - `nps_margin_of_error` = 100 × 1.96 × √((p + d − (p − d)²) / n), with p and d the promoter and
//!   detractor shares: the half-width of the 95 % confidence interval of the NPS, in points.
//! - `csat` = 100 × answers at or above the satisfied threshold / n (1-5: 4 and 5).
//! - `ces` = mean score. Numerator: sum of scores; denominator: n.
//! - `responses` = n, per kind. Blank answers are not responses.
//!
//! n is the number of answers of that kind in the period (and segment). With n = 0 every value is
//! none. Values with n < 30 carry `small_sample`.
//!
//! Each answer is counted on its question's scale (promoters, detractors and the satisfied
//! threshold of that scale), so the overall value of a kind pools its questions. The breakdown
//! "Question" (segment index = the number of segment columns, after them as in `segment_names`)
//! gives each question's own values, labelled by its header. A kind whose questions had most
//! answers outside their scale carries the warning on every value.

use super::data::SurveyData;
use super::settings::Scale;
use super::settings::{Kind, SurveyKpi};
use crate::kpi::{Area, KpiDef, KpiValue, Unit, SMALL_SAMPLE};
use crate::period::{Granularity, Period};

pub const DEFS: [KpiDef; 5] = [
    KpiDef::new("nps", "surveys", "Net Promoter Score", Unit::Points, true, "100 × (promoters − detractors) ÷ NPS responses. On a 0–10 scale promoters answer 9–10 and detractors 0–6; on 1–5, promoters 4–5 and detractors 1–2. Ranges from −100 to 100.", Area::Satisfaction).lacking("no answers"),
    KpiDef::new("nps_margin_of_error", "surveys", "NPS margin of error", Unit::Points, false, "Half-width of the 95 % confidence interval of the NPS: 100 × 1.96 × √((p + d − (p − d)²) ÷ n), where p and d are the promoter and detractor shares and n the NPS responses.", Area::Satisfaction).lacking("no answers"),
    KpiDef::new("csat", "surveys", "Customer satisfaction (CSAT)", Unit::Points, true, "100 × CSAT answers at or above the satisfied threshold ÷ CSAT responses. The threshold defaults to the top two answers of each question's scale (4 and 5 on 1–5, 9 and 10 on 1–10); several CSAT questions pool their answers.", Area::Satisfaction).lacking("no answers"),
    KpiDef::new("ces", "surveys", "Customer effort score (CES)", Unit::Score, true, "Mean of the CES answers (sum of scores ÷ CES responses), on the CES scale (1–7 unless the answers need another, higher means easier).", Area::Satisfaction).lacking("no answers"),
    KpiDef::new("responses", "surveys", "Responses", Unit::Count, true, "Number of non-blank answers of each survey kind (NPS, CSAT, CES) in the period. Blank answers and answers outside the scale are not responses.", Area::Satisfaction).lacking("no answers"),
];

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Tally {
    n: u64,
    promoters: u64,
    detractors: u64,
    satisfied: u64,
    sum: f64,
}

/// The calendar buckets a survey file covers, first to last date it mentions.
pub fn survey_periods(data: &SurveyData, granularity: Granularity) -> Vec<Period> {
    if !data.has_dates || granularity == Granularity::All {
        return vec![Period::All];
    }
    let valid = data.days.iter().copied().filter(|&d| d != i32::MIN);
    let (Some(first), Some(last)) = (valid.clone().min(), valid.max()) else { return Vec::new() };
    granularity.buckets_between(first, last)
}

/// What one group of answers is broken down by.
enum Groups<'a> {
    None,
    Column(&'a crate::segment::SegmentColumn),
    Question(usize),
}

/// Every survey KPI per period, overall and for each value of segment `segment`: segment column
/// `segment`, or with `segment == data.segments.len()` (when the file has the question breakdown),
/// each question.
pub fn survey_kpis(data: &SurveyData, settings: &SurveyKpi, granularity: Granularity, segment: Option<usize>) -> Vec<KpiValue> {
    let granularity = if data.has_dates { granularity } else { Granularity::All };
    let periods = survey_periods(data, granularity);
    if periods.is_empty() {
        return Vec::new();
    }
    let by = match segment {
        Some(s) if s < data.segments.len() => Groups::Column(&data.segments[s]),
        Some(s) if s == data.segments.len() && data.has_question_breakdown() => Groups::Question(data.question_list().len()),
        _ => Groups::None,
    };
    let groups = 1 + match by {
        Groups::None => 0,
        Groups::Column(s) => s.values.len(),
        Groups::Question(n) => n,
    };
    let kinds = 3;
    let mut tallies = vec![Tally::default(); periods.len() * groups * kinds];
    // Day → period index, over the span of the data.
    let first_day = periods[0].first_day();
    let day_index: Vec<u32> = if granularity == Granularity::All {
        Vec::new()
    } else {
        let last_day = periods[periods.len() - 1].last_day();
        let mut v = Vec::with_capacity((last_day - first_day + 1) as usize);
        let mut p = 0usize;
        for day in first_day..=last_day {
            while periods[p].last_day() < day {
                p += 1;
            }
            v.push(p as u32);
        }
        v
    };
    // Each question's cut-offs on its own scale: (lowest promoter, highest detractor, lowest satisfied).
    let cuts: Vec<(f64, f64, f64)> = data
        .question_list()
        .iter()
        .map(|q| {
            let (promoter, detractor) = q.scale.nps_cutoffs();
            (promoter, detractor, settings.satisfied_threshold(q.scale))
        })
        .collect();
    for a in &data.answers {
        let p = if granularity == Granularity::All {
            0
        } else {
            let day = data.days[a.row as usize];
            if day == i32::MIN {
                continue;
            }
            day_index[(day - first_day) as usize] as usize
        };
        let Some(&(promoter_min, detractor_max, satisfied_min)) = cuts.get(a.question as usize) else { continue };
        let mut add = |group: usize| {
            let t = &mut tallies[(p * groups + group) * kinds + a.kind.index()];
            t.n += 1;
            t.sum += a.score;
            match a.kind {
                Kind::Nps if a.score >= promoter_min => t.promoters += 1,
                Kind::Nps if a.score <= detractor_max => t.detractors += 1,
                Kind::Csat if a.score >= satisfied_min => t.satisfied += 1,
                _ => {}
            }
        };
        add(0);
        match by {
            Groups::None => {}
            Groups::Column(s) => add(1 + s.id(a.row as usize) as usize),
            Groups::Question(_) => add(1 + a.question as usize),
        }
    }
    let warnings: Vec<Option<String>> = Kind::ALL.iter().map(|&k| data.warning_of(k)).collect();
    let mut out = Vec::with_capacity(periods.len() * groups * 8);
    for group in 0..groups {
        // The group's question under the question breakdown: its label, its one kind, its warning.
        let question = match (&by, group) {
            (Groups::Question(_), g) if g > 0 => data.question_list().get(g - 1),
            _ => None,
        };
        let segment_value = match (&by, group, question) {
            (_, _, Some(q)) => Some(q.column.clone()),
            (Groups::Column(s), g, None) if g > 0 => Some(s.values[g - 1].clone()),
            _ => None,
        };
        let kinds_here: Vec<Kind> = question.map_or_else(|| data.kinds.clone(), |q| vec![q.kind]);
        let warning_of = |k: Kind| question.map_or_else(|| warnings[k.index()].clone(), |q| q.warning.clone());
        for (p, period) in periods.iter().enumerate() {
            let label = period.label();
            let at = |kind: Kind| tallies[(p * groups + group) * kinds + kind.index()];
            for &kind in &kinds_here {
                let start = out.len();
                values_for(kind, &at(kind), &label, &segment_value, &mut out);
                warn(&mut out[start..], warning_of(kind));
            }
            for &kind in &kinds_here {
                let t = at(kind);
                out.push(value("responses", &label, &segment_value, Some(t.n as f64), Some(t.n as f64), None, t.n, Some(kind)));
                let last = out.len() - 1;
                warn(&mut out[last..], warning_of(kind));
            }
        }
    }
    out
}

fn warn(values: &mut [KpiValue], warning: Option<String>) {
    if let Some(w) = warning {
        for v in values {
            v.warning = Some(w.clone());
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn value(
    id: &'static str,
    period: &str,
    segment: &Option<String>,
    value: Option<f64>,
    numerator: Option<f64>,
    denominator: Option<f64>,
    n: u64,
    kind: Option<Kind>,
) -> KpiValue {
    KpiValue {
        segment: segment.clone(),
        kind: kind.map(Kind::as_str),
        small_sample: n > 0 && n < SMALL_SAMPLE,
        ..KpiValue::new(id, "surveys", period, value, numerator, denominator, n)
    }
}

fn ratio(num: f64, n: u64) -> Option<f64> {
    (n > 0).then(|| num / n as f64)
}

fn values_for(kind: Kind, t: &Tally, period: &str, segment: &Option<String>, out: &mut Vec<KpiValue>) {
    let n = t.n;
    let den = (n > 0).then_some(n as f64);
    match kind {
        Kind::Nps => {
            let net = t.promoters as f64 - t.detractors as f64;
            out.push(value("nps", period, segment, ratio(100.0 * net, n), Some(net), den, n, None));
            let moe = (n > 0).then(|| {
                let (p, d) = (t.promoters as f64 / n as f64, t.detractors as f64 / n as f64);
                100.0 * 1.96 * ((p + d - (p - d) * (p - d)).max(0.0) / n as f64).sqrt()
            });
            out.push(value("nps_margin_of_error", period, segment, moe, None, None, n, None));
        }
        Kind::Csat => {
            out.push(value("csat", period, segment, ratio(100.0 * t.satisfied as f64, n), Some(t.satisfied as f64), den, n, None));
        }
        Kind::Ces => out.push(value("ces", period, segment, ratio(t.sum, n), Some(t.sum), den, n, None)),
    }
}

/// Count of answers at each point of the kind's scale (whole file), for the distribution chart:
/// the scale its questions were read on ([`SurveyData::scale_of`]).
pub fn score_distribution(data: &SurveyData, kind: Kind) -> Vec<(f64, u64)> {
    distribution_on(data.scale_of(kind), data.answers.iter().filter(|a| a.kind == kind).map(|a| a.score))
}

/// Count of answers at each point of question `question`'s scale.
pub fn question_distribution(data: &SurveyData, question: u16) -> Vec<(f64, u64)> {
    let Some(q) = data.question(question) else { return Vec::new() };
    distribution_on(q.scale, data.answers.iter().filter(|a| a.question == question).map(|a| a.score))
}

fn distribution_on(scale: Scale, scores: impl Iterator<Item = f64>) -> Vec<(f64, u64)> {
    let mut counts = vec![0u64; (scale.max - scale.min) as usize + 1];
    for score in scores {
        let i = (score.round() as i64 - scale.min as i64).clamp(0, counts.len() as i64 - 1) as usize;
        counts[i] += 1;
    }
    counts.into_iter().enumerate().map(|(i, c)| (scale.min as f64 + i as f64, c)).collect()
}
