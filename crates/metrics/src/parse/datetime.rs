//! Date and timestamp cells: ISO 8601 (with or without zone), `YYYY-MM-DD HH:MM[:SS]`, US
//! `MM/DD/YYYY hh:mm:ss AM`, European `DD.MM.YYYY` and `DD/MM/YYYY`, month names, Excel serial
//! days, and Unix seconds or milliseconds.
//!
//! A slash or dash date whose first two parts are both ≤ 12 cannot be read alone: it is returned
//! as [`RawStamp::Ambiguous`] and the column decides the order from all its values
//! ([`DateOrder::decide`]).

use crate::calendar::{days_from_civil, is_valid_date};

/// A point in time: the instant (UTC seconds) and the offset of the wall clock it was written in.
/// Timestamps without zone are wall time of the data: offset 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub utc: i64,
    pub offset: i32,
}

impl Stamp {
    pub fn from_wall(days: i32, secs_of_day: i64, offset: i32) -> Stamp {
        let wall = days as i64 * 86_400 + secs_of_day;
        Stamp { utc: wall - offset as i64, offset }
    }
    /// Day number of the wall-clock date (used for calendar buckets).
    pub fn day(&self) -> i32 {
        (self.utc + self.offset as i64).div_euclid(86_400) as i32
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawStamp {
    Exact(Stamp),
    /// `p1/p2/year`: both p1 and p2 could be the month.
    Ambiguous {
        p1: u8,
        p2: u8,
        year: i32,
        secs: i64,
        offset: i32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Decide from the column's values.
    #[default]
    Auto,
    /// Month first (US).
    Mdy,
    /// Day first (Europe).
    Dmy,
}

/// Evidence about a column's day/month order, gathered value by value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OrderEvidence {
    pub first_over_12: u64,
    pub second_over_12: u64,
    pub ambiguous: u64,
}

impl OrderEvidence {
    pub fn note(&mut self, p1: u8, p2: u8) {
        if p1 > 12 {
            self.first_over_12 += 1;
        } else if p2 > 12 {
            self.second_over_12 += 1;
        } else {
            self.ambiguous += 1;
        }
    }
}

/// The outcome of deciding a column's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderDecision {
    Decided(DateOrder),
    /// Values point both ways (some have a day > 12 first, others second).
    Conflicting(DateOrder),
    /// Every value had both parts ≤ 12: the order is a guess, to be reported.
    Undecidable(DateOrder),
}

impl DateOrder {
    /// Reads a `date_order` setting: auto, mdy (us) or dmy (eu).
    pub fn parse_setting(value: &str) -> Result<DateOrder, String> {
        match value.trim().to_lowercase().as_str() {
            "auto" => Ok(DateOrder::Auto),
            "mdy" | "us" => Ok(DateOrder::Mdy),
            "dmy" | "eu" => Ok(DateOrder::Dmy),
            _ => Err("expected auto, mdy or dmy".into()),
        }
    }

    pub fn decide(setting: DateOrder, evidence: &OrderEvidence) -> OrderDecision {
        if setting != DateOrder::Auto {
            return OrderDecision::Decided(setting);
        }
        match (evidence.first_over_12 > 0, evidence.second_over_12 > 0) {
            (true, false) => OrderDecision::Decided(DateOrder::Dmy),
            (false, true) => OrderDecision::Decided(DateOrder::Mdy),
            (true, true) => OrderDecision::Conflicting(if evidence.first_over_12 >= evidence.second_over_12 { DateOrder::Dmy } else { DateOrder::Mdy }),
            (false, false) => OrderDecision::Undecidable(DateOrder::Mdy),
        }
    }

