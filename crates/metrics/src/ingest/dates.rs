//! Date columns read row by row whose day/month order is decided once, from all their values, at
//! the end (see [`DateOrder::decide`]). Shared by every source with date columns.
//!
//! [`DeferredDates`] is the core: it reads a cell, returns exact stamps at once and keeps only the
//! day/month-ambiguous ones to settle at the end, so a reader can type rows straight into its own
//! structs. [`DateColumn`] adds a stored value per row on top, for readers that want a column.

use crate::calendar::{civil_from_days, days_from_civil};
use crate::issue::Issue;
use crate::parse::{parse_stamp, DateOrder, OrderDecision, OrderEvidence, RawStamp, Stamp};

/// The years a date of any source may fall in. Dates outside them are system placeholders
/// (0001-01-01, 1899-12-30 = Excel's day 0, 1900-01-01, 1970-01-01 = Unix time 0, 9999-12-31) or
/// typos (2204 for 2024): one of them among thousands of rows would stretch a monthly series over
/// centuries. They are issues, and the row is skipped (or the cell treated as blank where the date
/// is optional, so an end date of 9999-12-31 reads as "no end").
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1980..=2099;

/// Words every implausible-date reason holds, so a reader can treat an optional date as blank.
pub const IMPLAUSIBLE: &str = "outside the plausible range";

/// Whether a year is inside [`PLAUSIBLE_YEARS`]; the reason when it is not.
fn plausible_year(year: i32, shown: impl FnOnce() -> String) -> Result<(), String> {
    if PLAUSIBLE_YEARS.contains(&year) {
        Ok(())
    } else {
        Err(format!("date {} is {IMPLAUSIBLE} 1980-01-01 to 2099-12-31 (a placeholder or a typo)", shown()))
    }
}

/// The day numbers of [`PLAUSIBLE_YEARS`]: a stamp is checked by its day, without working out
/// its calendar date.
const PLAUSIBLE_DAYS: std::ops::RangeInclusive<i32> = days_from_civil(*PLAUSIBLE_YEARS.start(), 1, 1)..=days_from_civil(*PLAUSIBLE_YEARS.end(), 12, 31);

/// Whether day number `day` is a plausible date (see [`PLAUSIBLE_YEARS`]).
pub fn plausible_day(day: i32) -> bool {
    PLAUSIBLE_DAYS.contains(&day)
}

/// A cell as read: blank, an exact stamp, or one whose day/month order waits for the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateCell {
    Blank,
    Exact(Stamp),
    Deferred,
}

/// The ambiguous values of one column, settled at the end.
#[derive(Debug, Default)]
pub struct DeferredDates {
    pub name: String,
    /// (row, line, value) of each value whose order is decided only at the end.
    ambiguous: Vec<(u32, u64, RawStamp)>,
    evidence: OrderEvidence,
}

/// The deferred values once the order is decided: `(row, stamp)`, none where the value is
/// impossible in that order (each such row also has an issue), and the issues found.
#[derive(Debug, Default)]
pub struct SettledDates {
    pub stamps: Vec<(u32, Option<Stamp>)>,
    pub issues: Vec<Issue>,
}

impl DeferredDates {
    pub fn new(name: &str) -> DeferredDates {
        DeferredDates { name: name.to_string(), ..Default::default() }
    }

    /// Reads the cell of row `row`; an unreadable cell is an error reason.
    pub fn read(&mut self, row: u32, line: u64, cell: &str) -> Result<DateCell, String> {
        match parse_stamp(cell) {
            Ok(RawStamp::Exact(s)) if plausible_day(s.day()) => Ok(DateCell::Exact(s)),
            Ok(RawStamp::Exact(s)) => {
                let (y, m, d) = civil_from_days(s.day());
                plausible_year(y, || format!("{y:04}-{m:02}-{d:02}"))?;
                Ok(DateCell::Exact(s))
            }
            Ok(RawStamp::Ambiguous { year, .. }) if !PLAUSIBLE_YEARS.contains(&year) => {
                plausible_year(year, || cell.trim().to_string()).map(|()| DateCell::Blank)
            }
            Ok(raw @ RawStamp::Ambiguous { p1, p2, .. }) => {
                self.evidence.note(p1, p2);
                self.ambiguous.push((row, line, raw));
                Ok(DateCell::Deferred)
            }
            Err(_) if cell.trim().is_empty() => Ok(DateCell::Blank),
            Err(reason) => Err(reason),
        }
    }

    /// Forgets the value of row `row` if it was the last one deferred (the row was skipped).
    pub fn forget(&mut self, row: u32) {
        if self.ambiguous.last().is_some_and(|(r, _, _)| *r == row) {
            self.ambiguous.pop();
        }
    }

    /// Decides the order and settles every deferred value. `consequence` ends the issue of a value
    /// impossible in that order ("row skipped", "treated as blank").
    pub fn settle(self, file: &str, setting: DateOrder, setting_key: &str, consequence: &str) -> SettledDates {
        let mut out = SettledDates::default();
        let column_issue = |reason: String| Issue { file: file.to_string(), line: None, column: Some(self.name.clone()), reason, ..Default::default() };
        let order = match DateOrder::decide(setting, &self.evidence) {
            OrderDecision::Decided(o) => o,
            OrderDecision::Conflicting(o) => {
                out.issues.push(column_issue(format!(
                    "dates in this column put the day first in some rows and the month first in others; read as {}",
                    order_name(o)
                )));
                o
            }
            OrderDecision::Undecidable(o) => {
                if self.evidence.ambiguous > 0 {
                    out.issues.push(column_issue(format!(
                        "day/month order cannot be decided: no date has a part above 12; read as {} (set {setting_key} to change)",
                        order_name(o)
                    )));
                }
                o
            }
        };
        for (row, line, raw) in self.ambiguous {
            match order.resolve(raw) {
                Ok(s) => out.stamps.push((row, Some(s))),
                Err(reason) => {
                    out.stamps.push((row, None));
                    out.issues.push(Issue {
                        file: file.to_string(),
                        line: Some(line),
                        column: Some(self.name.clone()),
                        reason: format!("{reason} when read as {}; {consequence}", order_name(order)),
                        ..Default::default()
                    });
                }
            }
        }
        out
    }
}

