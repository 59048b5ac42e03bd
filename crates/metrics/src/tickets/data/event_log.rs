//! The event-log shape of a tickets file: one row per activity, folded into tickets at the end
//! (see the parent module's comment for the rules).

use super::*;

/// One event-log row: which ticket, what kind of activity, by whom.
struct Event {
    ticket: u32,
    kind: u8, // 0 other, 1 first-response activity, 2 resolution activity
    resource: u32,
    line: u64,
}

/// An event log, folded into tickets at the end (see the module comment).
pub(super) struct EventFolding {
    stamps: DateColumn,
    events: Vec<Event>,
    ticket_ids: Interner,
    /// Each ticket's segment values, from its first row.
    ticket_segments: Vec<Vec<String>>,
    ticket_customers: Vec<Option<u32>>,
    resources: SegmentColumn,
    customers: Interner,
    activities: Box<ActivityCounter>,
}

impl EventFolding {
    pub(super) fn new(timestamp: &str, resource: &str, ingest: &TicketIngest) -> EventFolding {
        EventFolding {
            stamps: DateColumn::new(timestamp),
            events: Vec::new(),
            ticket_ids: Interner::default(),
            ticket_segments: Vec::new(),
            ticket_customers: Vec::new(),
            resources: SegmentColumn::new(resource),
            customers: Interner::default(),
            activities: Box::new(ActivityCounter::new(ingest)),
        }
    }

    pub(super) fn row(&mut self, layout: &Layout, data: &mut TicketData, log: &mut IssueLog, r: &Record) {
        layout.count_row(data, log, r);
        let cols = &layout.cols;
        let kind = self.activities.row(cols.activity.map_or("", |c| r.cell(c).trim()));
        if let Err(reason) = self.stamps.push_required(r.line, r.cell(cols.main), "empty timestamp") {
            return layout.skip(data, log, r.line, reason);
        }
        let next = self.ticket_ids.len() as u32;
        let ticket = self.ticket_ids.intern(r.cell(cols.id.unwrap_or(0)).trim());
        if ticket == next {
            self.ticket_segments.push(cols.segments.iter().map(|&c| r.cell(c).to_string()).collect());
            let customer = cols.customer.map(|c| identity(trim_cell(r.cell(c)))).filter(|c| !c.is_empty()).map(|c| self.customers.intern(&c));
            self.ticket_customers.push(customer);
        }
        let kind = match kind {
            ActivityKind::Other => 0,
            ActivityKind::FirstResponse => 1,
            ActivityKind::Resolution => 2,
        };
        let resource = self.resources.intern(cols.resource.map_or("", |c| r.cell(c).trim()));
        self.events.push(Event { ticket, kind, resource, line: r.line });
    }

    pub(super) fn finish(self, layout: &Layout, data: &mut TicketData, log: &mut IssueLog) {
        let resolved = self.stamps.resolve(&layout.file, layout.ingest.date_order, "tickets.date_order");
        log.extend(resolved.issues);
        data.meta.skipped_rows += resolved.bad_rows.len() as u64;
        let (activities, unmatched) = self.activities.finish(&layout.ingest);
        for u in unmatched.iter().filter(|u| u.error) {
            let column = layout.cols.activity.map(|c| layout.names[c].clone());
            log.push_error(Issue { file: layout.file.clone(), line: None, column, reason: u.message.clone(), ..Default::default() });
        }
        (data.activities, data.unmatched_activities) = (activities, unmatched);
        data.customers = self.customers.into_strings();
        let kept =
            fold_events(data, log, &resolved.stamps, &self.events, &self.resources, &self.ticket_customers, layout.ingest.resolution_event, &layout.file);
        let mut segments: Vec<SegmentColumn> = layout.segment_names.iter().map(|n| SegmentColumn::new(n)).collect();
        for t in kept {
            for (s, col) in segments.iter_mut().enumerate() {
                col.push(&self.ticket_segments[t][s]);
            }
        }
        // In an event log the agent is the resource of the resolution.
        let agents = std::mem::take(&mut data.segments);
        data.segments = agents.into_iter().chain(segments).collect();
    }
}

/// Folds the events into tickets (in `data.tickets`, with the agent column in `data.segments`);
/// returns the ticket ids kept, in order.
#[allow(clippy::too_many_arguments)]
fn fold_events(
    data: &mut TicketData,
    log: &mut IssueLog,
    stamps: &[Option<Stamp>],
    events: &[Event],
    resources: &SegmentColumn,
    customers: &[Option<u32>],
    resolution_event: ResolutionEvent,
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
        let chosen = match resolution_event {
            ResolutionEvent::First => res.first(),
            ResolutionEvent::Last => res.last(),
        };
        agents.push(chosen.map_or("(unresolved)", |r| resources.values[r.1 as usize].as_str()));
        let resolved = chosen.map(|r| r.0);
        if resolved.is_some_and(|r| r.utc < created.utc) {
            log.push(Issue {
                file: file.into(),
                line: Some(line),
                column: None,
                reason: "resolution is before the ticket was created; duration excluded".into(),
                ..Default::default()
            });
            data.impossible_durations += 1;
        }
        data.tickets.push(TicketRow {
            created,
            first_response: a.first_response,
            resolved,
            customer: customers.get(ticket).copied().flatten(),
            replies: Some(a.responses),
            reopens: Some(res.len().saturating_sub(1) as u32),
            rating: None,
            line,
        });
        for s in [Some(created), a.first_response, resolved].into_iter().flatten() {
            data.meta.note_day(s.day());
        }
    }
    data.segments = vec![agents];
    kept
}
