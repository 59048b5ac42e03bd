//! The real Somerville Happiness Survey export (../shared/data): long question headers, no dates.
//! Expected values are counted from the file with a separate script (see the comments), not by
//! the code under test.

use northstar_metrics::ingest::sniff;
use northstar_metrics::source::{Context, Query, SettingsPart, Source, SourceData};
use northstar_metrics::surveys::{infer_mapping, survey_kpis, Kind, Scale, SurveyIngest, SurveyKpi, Surveys};
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

const Q2: &str = "2. How satisfied are you with your life in general?";

/// Issue 10: the satisfaction questions (1-10) were read on the default CSAT scale 1-5, 743 of
/// Q2's 825 answers skipped. With the default (auto) settings and the guessed mapping, every
/// "How satisfied…" question is a CSAT question read on 1-10, satisfied at 9-10.
#[test]
fn somerville_satisfaction_questions_are_read_on_1_to_10() {
    let bytes = std::fs::read(PATH).unwrap();
    let s = sniff(&bytes);
    let mapping = infer_mapping(&s);
    assert_eq!(mapping.csat.len(), 6, "{:?}", mapping.csat);
    assert!(mapping.nps.is_empty() && mapping.ces.is_empty());
    let data = Surveys::read("Happiness_Survey_2017.csv", &bytes, &s, &mapping, &SurveyIngest::default()).unwrap();
    for q in data.questions() {
        assert_eq!((q.kind, q.scale, q.inferred, q.outside, &q.warning), (Kind::Csat, Scale::new(1, 10), true, 0, &None), "{}", q.column);
    }
    assert_eq!(data.skipped_answers, 0);
    assert!(data.segment_names().contains(&"Question".to_string()));
    let query = Query::new(Granularity::Month).segment(Some("question".into()));
    let kpis = Surveys::kpis(&data, &SurveyKpi::default(), &query, &Context::default());
    let csat = |segment: Option<&str>| kpis.iter().find(|k| k.id == "csat" && k.segment.as_deref() == segment).unwrap();
    // python3 csv.reader over the file, column "2. How satisfied…": 825 non-blank answers, 324 at
    // 9 or 10 (sum(v >= 9)).
    let q2 = csat(Some(Q2));
    assert_eq!((q2.n, q2.numerator), (825, Some(324.0)));
    assert!((q2.value.unwrap() - 100.0 * 324.0 / 825.0).abs() < 1e-9);
    // Column "4. How satisfied … Somerville…": 831 answers, 432 at 9-10 (as counted for NPS above).
    let q4 = csat(Some("4. How satisfied are you with Somerville as a place to live?"));
    assert_eq!((q4.n, q4.numerator), (EXPECTED_Q4_N, Some(432.0)));
    // Pooled over columns 2, 4, 5, 8, 10 and 11 (python3, same script): n 825 + 831 + 829 + 816 +
    // 818 + 819 = 4938, at 9-10 324 + 432 + 416 + 377 + 357 + 258 = 2164.
    let all = csat(None);
    assert_eq!((all.n, all.numerator, &all.warning), (4938, Some(2164.0), &None));
    assert!(data.describe().contains("CSAT on 1-10 (inferred)"), "{}", data.describe());
    assert!(data.facts().contains(&("csat_scale", "1-10 (inferred)".to_string())));
}

/// An explicit 1-5 CSAT scale is honoured on the 1-10 answers, with a warning on the values.
#[test]
fn somerville_explicit_1_to_5_warns_that_most_answers_are_skipped() {
    let bytes = std::fs::read(PATH).unwrap();
    let s = sniff(&bytes);
    let mut mapping = infer_mapping(&s);
    mapping.csat = vec![Q2.into()];
    let mut ingest = SurveyIngest::default();
    ingest.apply("csat_scale", "1-5").unwrap();
    let data = Surveys::read("Happiness_Survey_2017.csv", &bytes, &s, &mapping, &ingest).unwrap();
    let kpis = survey_kpis(&data, &SurveyKpi::default(), Granularity::Month, None);
    let csat = kpis.iter().find(|k| k.id == "csat").unwrap();
    // python3: of Q2's 825 answers 743 are above 5; of the 82 left, 52 are 4 or 5.
    assert_eq!((csat.n, csat.numerator), (82, Some(52.0)));
    let want = format!("743 of 825 answers to '{Q2}' are outside the CSAT scale 1-5 and were skipped: set the CSAT scale to 1-10");
    assert!(csat.warning.as_deref().is_some_and(|w| w.starts_with(&want)), "{:?}", csat.warning);
    let responses = kpis.iter().find(|k| k.id == "responses").unwrap();
    assert_eq!(responses.warning, csat.warning);
    let q = &data.questions()[0];
    assert_eq!((q.scale, q.inferred, q.answers, q.outside), (Scale::new(1, 5), false, 825, 743));
}
