//! The funnel sheet typed: one row per month (and segment), the counts and amounts none where a
//! cell is blank or unreadable, and the streaming reader that types it.

use super::mapping::FunnelMapping;
use super::settings::FunnelIngest;
use crate::calendar::{civil_from_days, days_from_civil};
use crate::ingest::dates::{DateCell, DeferredDates, IMPLAUSIBLE, PLAUSIBLE_YEARS};
use crate::ingest::headers::column_of;
use crate::ingest::{Record, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
use crate::parse::{parse_number, DateOrder, NumberStyle};
use crate::segment::SegmentColumn;
use crate::source::{RowTyping, SourceData, SourceMeta, Streamed};

/// One row of the sheet, typed. Counts and amounts are none where the cell is blank or unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FunnelRow {
    /// The first day of the row's month (days since 1970-01-01).
    pub month: i32,
    pub visitors: Option<u64>,
    pub signups: Option<u64>,
    pub trials: Option<u64>,
    pub new_customers: Option<u64>,
    /// Cents.
    pub acquisition_spend: Option<i64>,
    /// Cents.
    pub retention_spend: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct FunnelData {
    pub meta: SourceMeta,
    pub rows: Vec<FunnelRow>,
    /// The segment columns, one value per row.
    pub segments: Vec<SegmentColumn>,
}

impl SourceData for FunnelData {
    fn meta(&self) -> &SourceMeta {
        &self.meta
    }
    fn describe(&self) -> String {
        let mut months: Vec<i32> = self.rows.iter().map(|r| r.month).collect();
        months.sort_unstable();
        months.dedup();
        format!("{} rows, {} months; {} rows skipped", self.rows.len(), months.len(), self.meta.skipped_rows)
    }
    fn segment_names(&self) -> Vec<String> {
        self.segments.iter().map(|s| s.name.clone()).collect()
    }
}

/// Column indices of the mapped roles.
#[derive(Debug, Clone, Copy, Default)]
struct Plan {
    period: usize,
    visitors: Option<usize>,
    signups: Option<usize>,
    trials: Option<usize>,
    new_customers: Option<usize>,
    acquisition_spend: Option<usize>,
    retention_spend: Option<usize>,
}

/// Typing state of a funnel read, apart from the record stream.
pub struct FunnelRows {
    file: String,
    names: Vec<String>,
    plan: Plan,
    segment_columns: Vec<usize>,
    style: NumberStyle,
    date_order: DateOrder,
    data: FunnelData,
    log: IssueLog,
    /// Period cells that are day/month-ambiguous dates, settled at the end.
    dates: DeferredDates,
}

/// Streams a funnel sheet: [`Reader::feed`] chunk by chunk, then [`Reader::finish`].
pub type FunnelReader = Streamed<FunnelRows>;

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// A month written without a day: `Mar 2024`, `March 2024`, `Mar-2024`, `03/2024`, `2024/03`,
/// `2024-3`. (The shared date parser reads `Mar 2024` as the 20th of '24.) None for anything
/// else, which then goes to the shared date parsing (`2024-03`, `2024-03-15`, `15/03/2024`, …).
pub fn parse_month(cell: &str) -> Option<(i32, u32)> {
    let t = cell.trim();
    let (a, b) = t.split_once([' ', '-', '/', '.'])?;
    let (a, b) = (a.trim(), b.trim());
    let year = |y: &str| (y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit())).then(|| y.parse::<i32>().ok()).flatten();
    let month_number = |m: &str| (1..=2).contains(&m.len()).then(|| m.parse::<u32>().ok()).flatten().filter(|m| (1..=12).contains(m));
    let month_name = |m: &str| {
        let w = m.trim_end_matches('.').to_ascii_lowercase();
        let i = MONTHS.iter().position(|n| w.len() >= 3 && w.starts_with(n))?;
        let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][i];
        full.starts_with(w.as_str()).then_some(i as u32 + 1)
    };
    if let (Some(m), Some(y)) = (month_name(a), year(b)) {
        return Some((y, m));
    }
    if let (Some(m), Some(y)) = (month_number(a), year(b)) {
        return Some((y, m));
    }
    if let (Some(y), Some(m)) = (year(a), month_number(b)) {
        return Some((y, m));
    }
    None
}

fn month_start(day: i32) -> i32 {
    let (y, m, _) = civil_from_days(day);
    days_from_civil(y, m, 1)
}

impl RowTyping for FunnelRows {
    type Data = FunnelData;
    fn row(&mut self, r: &Record) {
        FunnelRows::row(self, r)
    }
    fn finish(self, encoding: &'static str, reading: Vec<Issue>) -> FunnelData {
        FunnelRows::finish(self, encoding, reading)
    }
}

impl FunnelRows {
    fn issue(&mut self, line: u64, column: Option<usize>, reason: String) {
        let column = column.map(|c| self.names[c].clone());
        self.log.push(Issue { file: self.file.clone(), line: Some(line), column, reason, ..Default::default() });
    }

    /// A count cell: blank is none; anything but a whole number ≥ 0 is an issue, read as blank.
    fn count(&mut self, r: &Record, column: Option<usize>) -> Option<u64> {
        let c = column?;
        let text = r.cell(c).trim();
        if text.is_empty() {
            return None;
        }
        match parse_number(text, self.style) {
            Ok(n) if n.scale == 0 && !n.percent && n.mantissa >= 0 && n.mantissa <= u64::MAX as i128 => Some(n.mantissa as u64),
            _ => {
                self.issue(r.line, Some(c), format!("'{text}' is not a whole number of at least 0; treated as blank"));
                None
            }
        }
    }

