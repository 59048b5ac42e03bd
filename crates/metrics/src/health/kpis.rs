//! Health KPIs per month (spec §7): the band counts and the MRR at risk as of the end of each
//! month, and the back-test of that month's scores against the churn of the months after it.

use super::backtest::{auc_of_groups, lift_of};
use super::book::Book;
use super::score::{components_into, weighted, ScoreDay};
use super::settings::HealthSettings;
use crate::kpi::{Area, KpiDef, KpiValue, Unit};
use crate::period::{Granularity, Period};
use rustc_hash::FxHashMap;

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

/// The customers of one score in one month: how many, how many of them churned within the window
/// after it (0 when the window is not in the data), and their MRR (cents).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreGroup {
    pub score: f64,
    pub customers: u64,
    pub churners: u64,
    pub mrr: i64,
}

/// One month, summed up: the active customers at its end, their scores grouped (what the KPIs,
/// the back-test and the calibration read), and the bands in force. A month's list of customers
/// is [`super::score_all`] at [`MonthHealth::day`]: scoring one day is cheap, keeping every month's list
/// is not (374k customers × 60 months).
#[derive(Debug, Clone, PartialEq)]
pub struct MonthHealth {
    pub period: Period,
    /// The day scored: the month's last day (the data's last day in a month it ends in).
    pub day: i32,
    /// Active customers at `day`, scored or not.
    pub active: u64,
    /// The scored customers by score, lowest first.
    pub groups: Vec<ScoreGroup>,
    /// Whether the churn window after this month lies inside the data (else churn is unknown).
    pub tested: bool,
    /// Churners among the lowest-scoring ⌈n ÷ 10⌉ scored customers, ties at the cut by customer
    /// id (see [`super::backtest`]).
    pub top_decile_churners: u64,
    /// `groups[..red_groups]` are red, `groups[red_groups..yellow_groups]` yellow, the rest green
    /// (set by [`super::calibrate::band`]).
    pub red_groups: usize,
    pub yellow_groups: usize,
}

impl MonthHealth {
    /// Customers with a score.
    pub fn scored(&self) -> u64 {
        self.groups.iter().map(|g| g.customers).sum()
    }

    /// Churners within the window among the scored; none when the window is not in the data.
    pub fn churners(&self) -> Option<u64> {
        self.tested.then(|| self.groups.iter().map(|g| g.churners).sum())
    }

    /// (customers, churners, MRR) of the groups in `range`.
    pub fn sum(&self, range: std::ops::Range<usize>) -> (u64, u64, i64) {
        self.groups[range].iter().fold((0, 0, 0), |(n, c, m), g| (n + g.customers, c + g.churners, m + g.mrr))
    }
}

/// Every month scored, banded by the thresholds in force, and those thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub months: Vec<MonthHealth>,
    pub bands: super::calibrate::Calibration,
}

/// [`scored_months`], their band thresholds calibrated on their own back-test (or set), and each
/// month banded by them.
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
///
/// Customer by customer, each of its months in turn, so that a customer's touches are read while
/// they are in the cache: whether it is active is read from a table of every customer × month
/// end worked out once (it also answers "churned within the window"), each month's scores are
/// grouped as they come, and each month keeps only its lowest tenth in full (for the lift).
pub fn scored_months(book: &Book, settings: &HealthSettings) -> Vec<MonthHealth> {
    let (Some(first), Some(last)) = (book.first_day, book.last_day) else { return Vec::new() };
    if book.customers.is_empty() {
        return Vec::new();
    }
    if !book.loaded.mrr {
        let period = Granularity::Month.bucket(last);
        let active = Activity::of(book, &[last]);
        return score_months(book, settings, &[(period, last)], &active, &[false], |_, _| false);
    }
    let months = Granularity::Month.buckets_between(first, last);
    // The last month may end after the data does: it is scored at the data's last day, so that
    // days without data do not read as days without use. (Churn is read at month ends, and a
    // window that reaches that month ends inside the data, where the two days agree.)
    let days: Vec<(Period, i32)> = months.iter().map(|p| (*p, p.last_day().min(last))).collect();
    let active = Activity::of(book, &days.iter().map(|d| d.1).collect::<Vec<_>>());
    let w = settings.window_months as usize;
    let complete: Vec<bool> = (0..months.len()).map(|i| months.get(i + w).is_some_and(|end| end.last_day() <= last)).collect();
    score_months(book, settings, &days, &active, &complete, |c, i| (i + 1..=i + w).any(|j| !active.at(c, j))).into_iter().filter(|m| m.active > 0).collect()
}

/// Whether each customer is active at each of a list of days, one bit each.
struct Activity {
    days: usize,
    bits: Vec<u64>,
}

impl Activity {
    fn of(book: &Book, days: &[i32]) -> Activity {
        let mut bits = vec![0u64; (book.customers.len() * days.len()).div_ceil(64)];
        for (c, customer) in book.customers.iter().enumerate() {
            for (j, &day) in days.iter().enumerate() {
                if book.is_active(customer, day) {
                    let at = c * days.len() + j;
                    bits[at / 64] |= 1 << (at % 64);
                }
            }
        }
        Activity { days: days.len(), bits }
    }

    fn at(&self, customer: usize, day: usize) -> bool {
        let at = customer * self.days + day;
        self.bits[at / 64] >> (at % 64) & 1 == 1
    }

    fn count(&self, day: usize, customers: usize) -> u64 {
        (0..customers).filter(|&c| self.at(c, day)).count() as u64
    }
}

/// (score's order, customer id's rank, churned): a place in a month's ranking.
type Place = (u64, u32, bool);

