//! The band thresholds, calibrated on the user's own back-test (the default) or set by hand.
//!
//! Every scored customer of every month whose churn window lies inside the data is one
//! observation (its score, whether it churned within the next `window_months` months); the base
//! rate b is churners ÷ observations. Lowest scores first:
//! - **red** is the widest range below a threshold whose churn rate is at least
//!   [`RED_LIFT`] × b, holding at most [`RED_SHARE`] of the observations;
//! - **yellow** widens it up to [`YELLOW_SHARE`] of the observations as long as the scores added
//!   still churn at least [`YELLOW_LIFT`] × b;
//! - green is the rest.
//!
//! A threshold is the score of the first observation above the band ("red below 52.3"), so
//! customers of one score are never split. Without a month whose window has ended, or when no
//! range churns [`RED_LIFT`] times the base rate (a score that does not rank churners), the fixed
//! defaults (red below 40, yellow below 70) apply and [`Calibration::why`] says why.

use super::kpis::MonthHealth;
use super::settings::HealthSettings;
use serde::{Deserialize, Serialize};

/// Red holds at most this share of the observations…
pub const RED_SHARE: f64 = 0.15;
/// …that churn at least this many times the base rate.
pub const RED_LIFT: f64 = 3.0;
/// Red and yellow together hold at most this share…
pub const YELLOW_SHARE: f64 = 0.40;
/// …and the scores yellow adds churn at least this many times the base rate.
pub const YELLOW_LIFT: f64 = 1.5;

/// Where the thresholds come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// From the back-test of these files.
    Calibrated,
    /// The user's own thresholds.
    Set,
    /// The fixed defaults: the back-test could not place them (see `why`).
    Default,
}

/// The band thresholds in force and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// A score below this is red.
    pub red_below: f64,
    /// A score below this (and not red) is yellow.
    pub yellow_below: f64,
    pub basis: Basis,
    /// Observations (customer-months with a complete churn window) and their churners.
    pub observations: u64,
    pub churners: u64,
    /// Over the observations: the share in red and the share of churners it caught.
    pub red_share: Option<f64>,
    pub red_recall: Option<f64>,
    /// The churn rate in red ÷ the base rate.
    pub red_lift: Option<f64>,
    /// The reason, in a sentence.
    pub why: String,
}

impl Calibration {
    /// The settings with these thresholds (for scoring one day's list with them).
    pub fn apply_to(&self, settings: &HealthSettings) -> HealthSettings {
        HealthSettings { red_below: self.red_below, yellow_below: self.yellow_below, ..settings.clone() }
    }
}

