//! Calendar buckets for KPI series: day, ISO week, month, quarter, year, or the whole file.
//! Labels follow the spec: `2024-03-05`, `2024-W09`, `2024-03`, `2024-Q1`, `2024`, `all`.

use crate::calendar::{civil_from_days, days_from_civil, iso_week, iso_week_start};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Week,
    #[default]
    Month,
    Quarter,
    Year,
    All,
}

impl Granularity {
    pub const ALL: [Granularity; 6] = [Granularity::Day, Granularity::Week, Granularity::Month, Granularity::Quarter, Granularity::Year, Granularity::All];

    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Quarter => "quarter",
            Granularity::Year => "year",
            Granularity::All => "all",
        }
    }

    pub fn parse(text: &str) -> Option<Granularity> {
        Granularity::ALL.into_iter().find(|g| g.as_str() == text.trim().to_ascii_lowercase())
    }

    /// The bucket a day falls in.
    pub fn bucket(self, day: i32) -> Period {
        let (y, m, _) = civil_from_days(day);
        match self {
            Granularity::Day => Period::Day(day),
            Granularity::Week => {
                let (wy, w) = iso_week(day);
                Period::Week(wy, w)
            }
            Granularity::Month => Period::Month(y, m),
            Granularity::Quarter => Period::Quarter(y, (m - 1) / 3 + 1),
            Granularity::Year => Period::Year(y),
            Granularity::All => Period::All,
        }
    }

    /// Every bucket from the one holding `first` to the one holding `last`, in order.
    pub fn buckets_between(self, first: i32, last: i32) -> Vec<Period> {
        let mut out = Vec::new();
        if self == Granularity::All {
            out.push(Period::All);
            return out;
        }
        let end = self.bucket(last);
        let mut current = self.bucket(first);
        loop {
            out.push(current);
            if current == end || out.len() > 200_000 {
                break;
            }
            current = self.bucket(current.last_day() + 1);
        }
        out
    }
}

/// One calendar bucket. Ordering is chronological within one granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Day(i32),
    Week(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Year(i32),
    All,
}

impl Period {
    /// Reads a label back (`2024-03-05`, `2024-W09`, `2024-03`, `2024-Q1`, `2024`, `all`).
    pub fn parse(label: &str) -> Option<Period> {
        let num = |t: &str| t.parse::<u32>().ok();
        let parts: Vec<&str> = label.split('-').collect();
        match parts.as_slice() {
            ["all"] => Some(Period::All),
            [y] if y.len() == 4 => Some(Period::Year(y.parse().ok()?)),
            [y, w] if w.starts_with('W') => Some(Period::Week(y.parse().ok()?, num(&w[1..]).filter(|w| (1..=53).contains(w))?)),
            [y, q] if q.starts_with('Q') => Some(Period::Quarter(y.parse().ok()?, num(&q[1..]).filter(|q| (1..=4).contains(q))?)),
            [y, m] => Some(Period::Month(y.parse().ok()?, num(m).filter(|m| (1..=12).contains(m))?)),
            [y, m, d] => {
                let (y, m, d) = (y.parse().ok()?, num(m).filter(|m| (1..=12).contains(m))?, num(d).filter(|d| (1..=31).contains(d))?);
                let day = days_from_civil(y, m, d);
                (civil_from_days(day) == (y, m, d)).then_some(Period::Day(day))
            }
            _ => None,
        }
    }

    pub fn label(&self) -> String {
        match *self {
            Period::Day(d) => {
                let (y, m, dd) = civil_from_days(d);
                format!("{y:04}-{m:02}-{dd:02}")
            }
            Period::Week(y, w) => format!("{y:04}-W{w:02}"),
            Period::Month(y, m) => format!("{y:04}-{m:02}"),
            Period::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Period::Year(y) => format!("{y:04}"),
            Period::All => "all".to_string(),
        }
    }

    pub fn first_day(&self) -> i32 {
        match *self {
            Period::Day(d) => d,
            Period::Week(y, w) => iso_week_start(y, w),
            Period::Month(y, m) => days_from_civil(y, m, 1),
            Period::Quarter(y, q) => days_from_civil(y, (q - 1) * 3 + 1, 1),
            Period::Year(y) => days_from_civil(y, 1, 1),
            Period::All => i32::MIN,
        }
    }

    pub fn last_day(&self) -> i32 {
        match *self {
            Period::Day(d) => d,
            Period::Week(y, w) => iso_week_start(y, w) + 6,
            Period::Month(y, 12) => days_from_civil(y + 1, 1, 1) - 1,
            Period::Month(y, m) => days_from_civil(y, m + 1, 1) - 1,
            Period::Quarter(y, 4) => days_from_civil(y + 1, 1, 1) - 1,
            Period::Quarter(y, q) => days_from_civil(y, q * 3 + 1, 1) - 1,
            Period::Year(y) => days_from_civil(y + 1, 1, 1) - 1,
            Period::All => i32::MAX,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_spec() {
        let d = days_from_civil(2024, 3, 5);
        let labels: Vec<String> = Granularity::ALL.iter().map(|g| g.bucket(d).label()).collect();
        assert_eq!(labels, ["2024-03-05", "2024-W10", "2024-03", "2024-Q1", "2024", "all"]);
        assert_eq!(Granularity::Week.bucket(days_from_civil(2024, 2, 29)).label(), "2024-W09");
    }

    #[test]
    fn labels_read_back() {
        let d = days_from_civil(2024, 3, 5);
        for g in Granularity::ALL {
            assert_eq!(Period::parse(&g.bucket(d).label()), Some(g.bucket(d)), "{g:?}");
        }
        assert_eq!(Period::parse("2024-Q1").map(|p| (p.first_day(), p.last_day())), Some((days_from_civil(2024, 1, 1), days_from_civil(2024, 3, 31))));
        for bad in ["2024-13", "2024-02-30", "2024-Q5", "24", "x", "2024-W60", ""] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn series_are_continuous() {
        let a = days_from_civil(2023, 11, 30);
        let b = days_from_civil(2024, 2, 1);
        let months: Vec<String> = Granularity::Month.buckets_between(a, b).iter().map(Period::label).collect();
        assert_eq!(months, ["2023-11", "2023-12", "2024-01", "2024-02"]);
        let quarters = Granularity::Quarter.buckets_between(a, b);
        assert_eq!(quarters.len(), 2);
        let weeks = Granularity::Week.buckets_between(days_from_civil(2020, 12, 28), days_from_civil(2021, 1, 11));
        let labels: Vec<String> = weeks.iter().map(Period::label).collect();
        assert_eq!(labels, ["2020-W53", "2021-W01", "2021-W02"]);
        assert_eq!(Period::Quarter(2024, 4).last_day(), days_from_civil(2024, 12, 31));
    }
}
