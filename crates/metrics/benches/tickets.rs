//! Ticket KPIs on a 1M-row Zendesk-shaped export of about 80 MB (issue 4 target: every ticket KPI
//! per month natively in ≤ 0.4 s). Run: `cargo bench -p northstar-metrics --bench tickets`.

use divan::counter::BytesCount;
use divan::Bencher;
use northstar_metrics::calendar::{civil_from_days, days_from_civil};
use northstar_metrics::ingest::sniff;
use northstar_metrics::source::{Context, Query, Source};
use northstar_metrics::tickets::kpis::kpis_from;
use northstar_metrics::tickets::{TicketSettings, Tickets};
use northstar_metrics::Granularity;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const ROWS: u64 = 1_000_000;

fn export() -> &'static [u8] {
    static DATA: OnceLock<Vec<u8>> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut out = String::with_capacity(ROWS as usize * 84);
        out.push_str("ID,Created at,Solved at,Replies,Reopens,Assignee,Group,Via,Satisfaction Score,Requester\n");
        let agents = ["Ann", "Bob", "Chen", "Dara", "Eli", "Fay", "Gus", "Hana"];
        let groups = ["Billing", "Tech", "Onboarding"];
        let vias = ["email", "web", "chat", "api"];
        let ratings = ["Good", "Bad", "Offered", "Not Offered", "", ""];
        let base = days_from_civil(2023, 1, 1);
        let stamp = |secs: i64| {
            let (y, m, d) = civil_from_days((secs / 86_400) as i32);
            let s = secs % 86_400;
            format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
        };
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for i in 0..ROWS {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let created = (base as i64) * 86_400 + (i as i64 * 94_608_000 / ROWS as i64);
            let solved = if x.is_multiple_of(20) { String::new() } else { stamp(created + (x % 400_000) as i64) };
            out.push_str(&format!(
                "{i},{},{solved},{},{},{},{},{},{},cust{}\n",
                stamp(created),
                x % 5,
                (x >> 8) % 10 / 8,
                agents[(x >> 12) as usize % 8],
                groups[(x >> 16) as usize % 3],
                vias[(x >> 20) as usize % 4],
                ratings[(x >> 24) as usize % 6],
                (x >> 28) % 50_000
            ));
        }
        out.into_bytes()
    })
}

#[divan::bench(sample_count = 5)]
fn ingest_and_every_ticket_kpi_per_month_1m_rows(b: Bencher) {
    let bytes = export();
    b.counter(BytesCount::new(bytes.len())).bench(|| {
        let s = sniff(bytes);
        let m = Tickets::infer(&s);
        let settings = TicketSettings::default();
        let data = Tickets::read("bench.csv", divan::black_box(bytes), &s, &m, &settings.ingest).unwrap();
        assert_eq!(data.tickets.len() as u64, ROWS);
        Tickets::kpis(&data, &settings.kpi, &Query::new(Granularity::Month), &Context::default())
    });
}

#[divan::bench(sample_count = 5)]
fn ingest_only_1m_rows(b: Bencher) {
    let bytes = export();
    b.counter(BytesCount::new(bytes.len())).bench(|| {
        let s = sniff(bytes);
        let m = Tickets::infer(&s);
        Tickets::read("bench.csv", divan::black_box(bytes), &s, &m, &TicketSettings::default().ingest).unwrap()
    });
}

#[divan::bench(sample_count = 5)]
fn tokenize_only_1m_rows(b: Bencher) {
    let bytes = export();
    b.counter(BytesCount::new(bytes.len())).bench(|| {
        let s = sniff(bytes);
        let mut stream = northstar_metrics::ingest::RecordStream::new("bench.csv", &s);
        let mut n = 0u64;
        for c in bytes.chunks(1 << 20) {
            stream.feed(c, &mut |_| n += 1);
        }
        stream.finish(&mut |_| n += 1);
        n
    });
}

/// What a KPI-only setting (SLA hours) costs once the file is typed and grouped, as the Support
/// page keeps it: every ticket KPI per month, and the per-agent table over the whole file, counted
/// again from their tallies.
#[divan::bench(sample_count = 10)]
fn kpis_only_after_a_kpi_setting_1m_rows(b: Bencher) {
    let bytes = export();
    let s = sniff(bytes);
    let m = Tickets::infer(&s);
    let settings = TicketSettings::default();
    let data = Tickets::read("bench.csv", bytes, &s, &m, &settings.ingest).unwrap();
    let month = Tickets::tally(&data, &Query::new(Granularity::Month));
    let agents = Tickets::tally(&data, &Query::new(Granularity::All).segment(data.agent.clone()).segments_only());
    b.bench(|| {
        let kpi = northstar_metrics::tickets::settings::TicketKpi { sla_hours: divan::black_box(1.0), ..settings.kpi.clone() };
        (kpis_from(&month, &kpi), kpis_from(&agents, &kpi))
    });
}
