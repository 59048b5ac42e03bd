//! Health KPIs per month (spec §7): the band counts and the MRR at risk as of the end of each
//! month, and the back-test of that month's scores against the churn of the months after it.

use super::backtest::{auc, top_decile_lift};
use super::book::Book;
use super::score::{score_all, Band, Scored};
use super::settings::HealthSettings;
use crate::kpi::{Area, KpiDef, KpiValue, Unit};
use crate::period::{Granularity, Period};

const fn def(id: &'static str, name: &'static str, unit: Unit, higher_is_better: bool, definition: &'static str) -> KpiDef {
    KpiDef::new(id, "health", name, unit, higher_is_better, definition, Area::Health)
}

pub const DEFS: [KpiDef; 7] = [
    def("health_score", "Health score", Unit::Points, true, "Per customer, 0-100 as of the end of the period: the weighted mean of the component scores that have data (usage trend, usage per seat, engagement, latest survey answer, tickets, MRR change), never using data dated after that day."),
    def("accounts_red", "Red accounts", Unit::Count, false, "Active customers whose health score is below the red threshold at the end of the period. The thresholds are calibrated on the back-test of your files (the low scores that churned several times the base rate, at most 15 % of the customers a month), or set by hand."),
    def("accounts_yellow", "Yellow accounts", Unit::Count, false, "Active customers whose health score is at least the red threshold and below the yellow one at the end of the period (calibrated, or set by hand)."),
    def("accounts_green", "Green accounts", Unit::Count, true, "Active customers whose health score is at or above the yellow threshold at the end of the period."),
    def("mrr_at_risk", "MRR at risk", Unit::Money, false, "The MRR, at the end of the period, of the customers in the red band."),
    def("health_auc", "Health score AUC", Unit::Ratio, true, "Back-test: among customers active at the end of the period, the probability that one who churns within the next 3 months (a setting) had a lower score than one who did not, ties counting one half. 0.5 is a coin toss, 1 a perfect ranking."),
    def("health_top_decile_lift", "Top-decile lift", Unit::Ratio, true, "Back-test: the churn rate, within the next 3 months (a setting), of the lowest-scoring 10 % of customers active at the end of the period, divided by the churn rate of all of them."),
];

/// One month: the active customers scored at its end, and whether each churned within the
/// window after it (none when the window runs past the data).
#[derive(Debug, Clone, PartialEq)]
pub struct MonthHealth {
    pub period: Period,
    /// The day scored: the month's last day (the data's last day in a month it ends in).
    pub day: i32,
    /// Lowest score first (see [`score_all`]).
    pub scored: Vec<Scored>,
    /// Aligned with `scored`.
    pub churned: Option<Vec<bool>>,
}

/// Every month scored, banded by the thresholds in force, and those thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub months: Vec<MonthHealth>,
    pub bands: super::calibrate::Calibration,
}

/// [`scored_months`], their band thresholds calibrated on their own back-test (or set), and each
/// score banded by them.
pub fn assess(book: &Book, settings: &HealthSettings) -> Assessment {
    let mut months = scored_months(book, settings);
    let bands = super::calibrate::calibrate(&months, settings);
    super::calibrate::band(&mut months, &bands);
    Assessment { months, bands }
}

/// Every month of the book's data, scored and banded (see [`assess`]).
pub fn history(book: &Book, settings: &HealthSettings) -> Vec<MonthHealth> {
    assess(book, settings).months
}

/// Every month of the book's data, scored at its end. Empty without billing customers; one
/// month (the data's last day) for an accounts snapshot without subscriptions.
pub fn scored_months(book: &Book, settings: &HealthSettings) -> Vec<MonthHealth> {
    let (Some(first), Some(last)) = (book.first_day, book.last_day) else { return Vec::new() };
    if book.customers.is_empty() {
        return Vec::new();
    }
    if !book.loaded.mrr {
        let period = Granularity::Month.bucket(last);
        return vec![MonthHealth { period, day: last, scored: score_all(book, last, settings), churned: None }];
    }
    let months = Granularity::Month.buckets_between(first, last);
    let w = settings.window_months as usize;
    months
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // The last month may end after the data does: it is scored at the data's last day, so
            // that days without data do not read as days without use.
            let day = p.last_day().min(last);
            let scored = score_all(book, day, settings);
            let complete = months.get(i + w).is_some_and(|end| end.last_day() <= last);
            let churned = complete.then(|| {
                scored
                    .iter()
                    .map(|s| {
                        let c = &book.customers[s.customer];
                        months[i + 1..=i + w].iter().any(|m| !book.is_active(c, m.last_day()))
                    })
                    .collect()
            });
            MonthHealth { period: *p, day, scored, churned }
        })
        .filter(|m| !m.scored.is_empty())
        .collect()
}

fn value(id: &'static str, period: &str, value: Option<f64>, numerator: Option<f64>, denominator: Option<f64>, n: u64) -> KpiValue {
    KpiValue::new(id, "health", period, value, numerator, denominator, n)
}

/// The §7 KPIs of each month of `history` (`dated`: the book has subscriptions, so churn has dates).
pub fn kpis(history: &[MonthHealth], dated: bool) -> Vec<KpiValue> {
    let mut out = Vec::new();
    for m in history {
        let label = m.period.label();
        let banded: Vec<&Scored> = m.scored.iter().filter(|s| s.band.is_some()).collect();
        let n = banded.len() as u64;
        for (id, band) in [("accounts_red", Band::Red), ("accounts_yellow", Band::Yellow), ("accounts_green", Band::Green)] {
            let count = banded.iter().filter(|s| s.band == Some(band)).count() as f64;
            out.push(value(id, &label, Some(count), Some(count), Some(n as f64), n));
        }
        let at_risk: i64 = banded.iter().filter(|s| s.band == Some(Band::Red)).map(|s| s.mrr).sum();
        let total: i64 = banded.iter().map(|s| s.mrr).sum();
        out.push(value("mrr_at_risk", &label, Some(at_risk as f64 / 100.0), Some(at_risk as f64 / 100.0), Some(total as f64 / 100.0), n));
        let (mut a, mut lift) = (value("health_auc", &label, None, None, None, n), value("health_top_decile_lift", &label, None, None, None, n));
        match &m.churned {
            Some(churned) => {
                let pairs: Vec<(f64, bool)> = m.scored.iter().zip(churned).filter_map(|(s, &c)| s.score.map(|v| (v, c))).collect();
                let churners = pairs.iter().filter(|p| p.1).count() as f64;
                a.value = auc(&pairs);
                a.numerator = Some(churners);
                a.denominator = Some(pairs.len() as f64);
                a.n = pairs.len() as u64;
                // `scored` is lowest score first, the unscored last: the ranking is its prefix.
                let ranked: Vec<bool> = m.scored.iter().zip(churned).filter(|(s, _)| s.score.is_some()).map(|(_, &c)| c).collect();
                lift.value = top_decile_lift(&ranked);
                lift.n = ranked.len() as u64;
                if a.value.is_none() {
                    a.warning = Some(if churners == 0.0 {
                        "no scored customer churned in the window after this month".into()
                    } else {
                        "every scored customer churned in the window".into()
                    });
                }
                if lift.value.is_none() {
                    lift.warning = a.warning.clone();
                }
            }
            None => {
                let why = if dated {
                    "the months after this one are not all in the data yet, so their churn is unknown"
                } else {
                    "needs subscriptions: an accounts snapshot has no dates to back-test against"
                };
                a.warning = Some(why.into());
                lift.warning = Some(why.into());
            }
        }
        out.push(a);
        out.push(lift);
    }
    out
}
