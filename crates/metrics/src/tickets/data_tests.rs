//! Unit tests of `data.rs`.
use super::*;
use crate::ingest::sniff;

#[test]
fn reads_german_french_and_spanish_ratings() {
    let style = NumberStyle::default();
    for (cell, rating) in [
        ("gut", Some(1.0)),
        ("Schlecht", Some(0.0)),
        ("satisfait", Some(1.0)),
        ("négatif", Some(0.0)),
        ("bueno", Some(1.0)),
        ("malo", Some(0.0)),
        ("nicht angeboten", None),
    ] {
        assert_eq!(parse_rating(cell, style), Ok(rating), "{cell}");
    }
}
use crate::period::Granularity;
use crate::source::{Context, Query, Source};
use crate::tickets::{TicketKpi, Tickets};

/// Everything read, in a comparable form.
fn snapshot(d: &TicketData) -> impl PartialEq + std::fmt::Debug {
    let segments: Vec<_> = d.segments.iter().map(|s| (s.name.clone(), s.values.clone(), s.ids.clone())).collect();
    let tickets: Vec<TicketRow> = d.tickets.iter().collect();
    (d.meta.clone(), d.event_log, tickets, d.customers.clone(), segments, d.agent.clone(), d.impossible_durations)
}

fn read_in_chunks(text: &str, chunk: usize) -> TicketData {
    let bytes = text.as_bytes();
    let s = sniff(bytes);
    let mut reader = Tickets::reader("t.csv", &s, &Tickets::infer(&s), &TicketIngest::default()).unwrap();
    for c in bytes.chunks(chunk) {
        reader.feed(c);
    }
    assert_eq!(reader.bytes_read(), bytes.len() as u64);
    reader.finish()
}

#[test]
fn ticket_rows_and_event_logs_read_the_same_in_chunks_of_any_size() {
    // Quoted delimiters and line breaks, multi-byte characters, CRLF, day/month-ambiguous dates
    // settled at the end (13/02 makes the order day first), a bad date, a bad count, a short row.
    let rows = "ID,Created at,Solved at,Replies,Reopens,Assignee,Group,Satisfaction Score,Requester\r\n\
        1,01/02/2024 09:00,02/02/2024 10:30,1,0,Zoë,\"Billing, EU\",Good,c☕1\r\n\
        2,13/02/2024 08:00,,2,1,Ann,\"Tech\r\nline two\",Bad,c2\r\n\
        3,not a date,14/02/2024 09:00,1,0,Ann,Tech,,c1\r\n\
        4,2024-02-20T10:00:00+01:00,2024-02-19T10:00:00Z,x,0,Zoë,Tech,4,c☕1\r\n\
        5,03/03/2024 12:00,05/03/2024 12:00,0\r\n";
    let events = "Case ID,Activity,Resource,Complete Timestamp,product\n\
        T1,Assign seriousness,R1,01/02/2024 09:00,\"P,1\"\n\
        T1,Take in charge ticket,Rü,01/02/2024 10:00,\"P,1\"\n\
        T2,Assign seriousness,R1,,P2\n\
        T2,Take in charge ticket,R2,13/02/2024 18:00,P2\n\
        T1,Resolve ticket,Rü,02/02/2024 09:00,\"P,1\"\n\
        T2,Resolve ticket,R2,14/02/2024 12:00,P2\n\
        T1,Resolve ticket,R3,04/02/2024 09:00,\"P,1\"\n";
    for (text, tickets) in [(rows, 4), (events, 2)] {
        let whole = read_in_chunks(text, text.len());
        assert_eq!(whole.tickets.len(), tickets, "{:#?}", whole.meta.issues);
        assert!(whole.meta.issue_count >= 1);
        let query = Query::new(Granularity::Month).segment(whole.segments.last().map(|s| s.name.clone()));
        let kpis = Tickets::kpis(&whole, &TicketKpi::default(), &query, &Context::default());
        assert!(kpis.iter().any(|k| k.segment.is_some()));
        for chunk in 1..=64 {
            let part = read_in_chunks(text, chunk);
            assert_eq!(snapshot(&part), snapshot(&whole), "chunks of {chunk} bytes");
            assert_eq!(Tickets::kpis(&part, &TicketKpi::default(), &query, &Context::default()), kpis, "chunks of {chunk} bytes");
        }
    }
}

#[test]
fn the_agent_column_is_the_mapped_agent_or_the_resolver_of_an_event_log() {
    let rows = read_in_chunks("ID,Created at,Solved at,Assignee,Group\n1,2024-01-01,2024-01-02,Ann,Tech\n", 1 << 20);
    assert_eq!((rows.agent.as_deref(), rows.agent_column().map(|c| c.values.clone())), (Some("Assignee"), Some(vec!["Ann".to_string()])));
    let no_agent = read_in_chunks("ID,Created at,Solved at,Group\n1,2024-01-01,2024-01-02,Tech\n", 1 << 20);
    assert_eq!((no_agent.agent.as_deref(), no_agent.segment_names()), (None, vec!["Group".to_string()]));
    let log = read_in_chunks("Case ID,Activity,Resource,Complete Timestamp\nT1,Resolve ticket,R2,2024-01-02\n", 1 << 20);
    assert_eq!((log.agent.as_deref(), log.agent_column().map(|c| c.values.clone())), (Some("agent"), Some(vec!["R2".to_string()])));
    // Without a breakdown the agent column gives the per-agent ratings; with it, every KPI per agent.
    let kpis = Tickets::kpis(&log, &TicketKpi::default(), &Query::new(Granularity::Month), &Context::default());
    let per_agent: Vec<_> = kpis.iter().filter(|k| k.segment.as_deref() == Some("R2")).map(|k| k.id).collect();
    assert_eq!(per_agent, ["agent_rating_avg"]);
    let query = Query::new(Granularity::Month).segment(Some("agent".into()));
    let kpis = Tickets::kpis(&log, &TicketKpi::default(), &query, &Context::default());
    assert_eq!(kpis.iter().filter(|k| k.segment.as_deref() == Some("R2")).count(), 12);
}
