//! Typing tickets: one row per ticket, or an event log folded into tickets (created = first event,
//! first response = first response activity, resolved = first or last resolution activity, agent =
//! resource of that resolution, replies = response activities, reopens = resolutions − 1).
//! Impossible durations (a response or resolution before creation) are issues and excluded.

use super::mapping::TicketMapping;
use super::settings::{ResolutionEvent, TicketSettings};
use super::ticket::{Ticket, TicketRow, MAX_COUNT};
use crate::ingest::dates::{DateCell, DateColumn, DeferredDates};
use crate::ingest::headers::column_of;
use crate::ingest::{trim_cell, Record, RecordStream, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
use crate::parse::{parse_number, NumberStyle, Stamp};
use crate::segment::{Interner, SegmentColumn};

#[derive(Debug, Clone, Default)]
pub struct TicketData {
    pub file: String,
    pub encoding: &'static str,
    pub event_log: bool,
    pub tickets: Vec<Ticket>,
    pub customers: Vec<String>,
    /// The agent first (when mapped), then channel and segment columns; aligned with `tickets`.
    pub segments: Vec<SegmentColumn>,
    pub first_day: Option<i32>,
    pub last_day: Option<i32>,
    pub data_rows: u64,
    pub skipped_rows: u64,
    /// Durations that were negative and excluded.
    pub impossible_durations: u64,
    pub issues: Vec<Issue>,
    pub issue_count: u64,
}

/// Reads a rating cell: Zendesk's Good/Bad as 1/0; Offered and Not Offered are no rating.
pub fn parse_rating(cell: &str, style: NumberStyle) -> Result<Option<f64>, String> {
    let t = trim_cell(cell);
    let is = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
    if t.is_empty() || is(&["offered", "not offered", "unoffered", "not_offered"]) {
        Ok(None)
    } else if is(&["good", "satisfied", "positive", "great"]) {
        Ok(Some(1.0))
    } else if is(&["bad", "unsatisfied", "dissatisfied", "negative"]) {
        Ok(Some(0.0))
    } else {
        parse_number(t, style).map(|n| Some(n.value())).map_err(|_| format!("'{t}' is not a rating"))
    }
}

/// One event-log row: which ticket, what kind of activity, by whom.
struct Event {
    ticket: u32,
    kind: u8, // 0 other, 1 first-response activity, 2 resolution activity
    resource: u32,
    line: u64,
}

struct Cols {
    id: Option<usize>,
    created: Option<usize>,
    first_response: Option<usize>,
    resolved: Option<usize>,
    customer: Option<usize>,
    replies: Option<usize>,
    reopens: Option<usize>,
    rating: Option<usize>,
    first_reply_minutes: Option<usize>,
    activity: Option<usize>,
    timestamp: Option<usize>,
    resource: Option<usize>,
    segments: Vec<usize>,
}

/// What every reader shares: the file, its columns, the settings, and where issues go.
struct Context<'a> {
    file: &'a str,
    names: Vec<String>,
    cols: Cols,
    style: NumberStyle,
    settings: &'a TicketSettings,
    segment_names: Vec<String>,
}

impl Context<'_> {
    fn issue(&self, log: &mut IssueLog, line: u64, col: Option<usize>, reason: String) {
        log.push(Issue { file: self.file.into(), line: Some(line), column: col.map(|c| self.names[c].clone()), reason })
    }
}

