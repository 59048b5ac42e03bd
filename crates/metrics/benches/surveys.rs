//! Survey ingest and KPI speed on a 1M-row export of about 80 MB (issue 2 targets: ingest and
//! typing ≥ 250 MB/s; ingest plus every survey KPI per month ≤ 0.5 s).
//! Run: `cargo bench -p northstar-metrics --bench surveys`.

use divan::counter::BytesCount;
use divan::Bencher;
use northstar_metrics::ingest::sniff;
use northstar_metrics::surveys::{infer_mapping, survey_kpis, SurveyReader, SurveySettings};
use northstar_metrics::Granularity;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const ROWS: usize = 1_000_000;

/// A deterministic long-shape export: ISO timestamps over 3 years, three kinds, two segments and
/// an occasional comment; about 80 bytes a row.
fn export() -> &'static [u8] {
    static DATA: OnceLock<Vec<u8>> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut out = String::with_capacity(ROWS * 84);
        out.push_str("Submitted At,Respondent ID,Email,Survey Type,Score,Plan,Region,Comment\n");
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let plans = ["Starter", "Growth", "Enterprise"];
        let regions = ["EMEA", "North America", "APAC", "LATAM"];
        let comments = ["", "", "", "Great support, quick answers", "Export is slow", "\"Pricing, again\""];
        for i in 0..ROWS {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let day = (i * 1095 / ROWS) as i32;
            let (y, m, d) = northstar_metrics::calendar::civil_from_days(northstar_metrics::calendar::days_from_civil(2023, 1, 1) + day);
            let (kind, score) = match x % 10 {
                0..=5 => ("NPS", x / 10 % 11),
                6..=8 => ("CSAT", 1 + x / 10 % 5),
                _ => ("CES", 1 + x / 10 % 7),
            };
            out.push_str(&format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z,R{:07},user{:07}@example.com,{kind},{score},{},{},{}\n",
                x % 24,
                x / 24 % 60,
                x / 1440 % 60,
                x % 9_999_999,
                x % 7_777_777,
                plans[(x >> 20) as usize % 3],
                regions[(x >> 24) as usize % 4],
                comments[(x >> 28) as usize % 6]
            ));
        }
        out.into_bytes()
    })
}

fn ingest(bytes: &[u8]) -> northstar_metrics::surveys::SurveyData {
    let s = sniff(bytes);
    let m = infer_mapping(&s);
    let mut ingest = SurveyReader::new("bench.csv", &s, &m, &SurveySettings::default().ingest).unwrap();
    for chunk in bytes.chunks(1 << 20) {
        ingest.feed(chunk);
    }
    ingest.finish()
}

#[divan::bench(sample_count = 5)]
fn ingest_and_type_1m_rows(b: Bencher) {
    let bytes = export();
    b.counter(BytesCount::new(bytes.len())).bench(|| {
        let data = ingest(divan::black_box(bytes));
        assert_eq!(data.answers.len(), ROWS);
        data
    });
}

#[divan::bench(sample_count = 5)]
fn ingest_and_every_kpi_per_month_1m_rows(b: Bencher) {
    let bytes = export();
    b.counter(BytesCount::new(bytes.len())).bench(|| {
        let data = ingest(divan::black_box(bytes));
        survey_kpis(&data, &SurveySettings::default().kpi, Granularity::Month, None)
    });
}

#[divan::bench(sample_count = 10)]
fn every_kpi_per_month_by_plan_on_typed_data(b: Bencher) {
    let data = ingest(export());
    b.bench(|| survey_kpis(divan::black_box(&data), &SurveySettings::default().kpi, Granularity::Month, Some(0)));
}
