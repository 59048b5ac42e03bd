//! Typing usage rows: one event or session per row (user or customer, timestamp, optional
//! duration, feature, units consumed, units entitled). A row without a readable timestamp or without
//! anyone is skipped with its reason; a bad number is an issue and treated as blank.
//!
//! [`UsageReader`] reads chunk by chunk: the record stream, the file's layout, the issues and the
//! typing state are separate fields, so each record goes straight to the typing state.

use super::events::{EventColumns, UsageEvents};
use super::mapping::UsageMapping;
use super::settings::UsageIngest;
use crate::identity::identity;
use crate::ingest::dates::{DateColumn, Day};
use crate::ingest::headers::column_of;
use crate::ingest::{Record, RecordStream, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
use crate::parse::{parse_number, NumberStyle};
use crate::segment::Interner;
use crate::source::{Reader, SourceData, SourceMeta};

#[derive(Debug, Clone, Default)]
pub struct UsageData {
    pub meta: SourceMeta,
    pub events: UsageEvents,
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
        crate::join::tally(&self.customers, (0..self.events.len()).map(|i| Some(self.events.customer(i))))
    }

    fn signals(&self) -> Option<crate::signals::Signals> {
        use crate::signals::{Touches, UsageTouch};
        let e = &self.events;
        let events = (0..e.len()).map(|i| UsageTouch { key: e.customer(i), day: e.day[i], user: e.user[i] }).collect();
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
    dates: DateColumn<Day>,
    users: Interner,
    /// None when the file has one key column (the customer is the user).
    customers: Option<Interner>,
    features: Interner,
    /// Aligned with the values of `dates`.
    pending: UsageEvents,
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
        // With one key column (a user, or a customer, or only anonymous ids) every event's
        // customer is its user, and one interner serves both.
        let separate_customer = customer.is_some() && (user.is_some() || cols.anonymous.is_some());
        let columns = EventColumns {
            customer: separate_customer,
            feature: cols.feature.is_some(),
            duration: cols.duration.is_some(),
            seconds,
            units: cols.units.is_some(),
            entitlement: cols.entitlement.is_some(),
        };
        let typing = UsageTyping {
            dates: DateColumn::new(&names[timestamp]),
            users: Interner::default(),
            customers: separate_customer.then(Interner::default),
            features: Interner::default(),
            pending: UsageEvents::new(columns),
        };
        let duration_unit = cols.duration.map(|_| if seconds { "seconds" } else { "minutes" });
        let data = UsageData { meta: SourceMeta::new(file), duration_unit, ..Default::default() };
        let layout = Layout {
            file: file.into(),
            names,
            cols,
            style: sniff.number_style,
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
        let customer = self.customers.as_mut().map(|cs| cs.intern(c.as_deref().unwrap_or(&u_or_c)));
        let duration = layout.number(log, r, cols.duration);
        let units = layout.number(log, r, cols.units);
        let entitlement = layout.number(log, r, cols.entitlement);
        let feature = cols.feature.map(|f| r.cell(f).trim()).filter(|f| !f.is_empty()).map(|f| self.features.intern(f));
        self.pending.push(user, customer, feature, duration, units, entitlement);
    }

    /// Decides the day/month order, gives every kept row its day and drops the rows whose
    /// timestamp is impossible in that order.
    fn finish(self, layout: &Layout, data: &mut UsageData, log: &mut IssueLog) {
        let resolved = self.dates.resolve(&layout.file, layout.ingest.date_order, "usage.date_order");
        log.extend(resolved.issues);
        // The kept rows move down in place: the events are the pending columns, never a second copy.
        let days: Vec<i32> = resolved.stamps.into_iter().map(|d| d.0).collect();
        let mut events = self.pending;
        events.set_days(days);
        for &d in &events.day {
            data.meta.note_day(d);
        }
        data.events = events;
        data.meta.skipped_rows += resolved.bad_rows.len() as u64;
        data.users = self.users.into_strings();
        data.customers = match self.customers {
            Some(customers) => customers.into_strings(),
            None => data.users.clone(),
        };
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
        self.typing.dates.reserve(rows);
        self.typing.pending.reserve(rows, self.typing.customers.is_some());
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