pub fn read_tickets(file: &str, bytes: &[u8], sniff: &Sniff, mapping: &TicketMapping, settings: &TicketSettings) -> Result<TicketData, FatalError> {
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
    let cols = Cols {
        id: idx("id", &mapping.id)?,
        created: idx("created", &mapping.created)?,
        first_response: idx("first_response", &mapping.first_response)?,
        resolved: idx("resolved", &mapping.resolved)?,
        customer: idx("customer", &mapping.customer)?,
        replies: idx("replies", &mapping.replies)?,
        reopens: idx("reopens", &mapping.reopens)?,
        rating: idx("rating", &mapping.rating)?,
        first_reply_minutes: idx("first_reply_minutes", &mapping.first_reply_minutes)?,
        activity: idx("activity", &mapping.activity)?,
        timestamp: idx("timestamp", &mapping.timestamp)?,
        resource: idx("resource", &mapping.resource)?,
        segments: segment_names.iter().map(|c| idx("segment", &Some(c.clone())).map(|i| i.unwrap_or(0))).collect::<Result<_, _>>()?,
    };
    let cx = Context { file, names, cols, style: sniff.number_style, settings, segment_names };
    let mut data = TicketData { file: file.into(), event_log: mapping.is_event_log(), ..Default::default() };
    let mut log = IssueLog::default();
    let mut stream = RecordStream::new(file, sniff);
    if data.event_log {
        read_event_log(&cx, bytes, &mut stream, &mut data, &mut log, mapping);
    } else {
        read_ticket_rows(&cx, bytes, sniff.estimate_rows(bytes.len()), &mut stream, &mut data, &mut log);
    }
    data.encoding = stream.encoding();
    data.issues = log.issues;
    data.issue_count = log.count;
    Ok(data)
}

impl TicketData {
    /// What was read, in one line.
    pub fn describe(&self) -> String {
        format!(
            "{} rows, {} tickets{}; {} rows skipped, {} impossible durations excluded",
            self.data_rows,
            self.tickets.len(),
            if self.event_log { " from an event log" } else { "" },
            self.skipped_rows,
            self.impossible_durations
        )
    }

    fn note_day(&mut self, d: i32) {
        self.first_day = Some(self.first_day.map_or(d, |f| f.min(d)));
        self.last_day = Some(self.last_day.map_or(d, |l| l.max(d)));
    }
}

/// Feeds the whole file through `stream` to `row`; reading problems go to `log`.
fn stream_rows(bytes: &[u8], stream: &mut RecordStream, log: &mut IssueLog, row: &mut dyn FnMut(&Record, &mut IssueLog)) {
    let mut emit = |r: &Record| row(r, &mut *log);
    for chunk in bytes.chunks(1 << 20) {
        stream.feed(chunk, &mut emit);
    }
    let reading = stream.finish(&mut emit);
    log.extend(reading);
}

/// A count cell (replies, reopens): blank is unknown, anything but a whole number is an issue.
fn read_count(cx: &Context, log: &mut IssueLog, r: &Record, col: Option<usize>) -> Option<u32> {
    let c = col?;
    let t = trim_cell(r.cell(c));
    if t.is_empty() {
        return None;
    }
    match t.parse::<u32>() {
        Ok(n) if n <= MAX_COUNT => Some(n),
        _ => {
            cx.issue(log, r.line, Some(c), format!("'{t}' is not a count; treated as unknown"));
            None
        }
    }
}