    /// A money cell in cents: blank is none; anything but an amount ≥ 0 is an issue, read as blank.
    fn money(&mut self, r: &Record, column: Option<usize>) -> Option<i64> {
        let c = column?;
        let text = r.cell(c).trim();
        if text.is_empty() {
            return None;
        }
        match parse_number(text, self.style).ok().filter(|n| !n.percent).and_then(|n| n.cents()) {
            Some(v) if v >= 0 => Some(v),
            _ => {
                self.issue(r.line, Some(c), format!("'{text}' is not an amount of money of at least 0; treated as blank"));
                None
            }
        }
    }

    fn row(&mut self, r: &Record) {
        self.data.meta.rows += 1;
        let line = r.line;
        if r.len() != self.names.len() {
            self.issue(line, None, format!("row has {} fields, the header has {}", r.len(), self.names.len()));
        }
        let plan = self.plan;
        let at = self.data.rows.len() as u32;
        let cell = r.cell(plan.period);
        let month = match parse_month(cell) {
            // A month past the plausible years would stretch the continuous series over
            // centuries (fuzzing found `4048-05` taking minutes).
            Some((y, _)) if !PLAUSIBLE_YEARS.contains(&y) => {
                let reason = format!("month '{}' is {IMPLAUSIBLE} 1980 to 2099 (a placeholder or a typo); row skipped", cell.trim());
                self.issue(line, Some(plan.period), reason);
                self.data.meta.skipped_rows += 1;
                return;
            }
            Some((y, m)) => days_from_civil(y, m, 1),
            None => match self.dates.read(at, line, cell) {
                Ok(DateCell::Exact(s)) => month_start(s.day()),
                // Settled at the end.
                Ok(DateCell::Deferred) => i32::MIN,
                Ok(DateCell::Blank) => {
                    self.issue(line, Some(plan.period), "empty period; row skipped".into());
                    self.data.meta.skipped_rows += 1;
                    return;
                }
                Err(_) => {
                    let reason = format!("'{}' is not a month (2024-03, Mar 2024) or a date; row skipped", cell.trim());
                    self.issue(line, Some(plan.period), reason);
                    self.data.meta.skipped_rows += 1;
                    return;
                }
            },
        };
        let row = FunnelRow {
            month,
            visitors: self.count(r, plan.visitors),
            signups: self.count(r, plan.signups),
            trials: self.count(r, plan.trials),
            new_customers: self.count(r, plan.new_customers),
            acquisition_spend: self.money(r, plan.acquisition_spend),
            retention_spend: self.money(r, plan.retention_spend),
        };
        self.data.rows.push(row);
        for (s, &c) in self.segment_columns.iter().enumerate() {
            self.data.segments[s].push(r.cell(c));
        }
    }

    fn finish(mut self, encoding: &'static str, reading: Vec<Issue>) -> FunnelData {
        self.log.extend(reading);
        let mut data = self.data;
        data.meta.encoding = encoding;
        let settled = self.dates.settle(&self.file, self.date_order, "funnel.date_order", "row skipped");
        self.log.extend(settled.issues);
        for (row, stamp) in settled.stamps {
            if let Some(s) = stamp {
                data.rows[row as usize].month = month_start(s.day());
            }
        }
        // Rows whose date proved impossible in the decided order are dropped (each has an issue).
        if data.rows.iter().any(|r| r.month == i32::MIN) {
            let keep: Vec<usize> = (0..data.rows.len()).filter(|&i| data.rows[i].month != i32::MIN).collect();
            data.meta.skipped_rows += (data.rows.len() - keep.len()) as u64;
            data.rows = keep.iter().map(|&i| data.rows[i]).collect();
            for seg in &mut data.segments {
                let mut kept = SegmentColumn::new(&seg.name);
                keep.iter().for_each(|&i| kept.push(seg.value(i)));
                *seg = kept;
            }
        }
        for i in 0..data.rows.len() {
            data.meta.note_day(data.rows[i].month);
        }
        data.meta.take_issues(self.log);
        data
    }
}

impl FunnelReader {
    pub fn new(file: &str, sniff: &Sniff, mapping: &FunnelMapping, ingest: &FunnelIngest) -> Result<FunnelReader, FatalError> {
        let names = sniff.column_names();
        if names.is_empty() {
            return Err(FatalError::NoHeader { file: file.into() });
        }
        let col = |role: &str, c: &Option<String>| column_of(file, &names, &format!("funnel.{role}"), c.as_deref());
        let period =
            col("period", &mapping.period)?.ok_or_else(|| FatalError::MissingColumn { file: file.into(), role: "period".into(), available: names.clone() })?;
        let plan = Plan {
            period,
            visitors: col("visitors", &mapping.visitors)?,
            signups: col("signups", &mapping.signups)?,
            trials: col("trials", &mapping.trials)?,
            new_customers: col("new_customers", &mapping.new_customers)?,
            acquisition_spend: col("acquisition_spend", &mapping.acquisition_spend)?,
            retention_spend: col("retention_spend", &mapping.retention_spend)?,
        };
        let mut segment_columns: Vec<usize> = Vec::new();
        for c in &mapping.segment {
            let i = col("segment", &Some(c.clone()))?.unwrap_or(0);
            if !segment_columns.contains(&i) {
                segment_columns.push(i);
            }
        }
        let data =
            FunnelData { meta: SourceMeta::new(file), rows: Vec::new(), segments: segment_columns.iter().map(|&i| SegmentColumn::new(&names[i])).collect() };
        let rows = FunnelRows {
            file: file.into(),
            dates: DeferredDates::new(&names[period]),
            plan,
            segment_columns,
            style: sniff.number_style,
            date_order: ingest.date_order,
            data,
            log: IssueLog::default(),
            names,
        };
        Ok(Streamed::over(file, sniff, rows))
    }
}
