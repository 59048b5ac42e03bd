//! Typing tickets: one row per ticket, or an event log folded into tickets (created = first event,
//! first response = first response activity, resolved = first or last resolution activity, agent =
//! resource of that resolution, replies = response activities, reopens = resolutions − 1).
//! Impossible durations (a response or resolution before creation) are issues and excluded.
//!
//! [`TicketReader`] reads either shape chunk by chunk: the record stream, the file's layout, the
//! issues and the typing state of the shape are separate fields, so each record goes straight to
//! the typing state while the stream is borrowed.

mod event_log;
use event_log::EventFolding;

use super::activities::{Activities, ActivityCounter, ActivityKind, UnmatchedActivity};
use super::mapping::TicketMapping;
use super::settings::{ResolutionEvent, TicketIngest};
use super::ticket::{TicketColumns, TicketRow, MAX_COUNT};
use crate::comments::Texts;
use crate::identity::identity;

/// The reading settings with the date order of the export's vendor profile when set to "auto".
fn with_profile_order(ingest: &TicketIngest, profile: Option<&str>) -> TicketIngest {
    TicketIngest { date_order: crate::profile::date_order(crate::profile::of(profile), ingest.date_order), ..ingest.clone() }
}
use crate::ingest::dates::{DateCell, DateColumn, DeferredDates};
use crate::ingest::headers::column_of;
use crate::ingest::{trim_cell, Record, RecordStream, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
use crate::parse::{parse_number, NumberStyle, Stamp};
use crate::segment::{Interner, SegmentColumn};
use crate::source::{Reader, SourceData, SourceMeta};

#[derive(Debug, Clone, Default)]
pub struct TicketData {
    pub meta: SourceMeta,
    pub event_log: bool,
    /// Whether the file says when tickets were first answered (a first-response time or
    /// duration column, or an event log's activities); without it the first-response KPIs are
    /// undefined, not zero.
    pub first_response_known: bool,
    pub tickets: TicketColumns,
    pub customers: Vec<String>,
    /// The agent first (when mapped; the resolver in an event log), then channel and segment
    /// columns; aligned with `tickets`.
    pub segments: Vec<SegmentColumn>,
    /// The agent column among `segments`: `agent` (the resource of the resolution) in an event log,
    /// else the mapped agent column.
    pub agent: Option<String>,
    /// Durations that were negative and excluded.
    pub impossible_durations: u64,
    /// An event log's activity names with their row counts, most frequent first.
    pub activities: Activities,
    /// The activity settings that match no row of an event log (each also an error issue, first
    /// in `meta.issues`): the KPIs that need them are undefined.
    pub unmatched_activities: Vec<UnmatchedActivity>,
    /// Each non-blank subject with its ticket (index into `tickets`) and file line; one row per
    /// ticket only (an event log's subjects are not read).
    pub subjects: Texts,
}

impl TicketData {
    /// The segment column called `name`.
    pub fn segment(&self, name: &str) -> Option<&SegmentColumn> {
        self.segments.iter().find(|s| s.name == name)
    }

    /// An event log's activity names with their row counts, most frequent first (at most
    /// [`super::activities::MAX_LISTED_ACTIVITIES`]; `self.activities` counts the rest). Empty for
    /// one row per ticket.
    pub fn activities(&self) -> &[(String, u64)] {
        &self.activities.listed
    }

    /// The agent column (see [`TicketData::agent`]).
    pub fn agent_column(&self) -> Option<&SegmentColumn> {
        self.agent.as_deref().and_then(|a| self.segment(a))
    }
}

impl SourceData for TicketData {
    fn meta(&self) -> &SourceMeta {
        &self.meta
    }

    /// Each ticket's customer (requester).
    fn customer_keys(&self) -> Vec<(String, u64)> {
        crate::join::tally(&self.customers, (0..self.tickets.len()).map(|i| self.tickets.customer(i)))
    }

    fn signals(&self) -> Option<crate::signals::Signals> {
        use crate::signals::{TicketTouch, Touches};
        let tickets = self
            .tickets
            .iter()
            .filter_map(|r| {
                Some(TicketTouch {
                    key: r.customer?,
                    created: r.created.utc,
                    first_response: r.first_response.map(|s| s.utc),
                    resolved: r.resolved.map(|s| s.utc),
                    line: r.line,
                })
            })
            .collect();
        Some(crate::signals::Signals { keys: self.customers.clone(), touches: Touches::Tickets(tickets) })
    }

    fn describe(&self) -> String {
        let mut out = format!(
            "{} rows, {} tickets{}; {} rows skipped, {} impossible durations excluded",
            self.meta.rows,
            self.tickets.len(),
            if self.event_log { " from an event log" } else { "" },
            self.meta.skipped_rows,
            self.impossible_durations
        );
        for u in &self.unmatched_activities {
            out.push_str(if u.error { "; error: " } else { "; " });
            out.push_str(&u.message);
        }
        out
    }

    fn counters(&self) -> Vec<(&'static str, u64)> {
        vec![("impossible_durations", self.impossible_durations)]
    }

    fn facts(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![("shape", if self.event_log { "event log" } else { "one row per ticket" }.to_string())];
        out.extend(self.unmatched_activities.iter().filter(|u| u.error).map(|u| ("activity_error", u.message.clone())));
        out
    }

    /// An event log's two activity settings, each offered the file's activity names.
    fn choices(&self) -> Vec<(&'static str, Vec<(String, u64)>)> {
        if !self.event_log || self.activities.listed.is_empty() {
            return Vec::new();
        }
        let names = self.activities.listed.clone();
        vec![("first_response_activity", names.clone()), ("resolution_activity", names)]
    }

    fn segment_names(&self) -> Vec<String> {
        self.segments.iter().map(|s| s.name.clone()).collect()
    }
}

/// Reads a rating cell: Zendesk's Good/Bad as 1/0; Offered and Not Offered are no rating.
pub fn parse_rating(cell: &str, style: NumberStyle) -> Result<Option<f64>, String> {
    let t = trim_cell(cell);
    // The words are lowercase ASCII: an ASCII cell matches ignoring case; any other is folded
    // once (lowercase, accents off), not once per word.
    let folded = (!t.is_ascii()).then(|| crate::ingest::headers::fold_accents(&t.to_lowercase()));
    let is = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w) || folded.as_deref() == Some(*w));
    if t.is_empty()
        || is(&["offered", "not offered", "unoffered", "not_offered", "angeboten", "nicht angeboten", "propose", "non propose", "ofrecido", "no ofrecido"])
    {
        Ok(None)
    } else if is(&["good", "satisfied", "positive", "great", "gut", "zufrieden", "positiv", "bon", "satisfait", "positif", "bueno", "satisfecho", "positivo"]) {
        Ok(Some(1.0))
    } else if is(&[
        "bad",
        "unsatisfied",
        "dissatisfied",
        "negative",
        "schlecht",
        "unzufrieden",
        "negativ",
        "mauvais",
        "insatisfait",
        "negatif",
        "malo",
        "insatisfecho",
        "negativo",
    ]) {
        Ok(Some(0.0))
    } else {
        parse_number(t, style).map(|n| Some(n.value())).map_err(|_| format!("'{t}' is not a rating"))
    }
}