/// One row per ticket, typed straight into `data.tickets`. Day/month-ambiguous dates are settled
/// at the end, and the rows holding them finished then.
fn read_ticket_rows(cx: &Context, bytes: &[u8], rows: usize, stream: &mut RecordStream, data: &mut TicketData, log: &mut IssueLog) {
    let cols = &cx.cols;
    let main = cols.created.or(cols.timestamp).unwrap_or(0);
    let dates = |c: Option<usize>| c.map(|i| DeferredDates::new(&cx.names[i]));
    let (mut created_dates, mut response_dates, mut resolved_dates) = (DeferredDates::new(&cx.names[main]), dates(cols.first_response), dates(cols.resolved));
    let mut segments: Vec<SegmentColumn> = cx.segment_names.iter().map(|n| SegmentColumn::with_capacity(n, rows)).collect();
    let mut customers = Interner::default();
    // Rows with a deferred date, finished once the dates are settled (with their first-reply minutes).
    let mut unsettled: Vec<(u32, Option<f64>)> = Vec::new();
    data.tickets.reserve(rows);
    let mut row = |r: &Record, log: &mut IssueLog| {
        data.data_rows += 1;
        if r.len() != cx.names.len() {
            cx.issue(log, r.line, None, format!("row has {} fields, the header has {}", r.len(), cx.names.len()));
        }
        let at = data.tickets.len() as u32;
        // The main timestamp decides whether the row is kept.
        let created = match created_dates.read(at, r.line, r.cell(main)) {
            Ok(DateCell::Exact(s)) => Some(s),
            Ok(DateCell::Deferred) => None,
            Ok(DateCell::Blank) => return skip(cx, data, log, r.line, main, "empty timestamp".into()),
            Err(reason) => return skip(cx, data, log, r.line, main, reason),
        };
        let mut deferred = created.is_none();
        let mut stamp = |dates: &mut Option<DeferredDates>, col: Option<usize>, log: &mut IssueLog| match (dates.as_mut(), col) {
            (Some(d), Some(c)) => match d.read(at, r.line, r.cell(c)) {
                Ok(DateCell::Exact(s)) => Some(s),
                Ok(DateCell::Deferred) => {
                    deferred = true;
                    None
                }
                Ok(DateCell::Blank) => None,
                Err(reason) => {
                    cx.issue(log, r.line, Some(c), format!("{reason}; treated as blank"));
                    None
                }
            },
            _ => None,
        };
        let first_response = stamp(&mut response_dates, cols.first_response, log);
        let resolved = stamp(&mut resolved_dates, cols.resolved, log);
        let rating = match cols.rating.map(|c| (c, parse_rating(r.cell(c), cx.style))) {
            Some((c, Err(reason))) => {
                cx.issue(log, r.line, Some(c), format!("{reason}; treated as no rating"));
                None
            }
            Some((_, Ok(v))) => v,
            None => None,
        };
        let minutes = cols.first_reply_minutes.and_then(|c| {
            let cell = trim_cell(r.cell(c));
            match parse_number(cell, cx.style) {
                _ if cell.is_empty() => None,
                Ok(n) => Some(n.value()),
                Err(_) => {
                    cx.issue(log, r.line, Some(c), format!("'{cell}' is not a number of minutes; treated as blank"));
                    None
                }
            }
        });
        let customer = cols.customer.map(|c| trim_cell(r.cell(c))).filter(|c| !c.is_empty()).map(|c| customers.intern(c));
        for (s, &c) in cols.segments.iter().enumerate() {
            segments[s].push(r.cell(c));
        }
        let mut ticket = TicketRow {
            created: created.unwrap_or(Stamp { utc: 0, offset: 0 }),
            first_response,
            resolved,
            customer,
            replies: read_count(cx, log, r, cols.replies),
            reopens: read_count(cx, log, r, cols.reopens),
            rating,
            line: r.line,
        };
        if deferred {
            unsettled.push((at, minutes));
        } else {
            finish_ticket(cx, data, log, &mut ticket, minutes);
        }
        data.tickets.push(ticket.into());
    };
    stream_rows(bytes, stream, log, &mut row);
    // Settle the deferred dates, then finish their rows; a created date impossible in the decided
    // order drops its row.
    let mut dropped = vec![false; if unsettled.is_empty() { 0 } else { data.tickets.len() }];
    let order = cx.settings.date_order;
    let settled = created_dates.settle(cx.file, order, "tickets.date_order", "row skipped");
    log.extend(settled.issues);
    let mut patch = |row: u32, change: &dyn Fn(&mut TicketRow)| {
        let t = &mut data.tickets[row as usize];
        let mut fields = t.row();
        change(&mut fields);
        *t = fields.into();
    };
    for (row, stamp) in settled.stamps {
        match stamp {
            Some(s) => patch(row, &|t| t.created = s),
            None => dropped[row as usize] = true,
        }
    }
    for (dates, first_response) in [(response_dates, true), (resolved_dates, false)] {
        let Some(dates) = dates else { continue };
        let settled = dates.settle(cx.file, order, "tickets.date_order", "treated as blank");
        log.extend(settled.issues);
        for (row, stamp) in settled.stamps {
            patch(row, &|t| *(if first_response { &mut t.first_response } else { &mut t.resolved }) = stamp);
        }
    }
    for (row, minutes) in unsettled {
        if dropped[row as usize] {
            data.skipped_rows += 1;
            continue;
        }
        let mut ticket = data.tickets[row as usize].row();
        finish_ticket(cx, data, log, &mut ticket, minutes);
        data.tickets[row as usize] = ticket.into();
    }
    if dropped.contains(&true) {
        let mut keep = dropped.iter().map(|d| !d);
        data.tickets.retain(|_| keep.next().unwrap_or(true));
        for s in &mut segments {
            let mut keep = dropped.iter().map(|d| !d);
            s.ids.retain(|_| keep.next().unwrap_or(true));
        }
    }
    data.customers = customers.into_strings();
    data.segments = segments;
}

