//! Typing tickets: one row per ticket, or an event log folded into tickets (created = first event,
//! first response = first response activity, resolved = first or last resolution activity, agent =
//! resource of that resolution, replies = response activities, reopens = resolutions − 1).
//! Impossible durations (a response or resolution before creation) are issues and excluded.

use super::mapping::TicketMapping;
use super::settings::{ResolutionEvent, TicketSettings};
use crate::ingest::dates::DateColumn;
use crate::ingest::headers::column_of;
use crate::ingest::{Record, RecordStream, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
use crate::parse::{parse_number, NumberStyle, Stamp};
use crate::segment::{FastMap, SegmentColumn};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ticket {
    pub created: Stamp,
    pub first_response: Option<Stamp>,
    pub resolved: Option<Stamp>,
    /// Index into `TicketData::customers`.
    pub customer: Option<u32>,
    pub replies: Option<u32>,
    pub reopens: Option<u32>,
    /// 1 for Zendesk "Good", 0 for "Bad", or the numeric rating.
    pub rating: Option<f64>,
    pub line: u64,
}

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
    let t = cell.trim();
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

/// A ticket row before its date columns are resolved.
struct Pending {
    customer: Option<u32>,
    replies: Option<u32>,
    reopens: Option<u32>,
    rating: Option<f64>,
    first_reply_minutes: Option<f64>,
    line: u64,
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

pub fn read_tickets(file: &str, bytes: &[u8], sniff: &Sniff, mapping: &TicketMapping, settings: &TicketSettings) -> Result<TicketData, FatalError> {
    let names = sniff.column_names();
    if names.is_empty() {
        return Err(FatalError::NoHeader { file: file.into() });
    }
    mapping.check(file, &names)?;
    let idx = |role: &str, c: &Option<String>| column_of(file, &names, &format!("tickets.{role}"), c.as_deref());
    let event_log = mapping.is_event_log();
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
    let style = sniff.number_style;
    let mut data = TicketData { file: file.into(), event_log, ..Default::default() };
    let mut log = IssueLog::default();
    let mut segments: Vec<SegmentColumn> = segment_names.iter().map(|n| SegmentColumn::new(n)).collect();
    let rows = sniff.estimate_rows(bytes.len());
    let date_col = |c: Option<usize>| c.map(|i| DateColumn::with_capacity(&names[i], rows));
    let (mut created, mut responded, mut resolved) = (date_col(cols.created.or(cols.timestamp)), date_col(cols.first_response), date_col(cols.resolved));
    let mut pending: Vec<Pending> = Vec::with_capacity(if event_log { 0 } else { rows });
    let mut events: Vec<Event> = Vec::new();
    let mut ticket_ids: FastMap<String, u32> = FastMap::default();
    let mut ticket_segments: Vec<Vec<String>> = Vec::new();
    let mut ticket_customers: Vec<Option<u32>> = Vec::new();
    let mut resources = SegmentColumn::new(mapping.resource.as_deref().unwrap_or("resource"));
    let mut customer_ids: FastMap<String, u32> = FastMap::default();
    let mut stream = RecordStream::new(file, sniff);
    let mut row = |r: &Record| {
        data.data_rows += 1;
        let issue = |log: &mut IssueLog, col: Option<usize>, reason: String| {
            log.push(Issue { file: file.into(), line: Some(r.line), column: col.map(|c| names[c].clone()), reason })
        };
        if r.len() != names.len() {
            issue(&mut log, None, format!("row has {} fields, the header has {}", r.len(), names.len()));
        }
        // The main timestamp decides whether the row is kept.
        let main = cols.created.or(cols.timestamp).unwrap_or(0);
        if let Some(dc) = created.as_mut() {
            let problem = match dc.push(r.line, r.cell(main)) {
                Ok(Some(())) => None,
                Ok(None) => Some("empty timestamp".to_string()),
                Err(e) => Some(e),
            };
            if let Some(reason) = problem {
                dc.pop();
                issue(&mut log, Some(main), format!("{reason}; row skipped"));
                data.skipped_rows += 1;
                return;
            }
        }
        if event_log {
            let id = r.cell(cols.id.unwrap_or(0)).trim().to_string();
            let next = ticket_ids.len() as u32;
            let ticket = *ticket_ids.entry(id).or_insert(next);
            if ticket == next {
                ticket_segments.push(cols.segments.iter().map(|&c| r.cell(c).to_string()).collect());
                let customer = cols.customer.map(|c| r.cell(c).trim()).filter(|c| !c.is_empty()).map(|c| match customer_ids.get(c) {
                    Some(&id) => id,
                    None => {
                        let id = customer_ids.len() as u32;
                        customer_ids.insert(c.to_string(), id);
                        id
                    }
                });
                ticket_customers.push(customer);
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
            return;
        }
        // One row per ticket: the other date columns, blank allowed.
        for (dc, col) in [(responded.as_mut(), cols.first_response), (resolved.as_mut(), cols.resolved)] {
            if let (Some(dc), Some(c)) = (dc, col) {
                if let Err(reason) = dc.push(r.line, r.cell(c)) {
                    issue(&mut log, Some(c), format!("{reason}; treated as blank"));
                }
            }
        }
        let count = |log: &mut IssueLog, col: Option<usize>| -> Option<u32> {
            let c = col?;
            let t = r.cell(c).trim();
            if t.is_empty() {
                return None;
            }
            match t.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    issue(log, Some(c), format!("'{t}' is not a count; treated as unknown"));
                    None
                }
            }
        };
        let replies = count(&mut log, cols.replies);
        let reopens = count(&mut log, cols.reopens);
        let rating = match cols.rating.map(|c| (c, parse_rating(r.cell(c), style))) {
            Some((c, Err(reason))) => {
                issue(&mut log, Some(c), format!("{reason}; treated as no rating"));
                None
            }
            Some((_, Ok(v))) => v,
            None => None,
        };
        let first_reply_minutes = cols.first_reply_minutes.and_then(|c| parse_number(r.cell(c), style).ok()).map(|n| n.value());
        let customer = cols.customer.map(|c| r.cell(c).trim()).filter(|c| !c.is_empty()).map(|c| match customer_ids.get(c) {
            Some(&id) => id,
            None => {
                let id = customer_ids.len() as u32;
                customer_ids.insert(c.to_string(), id);
                id
            }
        });
        for (s, &c) in cols.segments.iter().enumerate() {
            segments[s].push(r.cell(c));
        }
        pending.push(Pending { customer, replies, reopens, rating, first_reply_minutes, line: r.line });
    };
    for chunk in bytes.chunks(1 << 20) {
        stream.feed(chunk, &mut row);
    }
    let reading = stream.finish(&mut row);
    log.extend(reading);
    data.encoding = stream.encoding();
    let resolve = |c: Option<DateColumn>, log: &mut IssueLog| {
        c.map(|c| {
            let r = c.resolve(file, settings.date_order, "tickets.date_order");
            log.extend(r.issues);
            r.stamps
        })
    };
    let created = resolve(created, &mut log).unwrap_or_default();
    let responded = resolve(responded, &mut log);
    let resolved = resolve(resolved, &mut log);
    data.customers = {
        let mut v = vec![String::new(); customer_ids.len()];
        for (k, i) in customer_ids {
            v[i as usize] = k;
        }
        v
    };
    if event_log {
        fold_events(&mut data, &mut log, &created, &events, &resources, &ticket_customers, settings, file);
        let mut segs: Vec<SegmentColumn> = segment_names.iter().map(|n| SegmentColumn::new(n)).collect();
        for t in 0..data.tickets.len() {
            for (s, col) in segs.iter_mut().enumerate() {
                col.push(&ticket_segments[t][s]);
            }
        }
        // In an event log the agent is the resource of the resolution.
        let agents = std::mem::take(&mut data.segments);
        segments = agents.into_iter().chain(segs).collect();
    } else {
        let mut keep = Vec::with_capacity(pending.len());
        data.tickets.reserve_exact(pending.len());
        for (i, p) in pending.iter().enumerate() {
            let Some(c) = created[i] else {
                keep.push(false);
                continue;
            };
            keep.push(true);
            let mut first_response = responded.as_ref().and_then(|v| v[i]);
            if first_response.is_none() {
                if let Some(m) = p.first_reply_minutes.filter(|m| *m >= 0.0) {
                    first_response = Some(Stamp { utc: c.utc + (m * 60.0).round() as i64, offset: c.offset });
                }
            }
            let mut resolved_at = resolved.as_ref().and_then(|v| v[i]);
            for (what, stamp) in [("first response", &mut first_response), ("resolution", &mut resolved_at)] {
                if stamp.is_some_and(|s| s.utc < c.utc) {
                    log.push(Issue {
                        file: file.into(),
                        line: Some(p.line),
                        column: None,
                        reason: format!("{what} is before the ticket was created; duration excluded"),
                    });
                    data.impossible_durations += 1;
                    *stamp = None;
                }
            }
            data.tickets.push(Ticket { created: c, first_response, resolved: resolved_at, customer: p.customer, replies: p.replies, reopens: p.reopens, rating: p.rating, line: p.line });
        }
        for s in &mut segments {
            let ids = std::mem::take(&mut s.ids);
            s.ids = ids.into_iter().zip(&keep).filter(|(_, k)| **k).map(|(id, _)| id).collect();
        }
        let _ = &cols.id;
    }
    data.segments = segments;
    for t in &data.tickets {
        for s in [Some(t.created), t.first_response, t.resolved].into_iter().flatten() {
            let d = s.day();
            data.first_day = Some(data.first_day.map_or(d, |f| f.min(d)));
            data.last_day = Some(data.last_day.map_or(d, |l| l.max(d)));
        }
    }
    data.issues = log.issues;
    data.issue_count = log.count;
    Ok(data)
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
) {
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
    for (ticket, a) in acc.into_iter().enumerate() {
        let Some((created, line)) = a.created else { continue };
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
        data.tickets.push(Ticket {
            created,
            first_response: a.first_response,
            resolved,
            customer: customers.get(ticket).copied().flatten(),
            replies: Some(a.responses),
            reopens: Some(res.len().saturating_sub(1) as u32),
            rating: None,
            line,
        });
    }
    data.segments = vec![agents];
}