    pub fn resolve(self, raw: RawStamp) -> Result<Stamp, String> {
        match raw {
            RawStamp::Exact(s) => Ok(s),
            RawStamp::Ambiguous { p1, p2, year, secs, offset } => {
                let (m, d) = if self == DateOrder::Dmy { (p2, p1) } else { (p1, p2) };
                if !is_valid_date(year, m as u32, d as u32) {
                    return Err(format!("{year}-{m:02}-{d:02} is not a calendar date"));
                }
                Ok(Stamp::from_wall(days_from_civil(year, m as u32, d as u32), secs, offset))
            }
        }
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.i;
        while self.i < self.b.len() && self.i - start < max && self.b[self.i].is_ascii_digit() {
            self.i += 1;
        }
        if self.i - start < min {
            self.i = start;
            return None;
        }
        Some(self.b[start..self.i].iter().fold(0u32, |acc, d| acc * 10 + (d - b'0') as u32))
    }
    fn spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
    }
    fn done(&self) -> bool {
        self.i == self.b.len()
    }
    fn rest(&self) -> &'a [u8] {
        &self.b[self.i..]
    }
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_name(c: &mut Cursor) -> Option<u32> {
    let start = c.i;
    while c.i < c.b.len() && c.b[c.i].is_ascii_alphabetic() {
        c.i += 1;
    }
    let word = std::str::from_utf8(&c.b[start..c.i]).ok()?.to_ascii_lowercase();
    let found = if word.len() >= 3 { MONTHS.iter().position(|m| word.starts_with(m)) } else { None };
    match found {
        Some(i) if word.len() == 3 || MONTHS[i].len() <= word.len() => Some(i as u32 + 1),
        _ => {
            c.i = start;
            None
        }
    }
}

/// Parses an optional time of day and zone after a date. Returns (seconds of day, offset seconds).
fn time_and_zone(c: &mut Cursor) -> Option<(i64, i32)> {
    let mut secs = 0i64;
    if c.eat(b'T') || c.eat(b't') || c.peek() == Some(b' ') {
        c.spaces();
        if c.done() {
            return Some((0, 0));
        }
        if let Some(h) = c.digits(1, 2) {
            if !c.eat(b':') {
                return None;
            }
            let m = c.digits(2, 2)?;
            let s = if c.eat(b':') { c.digits(2, 2)? } else { 0 };
            if c.eat(b'.') || c.eat(b',') {
                c.digits(1, 9)?;
            }
            c.spaces();
            let mut hour = h;
            let rest = c.rest();
            let meridiem = rest.len() >= 2 && matches!(rest[0] | 0x20, b'a' | b'p') && rest[1] | 0x20 == b'm';
            if meridiem {
                if !(1..=12).contains(&hour) {
                    return None;
                }
                let pm = rest[0] | 0x20 == b'p';
                hour = match (pm, hour) {
                    (false, 12) => 0,
                    (true, 12) => 12,
                    (true, h) => h + 12,
                    (false, h) => h,
                };
                c.i += 2;
                c.spaces();
            }
            if hour > 24 || m > 59 || s > 60 || (hour == 24 && (m > 0 || s > 0)) {
                return None;
            }
            secs = hour as i64 * 3600 + m as i64 * 60 + s.min(59) as i64;
        }
    }
    let offset = zone(c)?;
    c.spaces();
    c.done().then_some((secs, offset))
}