/// A row whose main timestamp is blank or unreadable is skipped, with its reason.
fn skip(cx: &Context, data: &mut TicketData, log: &mut IssueLog, line: u64, col: usize, reason: String) {
    cx.issue(log, line, Some(col), format!("{reason}; row skipped"));
    data.skipped_rows += 1;
}

/// Completes a typed ticket: the first response from the first-reply minutes when there is no
/// timestamp, impossible durations excluded (and counted), and the file's date span.
fn finish_ticket(cx: &Context, data: &mut TicketData, log: &mut IssueLog, t: &mut TicketRow, first_reply_minutes: Option<f64>) {
    let c = t.created;
    if let (None, Some(m)) = (t.first_response, first_reply_minutes) {
        // Within about 290 billion years of creation, the sum below cannot overflow.
        let at = (0.0..1e15).contains(&m).then(|| c.utc + (m * 60.0).round() as i64);
        match at {
            Some(utc) => t.first_response = Some(Stamp { utc, offset: c.offset }),
            None => {
                let what = if m < 0.0 { "negative" } else { "out of range" };
                cx.issue(log, t.line, None, format!("first reply time of {m} minutes is {what}; duration excluded"));
                data.impossible_durations += 1;
            }
        }
    }
    for (what, stamp) in [("first response", &mut t.first_response), ("resolution", &mut t.resolved)] {
        if stamp.is_some_and(|s| s.utc < c.utc) {
            cx.issue(log, t.line, None, format!("{what} is before the ticket was created; duration excluded"));
            data.impossible_durations += 1;
            *stamp = None;
        }
    }
    for s in [Some(c), t.first_response, t.resolved].into_iter().flatten() {
        data.note_day(s.day());
    }
}

/// An event log folded into tickets (see the module comment).
fn read_event_log(cx: &Context, bytes: &[u8], stream: &mut RecordStream, data: &mut TicketData, log: &mut IssueLog, mapping: &TicketMapping) {
    let cols = &cx.cols;
    let main = cols.created.or(cols.timestamp).unwrap_or(0);
    let mut stamps = DateColumn::new(&cx.names[main]);
    let mut events: Vec<Event> = Vec::new();
    let mut ticket_ids = Interner::default();
    let mut ticket_segments: Vec<Vec<String>> = Vec::new();
    let mut ticket_customers: Vec<Option<u32>> = Vec::new();
    let mut resources = SegmentColumn::new(mapping.resource.as_deref().unwrap_or("resource"));
    let mut customers = Interner::default();
    let settings = cx.settings;
    let mut row = |r: &Record, log: &mut IssueLog| {
        data.data_rows += 1;
        if r.len() != cx.names.len() {
            cx.issue(log, r.line, None, format!("row has {} fields, the header has {}", r.len(), cx.names.len()));
        }
        if let Err(reason) = stamps.push_required(r.line, r.cell(main), "empty timestamp") {
            return skip(cx, data, log, r.line, main, reason);
        }
        let next = ticket_ids.len() as u32;
        let ticket = ticket_ids.intern(r.cell(cols.id.unwrap_or(0)).trim());
        if ticket == next {
            ticket_segments.push(cols.segments.iter().map(|&c| r.cell(c).to_string()).collect());
            ticket_customers.push(cols.customer.map(|c| trim_cell(r.cell(c))).filter(|c| !c.is_empty()).map(|c| customers.intern(c)));
        }
        let activity = cols.activity.map_or("", |c| r.cell(c).trim());
        let kind = if activity.eq_ignore_ascii_case(&settings.resolution_activity) {
            2
        } else if activity.eq_ignore_ascii_case(&settings.first_response_activity) {
            1
        } else {
            0
        };
        let resource = resources.intern(cols.resource.map_or("", |c| r.cell(c).trim()));
        events.push(Event { ticket, kind, resource, line: r.line });
    };
    stream_rows(bytes, stream, log, &mut row);
    let resolved = stamps.resolve(cx.file, settings.date_order, "tickets.date_order");
    log.extend(resolved.issues);
    data.skipped_rows += resolved.bad_rows.len() as u64;
    data.customers = customers.into_strings();
    let kept = fold_events(data, log, &resolved.stamps, &events, &resources, &ticket_customers, settings, cx.file);
    let mut segs: Vec<SegmentColumn> = cx.segment_names.iter().map(|n| SegmentColumn::new(n)).collect();
    for t in kept {
        for (s, col) in segs.iter_mut().enumerate() {
            col.push(&ticket_segments[t][s]);
        }
    }
    // In an event log the agent is the resource of the resolution.
    let agents = std::mem::take(&mut data.segments);
    data.segments = agents.into_iter().chain(segs).collect();
}

