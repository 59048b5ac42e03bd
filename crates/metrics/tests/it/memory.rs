//! Typed columns hold no more than the file's size in memory (issue 2, requirement 9).

use northstar_metrics::ingest::sniff;
use northstar_metrics::source::Source;
use northstar_metrics::surveys::{infer_mapping, SurveyIngest, Surveys};

#[test]
fn typed_survey_columns_are_smaller_than_the_file() {
    let mut csv = String::from("Date,Respondent,Survey Type,Score,Plan,Region,Comment\n");
    for i in 0..50_000u32 {
        let comment = if i % 3 == 0 { "Support was quick and friendly" } else { "" };
        csv.push_str(&format!(
            "2024-{:02}-{:02},C{i:06},{},{},Growth,EMEA,{comment}\n",
            i % 12 + 1,
            i % 28 + 1,
            ["NPS", "CSAT", "CES"][i as usize % 3],
            i % 5 + 1
        ));
    }
    let bytes = csv.as_bytes();
    let s = sniff(bytes);
    let data = Surveys::read("mem.csv", bytes, &s, &infer_mapping(&s), &SurveyIngest::default()).unwrap();
    assert_eq!(data.answers.len(), 50_000);
    let typed = data.typed_bytes();
    assert!(typed <= bytes.len(), "typed columns use {typed} bytes for a {} byte file", bytes.len());
}