/// The thresholds for `months` under `settings` (see the module's header).
pub fn calibrate(months: &[MonthHealth], settings: &HealthSettings) -> Calibration {
    // Every observation, as groups of one score: (score, observations, churners), lowest first.
    let mut all: Vec<(f64, u64, u64)> = months.iter().filter(|m| m.tested).flat_map(|m| m.groups.iter().map(|g| (g.score, g.customers, g.churners))).collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let groups: Vec<(f64, u64, u64)> = all.chunk_by(|a, b| a.0 == b.0).map(|g| (g[0].0, g.iter().map(|x| x.1).sum(), g.iter().map(|x| x.2).sum())).collect();
    let n: u64 = groups.iter().map(|g| g.1).sum();
    let churners: u64 = groups.iter().map(|g| g.2).sum();
    let (fixed_red, fixed_yellow) = settings.thresholds();
    let measured = |red: f64, basis: Basis, why: String| {
        let (inside, caught) = groups.iter().take_while(|g| g.0 < red).fold((0, 0), |(k, c), g| (k + g.1, c + g.2));
        let rate = |k: u64, m: u64| (m > 0).then(|| k as f64 / m as f64);
        let base = rate(churners, n);
        Calibration {
            red_below: red,
            yellow_below: if basis == Basis::Calibrated { red } else { fixed_yellow },
            basis,
            observations: n,
            churners,
            red_share: rate(inside, n),
            red_recall: rate(caught, churners),
            red_lift: rate(caught, inside).zip(base).filter(|(_, b)| *b > 0.0).map(|(r, b)| r / b),
            why,
        }
    };
    if !settings.calibrate {
        return measured(fixed_red, Basis::Set, "your thresholds".into());
    }
    if n == 0 || churners == 0 {
        let why = if n == 0 {
            "no month has a complete churn window in these files yet, so the fixed thresholds apply"
        } else {
            "no scored customer churned in the back-test, so the fixed thresholds apply"
        };
        return measured(fixed_red, Basis::Default, why.into());
    }
    let base = churners as f64 / n as f64;
    // Candidate cuts: after each group of equal scores, lowest first: (groups below,
    // observations below, churners below).
    let cuts: Vec<(usize, u64, u64)> = groups
        .iter()
        .enumerate()
        .scan((0, 0), |(k, c), (j, g)| {
            (*k, *c) = (*k + g.1, *c + g.2);
            Some((j + 1, *k, *c))
        })
        .collect();
    let threshold = |below: usize| groups.get(below).map_or(groups[groups.len() - 1].0 + 1.0, |g| g.0);
    let red = cuts.iter().rev().find(|&&(_, k, c)| k as f64 <= RED_SHARE * n as f64 && c as f64 >= RED_LIFT * base * k as f64 && k > 0);
    let Some(&(red_j, red_k, red_c)) = red else {
        return measured(
            fixed_red,
            Basis::Default,
            format!("no range of low scores churned {RED_LIFT:.0} times the base rate in the back-test, so the fixed thresholds apply"),
        );
    };
    let yellow = cuts
        .iter()
        .rev()
        .find(|&&(_, k, c)| k > red_k && k as f64 <= YELLOW_SHARE * n as f64 && (c - red_c) as f64 >= YELLOW_LIFT * base * (k - red_k) as f64)
        .map_or(red_j, |&(j, _, _)| j);
    let red_below = threshold(red_j);
    let mut out = measured(
        red_below,
        Basis::Calibrated,
        format!(
            "calibrated on {n} customer-months of these files: below {:.1} churned {:.1} times the base rate of {:.1} % within {} months",
            red_below,
            (red_c as f64 / red_k as f64) / base,
            base * 100.0,
            settings.window_months
        ),
    );
    out.yellow_below = threshold(yellow);
    out
}

/// Each month's bands under `calibration` (see [`band_day`]).
pub fn band(months: &mut [MonthHealth], calibration: &Calibration) {
    for m in months {
        let sizes: Vec<(f64, u64)> = m.groups.iter().map(|g| (g.score, g.customers)).collect();
        (m.red_groups, m.yellow_groups) = cut(&sizes, calibration);
    }
}

/// One day's bands: a score below the red threshold is red and below the yellow one yellow, and
/// calibrated bands also keep their caps that day — red at most [`RED_SHARE`] and red with yellow
/// at most [`YELLOW_SHARE`] of the customers scored, the lowest first (a tie of scores at a cap
/// stays out of the band), so a season that lowers every score does not paint a quarter of the
/// book red. `scored` is lowest score first, the unscored last (as [`super::score_all`] gives it).
pub fn band_day(scored: &mut [super::Scored], calibration: &Calibration) {
    use super::Band;
    let values: Vec<f64> = scored.iter().filter_map(|s| s.score).collect();
    let sizes: Vec<(f64, u64)> = values.chunk_by(|a, b| a == b).map(|g| (g[0], g.len() as u64)).collect();
    let (red_groups, yellow_groups) = cut(&sizes, calibration);
    let customers = |groups: usize| sizes[..groups].iter().map(|g| g.1 as usize).sum::<usize>();
    let (red, yellow) = (customers(red_groups), customers(yellow_groups));
    for (i, s) in scored.iter_mut().enumerate() {
        s.band = s.score.map(|_| {
            if i < red {
                Band::Red
            } else if i < yellow {
                Band::Yellow
            } else {
                Band::Green
            }
        });
    }
}