#[allow(clippy::too_many_arguments)]
fn fold_events(
    data: &mut TicketData,
    log: &mut IssueLog,
    stamps: &[Option<Stamp>],
    events: &[Event],
    resources: &SegmentColumn,
    customers: &[Option<u32>],
    settings: &TicketSettings,
    file: &str,
) -> Vec<usize> {
    #[derive(Clone, Default)]
    struct Acc {
        created: Option<(Stamp, u64)>,
        first_response: Option<Stamp>,
        resolutions: Vec<(Stamp, u32)>,
        responses: u32,
    }
    let tickets = events.iter().map(|e| e.ticket as usize + 1).max().unwrap_or(0);
    let mut acc = vec![Acc::default(); tickets];
    for (e, s) in events.iter().zip(stamps) {
        let Some(s) = *s else { continue };
        let a = &mut acc[e.ticket as usize];
        if a.created.is_none_or(|(c, _)| s < c) {
            a.created = Some((s, e.line));
        }
        match e.kind {
            1 => {
                a.responses += 1;
                if a.first_response.is_none_or(|f| s < f) {
                    a.first_response = Some(s);
                }
            }
            2 => a.resolutions.push((s, e.resource)),
            _ => {}
        }
    }
    let mut agents = SegmentColumn::new("agent");
    let mut kept = Vec::with_capacity(acc.len());
    for (ticket, a) in acc.into_iter().enumerate() {
        let Some((created, line)) = a.created else { continue };
        kept.push(ticket);
        let mut res = a.resolutions.clone();
        res.sort_by_key(|r| r.0);
        let chosen = match settings.resolution_event {
            ResolutionEvent::First => res.first(),
            ResolutionEvent::Last => res.last(),
        };
        agents.push(chosen.map_or("(unresolved)", |r| resources.values[r.1 as usize].as_str()));
        let resolved = chosen.map(|r| r.0);
        if resolved.is_some_and(|r| r.utc < created.utc) {
            log.push(Issue { file: file.into(), line: Some(line), column: None, reason: "resolution is before the ticket was created; duration excluded".into() });
            data.impossible_durations += 1;
        }
        data.tickets.push(Ticket::from(TicketRow {
            created,
            first_response: a.first_response,
            resolved,
            customer: customers.get(ticket).copied().flatten(),
            replies: Some(a.responses),
            reopens: Some(res.len().saturating_sub(1) as u32),
            rating: None,
            line,
        }));
        for s in [Some(created), a.first_response, resolved].into_iter().flatten() {
            data.note_day(s.day());
        }
    }
    data.segments = vec![agents];
    kept
}