struct Cols {
    id: Option<usize>,
    /// The timestamp that decides whether a row is kept: created, or an event log's timestamp.
    main: usize,
    first_response: Option<usize>,
    resolved: Option<usize>,
    customer: Option<usize>,
    replies: Option<usize>,
    reopens: Option<usize>,
    rating: Option<usize>,
    first_reply_minutes: Option<usize>,
    subject: Option<usize>,
    activity: Option<usize>,
    resource: Option<usize>,
    segments: Vec<usize>,
}

/// What both shapes share: the file, its columns, the settings.
struct Layout {
    file: String,
    names: Vec<String>,
    cols: Cols,
    style: NumberStyle,
    ingest: TicketIngest,
    segment_names: Vec<String>,
}

impl Layout {
    fn issue(&self, log: &mut IssueLog, line: u64, col: Option<usize>, reason: String) {
        log.push(Issue { file: self.file.clone(), line: Some(line), column: col.map(|c| self.names[c].clone()), reason, ..Default::default() })
    }

    /// A row whose main timestamp is blank or unreadable is skipped, with its reason.
    fn skip(&self, data: &mut TicketData, log: &mut IssueLog, line: u64, reason: String) {
        self.issue(log, line, Some(self.cols.main), format!("{reason}; row skipped"));
        data.meta.skipped_rows += 1;
    }

    /// Every row is counted; a field count unlike the header's is an issue (the row is still read).
    fn count_row(&self, data: &mut TicketData, log: &mut IssueLog, r: &Record) {
        data.meta.rows += 1;
        if r.len() != self.names.len() {
            self.issue(log, r.line, None, format!("row has {} fields, the header has {}", r.len(), self.names.len()));
        }
    }
}

