//! A date column read row by row whose day/month order is decided once, from all its values, at
//! the end (see [`DateOrder::decide`]). Shared by every source with date columns.

use crate::issue::Issue;
use crate::parse::{parse_stamp, DateOrder, OrderDecision, OrderEvidence, RawStamp, Stamp};

#[derive(Debug, Default)]
pub struct DateColumn {
    pub name: String,
    /// One value per row: exact stamps now; blanks, bad cells and day/month-ambiguous ones none
    /// until [`DateColumn::resolve`].
    values: Vec<Option<Stamp>>,
    /// (row, line, value) of each value whose order is decided only at the end.
    ambiguous: Vec<(u32, u64, RawStamp)>,
    evidence: OrderEvidence,
}

/// The resolved column: one stamp per row (none where blank or impossible), and the issues found.
#[derive(Debug, Default)]
pub struct ResolvedDates {
    pub stamps: Vec<Option<Stamp>>,
    pub issues: Vec<Issue>,
    /// Rows whose value was impossible in the decided order (they hold `None`).
    pub bad_rows: Vec<u32>,
}

impl DateColumn {
    pub fn new(name: &str) -> DateColumn {
        DateColumn { name: name.to_string(), ..Default::default() }
    }

    /// With room for about `rows` values.
    pub fn with_capacity(name: &str, rows: usize) -> DateColumn {
        DateColumn { name: name.to_string(), values: Vec::with_capacity(rows), ..Default::default() }
    }

    /// Reads the cell of the next row. Blank cells are `None` (Ok); unreadable ones are an error
    /// reason (the row holds `None`).
    pub fn push(&mut self, line: u64, cell: &str) -> Result<Option<()>, String> {
        if cell.trim().is_empty() {
            self.values.push(None);
            return Ok(None);
        }
        match parse_stamp(cell) {
            Ok(RawStamp::Exact(s)) => {
                self.values.push(Some(s));
                Ok(Some(()))
            }
            Ok(raw @ RawStamp::Ambiguous { p1, p2, .. }) => {
                self.evidence.note(p1, p2);
                self.ambiguous.push((self.values.len() as u32, line, raw));
                self.values.push(None);
                Ok(Some(()))
            }
            Err(reason) => {
                self.values.push(None);
                Err(reason)
            }
        }
    }

    /// Drops the value of the last row pushed (when the row as a whole is skipped).
    pub fn pop(&mut self) {
        if self.values.pop().is_some() && self.ambiguous.last().is_some_and(|(r, _, _)| *r as usize == self.values.len()) {
            self.ambiguous.pop();
        }
    }

    pub fn resolve(self, file: &str, setting: DateOrder, setting_key: &str) -> ResolvedDates {
        let mut out = ResolvedDates { stamps: self.values, ..Default::default() };
        let column_issue = |reason: String| Issue { file: file.to_string(), line: None, column: Some(self.name.clone()), reason };
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
                Ok(s) => out.stamps[row as usize] = Some(s),
                Err(reason) => {
                    out.bad_rows.push(row);
                    out.issues.push(Issue {
                        file: file.to_string(),
                        line: Some(line),
                        column: Some(self.name.clone()),
                        reason: format!("{reason} when read as {}; row skipped", order_name(order)),
                    });
                }
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