fn zone(c: &mut Cursor) -> Option<i32> {
    c.spaces();
    if c.done() {
        return Some(0);
    }
    if c.eat(b'Z') || c.eat(b'z') {
        return Some(0);
    }
    let rest = c.rest();
    // North American zone abbreviations, as Recurly's exports write them ("2014-01-07 23:54:41 PST").
    if rest.len() == 3 && rest[2].eq_ignore_ascii_case(&b'T') {
        let standard = [(b'E', -5), (b'C', -6), (b'M', -7), (b'P', -8), (b'A', -9), (b'H', -10)];
        let daylight = match rest[1] | 0x20 {
            b's' => Some(0),
            b'd' => Some(1),
            _ => None,
        };
        if let (Some(d), Some(&(_, h))) = (daylight, standard.iter().find(|(z, _)| rest[0].eq_ignore_ascii_case(z))) {
            c.i += 3;
            return Some((h + d) * 3600);
        }
    }
    for name in [b"UTC".as_slice(), b"GMT".as_slice()] {
        if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(name) {
            c.i += 3;
            if c.done() {
                return Some(0);
            }
        }
    }
    let sign = match c.peek()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    c.i += 1;
    let h = c.digits(2, 2)? as i32;
    c.eat(b':');
    let m = c.digits(2, 2).unwrap_or(0) as i32;
    // Offsets reach ±18:00 at most (real ones ±14:00); -18:21 was let through (found by fuzzing).
    if m > 59 || h * 60 + m > 18 * 60 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

fn exact(year: i32, month: u32, day: u32, secs: i64, offset: i32) -> Option<RawStamp> {
    is_valid_date(year, month, day).then(|| RawStamp::Exact(Stamp::from_wall(days_from_civil(year, month, day), secs, offset)))
}

fn full_year(y: u32, digits: usize) -> i32 {
    match digits {
        2 if y < 70 => 2000 + y as i32,
        2 => 1900 + y as i32,
        _ => y as i32,
    }
}

/// Parses one date or timestamp cell. Returns a lowercase reason on failure.
pub fn parse_stamp(text: &str) -> Result<RawStamp, String> {
    if let Some(s) = fast_iso(text.as_bytes()) {
        return Ok(RawStamp::Exact(s));
    }
    let t = text.trim();
    let fail = || format!("'{t}' is not a date");
    if t.is_empty() {
        return Err("empty date".into());
    }
    if let Some(r) = numeric_stamp(t) {
        return r;
    }
    let mut c = Cursor { b: t.as_bytes(), i: 0 };
    // Year first: 2024-03-05, 2024/03/05, 2024.03.05
    let start = c.i;
    if let Some(y) = c.digits(4, 4) {
        if let Some(sep) = c.peek().filter(|s| matches!(s, b'-' | b'/' | b'.')) {
            c.i += 1;
            let m = c.digits(1, 2).ok_or_else(fail)?;
            if c.done() && sep == b'-' {
                // A month: 2024-03 is its first day.
                return exact(y as i32, m, 1, 0, 0).ok_or_else(fail);
            }
            if !c.eat(sep) {
                return Err(fail());
            }
            let d = c.digits(1, 2).ok_or_else(fail)?;
            let (secs, off) = time_and_zone(&mut c).ok_or_else(fail)?;
            return exact(y as i32, m, d, secs, off).ok_or_else(fail);
        }
        return Err(fail());
    }
    c.i = start;
    // Month name first: "Mar 5, 2024", "March 5 2024 10:00"
    if let Some(m) = month_name(&mut c) {
        c.eat(b'.');
        c.spaces();
        let d = c.digits(1, 2).ok_or_else(fail)?;
        c.eat(b',');
        c.spaces();
        let ys = c.i;
        let y = c.digits(2, 4).ok_or_else(fail)?;
        let y = full_year(y, c.i - ys);
        let (secs, off) = time_and_zone(&mut c).ok_or_else(fail)?;
        return exact(y, m, d, secs, off).ok_or_else(fail);
    }
    // Day or month first.
    let p1 = c.digits(1, 2).ok_or_else(fail)?;
    let sep = c.peek().ok_or_else(fail)?;
    if !matches!(sep, b'/' | b'.' | b'-' | b' ') {
        return Err(fail());
    }
    c.i += 1;
    if let Some(m) = month_name(&mut c) {
        // 05-Mar-2024, 5 Mar 2024
        if !(c.eat(sep) || c.eat(b' ')) {
            return Err(fail());
        }
        let ys = c.i;
        let y = c.digits(2, 4).ok_or_else(fail)?;
        let y = full_year(y, c.i - ys);
        let (secs, off) = time_and_zone(&mut c).ok_or_else(fail)?;
        return exact(y, m, p1, secs, off).ok_or_else(fail);
    }
    if sep == b' ' {
        return Err(fail());
    }
    let p2 = c.digits(1, 2).ok_or_else(fail)?;
    if !c.eat(sep) {
        return Err(fail());
    }
    let ys = c.i;
    let y = c.digits(2, 4).ok_or_else(fail)?;
    if c.i - ys == 3 {
        return Err(fail());
    }
    let year = full_year(y, c.i - ys);
    let (secs, offset) = time_and_zone(&mut c).ok_or_else(fail)?;
    if sep == b'.' {
        // DD.MM.YYYY is European only.
        return exact(year, p2, p1, secs, offset).ok_or_else(fail);
    }
    if p1 > 12 && p2 > 12 || p1 == 0 || p2 == 0 || p1 > 31 || p2 > 31 {
        return Err(fail());
    }
    Ok(RawStamp::Ambiguous { p1: p1 as u8, p2: p2 as u8, year, secs, offset })
}

/// The common exact forms `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` and `YYYY-MM-DDTHH:MM:SS[Z]`, read
/// without the general parser (ingest speed); anything else falls through to it.
fn fast_iso(b: &[u8]) -> Option<Stamp> {
    let d = |i: usize| -> Option<u32> { b.get(i).filter(|c| c.is_ascii_digit()).map(|c| (c - b'0') as u32) };
    let n2 = |i: usize| Some(d(i)? * 10 + d(i + 1)?);
    if !(b.len() == 10 || b.len() == 19 || b.len() == 20) || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = (n2(0)? * 100 + n2(2)?) as i32;
    let (month, day) = (n2(5)?, n2(8)?);
    if !is_valid_date(year, month, day) {
        return None;
    }
    let mut secs = 0i64;
    if b.len() > 10 {
        if !(b[10] == b'T' || b[10] == b' ') || b[13] != b':' || b[16] != b':' || (b.len() == 20 && b[19] != b'Z') {
            return None;
        }
        let (h, m, s) = (n2(11)?, n2(14)?, n2(17)?);
        if h > 23 || m > 59 || s > 59 {
            return None;
        }
        secs = (h * 3600 + m * 60 + s) as i64;
    }
    Some(Stamp::from_wall(days_from_civil(year, month, day), secs, 0))
}

/// Excel serial days (1900 date system), Unix seconds or Unix milliseconds.
fn numeric_stamp(t: &str) -> Option<Result<RawStamp, String>> {
    let bytes = t.as_bytes();
    let numeric =
        !bytes.is_empty() && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'.') && bytes.iter().filter(|b| **b == b'.').count() <= 1 && bytes[0] != b'.';
    if !numeric {
        return None;
    }
    let v: f64 = t.parse().ok()?;
    let excel_epoch = days_from_civil(1899, 12, 30);
    let stamp = if v < 1.0 {
        return Some(Err(format!("'{t}' is not a date")));
    } else if v < 100_000.0 && (t.len() != 4 || t.contains('.')) {
        let days = v.floor() as i64;
        let secs = ((v - v.floor()) * 86_400.0).round() as i64;
        Stamp::from_wall((excel_epoch as i64 + days) as i32, secs, 0)
    } else if (1e8..1e11).contains(&v) {
        Stamp { utc: v.floor() as i64, offset: 0 }
    } else if (1e11..1e14).contains(&v) {
        Stamp { utc: (v / 1000.0).floor() as i64, offset: 0 }
    } else {
        return Some(Err(format!("'{t}' is not a date")));
    };
    Some(Ok(RawStamp::Exact(stamp)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(text: &str) -> String {
        match parse_stamp(text).unwrap() {
            RawStamp::Exact(s) => {
                let (y, m, d) = crate::calendar::civil_from_days(s.day());
                let w = (s.utc + s.offset as i64).rem_euclid(86_400);
                format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} {:+}", w / 3600, w / 60 % 60, w % 60, s.offset / 60)
            }
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn reads_iso_forms() {
        assert_eq!(wall("2024-03-05"), "2024-03-05 00:00:00 +0");
        assert_eq!(wall("2024-03-05T14:07:09Z"), "2024-03-05 14:07:09 +0");
        assert_eq!(wall("2024-03-05T14:07:09.123+01:00"), "2024-03-05 14:07:09 +60");
        assert_eq!(wall("2024-03-05 14:07"), "2024-03-05 14:07:00 +0");
        assert_eq!(wall("2024-03-05 14:07:09 -0500"), "2024-03-05 14:07:09 -300");
        assert_eq!(wall("2024/3/5"), "2024-03-05 00:00:00 +0");
        assert_eq!(wall("2024-03"), "2024-03-01 00:00:00 +0");
        // Offsets up to ±18:00 (fuzzing found -18:21 read as an offset).
        assert_eq!(wall("2024-03-05 14:07:09 -1800"), "2024-03-05 14:07:09 -1080");
        assert!(parse_stamp("2024-03-5 14:07:09 -1821").is_err());
        let s = match parse_stamp("2024-03-05T23:30:00-05:00").unwrap() {
            RawStamp::Exact(s) => s,
            _ => unreachable!(),
        };
        assert_eq!(s.utc, days_from_civil(2024, 3, 6) as i64 * 86_400 + 4 * 3600 + 1800);
    }

    #[test]
    fn reads_us_european_and_named_forms() {
        assert_eq!(wall("05.03.2024"), "2024-03-05 00:00:00 +0");
        assert_eq!(wall("13/03/2024 9:05 PM"), "Ambiguous { p1: 13, p2: 3, year: 2024, secs: 75900, offset: 0 }");
        assert_eq!(wall("03/13/2024 12:05:01 AM"), "Ambiguous { p1: 3, p2: 13, year: 2024, secs: 301, offset: 0 }");
        assert_eq!(wall("Mar 5, 2024"), "2024-03-05 00:00:00 +0");
        assert_eq!(wall("5 March 2024 10:00"), "2024-03-05 10:00:00 +0");
        assert_eq!(wall("05-Mar-24"), "2024-03-05 00:00:00 +0");
    }

    #[test]
    fn reads_north_american_zone_abbreviations() {
        assert_eq!(wall("2014-01-07 23:54:41 PST"), "2014-01-07 23:54:41 -480");
        assert_eq!(wall("2014-07-07 23:54:41 EDT"), "2014-07-07 23:54:41 -240");
        assert!(parse_stamp("2014-07-07 23:54:41 XYZ").is_err());
    }

    #[test]
    fn reads_serial_and_epoch_numbers() {
        assert_eq!(wall("45356"), "2024-03-05 00:00:00 +0");
        assert_eq!(wall("45356.5"), "2024-03-05 12:00:00 +0");
        assert_eq!(wall("1709647200"), "2024-03-05 14:00:00 +0");
        assert_eq!(wall("1709647200000"), "2024-03-05 14:00:00 +0");
    }

    #[test]
    fn rejects_non_dates() {
        for bad in ["", "2024-13-01", "2024-02-30", "31/31/2024", "hello", "2024", "12:00", "2024-03-05T25:00", "0"] {
            assert!(parse_stamp(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn decides_day_month_order_per_column() {
        let mut ev = OrderEvidence::default();
        for (a, b) in [(3, 5), (13, 5), (1, 2)] {
            ev.note(a, b);
        }
        assert_eq!(DateOrder::decide(DateOrder::Auto, &ev), OrderDecision::Decided(DateOrder::Dmy));
        let mut us = OrderEvidence::default();
        us.note(3, 25);
        assert_eq!(DateOrder::decide(DateOrder::Auto, &us), OrderDecision::Decided(DateOrder::Mdy));
        let mut none = OrderEvidence::default();
        none.note(3, 5);
        assert!(matches!(DateOrder::decide(DateOrder::Auto, &none), OrderDecision::Undecidable(_)));
        us.note(25, 3);
        assert!(matches!(DateOrder::decide(DateOrder::Auto, &us), OrderDecision::Conflicting(_)));
        let raw = parse_stamp("03/05/2024").unwrap();
        assert_eq!(DateOrder::Dmy.resolve(raw).unwrap().day(), days_from_civil(2024, 5, 3));
        assert_eq!(DateOrder::Mdy.resolve(raw).unwrap().day(), days_from_civil(2024, 3, 5));
    }
}
