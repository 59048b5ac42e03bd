//! Typing survey rows: each CSV record becomes zero or more answers (one per question), with its
//! day, segment values and comment. Streaming: feed chunks, then finish. Bad cells become issues; a
//! row whose date cannot be read is skipped and counted.
//!
//! A question is a mapped column in the wide shape, a kind of the score column in the long shape.
//! Each is read on its own scale: the kind's setting when fixed (answers outside it skipped), else
//! (`auto`) the scale inferred at `finish` from its answers, kept as numbers until then (answers
//! outside the kind's widest scale are skipped at once).

use super::mapping::{infer_kind, SurveyMapping};
use super::settings::{Kind, Scale, ScaleSetting, SurveyIngest};
pub use crate::comments::Texts as Comments;
use crate::ingest::dates::DateColumn;
use crate::ingest::headers::column_of;
use crate::ingest::{Record, RecordStream, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
use crate::parse::{parse_number, NumberStyle};
pub use crate::segment::SegmentColumn;
use crate::source::SourceMeta;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Answer {
    pub row: u32,
    pub kind: Kind,
    /// Index of its question in [`SurveyData::question`].
    pub question: u16,
    pub score: f64,
}

/// One question of a file: what it is, the scale its answers were read on, and how many were
/// outside it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct QuestionInfo {
    /// The question's column (the score column in the long shape).
    pub column: String,
    pub kind: Kind,
    pub scale: Scale,
    /// The scale was inferred from the answers (the kind's scale setting is `auto`).
    pub inferred: bool,
    /// Non-blank answers, read or not.
    pub answers: u64,
    /// Answers outside the scale, skipped.
    pub outside: u64,
    /// Most answers are outside the scale: what is wrong and what to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

/// What a question's answers looked like while reading.
#[derive(Debug, Clone, Copy)]
struct Seen {
    /// Range of the answers kept.
    kept: (f64, f64),
    /// Range of every numeric answer, kept or not.
    all: (f64, f64),
}

impl Default for Seen {
    fn default() -> Self {
        Seen { kept: (f64::INFINITY, f64::NEG_INFINITY), all: (f64::INFINITY, f64::NEG_INFINITY) }
    }
}

fn widen(range: &mut (f64, f64), v: f64) {
    range.0 = range.0.min(v);
    range.1 = range.1.max(v);
}

/// Typed survey answers of one file.
#[derive(Debug, Clone, Default)]
pub struct SurveyData {
    pub meta: SourceMeta,
    /// The scales and kind the answers were read with.
    pub read_with: SurveyIngest,
    /// Day number of each kept row; empty when the file has no date column.
    pub days: Vec<i32>,
    pub has_dates: bool,
    pub answers: Vec<Answer>,
    pub segments: Vec<SegmentColumn>,
    /// Comments, stored as one text with (row, line, end offset) per comment.
    pub comments: Comments,
    /// The kinds the mapping can produce.
    pub kinds: Vec<Kind>,
    /// The kind a lone score column was read as (inferred or set).
    pub score_kind: Option<Kind>,
    pub kept_rows: u64,
    pub skipped_answers: u64,
    /// Each distinct respondent as read (trimmed), first seen first, when the file has a
    /// `respondent` column.
    pub respondent_keys: Vec<String>,
    /// Per kept row (see [`Answer::row`]): its respondent (index into `respondent_keys`) and its
    /// file line, when the file has a `respondent` column (for the health score).
    pub respondent_rows: Vec<(u32, u64)>,
    /// Every question, indexed by [`Answer::question`] (see [`SurveyData::questions`]).
    question_list: Vec<QuestionInfo>,
    /// Long shape: the questions are the kinds of one score column.
    long_shape: bool,
}

impl SurveyData {
    /// Heap bytes held by the typed columns (days, answers, segments, comments, issues).
    pub fn typed_bytes(&self) -> usize {
        use std::mem::size_of;
        let segments: usize = self.segments.iter().map(|s| s.ids.bytes() + s.values.iter().map(|v| v.capacity() * 2 + 48).sum::<usize>()).sum();
        let comments = self.comments.heap_bytes();
        let issues: usize = self.meta.issues.capacity() * size_of::<Issue>()
            + self.meta.issues.iter().map(|i| i.file.capacity() + i.reason.capacity() + i.column.as_ref().map_or(0, String::capacity)).sum::<usize>();
        self.days.capacity() * 4 + self.answers.capacity() * size_of::<Answer>() + segments + comments + issues
    }

    /// The questions answered (in the long shape, the kinds the score column held; in the wide
    /// shape, every mapped column), each with the scale it was read on.
    pub fn questions(&self) -> Vec<QuestionInfo> {
        self.question_list.iter().filter(|q| q.answers > 0 || !self.long_shape).cloned().collect()
    }

    /// Question `i` of [`Answer::question`].
    pub fn question(&self, i: u16) -> Option<&QuestionInfo> {
        self.question_list.get(i as usize)
    }

    /// All questions, answered or not, in [`Answer::question`] order.
    pub fn question_list(&self) -> &[QuestionInfo] {
        &self.question_list
    }

    /// The scale a kind's answers were read on: its questions' one scale, or the span of their
    /// scales when they differ; the setting (or the default) when the kind has no question.
    pub fn scale_of(&self, kind: Kind) -> Scale {
        let scales: Vec<Scale> = self.questions().iter().filter(|q| q.kind == kind).map(|q| q.scale).collect();
        match (scales.iter().map(|s| s.min).min(), scales.iter().map(|s| s.max).max()) {
            (Some(min), Some(max)) => Scale::new(min, max),
            _ => self.read_with.scale(kind).fixed().unwrap_or(kind.default_scale()),
        }
    }

    /// Warnings of the kind's questions (most answers outside the scale), joined.
    pub fn warning_of(&self, kind: Kind) -> Option<String> {
        let w: Vec<&str> = self.question_list.iter().filter(|q| q.kind == kind).filter_map(|q| q.warning.as_deref()).collect();
        (!w.is_empty()).then(|| w.join("; "))
    }

    /// Whether the file has several questions of one kind: then "Question" is a breakdown.
    pub fn has_question_breakdown(&self) -> bool {
        !self.long_shape && Kind::ALL.iter().any(|&k| self.question_list.iter().filter(|q| q.kind == k).count() > 1)
    }
}

/// The name of the breakdown whose values are the questions (see [`SurveyData::has_question_breakdown`]).
pub const QUESTION_SEGMENT: &str = "Question";

struct Plan {
    date: Option<usize>,
    kind: Option<usize>,
    score: Option<(usize, Kind)>,
    /// (column, kind) of each question in the wide shape; question i is `wide[i]`.
    wide: Vec<(usize, Kind)>,
    segments: Vec<usize>,
    comment: Option<usize>,
    respondent: Option<usize>,
}

/// Streaming survey typing over a [`RecordStream`].
pub struct SurveyReader {
    stream: RecordStream,
    plan: Plan,
    names: Vec<String>,
    settings: SurveyIngest,
    style: NumberStyle,
    width: usize,
    dates: Option<DateColumn>,
    log: IssueLog,
    data: SurveyData,
    seen: Vec<Seen>,
    /// Kept rows per respondent (trimmed).
    respondents: crate::segment::Interner,
}

impl SurveyReader {
    pub fn new(file: &str, sniff: &Sniff, mapping: &SurveyMapping, settings: &SurveyIngest) -> Result<SurveyReader, FatalError> {
        let names = sniff.column_names();
        if names.is_empty() {
            return Err(FatalError::NoHeader { file: file.into() });
        }
        mapping.check(file, &names)?;
        let idx = |role: &str, col: &Option<String>| column_of(file, &names, role, col.as_deref());
        let date = idx("surveys.date", &mapping.date)?;
        let kind = idx("surveys.kind", &mapping.kind)?;
        let comment = idx("surveys.comment", &mapping.comment)?;
        let mut wide = Vec::new();
        for k in Kind::ALL {
            for col in mapping.questions(k) {
                if let Some(i) = column_of(file, &names, &format!("surveys.{}", k.as_str()), Some(col))? {
                    if !wide.iter().any(|w: &(usize, Kind)| w.0 == i) {
                        wide.push((i, k));
                    }
                }
            }
        }
        // Answers carry their question as a u16.
        wide.truncate(u16::MAX as usize);
        let score = match idx("surveys.score", &mapping.score)? {
            Some(i) if wide.is_empty() => {
                let k = settings.kind.unwrap_or_else(|| infer_kind(&sniff.columns[i].search_text(), &sniff.preview, i, sniff.number_style));
                Some((i, k))
            }
            _ => None,
        };
        let segments =
            mapping.segment.iter().map(|c| column_of(file, &names, "surveys.segment", Some(c)).map(|i| i.unwrap_or(0))).collect::<Result<Vec<_>, _>>()?;
        let mut kinds: Vec<Kind> = wide.iter().map(|w| w.1).collect();
        if kind.is_none() {
            kinds.extend(score.map(|s| s.1));
        }
        kinds.sort();
        kinds.dedup();
        let question = |column: usize, kind: Kind| QuestionInfo {
            column: names[column].clone(),
            kind,
            scale: settings.scale(kind).fixed().unwrap_or(kind.default_scale()),
            inferred: settings.scale(kind).fixed().is_none(),
            answers: 0,
            outside: 0,
            warning: None,
        };
        // Wide: one question per column; long: one per kind of the score column (index = kind).
        let question_list: Vec<QuestionInfo> = match score {
            Some((c, _)) => Kind::ALL.iter().map(|&k| question(c, k)).collect(),
            None => wide.iter().map(|&(c, k)| question(c, k)).collect(),
        };
        let data = SurveyData {
            meta: SourceMeta::new(file),
            read_with: settings.clone(),
            has_dates: date.is_some(),
            segments: segments.iter().map(|&i| SegmentColumn::new(&names[i])).collect(),
            kinds,
            score_kind: if kind.is_none() { score.map(|s| s.1) } else { None },
            question_list,
            long_shape: score.is_some(),
            ..Default::default()
        };
        Ok(SurveyReader {
            stream: RecordStream::new(file, sniff),
            plan: Plan { date, kind, score, wide, segments, comment, respondent: idx("surveys.respondent", &mapping.respondent)? },
            width: names.len(),
            names,
            settings: SurveyIngest {
                date_order: crate::profile::date_order(crate::profile::of(mapping.profile.as_deref()), settings.date_order),
                ..settings.clone()
            },
            style: sniff.number_style,
            dates: date.map(|i| DateColumn::new(&sniff.columns[i].name)),
            log: IssueLog::default(),
            seen: vec![Seen::default(); data.question_list.len()],
            respondents: Default::default(),
            data,
        })
    }

    pub fn feed(&mut self, chunk: &[u8]) {
        let mut stream = std::mem::replace(&mut self.stream, RecordStream::placeholder());
        stream.feed(chunk, &mut |r| self.row(r));
        self.stream = stream;
    }

    pub fn bytes_read(&self) -> u64 {
        self.stream.bytes_read
    }

    pub fn rows_read(&self) -> u64 {
        self.stream.rows
    }

    fn issue(&mut self, line: u64, column: Option<usize>, reason: String) {
        self.log.push(Issue {
            file: self.data.meta.file.clone(),
            line: Some(line),
            column: column.map(|c| self.names.get(c).cloned().unwrap_or_else(|| format!("field {}", c + 1))),
            reason,
            ..Default::default()
        });
    }

    fn row(&mut self, r: &Record) {
        self.data.meta.rows += 1;
        if r.len() != self.width {
            self.issue(r.line, None, format!("row has {} fields, the header has {}", r.len(), self.width));
        }
        if let (Some(c), Some(dates)) = (self.plan.date, self.dates.as_mut()) {
            if let Err(reason) = dates.push_required(r.line, r.cell(c), "empty date") {
                self.issue(r.line, Some(c), format!("{reason}; row skipped"));
                self.data.meta.skipped_rows += 1;
                return;
            }
        }
        let row = self.data.kept_rows as u32;
        self.data.kept_rows += 1;
        if let Some(c) = self.plan.respondent {
            // The one identity rule (`crate::identity`): " Ann@Acme.COM " is ann@acme.com.
            let key = crate::identity::identity(r.cell(c));
            let key = key.as_ref();
            let at = self.respondents.intern(key);
            self.data.respondent_rows.push((at, r.line));
        }
        // Long shape: one score, kind from a column or the inferred/set kind.
        if let Some((c, default_kind)) = self.plan.score {
            let cell = r.cell(c);
            if !cell.trim().is_empty() {
                let kind = match self.plan.kind {
                    Some(kc) => match Kind::parse(r.cell(kc)) {
                        Some(k) => Some(k),
                        None => {
                            self.issue(r.line, Some(kc), format!("'{}' is not a survey kind (nps, csat, ces); answer skipped", r.cell(kc).trim()));
                            self.data.skipped_answers += 1;
                            None
                        }
                    },
                    None => Some(default_kind),
                };
                if let Some(kind) = kind {
                    self.answer(r.line, row, c, cell, kind, kind.index() as u16);
                }
            }
        }
        for i in 0..self.plan.wide.len() {
            let (c, kind) = self.plan.wide[i];
            let cell = r.cell(c);
            if !cell.trim().is_empty() {
                self.answer(r.line, row, c, cell, kind, i as u16);
            }
        }
        for (s, &c) in self.plan.segments.iter().enumerate() {
            self.data.segments[s].push(r.cell(c));
        }
        if let Some(c) = self.plan.comment {
            let text = r.cell(c).trim();
            if !text.is_empty() {
                self.data.comments.push(row, r.line, text);
            }
        }
    }

    fn answer(&mut self, line: u64, row: u32, col: usize, cell: &str, kind: Kind, question: u16) {
        let q = question as usize;
        self.data.question_list[q].answers += 1;
        // A fixed scale skips what is outside it now; auto only what no scale of the kind holds.
        let (scale, widest) = match self.settings.scale(kind) {
            ScaleSetting::Fixed(s) => (s, ""),
            ScaleSetting::Auto => (kind.widest_scale(), ", the widest there is"),
        };
        let score = match parse_number(cell, self.style) {
            Ok(n) if n.percent || n.currency.is_some() => Err(format!("'{}' is not a score", cell.trim())),
            Ok(n) => Ok(n.value()),
            Err(e) => Err(e),
        };
        if let Ok(v) = score {
            widen(&mut self.seen[q].all, v);
        }
        let problem = match score {
            Err(reason) => Some(reason),
            Ok(v) if !scale.contains(v) => {
                self.data.question_list[q].outside += 1;
                Some(format!("score {v} is outside the {} scale {}{widest} (the scale is a setting)", kind.as_str().to_uppercase(), scale.label()))
            }
            Ok(v) if kind == Kind::Nps && v.fract() != 0.0 => Some(format!("NPS score {v} is not a whole number")),
            Ok(v) => {
                widen(&mut self.seen[q].kept, v);
                self.data.answers.push(Answer { row, kind, question, score: v });
                if !self.data.kinds.contains(&kind) {
                    self.data.kinds.push(kind);
                }
                None
            }
        };
        if let Some(reason) = problem {
            self.data.skipped_answers += 1;
            self.issue(line, Some(col), format!("{reason}; answer skipped"));
        }
    }

    /// Each question's scale (inferred under `auto`) and, when most of its answers were outside
    /// it, its warning.
    fn settle_questions(&mut self) {
        for (q, seen) in self.data.question_list.iter_mut().zip(&self.seen) {
            if q.inferred && seen.kept.0 <= seen.kept.1 {
                q.scale = q.kind.infer_scale(seen.kept.0, seen.kept.1).unwrap_or(q.kind.widest_scale());
            }
            if q.outside * 2 > q.answers {
                q.warning = Some(outside_warning(q, seen.all));
            }
        }
    }

    /// Ends the input, resolves the day/month order of the date column, and returns the data.
    pub fn finish(mut self) -> SurveyData {
        let mut stream = std::mem::replace(&mut self.stream, RecordStream::placeholder());
        let reading = stream.finish(&mut |r| self.row(r));
        self.data.meta.encoding = stream.encoding();
        self.log.extend(reading);
        self.data.respondent_keys = std::mem::take(&mut self.respondents).into_strings();
        if let Some(dates) = self.dates.take() {
            let resolved = dates.resolve(&self.data.meta.file, self.settings.date_order, "surveys.date_order");
            self.data.days = resolved.stamps.iter().map(|s| s.map_or(i32::MIN, |s| s.day())).collect();
            for &d in self.data.days.iter().filter(|&&d| d != i32::MIN) {
                self.data.meta.note_day(d);
            }
            if !resolved.bad_rows.is_empty() {
                // Rows whose date is impossible in the decided order lose their answers.
                let bad: std::collections::HashSet<u32> = resolved.bad_rows.iter().copied().collect();
                let before = self.data.answers.len();
                self.data.answers.retain(|a| !bad.contains(&a.row));
                self.data.skipped_answers += (before - self.data.answers.len()) as u64;
                self.data.meta.skipped_rows += bad.len() as u64;
            }
            self.log.extend(resolved.issues);
        }
        self.settle_questions();
        self.data.meta.take_issues(std::mem::take(&mut self.log));
        self.data.kinds.sort();
        self.data.answers.shrink_to_fit();
        self.data.days.shrink_to_fit();
        self.data.comments.shrink();
        for s in &mut self.data.segments {
            s.ids.shrink_to_fit();
        }
        self.data
    }
}

/// "743 of 825 answers to 'How satisfied…' are outside the CSAT scale 1-5 and were skipped: set
/// the CSAT scale to 1-10 (or auto)".
fn outside_warning(q: &QuestionInfo, all: (f64, f64)) -> String {
    let kind = q.kind.as_str().to_uppercase();
    let (scale, what) = if q.inferred { (q.kind.widest_scale(), "every") } else { (q.scale, "the") };
    let head = format!("{} of {} answers to '{}' are outside {what} {kind} scale {} and were skipped", q.outside, q.answers, q.column, scale.label());
    match q.kind.infer_scale(all.0, all.1).filter(|_| !q.inferred) {
        Some(fits) => format!("{head}: set the {kind} scale to {} (or auto)", fits.label()),
        None => format!("{head}: no {kind} scale holds them; is this column a {kind} question?"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{survey_kpis, SurveyKpi, Surveys};
    use super::*;
    use crate::ingest::sniff;
    use crate::period::Granularity;
    use crate::source::Source;

    fn read(csv: &str, ingest: &SurveyIngest) -> SurveyData {
        let s = sniff(csv.as_bytes());
        let mut mapping = super::super::infer_mapping(&s);
        if !mapping.is_wide() && mapping.score.is_none() {
            // Answers the guess does not take for scores (0-100): mapped by hand.
            mapping.csat = vec![s.column_names()[0].clone()];
        }
        Surveys::read("t.csv", csv.as_bytes(), &s, &mapping, ingest).unwrap()
    }

    #[test]
    fn the_long_shape_infers_a_scale_per_kind() {
        // CSAT 10, 9, 3, 7 only fit 1-10 (satisfied 9-10: 2 of 4); NPS 0 and 10 stay on 0-10.
        let data = read(
            "date,kind,score\n2024-01-01,csat,10\n2024-01-02,csat,9\n2024-01-03,csat,3\n2024-01-04,csat,7\n2024-01-05,nps,0\n2024-01-06,nps,10\n",
            &SurveyIngest::default(),
        );
        let scales: Vec<(Kind, Scale, bool)> = data.questions().iter().map(|q| (q.kind, q.scale, q.inferred)).collect();
        assert_eq!(scales, [(Kind::Nps, Scale::new(0, 10), true), (Kind::Csat, Scale::new(1, 10), true)]);
        let kpis = survey_kpis(&data, &SurveyKpi::default(), Granularity::Month, None);
        let csat = kpis.iter().find(|k| k.id == "csat").unwrap();
        assert_eq!((csat.value, csat.n), (Some(50.0), 4));
        // A set threshold applies to every question: 7 and up is 3 of 4.
        let kpis = survey_kpis(&data, &SurveyKpi { csat_threshold: Some(7.0) }, Granularity::Month, None);
        assert_eq!(kpis.iter().find(|k| k.id == "csat").unwrap().value, Some(75.0));
    }

    #[test]
    fn auto_skips_only_what_no_scale_of_the_kind_holds() {
        // 0 to 100 is no CSAT scale: 50 and 80 are skipped, 3 of 4 answers, and the values say so.
        let data = read("How satisfied are you?\n50\n80\n100\n4\n", &SurveyIngest::default());
        assert_eq!(data.skipped_answers, 3);
        let q = &data.questions()[0];
        assert_eq!((q.scale, q.answers, q.outside), (Scale::new(1, 5), 4, 3));
        let w = q.warning.as_deref().unwrap();
        assert!(w.starts_with("3 of 4 answers to 'How satisfied are you?' are outside every CSAT scale 0-10 and were skipped"), "{w}");
        assert!(data.meta.issues[0].reason.contains("score 50 is outside the CSAT scale 0-10, the widest there is"), "{:?}", data.meta.issues);
    }

    #[test]
    fn a_question_without_answers_keeps_the_default_scale() {
        let data = read("How satisfied are you?,How likely are you to recommend us?\n,9\n", &SurveyIngest::default());
        let qs = data.questions();
        let csat = qs.iter().find(|q| q.kind == Kind::Csat).unwrap();
        assert_eq!((csat.scale, csat.inferred, csat.answers, qs.len()), (Scale::new(1, 5), true, 0, 2));
        assert!(!data.has_question_breakdown(), "one question per kind: the kinds already tell them apart");
    }
}
