//! The real Somerville Happiness Survey export (../shared/data): long question headers, no dates.
//! Expected values are counted from the file with a separate script (see the comments), not by
//! the code under test.

use northstar_metrics::ingest::sniff;
use northstar_metrics::source::Source;
use northstar_metrics::surveys::{infer_mapping, survey_kpis, SurveyIngest, SurveyKpi, Surveys};
use northstar_metrics::Granularity;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/somerville_happiness_survey/Happiness_Survey_2017.csv");

#[test]
fn somerville_survey_reads_without_dates() {
    let Ok(bytes) = std::fs::read(PATH) else {
        panic!("shared data missing at {PATH}");
    };
    let s = sniff(&bytes);
    let mut mapping = infer_mapping(&s);
    assert_eq!(mapping.date, None, "the export has no date column");
    // Q4 (1-10) stands in for NPS; Q7a (1-5) is a CSAT question.
    mapping.nps = vec!["4. How satisfied are you with Somerville as a place to live?".into()];
    mapping.csat = vec!["7a. How would you rate the availability of information about city services?".into()];
    let data = Surveys::read("Happiness_Survey_2017.csv", &bytes, &s, &mapping, &SurveyIngest::default()).unwrap();
    let kpis = survey_kpis(&data, &SurveyKpi::default(), Granularity::Month, None);
    let get = |id: &str| kpis.iter().find(|k| k.id == id && k.segment.is_none()).unwrap();
    let nps = get("nps");
    assert_eq!(nps.period, "all");
    // Counted independently: python3 csv over column 4: see EXPECTED_* below.
    assert_eq!((nps.n, nps.numerator), (EXPECTED_Q4_N, Some(EXPECTED_Q4_NET)));
    let csat = get("csat");
    assert_eq!((csat.n, csat.numerator), (EXPECTED_Q7A_N, Some(EXPECTED_Q7A_SATISFIED)));
}

// python3: csv.reader over the file; column "4. How satisfied…": 831 non-blank answers, 432 at
// 9-10, 119 at 0-6 (net 313); column "7a. …": 817 non-blank, 628 at 4-5.
const EXPECTED_Q4_N: u64 = 831;
const EXPECTED_Q4_NET: f64 = 313.0;
const EXPECTED_Q7A_N: u64 = 817;
const EXPECTED_Q7A_SATISFIED: f64 = 628.0;