/// Reads a tickets file chunk by chunk, in either shape.
pub struct TicketReader {
    stream: RecordStream,
    layout: Layout,
    data: TicketData,
    log: IssueLog,
    shape: Shape,
}

enum Shape {
    Rows(RowTyping),
    Events(EventFolding),
}

impl TicketReader {
    /// Checks the mapping against the header and starts reading.
    pub fn new(file: &str, sniff: &Sniff, mapping: &TicketMapping, ingest: &TicketIngest) -> Result<TicketReader, FatalError> {
        let names = sniff.column_names();
        if names.is_empty() {
            return Err(FatalError::NoHeader { file: file.into() });
        }
        mapping.check(file, &names)?;
        let idx = |role: &str, c: &Option<String>| column_of(file, &names, &format!("tickets.{role}"), c.as_deref());
        let mut segment_names: Vec<String> = Vec::new();
        for c in mapping.agent.iter().chain(mapping.channel.iter()).chain(mapping.segment.iter()) {
            if !segment_names.contains(c) {
                segment_names.push(c.clone());
            }
        }
        let (created, timestamp) = (idx("created", &mapping.created)?, idx("timestamp", &mapping.timestamp)?);
        let cols = Cols {
            id: idx("id", &mapping.id)?,
            main: created.or(timestamp).unwrap_or(0),
            first_response: idx("first_response", &mapping.first_response)?,
            resolved: idx("resolved", &mapping.resolved)?,
            customer: idx("customer", &mapping.customer)?,
            replies: idx("replies", &mapping.replies)?,
            reopens: idx("reopens", &mapping.reopens)?,
            rating: idx("rating", &mapping.rating)?,
            first_reply_minutes: idx("first_reply_minutes", &mapping.first_reply_minutes)?,
            subject: idx("subject", &mapping.subject)?,
            activity: idx("activity", &mapping.activity)?,
            resource: idx("resource", &mapping.resource)?,
            segments: segment_names.iter().map(|c| idx("segment", &Some(c.clone())).map(|i| i.unwrap_or(0))).collect::<Result<_, _>>()?,
        };
        let event_log = mapping.is_event_log();
        let shape = if event_log {
            Shape::Events(EventFolding::new(&names[cols.main], mapping.resource.as_deref().unwrap_or("resource"), ingest))
        } else {
            Shape::Rows(RowTyping::new(&names, &cols, &segment_names))
        };
        let agent = if event_log { Some("agent".to_string()) } else { mapping.agent.clone() };
        let layout =
            Layout { file: file.into(), names, cols, style: sniff.number_style, ingest: with_profile_order(ingest, mapping.profile.as_deref()), segment_names };
        let first_response_known = event_log || mapping.first_response.is_some() || mapping.first_reply_minutes.is_some();
        let data = TicketData { meta: SourceMeta::new(file), event_log, first_response_known, agent, ..Default::default() };
        Ok(TicketReader { stream: RecordStream::new(file, sniff), layout, data, log: IssueLog::default(), shape })
    }
}

impl Reader for TicketReader {
    type Data = TicketData;

    fn feed(&mut self, chunk: &[u8]) {
        let (layout, data, log) = (&self.layout, &mut self.data, &mut self.log);
        match &mut self.shape {
            Shape::Rows(rows) => self.stream.feed(chunk, &mut |r| rows.row(layout, data, log, r)),
            Shape::Events(events) => self.stream.feed(chunk, &mut |r| events.row(layout, data, log, r)),
        }
    }

    fn bytes_read(&self) -> u64 {
        self.stream.bytes_read
    }
    fn rows_read(&self) -> u64 {
        self.stream.rows
    }
    fn reserve(&mut self, rows: usize) {
        if let Shape::Rows(typing) = &mut self.shape {
            self.data.tickets.reserve(rows);
            for s in typing.segments.iter_mut() {
                s.ids.reserve(rows);
            }
        }
    }

    fn finish(self) -> TicketData {
        let TicketReader { mut stream, layout, mut data, mut log, shape } = self;
        match shape {
            Shape::Rows(mut rows) => {
                let reading = stream.finish(&mut |r| rows.row(&layout, &mut data, &mut log, r));
                log.extend(reading);
                rows.finish(&layout, &mut data, &mut log);
            }
            Shape::Events(mut events) => {
                let reading = stream.finish(&mut |r| events.row(&layout, &mut data, &mut log, r));
                log.extend(reading);
                events.finish(&layout, &mut data, &mut log);
            }
        }
        data.meta.encoding = stream.encoding();
        data.meta.take_issues(log);
        data
    }
}

