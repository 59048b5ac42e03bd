//! Billing intervals: reading them in several languages, a price per interval as monthly cents,
//! and the dates a subscription renews on.

use crate::calendar::{civil_from_days, days_from_civil, days_in_month};
use crate::ingest::headers::folded;

/// A billing interval: a number of months, or of days (weeks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Months(u32),
    Days(u32),
}

impl Interval {
    /// Reads "month", "monthly", "year", "annual", "quarter", "week", "day" (times `count`), and
    /// the German, French and Spanish words ("monatlich", "annuel", "año", …).
    pub fn parse(text: &str, count: u32) -> Option<Interval> {
        let t = folded(text.trim());
        // Plurals: "months", "mois", "meses", "años", "jahre".
        let t = t.trim_end_matches('s');
        let t = t.strip_suffix("e").filter(|s| ["mes", "jahr", "monat"].contains(s)).unwrap_or(t);
        Some(match t {
            "" | "month" | "monthly" | "mo" | "m" | "mensual" | "monat" => Interval::Months(count),
            "monatlich" | "moi" | "mensuel" | "mensuelle" | "me" | "mes" => Interval::Months(count),
            "year" | "yearly" | "annual" | "annually" | "yr" | "y" => Interval::Months(12 * count),
            "jahr" | "jahrlich" | "jaehrlich" | "an" | "annee" | "annuel" | "annuelle" | "ano" | "anual" => Interval::Months(12 * count),
            "quarter" | "quarterly" | "q" => Interval::Months(3 * count),
            "quartal" | "quartalsweise" | "vierteljahrlich" | "trimestre" | "trimestriel" | "trimestrielle" | "trimestral" => Interval::Months(3 * count),
            "semiannual" | "half-year" | "half year" => Interval::Months(6 * count),
            "halbjahr" | "halbjahrlich" | "semestre" | "semestriel" | "semestrielle" | "semestral" => Interval::Months(6 * count),
            "week" | "weekly" | "wk" | "w" => Interval::Days(7 * count),
            "woche" | "wochentlich" | "semaine" | "hebdomadaire" | "semana" | "semanal" => Interval::Days(7 * count),
            "day" | "daily" | "d" => Interval::Days(count),
            "tag" | "taglich" | "jour" | "quotidien" | "quotidienne" | "dia" | "diario" => Interval::Days(count),
            _ => return None,
        })
    }

    /// `amount` cents per interval as monthly cents, rounded once, half away from zero:
    /// year/12, quarter/3, week×52/12, day×365/12.
    pub fn monthly_cents(self, amount: i128) -> i64 {
        let (num, den): (i128, i128) = match self {
            Interval::Months(n) => (1, n.max(1) as i128),
            Interval::Days(d) if d % 7 == 0 => (52, 12 * (d / 7) as i128),
            Interval::Days(d) => (365, 12 * d.max(1) as i128),
        };
        let x = amount * num;
        let q = x / den;
        let r = (x % den).abs();
        let rounded = if r * 2 >= den { q + x.signum() } else { q };
        rounded.clamp(i64::MIN as i128, i64::MAX as i128) as i64
    }

    /// The day `k` intervals after `start`.
    pub fn advance(self, start: i32, k: u32) -> i32 {
        match self {
            Interval::Months(n) => add_months(start, n * k),
            Interval::Days(d) => start + (d * k) as i32,
        }
    }

    /// The days 1, 2, 3… intervals after `start`: `advance(start, k)` for k = 1, 2, …, with the
    /// start's calendar date worked out once (a renewal series walks dozens of terms).
    pub fn dates_after(self, start: i32) -> impl Iterator<Item = i32> {
        let (y, m, d) = civil_from_days(start);
        let month0 = y as i64 * 12 + (m as i64 - 1);
        (1u32..).map(move |k| match self {
            Interval::Months(n) => {
                let total = month0 + n.saturating_mul(k) as i64;
                let (ny, nm) = (total.div_euclid(12) as i32, (total.rem_euclid(12) + 1) as u32);
                days_from_civil(ny, nm, d.min(days_in_month(ny, nm)))
            }
            Interval::Days(days) => start.saturating_add(days.saturating_mul(k) as i32),
        })
    }
}

/// Same day of the month `months` later, clamped to the month's length (Jan 31 + 1 = Feb 29).
pub fn add_months(day: i32, months: u32) -> i32 {
    let (y, m, d) = civil_from_days(day);
    let total = y as i64 * 12 + (m as i64 - 1) + months as i64;
    let (ny, nm) = ((total.div_euclid(12)) as i32, (total.rem_euclid(12) + 1) as u32);
    days_from_civil(ny, nm, d.min(days_in_month(ny, nm)))
}

/// The first billing-period boundary on or after `cancel`.
pub fn period_end_after(start: i32, interval: Interval, cancel: i32) -> i32 {
    (1..).zip(interval.dates_after(start)).find(|&(k, boundary)| boundary >= cancel || k > 100_000).map_or(start, |(_, boundary)| boundary)
}
