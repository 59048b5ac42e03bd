//! The `surveys` source: NPS, CSAT and CES answers in long or wide shape.
pub mod comments;
pub mod data;
pub mod demo;
pub mod kpis;
pub mod mapping;
pub mod settings;

pub use data::{Answer, QuestionInfo, SurveyData, SurveyReader, QUESTION_SEGMENT};
pub use kpis::{question_distribution, score_distribution, survey_kpis, survey_periods};
pub use mapping::{infer_mapping, SurveyMapping};
pub use settings::{Kind, Scale, ScaleSetting, SurveyIngest, SurveyKpi, SurveySettings};

use crate::ingest::Sniff;
use crate::issue::FatalError;
use crate::kpi::{KpiDef, KpiValue};
use crate::source::{Context, Query, Reader, Source, SourceData, SourceMeta};

/// Survey answers (NPS, CSAT, CES) in long or wide shape.
pub struct Surveys;

impl Source for Surveys {
    const ID: crate::source::SourceId = crate::source::SourceId::Surveys;
    const DESCRIPTION: &'static str = "survey answers (NPS, CSAT, CES), long or wide, with comments";
    type Mapping = SurveyMapping;
    type Ingest = SurveyIngest;
    type Kpi = SurveyKpi;
    type Data = SurveyData;
    type Reader = SurveyReader;

    fn defs() -> &'static [KpiDef] {
        &kpis::DEFS
    }
    const PERSON: Option<crate::source::PersonKey> = Some(crate::source::PersonKey::email("respondent"));
    fn synonyms(role: &str) -> &'static [&'static str] {
        mapping::synonyms(role)
    }
    /// A question column is guessed from its wording: "How likely are you to recommend us?" is NPS.
    fn header_word(role: &str, header_text: &str) -> Option<&'static str> {
        mapping::kind_word(header_text).filter(|(kind, _)| kind.as_str() == role).map(|(_, word)| word)
    }
    fn infer(sniff: &Sniff) -> SurveyMapping {
        infer_mapping(sniff)
    }
    fn reader(file: &str, sniff: &Sniff, mapping: &SurveyMapping, ingest: &SurveyIngest) -> Result<SurveyReader, FatalError> {
        SurveyReader::new(file, sniff, mapping, ingest)
    }
    fn kpis(data: &SurveyData, kpi: &SurveyKpi, query: &Query, _: &Context) -> Vec<KpiValue> {
        // A segment column, else the question breakdown (index = the number of segment columns).
        let segment = query.segment.as_ref().and_then(|s| data.segment_names().iter().position(|c| c.eq_ignore_ascii_case(s)));
        survey_kpis(data, kpi, query.granularity, segment)
    }
    fn demo() -> String {
        demo::demo_surveys_csv()
    }
}

impl Reader for SurveyReader {
    type Data = SurveyData;
    fn feed(&mut self, chunk: &[u8]) {
        SurveyReader::feed(self, chunk)
    }
    fn bytes_read(&self) -> u64 {
        SurveyReader::bytes_read(self)
    }
    fn rows_read(&self) -> u64 {
        SurveyReader::rows_read(self)
    }
    fn finish(self) -> SurveyData {
        SurveyReader::finish(self)
    }
}

impl SourceData for SurveyData {
    fn meta(&self) -> &SourceMeta {
        &self.meta
    }
    fn describe(&self) -> String {
        let scales: Vec<String> = Kind::ALL.iter().filter_map(|&k| self.scales_fact(k).map(|s| format!("{} on {s}", k.as_str().to_uppercase()))).collect();
        format!(
            "{} rows, {} answers{}; {} rows skipped, {} answers skipped{}",
            self.meta.rows,
            self.answers.len(),
            self.score_kind.map(|k| format!(" (score column read as {})", k.as_str().to_uppercase())).unwrap_or_default(),
            self.meta.skipped_rows,
            self.skipped_answers,
            if scales.is_empty() { String::new() } else { format!("; read {}", scales.join(", ")) }
        )
    }
    fn counters(&self) -> Vec<(&'static str, u64)> {
        vec![("answers", self.answers.len() as u64), ("skipped_answers", self.skipped_answers)]
    }
    /// Each respondent with the kept rows they answered (`""`: rows without one), sorted; only
    /// when the join asks (sorting a million keys is no cost of reading the file).
    fn customer_keys(&self) -> Vec<(String, u64)> {
        let mut keys = crate::join::tally(&self.respondent_keys, self.respondent_rows.iter().map(|r| Some(r.0)));
        keys.sort();
        keys
    }
    /// Dated answers of rows with a respondent, each on 0-100 from its question's scale.
    fn signals(&self) -> Option<crate::signals::Signals> {
        use crate::signals::{AnswerTouch, Touches};
        if !self.has_dates || self.respondent_rows.is_empty() {
            return None;
        }
        let answers = self
            .answers
            .iter()
            .filter_map(|a| {
                let (key, line) = *self.respondent_rows.get(a.row as usize)?;
                let day = *self.days.get(a.row as usize)?;
                let scale = self.question(a.question)?.scale;
                let span = (scale.max as f64 - scale.min as f64).max(1.0);
                let score = ((a.score - scale.min as f64) / span * 100.0).clamp(0.0, 100.0);
                Some(AnswerTouch { key, day, score, raw: a.score, kind: a.kind.as_str(), line })
            })
            .collect();
        Some(crate::signals::Signals { keys: self.respondent_keys.clone(), touches: Touches::Answers(answers) })
    }
    fn facts(&self) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = self.score_kind.map(|k| ("score_kind", k.as_str().to_string())).into_iter().collect();
        for (k, key) in [(Kind::Nps, "nps_scale"), (Kind::Csat, "csat_scale"), (Kind::Ces, "ces_scale")] {
            out.extend(self.scales_fact(k).map(|s| (key, s)));
        }
        out
    }
    /// The segment columns, then "Question" when several questions share a kind.
    fn segment_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.segments.iter().map(|c| c.name.clone()).collect();
        if self.has_question_breakdown() {
            names.push(QUESTION_SEGMENT.to_string());
        }
        names
    }
}

impl SurveyData {
    /// The scale(s) a kind's questions were read on: "1-10 (inferred)" when they share one, else
    /// each question's ("1-10 (inferred) for 'Q2', 1-5 (inferred) for 'Q7'"); none without questions.
    pub fn scales_fact(&self, kind: Kind) -> Option<String> {
        let qs: Vec<QuestionInfo> = self.questions().into_iter().filter(|q| q.kind == kind).collect();
        let label = |q: &QuestionInfo| format!("{}{}", q.scale.label(), if q.inferred { " (inferred)" } else { "" });
        let first = qs.first()?;
        if qs.iter().all(|q| q.scale == first.scale) {
            Some(label(first))
        } else {
            Some(qs.iter().map(|q| format!("{} for '{}'", label(q), q.column)).collect::<Vec<_>>().join(", "))
        }
    }
}