/// A count cell (replies, reopens): blank is unknown, anything but a whole number is an issue.
fn read_count(layout: &Layout, log: &mut IssueLog, r: &Record, col: Option<usize>) -> Option<u32> {
    let c = col?;
    let t = trim_cell(r.cell(c));
    if t.is_empty() {
        return None;
    }
    match t.parse::<u32>() {
        Ok(n) if n <= MAX_COUNT => Some(n),
        _ => {
            layout.issue(log, r.line, Some(c), format!("'{t}' is not a count; treated as unknown"));
            None
        }
    }
}

/// An optional timestamp cell of row `at`: exact, deferred (noted in `deferred`), or none (blank
/// or unreadable, the latter with an issue).
fn read_stamp(
    dates: Option<&mut DeferredDates>,
    col: Option<usize>,
    at: u32,
    r: &Record,
    layout: &Layout,
    log: &mut IssueLog,
    deferred: &mut bool,
) -> Option<Stamp> {
    let (d, c) = (dates?, col?);
    match d.read(at, r.line, r.cell(c)) {
        Ok(DateCell::Exact(s)) => Some(s),
        Ok(DateCell::Deferred) => {
            *deferred = true;
            None
        }
        Ok(DateCell::Blank) => None,
        Err(reason) => {
            layout.issue(log, r.line, Some(c), format!("{reason}; treated as blank"));
            None
        }
    }
}

/// One row per ticket, typed straight into `data.tickets`. Day/month-ambiguous dates are settled
/// at the end, and the rows holding them finished then.
struct RowTyping {
    created: DeferredDates,
    first_response: Option<DeferredDates>,
    resolved: Option<DeferredDates>,
    segments: Vec<SegmentColumn>,
    customers: Interner,
    /// Rows with a deferred date, finished once the dates are settled (with their first-reply minutes).
    unsettled: Vec<(u32, Option<f64>)>,
}

impl RowTyping {
    fn new(names: &[String], cols: &Cols, segment_names: &[String]) -> RowTyping {
        let dates = |c: Option<usize>| c.map(|i| DeferredDates::new(&names[i]));
        RowTyping {
            created: DeferredDates::new(&names[cols.main]),
            first_response: dates(cols.first_response),
            resolved: dates(cols.resolved),
            segments: segment_names.iter().map(|n| SegmentColumn::new(n)).collect(),
            customers: Interner::default(),
            unsettled: Vec::new(),
        }
    }

    fn row(&mut self, layout: &Layout, data: &mut TicketData, log: &mut IssueLog, r: &Record) {
        layout.count_row(data, log, r);
        let cols = &layout.cols;
        let at = data.tickets.len() as u32;
        // The main timestamp decides whether the row is kept.
        let created = match self.created.read(at, r.line, r.cell(cols.main)) {
            Ok(DateCell::Exact(s)) => Some(s),
            Ok(DateCell::Deferred) => None,
            Ok(DateCell::Blank) => return layout.skip(data, log, r.line, "empty timestamp".into()),
            Err(reason) => return layout.skip(data, log, r.line, reason),
        };
        let mut deferred = created.is_none();
        let first_response = read_stamp(self.first_response.as_mut(), cols.first_response, at, r, layout, log, &mut deferred);
        let resolved = read_stamp(self.resolved.as_mut(), cols.resolved, at, r, layout, log, &mut deferred);
        let rating = match cols.rating.map(|c| (c, parse_rating(r.cell(c), layout.style))) {
            Some((c, Err(reason))) => {
                layout.issue(log, r.line, Some(c), format!("{reason}; treated as no rating"));
                None
            }
            Some((_, Ok(v))) => v,
            None => None,
        };
        let minutes = cols.first_reply_minutes.and_then(|c| {
            let cell = trim_cell(r.cell(c));
            match parse_number(cell, layout.style) {
                _ if cell.is_empty() => None,
                Ok(n) => Some(n.value()),
                Err(_) => {
                    layout.issue(log, r.line, Some(c), format!("'{cell}' is not a number of minutes; treated as blank"));
                    None
                }
            }
        });
        let customer = cols.customer.map(|c| identity(trim_cell(r.cell(c)))).filter(|c| !c.is_empty()).map(|c| self.customers.intern(&c));
        for (s, &c) in cols.segments.iter().enumerate() {
            self.segments[s].push(r.cell(c));
        }
        let mut ticket = TicketRow {
            created: created.unwrap_or(Stamp { utc: 0, offset: 0 }),
            first_response,
            resolved,
            customer,
            replies: read_count(layout, log, r, cols.replies),
            reopens: read_count(layout, log, r, cols.reopens),
            rating,
            line: r.line,
        };
        if deferred {
            self.unsettled.push((at, minutes));
        } else {
            finish_ticket(layout, data, log, &mut ticket, minutes);
        }
        data.tickets.push(ticket);
        if let Some(subject) = cols.subject.map(|c| r.cell(c).trim()).filter(|s| !s.is_empty()) {
            data.subjects.push(at, r.line, subject);
        }
    }