/// Each month of `days` (period, day scored): every customer active at its end scored, the scores
/// grouped, and the lowest tenth's churners counted. `tested`: whether a month's churn window is
/// in the data; `churned(customer, month)`: whether the customer churned within it (asked only
/// of a tested month).
fn score_months(
    book: &Book,
    settings: &HealthSettings,
    days: &[(Period, i32)],
    active: &Activity,
    tested: &[bool],
    churned: impl Fn(usize, usize) -> bool,
) -> Vec<MonthHealth> {
    let ranks = book.id_ranks();
    let customers = book.customers.len();
    let actives: Vec<u64> = (0..days.len()).map(|j| active.count(j, customers)).collect();
    let at: Vec<ScoreDay> = days.iter().map(|&(_, day)| ScoreDay::new(day)).collect();
    let mut groups: Vec<FxHashMap<u64, ScoreGroup>> = vec![FxHashMap::default(); days.len()];
    // Each month's lowest ⌈active ÷ 10⌉ places: they hold the lowest ⌈scored ÷ 10⌉, as no more
    // are scored than are active.
    let mut lowest: Vec<Lowest> = actives.iter().map(|&a| Lowest::new(a.div_ceil(10) as usize)).collect();
    let mut components = Vec::new();
    for (c, customer) in book.customers.iter().enumerate() {
        for j in (0..days.len()).filter(|&j| active.at(c, j)) {
            components_into(book, customer, at[j], settings, &mut components);
            let Some(score) = weighted(&components, settings) else { continue };
            let churn = tested[j] && churned(c, j);
            let key = order_key(score);
            let g = groups[j].entry(key).or_insert(ScoreGroup { score, customers: 0, churners: 0, mrr: 0 });
            g.customers += 1;
            g.churners += churn as u64;
            g.mrr += book.mrr_of(customer, days[j].1);
            lowest[j].offer((key, ranks[c], churn));
        }
    }
    days.iter()
        .enumerate()
        .map(|(j, &(period, day))| {
            let mut month_groups: Vec<ScoreGroup> = std::mem::take(&mut groups[j]).into_values().collect();
            month_groups.sort_by(|a, b| a.score.total_cmp(&b.score));
            let scored: u64 = month_groups.iter().map(|g| g.customers).sum();
            let places = std::mem::replace(&mut lowest[j], Lowest::new(0)).first(scored.div_ceil(10) as usize);
            MonthHealth {
                period,
                day,
                active: actives[j],
                groups: month_groups,
                tested: tested[j],
                top_decile_churners: places.iter().filter(|p| p.2).count() as u64,
                red_groups: 0,
                yellow_groups: 0,
            }
        })
        .collect()
}

/// The `keep` lowest places offered: a buffer of up to twice as many, cut back to the lowest
/// `keep` when full (amortised constant time per offer), and a bound that turns away what cannot
/// be among them.
struct Lowest {
    keep: usize,
    places: Vec<Place>,
    bound: Option<Place>,
}

impl Lowest {
    fn new(keep: usize) -> Lowest {
        Lowest { keep, places: Vec::new(), bound: None }
    }

    fn offer(&mut self, place: Place) {
        if self.keep == 0 || self.bound.is_some_and(|b| place >= b) {
            return;
        }
        self.places.push(place);
        if self.places.len() >= 2 * self.keep {
            self.cut(self.keep);
        }
    }

    fn cut(&mut self, keep: usize) {
        if keep < self.places.len() {
            self.places.select_nth_unstable(keep);
            self.places.truncate(keep);
            self.bound = self.places.iter().max().copied();
        }
    }

    /// The lowest `k` (at most `keep`) places, in no order.
    fn first(mut self, k: usize) -> Vec<Place> {
        self.cut(k);
        self.places
    }
}

/// A score as a key that sorts as [`f64::total_cmp`] does (a score is never -0 or NaN).
fn order_key(score: f64) -> u64 {
    let bits = score.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

fn value(id: &'static str, period: &str, value: Option<f64>, numerator: Option<f64>, denominator: Option<f64>, n: u64) -> KpiValue {
    KpiValue::new(id, "health", period, value, numerator, denominator, n)
}

/// The §7 KPIs of each month of `history` (`dated`: the book has subscriptions, so churn has dates).
pub fn kpis(history: &[MonthHealth], dated: bool) -> Vec<KpiValue> {
    let mut out = Vec::new();
    for m in history {
        let label = m.period.label();
        let n = m.scored();
        let red = m.sum(0..m.red_groups);
        let yellow = m.sum(m.red_groups..m.yellow_groups);
        let all = m.sum(0..m.groups.len());
        for (id, count) in [("accounts_red", red.0), ("accounts_yellow", yellow.0), ("accounts_green", n - red.0 - yellow.0)] {
            out.push(value(id, &label, Some(count as f64), Some(count as f64), Some(n as f64), n));
        }
        out.push(value("mrr_at_risk", &label, Some(red.2 as f64 / 100.0), Some(red.2 as f64 / 100.0), Some(all.2 as f64 / 100.0), n));
        let (mut a, mut lift) = (value("health_auc", &label, None, None, None, n), value("health_top_decile_lift", &label, None, None, None, n));
        match m.churners() {
            Some(churners) => {
                a.value = auc_of_groups(m.groups.iter().map(|g| (g.churners, g.customers - g.churners)));
                a.numerator = Some(churners as f64);
                a.denominator = Some(n as f64);
                lift.value = lift_of(n, churners, m.top_decile_churners);
                if a.value.is_none() {
                    a.warning = Some(if churners == 0 {
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
