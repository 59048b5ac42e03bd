//! Typing usage rows: one event or session per row (user or customer, timestamp, optional
//! duration, feature, units consumed, units entitled). A row without a readable timestamp or without
//! anyone is skipped with its reason; a bad number is an issue and treated as blank.
//!
//! [`UsageReader`] reads chunk by chunk: the record stream, the file's layout, the issues and the
//! typing state are separate fields, so each record goes straight to the typing state.

use super::mapping::UsageMapping;
use super::settings::UsageIngest;
use crate::identity::identity;
use crate::ingest::dates::DateColumn;
use crate::ingest::headers::column_of;
use crate::ingest::{Record, RecordStream, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
use crate::parse::{parse_number, NumberStyle};
use crate::segment::Interner;
use crate::source::{Reader, SourceData, SourceMeta};

/// One usage row, typed.
/// One usage row as stored: 40 bytes, not 72, because a big export holds tens of millions of them.
/// Each "none" is a reserved value of its field (no feature id is `u32::MAX`, no parsed number is
/// NaN); the accessors give them back as options.
#[derive(Debug, Clone, Copy)]
pub struct UsageEvent {
    pub day: i32,
    /// Index into `users` (the customer when there is no user column).
    pub user: u32,
    /// Index into `customers` (the user when there is no customer column).
    pub customer: u32,
    feature: u32,
    /// Minutes.
    duration: f64,
    units: f64,
    entitlement: f64,
}

/// Equal fields, none equal to none (a NaN field is none, not a number).
impl PartialEq for UsageEvent {
    fn eq(&self, o: &Self) -> bool {
        let fields = |e: &Self| (e.day, e.user, e.customer, e.feature(), e.duration(), e.units(), e.entitlement());
        fields(self) == fields(o)
    }
}

impl UsageEvent {
    pub fn new(day: i32, user: u32, customer: u32, feature: Option<u32>, duration: Option<f64>, units: Option<f64>, entitlement: Option<f64>) -> UsageEvent {
        let number = |v: Option<f64>| v.filter(|v| !v.is_nan()).unwrap_or(f64::NAN);
        UsageEvent {
            day,
            user,
            customer,
            feature: feature.filter(|f| *f != u32::MAX).unwrap_or(u32::MAX),
            duration: number(duration),
            units: number(units),
            entitlement: number(entitlement),
        }
    }
    /// Index into `features`.
    pub fn feature(&self) -> Option<u32> {
        (self.feature != u32::MAX).then_some(self.feature)
    }
    /// Minutes.
    pub fn duration(&self) -> Option<f64> {
        (!self.duration.is_nan()).then_some(self.duration)
    }
    pub fn units(&self) -> Option<f64> {
        (!self.units.is_nan()).then_some(self.units)
    }
    pub fn entitlement(&self) -> Option<f64> {
        (!self.entitlement.is_nan()).then_some(self.entitlement)
    }
}

#[derive(Debug, Clone, Default)]
pub struct UsageData {
    pub meta: SourceMeta,
    pub events: Vec<UsageEvent>,
    pub users: Vec<String>,
    pub customers: Vec<String>,
    pub features: Vec<String>,
    /// How the duration column was read ("minutes" or "seconds"); none without one.
    pub duration_unit: Option<&'static str>,
    /// Events whose user was blank, counted by their anonymous (device) id instead.
    pub anonymous_events: u64,
}

impl SourceData for UsageData {
    fn meta(&self) -> &SourceMeta {
        &self.meta
    }

    /// Each event's customer (its user when there is no customer column).
    fn customer_keys(&self) -> Vec<(String, u64)> {
        crate::join::tally(&self.customers, self.events.iter().map(|e| Some(e.customer)))
    }

    fn signals(&self) -> Option<crate::signals::Signals> {
        use crate::signals::{Touches, UsageTouch};
        let events = self.events.iter().map(|e| UsageTouch { key: e.customer, day: e.day, user: e.user }).collect();
        Some(crate::signals::Signals { keys: self.customers.clone(), touches: Touches::Usage(events) })
    }

    fn describe(&self) -> String {
        let anonymous = match self.anonymous_events {
            0 => String::new(),
            n => format!(" ({n} events without a user counted by their anonymous or device id)"),
        };
        format!(
            "{} rows, {} events, {} users{anonymous}, {} customers, {} features; {} rows skipped",
            self.meta.rows,
            self.events.len(),
            self.users.len(),
            self.customers.len(),
            self.features.len(),
            self.meta.skipped_rows
        )
    }

    fn counters(&self) -> Vec<(&'static str, u64)> {
        vec![("anonymous_events", self.anonymous_events)]
    }

    fn facts(&self) -> Vec<(&'static str, String)> {
        self.duration_unit.map(|u| ("duration_unit", u.to_string())).into_iter().collect()
    }
}

struct Cols {
    timestamp: usize,
    user: Option<usize>,
    anonymous: Option<usize>,
    customer: Option<usize>,
    duration: Option<usize>,
    feature: Option<usize>,
    units: Option<usize>,
    entitlement: Option<usize>,
}

/// The file, its columns and how to read them.
struct Layout {
    file: String,
    names: Vec<String>,
    cols: Cols,
    style: NumberStyle,
    seconds: bool,
    ingest: UsageIngest,
}

impl Layout {
    fn issue(&self, log: &mut IssueLog, line: u64, col: Option<usize>, reason: String) {
        log.push(Issue { file: self.file.clone(), line: Some(line), column: col.map(|c| self.names[c].clone()), reason, ..Default::default() })
    }

    /// A number cell: blank is none; anything but a non-negative number is an issue, treated as blank.
    fn number(&self, log: &mut IssueLog, r: &Record, col: Option<usize>) -> Option<f64> {
        let c = col?;
        let t = r.cell(c).trim();
        if t.is_empty() {
            return None;
        }
        match parse_number(t, self.style) {
            Ok(n) if n.value() >= 0.0 => Some(n.value()),
            _ => {
                self.issue(log, r.line, Some(c), format!("'{t}' is not a non-negative number; treated as blank"));
                None
            }
        }
    }
}

/// Reads a usage file chunk by chunk.
pub struct UsageReader {
    stream: RecordStream,
    layout: Layout,
    data: UsageData,
    log: IssueLog,
    typing: UsageTyping,
}

/// The rows typed so far; their days wait for the timestamp column's day/month order.
struct UsageTyping {
    dates: DateColumn,
    users: Interner,
    customers: Interner,
    features: Interner,
    /// Aligned with the values of `dates`.
    pending: Vec<UsageEvent>,
}

impl UsageReader {
    /// Checks the mapping against the header and starts reading.
    pub fn new(file: &str, sniff: &Sniff, mapping: &UsageMapping, ingest: &UsageIngest) -> Result<UsageReader, FatalError> {
        let names = sniff.column_names();
        if names.is_empty() {
            return Err(FatalError::NoHeader { file: file.into() });
        }
        let missing = |role: &str| FatalError::MissingColumn { file: file.into(), role: role.into(), available: names.clone() };
        let idx = |role: &str, c: &Option<String>| column_of(file, &names, &format!("usage.{role}"), c.as_deref());
        let timestamp = idx("timestamp", &mapping.timestamp)?.ok_or_else(|| missing("timestamp"))?;
        let (user, customer) = (idx("user", &mapping.user)?, idx("customer", &mapping.customer)?);
        if user.is_none() && customer.is_none() && mapping.anonymous.is_none() {
            return Err(missing("user or customer"));
        }
        let cols = Cols {
            timestamp,
            user,
            anonymous: idx("anonymous", &mapping.anonymous)?,
            customer,
            duration: idx("duration", &mapping.duration)?,
            feature: idx("feature", &mapping.feature)?,
            units: idx("units", &mapping.units)?,
            entitlement: idx("entitlement", &mapping.entitlement)?,
        };
        // The whole header, unit qualifier included: "Session duration (sec)" is in seconds.
        let seconds = ingest.duration_seconds.unwrap_or_else(|| cols.duration.is_some_and(|d| names[d].to_lowercase().contains("sec")));
        let typing = UsageTyping {
            dates: DateColumn::new(&names[timestamp]),
            users: Interner::default(),
            customers: Interner::default(),
            features: Interner::default(),
            pending: Vec::new(),
        };
        let duration_unit = cols.duration.map(|_| if seconds { "seconds" } else { "minutes" });
        let data = UsageData { meta: SourceMeta::new(file), duration_unit, ..Default::default() };
        let layout = Layout {
            file: file.into(),
            names,
            cols,
            style: sniff.number_style,
            seconds,
            ingest: UsageIngest { date_order: crate::profile::date_order(crate::profile::of(mapping.profile.as_deref()), ingest.date_order), ..ingest.clone() },
        };
        Ok(UsageReader { stream: RecordStream::new(file, sniff), layout, data, log: IssueLog::default(), typing })
    }
}

impl UsageTyping {
    fn row(&mut self, layout: &Layout, data: &mut UsageData, log: &mut IssueLog, r: &Record) {
        data.meta.rows += 1;
        if r.len() != layout.names.len() {
            layout.issue(log, r.line, None, format!("row has {} fields, the header has {}", r.len(), layout.names.len()));
        }
        let cols = &layout.cols;
        if let Err(reason) = self.dates.push_required(r.line, r.cell(cols.timestamp), "empty timestamp") {
            layout.issue(log, r.line, Some(cols.timestamp), format!("{reason}; row skipped"));
            data.meta.skipped_rows += 1;
            return;
        }
        // Keys are read by the one identity rule (`crate::identity`): " Ann@Acme.COM " is ann@acme.com.
        let who = |c: Option<usize>| c.map(|c| identity(r.cell(c))).filter(|v| !v.is_empty());
        let (mut u, c) = (who(cols.user), who(cols.customer));
        if u.is_none() {
            u = who(cols.anonymous);
            if u.is_some() {
                data.anonymous_events += 1;
            }
        }
        let Some(u_or_c) = u.or_else(|| c.clone()) else {
            self.dates.pop();
            layout.issue(log, r.line, Some(cols.user.or(cols.customer).unwrap_or(0)), "no user or customer; row skipped".into());
            data.meta.skipped_rows += 1;
            return;
        };
        let user = self.users.intern(&u_or_c);
        let customer = self.customers.intern(c.as_deref().unwrap_or(&u_or_c));
        let duration = layout.number(log, r, cols.duration).map(|d| if layout.seconds { d / 60.0 } else { d });
        let units = layout.number(log, r, cols.units);
        let entitlement = layout.number(log, r, cols.entitlement);
        let feature = cols.feature.map(|f| r.cell(f).trim()).filter(|f| !f.is_empty()).map(|f| self.features.intern(f));
        self.pending.push(UsageEvent::new(0, user, customer, feature, duration, units, entitlement));
    }

    /// Decides the day/month order, gives every kept row its day and drops the rows whose
    /// timestamp is impossible in that order.
    fn finish(self, layout: &Layout, data: &mut UsageData, log: &mut IssueLog) {
        let resolved = self.dates.resolve(&layout.file, layout.ingest.date_order, "usage.date_order");
        log.extend(resolved.issues);
        // The kept rows move down in place: the events are the pending rows, never a second copy.
        let mut events = self.pending;
        let mut kept = 0;
        for (i, s) in resolved.stamps.into_iter().enumerate().take(events.len()) {
            let Some(s) = s else { continue };
            let mut e = events[i];
            e.day = s.day();
            data.meta.note_day(e.day);
            events[kept] = e;
            kept += 1;
        }
        events.truncate(kept);
        data.events = events;
        data.meta.skipped_rows += resolved.bad_rows.len() as u64;
        data.users = self.users.into_strings();
        data.customers = self.customers.into_strings();
        data.features = self.features.into_strings();
    }
}

impl Reader for UsageReader {
    type Data = UsageData;

    fn feed(&mut self, chunk: &[u8]) {
        let (typing, layout, data, log) = (&mut self.typing, &self.layout, &mut self.data, &mut self.log);
        self.stream.feed(chunk, &mut |r| typing.row(layout, data, log, r));
    }

    fn bytes_read(&self) -> u64 {
        self.stream.bytes_read
    }
    fn rows_read(&self) -> u64 {
        self.stream.rows
    }
    fn reserve(&mut self, rows: usize) {
        self.typing.pending.reserve_exact(rows);
    }

    fn finish(self) -> UsageData {
        let UsageReader { mut stream, layout, mut data, mut log, mut typing } = self;
        let reading = stream.finish(&mut |r| typing.row(&layout, &mut data, &mut log, r));
        log.extend(reading);
        typing.finish(&layout, &mut data, &mut log);
        data.meta.encoding = stream.encoding();
        data.meta.take_issues(log);
        data
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_event_keeps_every_field_in_40_bytes() {
        assert_eq!(std::mem::size_of::<UsageEvent>(), 40);
        let full = UsageEvent::new(3, 1, 2, Some(7), Some(1.5), Some(0.0), Some(10.0));
        assert_eq!((full.feature(), full.duration(), full.units(), full.entitlement()), (Some(7), Some(1.5), Some(0.0), Some(10.0)));
        let empty = UsageEvent::new(3, 1, 2, None, None, None, None);
        assert_eq!((empty.feature(), empty.duration(), empty.units(), empty.entitlement()), (None, None, None, None));
        assert_ne!(full, empty);
        assert_eq!(empty, UsageEvent::new(3, 1, 2, None, None, None, None));
    }

    use super::*;
    use crate::ingest::sniff;
    use crate::period::Granularity;
    use crate::source::{Context, Query, Source};
    use crate::usage::{Usage, UsageKpi};

    fn read_in_chunks(text: &str, chunk: usize) -> UsageData {
        let bytes = text.as_bytes();
        let s = sniff(bytes);
        let mut reader = Usage::reader("u.csv", &s, &Usage::infer(&s), &UsageIngest::default()).unwrap();
        for c in bytes.chunks(chunk) {
            reader.feed(c);
        }
        assert_eq!(reader.bytes_read(), bytes.len() as u64);
        reader.finish()
    }

    fn snapshot(d: &UsageData) -> impl PartialEq + std::fmt::Debug {
        (d.meta.clone(), d.events.clone(), d.users.clone(), d.customers.clone(), d.features.clone(), d.duration_unit)
    }

    const MESSY: &str = "User ID,Customer ID,Timestamp,Event,Session duration (sec),Units,Entitlement\r\n\
        u1,A,01/02/2024 09:00,login,600,5,100\r\n\
        u2,\"B, Inc.\",13/02/2024 10:00,\"export\r\nall\",120,,\r\n\
        u☕,A,03/02/2024,login,-5,7,100\r\n\
        u1,A,,login,60,1,100\r\n\
        ,,04/02/2024,login,60,1,100\r\n\
        u2,\"B, Inc.\",05/03/2024 11:00,login\r\n\
        u3,C,06/03/2024,feature ü,30,2,10,extra\r\n";

    #[test]
    fn usage_reads_the_same_in_chunks_of_any_size() {
        let whole = read_in_chunks(MESSY, MESSY.len());
        assert_eq!((whole.meta.rows, whole.events.len(), whole.meta.skipped_rows), (7, 5, 2), "{:#?}", whole.meta.issues);
        assert_eq!(whole.duration_unit, Some("seconds"));
        let query = Query::new(Granularity::Month);
        let kpi = UsageKpi { activation_event: Some("login".into()), entitlement: Some(50.0), ..Default::default() };
        let kpis = Usage::kpis(&whole, &kpi, &query, &Context::default());
        assert!(kpis.iter().any(|k| k.id == "consumption_rate" && k.segment.is_some()));
        for chunk in 1..=64 {
            let part = read_in_chunks(MESSY, chunk);
            assert_eq!(snapshot(&part), snapshot(&whole), "chunks of {chunk} bytes");
            assert_eq!(Usage::kpis(&part, &kpi, &query, &Context::default()), kpis, "chunks of {chunk} bytes");
        }
    }

    #[test]
    fn a_row_with_the_wrong_field_count_is_reported_and_still_read() {
        let d = read_in_chunks(MESSY, 1 << 20);
        let lines = |reason: &str| -> Vec<(Option<u64>, Option<String>)> {
            d.meta.issues.iter().filter(|i| i.reason.contains(reason)).map(|i| (i.line, i.column.clone())).collect()
        };
        // Line 8 (the quoted line break makes row 2 span lines 3-4) has 4 fields; line 9 has 8.
        assert_eq!(lines("row has 4 fields, the header has 7"), [(Some(8), None)]);
        assert_eq!(lines("row has 8 fields, the header has 7"), [(Some(9), None)]);
        // Both rows are still read: u2 on 5 March and u3 on 6 March (13/02 makes the order day first).
        let march = crate::calendar::days_from_civil(2024, 3, 1);
        let in_march: Vec<(&str, i32)> = d.events.iter().filter(|e| e.day >= march).map(|e| (d.users[e.user as usize].as_str(), e.day - march + 1)).collect();
        assert_eq!(in_march, [("u2", 5), ("u3", 6)]);
        // The other issues: the negative duration, the blank timestamp, the row without anyone.
        assert_eq!(lines("not a non-negative number"), [(Some(5), Some("Session duration (sec)".to_string()))]);
        assert_eq!(lines("empty timestamp; row skipped"), [(Some(6), Some("Timestamp".to_string()))]);
        assert_eq!(lines("no user or customer; row skipped"), [(Some(7), Some("User ID".to_string()))]);
        assert_eq!(d.meta.issue_count, 5, "{:#?}", d.meta.issues);
    }
}