    /// Settles the deferred dates, then finishes their rows; a created date impossible in the
    /// decided order drops its row.
    fn finish(self, layout: &Layout, data: &mut TicketData, log: &mut IssueLog) {
        let RowTyping { created, first_response, resolved, mut segments, customers, unsettled } = self;
        let mut dropped = vec![false; if unsettled.is_empty() { 0 } else { data.tickets.len() }];
        let order = layout.ingest.date_order;
        let settled = created.settle(&layout.file, order, "tickets.date_order", "row skipped");
        log.extend(settled.issues);
        let tickets = &mut data.tickets;
        let mut patch = |row: u32, change: &dyn Fn(&mut TicketRow)| {
            let mut fields = tickets.row(row as usize);
            change(&mut fields);
            tickets.set(row as usize, fields);
        };
        for (row, stamp) in settled.stamps {
            match stamp {
                Some(s) => patch(row, &|t| t.created = s),
                None => dropped[row as usize] = true,
            }
        }
        for (dates, is_first_response) in [(first_response, true), (resolved, false)] {
            let Some(dates) = dates else { continue };
            let settled = dates.settle(&layout.file, order, "tickets.date_order", "treated as blank");
            log.extend(settled.issues);
            for (row, stamp) in settled.stamps {
                patch(row, &|t| *(if is_first_response { &mut t.first_response } else { &mut t.resolved }) = stamp);
            }
        }
        for (row, minutes) in unsettled {
            if dropped[row as usize] {
                data.meta.skipped_rows += 1;
                continue;
            }
            let mut ticket = data.tickets.row(row as usize);
            finish_ticket(layout, data, log, &mut ticket, minutes);
            data.tickets.set(row as usize, ticket);
        }
        if dropped.contains(&true) {
            // Each kept ticket's new index, for its subject.
            let keep: Vec<bool> = dropped.iter().map(|d| !d).collect();
            let new_index = crate::columns::new_indices(&keep);
            data.subjects.rekey(|t| new_index.get(t as usize).copied().flatten());
            data.tickets.retain_rows(&keep);
            for s in &mut segments {
                s.ids.retain_rows(&keep);
            }
        }
        data.customers = customers.into_strings();
        data.segments = segments;
        data.subjects.shrink();
    }
}

/// Completes a typed ticket: the first response from the first-reply minutes when there is no
/// timestamp, impossible durations excluded (and counted), and the file's date span.
fn finish_ticket(layout: &Layout, data: &mut TicketData, log: &mut IssueLog, t: &mut TicketRow, first_reply_minutes: Option<f64>) {
    let c = t.created;
    if let (None, Some(m)) = (t.first_response, first_reply_minutes) {
        // Within about 290 billion years of creation, the sum below cannot overflow.
        let at = (0.0..1e15).contains(&m).then(|| c.utc + (m * 60.0).round() as i64);
        match at {
            Some(utc) => t.first_response = Some(Stamp { utc, offset: c.offset }),
            None => {
                let what = if m < 0.0 { "negative" } else { "out of range" };
                layout.issue(log, t.line, None, format!("first reply time of {m} minutes is {what}; duration excluded"));
                data.impossible_durations += 1;
            }
        }
    }
    for (what, stamp) in [("first response", &mut t.first_response), ("resolution", &mut t.resolved)] {
        if stamp.is_some_and(|s| s.utc < c.utc) {
            layout.issue(log, t.line, None, format!("{what} is before the ticket was created; duration excluded"));
            data.impossible_durations += 1;
            *stamp = None;
        }
    }
    for s in [Some(c), t.first_response, t.resolved].into_iter().flatten() {
        data.meta.note_day(s.day());
    }
}

#[cfg(test)]
#[path = "data_tests.rs"]
mod tests;