/// The bands of one day's scores given as (score, customers) groups, lowest first: the groups in
/// red, and in red or yellow (see [`band_day`]).
fn cut(groups: &[(f64, u64)], calibration: &Calibration) -> (usize, usize) {
    let n: u64 = groups.iter().map(|g| g.1).sum();
    let limit = |threshold: f64, share: f64| {
        let below = groups.partition_point(|g| g.0 < threshold);
        if calibration.basis != Basis::Calibrated {
            return below;
        }
        let cap = (share * n as f64).floor() as u64;
        if groups[..below].iter().map(|g| g.1).sum::<u64>() <= cap {
            return below;
        }
        // The cap, without splitting the scores tied at it: the group holding the cap-th
        // customer (counting from 0) stays out.
        let mut seen = 0;
        groups
            .iter()
            .position(|g| {
                seen += g.1;
                seen > cap
            })
            .unwrap_or(groups.len())
    };
    let red = limit(calibration.red_below, RED_SHARE);
    let yellow = limit(calibration.yellow_below.max(calibration.red_below), YELLOW_SHARE).max(red);
    (red, yellow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::kpis::ScoreGroup;
    use crate::health::{Band, Scored};
    use crate::period::Granularity;

    /// A month of distinct scores, each customer's MRR 100.
    fn month(scores: &[(f64, bool)]) -> MonthHealth {
        let mut groups: Vec<ScoreGroup> =
            scores.iter().map(|&(score, churned)| ScoreGroup { score, customers: 1, churners: churned as u64, mrr: 100 }).collect();
        groups.sort_by(|a, b| a.score.total_cmp(&b.score));
        MonthHealth {
            period: Granularity::Month.bucket(19_723),
            day: 19_753,
            active: scores.len() as u64,
            groups,
            tested: true,
            top_decile_churners: 0,
            red_groups: 0,
            yellow_groups: 0,
        }
    }

    #[test]
    fn red_is_the_widest_low_range_churning_three_times_the_base_rate_within_the_share_cap() {
        // 40 customers, 8 churners (base 20 %). Scores 1..=40; churners at 1, 2, 3, 5, 8 and
        // 20, 30, 40. The lowest 6 (share 15 %) hold 4 churners: 66.7 % = 3.3 × base. Red below 7.
        let churned = [1, 2, 3, 5, 8, 20, 30, 40];
        let scores: Vec<(f64, bool)> = (1..=40).map(|s| (s as f64, churned.contains(&s))).collect();
        let c = calibrate(&[month(&scores)], &HealthSettings::default());
        assert_eq!((c.basis, c.red_below), (Basis::Calibrated, 7.0));
        assert_eq!((c.red_share, c.red_recall), (Some(6.0 / 40.0), Some(0.5)));
        // Yellow: up to 16 observations (40 %) while the scores it adds churn ≥ 1.5 × 20 % = 30 %:
        // 7..=9 hold 1 churner (8) in 3 (33 %); 7..=10 1 in 4 (25 %) is too few, and so is every
        // wider cut up to 16 (1 in 10). Yellow below 10.
        assert_eq!(c.yellow_below, 10.0);
        let mut months = [month(&scores)];
        band(&mut months, &c);
        assert_eq!(months[0].sum(0..months[0].red_groups).0, 6);
        // The same scores as one day's list get the same bands.
        let mut day: Vec<Scored> =
            scores.iter().enumerate().map(|(i, &(v, _))| Scored { customer: i, score: Some(v), band: None, components: Vec::new(), mrr: 100 }).collect();
        band_day(&mut day, &c);
        assert_eq!(day.iter().filter(|s| s.band == Some(Band::Red)).count(), 6);
        assert_eq!(day.iter().filter(|s| s.band == Some(Band::Yellow)).count(), 3);
    }

    #[test]
    fn a_score_that_does_not_rank_churners_keeps_the_fixed_thresholds_and_says_why() {
        // Churners spread evenly: no low range churns 3 × the base rate.
        let scores: Vec<(f64, bool)> = (1..=50).map(|s| (s as f64, s % 5 == 0)).collect();
        let c = calibrate(&[month(&scores)], &HealthSettings::default());
        assert_eq!((c.basis, c.red_below, c.yellow_below), (Basis::Default, 40.0, 70.0));
        assert!(c.why.contains("no range of low scores"), "{}", c.why);
        // No complete window: the defaults too.
        let mut open = month(&scores);
        open.tested = false;
        assert_eq!(calibrate(&[open], &HealthSettings::default()).basis, Basis::Default);
    }

    #[test]
    fn thresholds_set_by_hand_are_kept() {
        let scores: Vec<(f64, bool)> = (1..=40).map(|s| (s as f64, s < 5)).collect();
        let mut settings = HealthSettings::default();
        settings.apply("red_below", "30").unwrap();
        let c = calibrate(&[month(&scores)], &settings);
        assert_eq!((c.basis, c.red_below, c.yellow_below), (Basis::Set, 30.0, 70.0));
        assert_eq!(c.red_recall, Some(1.0));
    }
}
