//! Free-text analysis of survey comments and ticket subjects, all on the device.
//!
//! - Sentiment: VADER's compound score ([`vader`]) with the thresholds its authors recommend:
//!   positive at 0.05 or more, negative at −0.05 or less, neutral between.
//! - Language: English only (the lexicon is English). A comment in another language (see
//!   [`language`]) is counted as not analysed and has no sentiment or themes.
//! - Themes: keywords and bigrams of the analysed comments ([`themes`]), each with its count per
//!   sentiment and the comments behind it (file line and text, at most [`SHOWN_PER_THEME`]).
//! - Periods: the count per sentiment in each calendar month of the comment's date.

pub mod language;
mod texts;
pub mod themes;
pub mod vader;

pub use texts::Texts;

use crate::calendar::civil_from_days;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The themes a summary lists, by default.
pub const TOP_THEMES: usize = 20;
/// The comments shown behind a theme, at most.
pub const SHOWN_PER_THEME: usize = 50;
/// A compound score at or above this is positive; at or below its negative, negative.
pub const THRESHOLD: f64 = 0.05;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sentiment {
    Positive,
    Neutral,
    Negative,
}

impl Sentiment {
    /// The sentiment of a VADER compound score.
    pub fn of(compound: f64) -> Sentiment {
        if compound >= THRESHOLD {
            Sentiment::Positive
        } else if compound <= -THRESHOLD {
            Sentiment::Negative
        } else {
            Sentiment::Neutral
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sentiment::Positive => "positive",
            Sentiment::Neutral => "neutral",
            Sentiment::Negative => "negative",
        }
    }
}

/// How one comment reads: its sentiment and compound score, or `None` when it is not English.
pub fn read(text: &str) -> Option<(Sentiment, f64)> {
    read_words(text, &language::words(text))
}

fn read_words(text: &str, words: &[language::Word]) -> Option<(Sentiment, f64)> {
    language::is_english_words(text, words).then(|| {
        let c = vader::compound(text);
        (Sentiment::of(c), c)
    })
}

/// One comment to analyse: its file line, its day (days since 1970-01-01; `None` without a
/// date) and its text.
#[derive(Debug, Clone, Copy)]
pub struct Comment<'a> {
    pub line: u64,
    pub day: Option<i32>,
    pub text: &'a str,
}

/// Comments per sentiment, and those not analysed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentimentCounts {
    pub positive: u64,
    pub neutral: u64,
    pub negative: u64,
    pub not_analysed: u64,
}

impl SentimentCounts {
    fn add(&mut self, reading: Option<Sentiment>) {
        match reading {
            Some(Sentiment::Positive) => self.positive += 1,
            Some(Sentiment::Neutral) => self.neutral += 1,
            Some(Sentiment::Negative) => self.negative += 1,
            None => self.not_analysed += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.positive + self.neutral + self.negative + self.not_analysed
    }
}

/// The sentiments of one calendar month ("2025-05").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodSentiment {
    pub period: String,
    pub counts: SentimentCounts,
}

/// One comment behind a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentLine {
    /// Its line in the file (1 is the first line, usually the header).
    pub line: u64,
    pub text: String,
    pub sentiment: Sentiment,
    pub compound: f64,
}

/// A keyword or bigram and the comments that mention it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub text: String,
    /// Two words ("billing page") rather than one.
    pub bigram: bool,
    /// Comments mentioning it (each counted once).
    pub comments: u64,
    /// Those comments per sentiment (`not_analysed` is always 0: themes come from analysed comments).
    pub counts: SentimentCounts,
    /// The first [`SHOWN_PER_THEME`] of them, in file order.
    pub shown: Vec<CommentLine>,
}

/// Sentiment and themes of a file's comments.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommentSummary {
    /// Non-blank comments.
    pub total: u64,
    pub counts: SentimentCounts,
    /// Per calendar month of the comment's date, earliest first.
    pub periods: Vec<PeriodSentiment>,
    /// Comments without a date (no date column, or the date could not be read).
    pub undated: u64,
    /// The most frequent themes, most comments first.
    pub themes: Vec<Theme>,
}

fn month(day: i32) -> String {
    let (y, m, _) = civil_from_days(day);
    format!("{y:04}-{m:02}")
}

/// Sentiment, periods and the `top` themes of `comments` (blank ones skipped).
pub fn summarize<'a>(comments: impl IntoIterator<Item = Comment<'a>>, top: usize) -> CommentSummary {
    let mut summary = CommentSummary::default();
    let mut periods: BTreeMap<i32, SentimentCounts> = BTreeMap::new();
    let mut analysed: Vec<(Comment<'a>, Sentiment, f64)> = Vec::new();
    let mut analysed_words = Vec::new();
    for c in comments.into_iter().filter(|c| !c.text.trim().is_empty()) {
        let words = language::words(c.text);
        let reading = read_words(c.text, &words);
        summary.total += 1;
        summary.counts.add(reading.map(|r| r.0));
        match c.day {
            // Keyed by the month's first day, so the map is in calendar order.
            Some(d) => {
                let (y, m, _) = civil_from_days(d);
                periods.entry(crate::calendar::days_from_civil(y, m, 1)).or_default().add(reading.map(|r| r.0));
            }
            None => summary.undated += 1,
        }
        if let Some((s, compound)) = reading {
            analysed.push((c, s, compound));
            analysed_words.push(words);
        }
    }
    summary.periods = periods.into_iter().map(|(d, counts)| PeriodSentiment { period: month(d), counts }).collect();
    summary.themes = themes::themes_of_words(&analysed_words, top)
        .into_iter()
        .map(|t| {
            let mut counts = SentimentCounts::default();
            let mut shown = Vec::new();
            for &i in &t.comments {
                let (c, s, compound) = analysed[i];
                counts.add(Some(s));
                if shown.len() < SHOWN_PER_THEME {
                    shown.push(CommentLine { line: c.line, text: c.text.to_string(), sentiment: s, compound });
                }
            }
            Theme { comments: t.comments.len() as u64, text: t.text, bigram: t.bigram, counts, shown }
        })
        .collect();
    summary
}

#[cfg(test)]
mod tests;