/// What a [`DateColumn`] keeps per row: the whole stamp (`Option<Stamp>`, 16 bytes) or only its
/// day ([`Day`], 4 bytes) for a source that counts days.
pub trait DateSlot: Copy {
    const NONE: Self;
    fn of(stamp: Stamp) -> Self;
}

impl DateSlot for Option<Stamp> {
    const NONE: Self = None;
    fn of(stamp: Stamp) -> Self {
        Some(stamp)
    }
}

/// A stamp's local day (days since 1970-01-01); `i32::MIN` is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub i32);

impl DateSlot for Day {
    const NONE: Self = Day(i32::MIN);
    fn of(stamp: Stamp) -> Self {
        Day(stamp.day())
    }
}

/// A whole date column: one value per row.
#[derive(Debug, Default)]
pub struct DateColumn<V = Option<Stamp>> {
    /// One value per row: exact stamps now; blanks, bad cells and day/month-ambiguous ones none
    /// until [`DateColumn::resolve`].
    values: Vec<V>,
    deferred: DeferredDates,
}

/// The resolved column: one stamp per row (none where blank or impossible), and the issues found.
#[derive(Debug, Default)]
pub struct ResolvedDates<V = Option<Stamp>> {
    pub stamps: Vec<V>,
    pub issues: Vec<Issue>,
    /// Rows whose value was impossible in the decided order (they hold none).
    pub bad_rows: Vec<u32>,
}

impl<V: DateSlot> DateColumn<V> {
    pub fn new(name: &str) -> DateColumn<V> {
        DateColumn { values: Vec::new(), deferred: DeferredDates::new(name) }
    }

    /// With room for about `rows` values.
    pub fn with_capacity(name: &str, rows: usize) -> DateColumn<V> {
        DateColumn { values: Vec::with_capacity(rows), deferred: DeferredDates::new(name) }
    }

    /// Makes room for `rows` more values.
    pub fn reserve(&mut self, rows: usize) {
        self.values.reserve_exact(rows);
    }

    /// Reads the cell of the next row. Blank cells are `None` (Ok); unreadable ones are an error
    /// reason (the row holds none).
    pub fn push(&mut self, line: u64, cell: &str) -> Result<Option<()>, String> {
        let row = self.values.len() as u32;
        let read = self.deferred.read(row, line, cell);
        self.values.push(match read {
            Ok(DateCell::Exact(s)) => V::of(s),
            _ => V::NONE,
        });
        match read? {
            DateCell::Blank => Ok(None),
            _ => Ok(Some(())),
        }
    }

    /// Reads the cell of the next row when the row needs it: a blank (`blank` is then the reason)
    /// or unreadable cell is an error reason, and the row is not kept in the column.
    pub fn push_required(&mut self, line: u64, cell: &str, blank: &str) -> Result<(), String> {
        let reason = match self.push(line, cell) {
            Ok(Some(())) => return Ok(()),
            Ok(None) => blank.to_string(),
            Err(reason) => reason,
        };
        self.pop();
        Err(reason)
    }

    /// Drops the value of the last row pushed (when the row as a whole is skipped).
    pub fn pop(&mut self) {
        if self.values.pop().is_some() {
            self.deferred.forget(self.values.len() as u32);
        }
    }

    pub fn resolve(self, file: &str, setting: DateOrder, setting_key: &str) -> ResolvedDates<V> {
        let settled = self.deferred.settle(file, setting, setting_key, "row skipped");
        let mut out = ResolvedDates { stamps: self.values, issues: settled.issues, bad_rows: Vec::new() };
        for (row, stamp) in settled.stamps {
            out.stamps[row as usize] = stamp.map_or(V::NONE, V::of);
            if stamp.is_none() {
                out.bad_rows.push(row);
            }
        }
        out
    }
}

pub fn order_name(o: DateOrder) -> &'static str {
    match o {
        DateOrder::Dmy => "day/month/year",
        _ => "month/day/year",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_typed_years_far_out_are_not_dates() {
        let mut col = DeferredDates::new("date");
        for (i, cell) in ["0001-01-01", "9999-12-31", "1970-01-01", "1899-12-30", "2204-03-01", "1", "12/03/2204"].iter().enumerate() {
            let e = col.read(i as u32, 2, cell).unwrap_err();
            assert!(e.contains("outside the plausible range"), "{cell}: {e}");
        }
        assert!(matches!(col.read(9, 2, "1980-01-01"), Ok(DateCell::Exact(_))));
        assert!(matches!(col.read(9, 2, "2099-12-31 23:59"), Ok(DateCell::Exact(_))));
        assert!(matches!(col.read(9, 2, "03/04/2024"), Ok(DateCell::Deferred)));
        assert!(plausible_day(days_from_civil(2024, 2, 29)) && !plausible_day(days_from_civil(1979, 12, 31)));
    }
}
