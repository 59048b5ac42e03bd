//! Comment analysis (spec §3): sentiment (positive / neutral / negative) and the most frequent
//! themes. Sentiment is lexicon-based: positive minus negative words, a word after "not"/"no"
//! counting the other way. Themes are the most frequent content words (stop words removed),
//! counted once per comment.

use super::data::SurveyData;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sentiment {
    Positive,
    Neutral,
    Negative,
}

const POSITIVE: [&str; 24] = [
    "great",
    "love",
    "loved",
    "excellent",
    "good",
    "easy",
    "fast",
    "helpful",
    "amazing",
    "awesome",
    "happy",
    "thanks",
    "perfect",
    "nice",
    "smooth",
    "best",
    "intuitive",
    "reliable",
    "quick",
    "friendly",
    "useful",
    "clear",
    "simple",
    "recommend",
];
const NEGATIVE: [&str; 26] = [
    "bad",
    "slow",
    "bug",
    "bugs",
    "broken",
    "crash",
    "crashes",
    "hard",
    "difficult",
    "confusing",
    "expensive",
    "poor",
    "terrible",
    "hate",
    "worst",
    "missing",
    "issue",
    "issues",
    "problem",
    "problems",
    "frustrating",
    "error",
    "errors",
    "annoying",
    "late",
    "unclear",
];
const STOP: [&str; 48] = [
    "the", "and", "for", "that", "this", "with", "you", "your", "was", "were", "are", "but", "not", "have", "has", "had", "our", "its", "it's", "they", "them",
    "from", "very", "just", "more", "would", "could", "should", "what", "when", "there", "their", "been", "into", "also", "than", "then", "some", "much",
    "really", "about", "can't", "cannot", "dont", "don't", "will", "all", "out",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'')).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

pub fn sentiment(text: &str) -> Sentiment {
    let mut score = 0i32;
    let mut negate = false;
    for w in words(text) {
        let sign = if negate { -1 } else { 1 };
        if POSITIVE.contains(&w.as_str()) {
            score += sign;
        } else if NEGATIVE.contains(&w.as_str()) {
            score -= sign;
        }
        negate = matches!(w.as_str(), "not" | "no" | "never" | "isn't" | "wasn't" | "don't" | "didn't");
    }
    match score {
        s if s > 0 => Sentiment::Positive,
        s if s < 0 => Sentiment::Negative,
        _ => Sentiment::Neutral,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct CommentSummary {
    pub total: u64,
    pub positive: u64,
    pub neutral: u64,
    pub negative: u64,
    /// (theme word, comments mentioning it), most frequent first.
    pub themes: Vec<(String, u64)>,
}

pub fn summarize_comments(data: &SurveyData, top: usize) -> CommentSummary {
    let mut s = CommentSummary { total: 0, positive: 0, neutral: 0, negative: 0, themes: Vec::new() };
    let mut counts: HashMap<String, u64> = HashMap::new();
    for (_, text) in data.comments.iter() {
        s.total += 1;
        match sentiment(text) {
            Sentiment::Positive => s.positive += 1,
            Sentiment::Neutral => s.neutral += 1,
            Sentiment::Negative => s.negative += 1,
        }
        let mut seen: Vec<String> = words(text).filter(|w| w.chars().count() >= 4 && !STOP.contains(&w.as_str())).collect();
        seen.sort();
        seen.dedup();
        for w in seen {
            *counts.entry(w).or_default() += 1;
        }
    }
    let mut themes: Vec<(String, u64)> = counts.into_iter().filter(|(_, c)| *c >= 2).collect();
    themes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    themes.truncate(top);
    s.themes = themes;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sentiment_with_negation() {
        assert_eq!(sentiment("Great support, very helpful"), Sentiment::Positive);
        assert_eq!(sentiment("Export is slow and the app crashes"), Sentiment::Negative);
        assert_eq!(sentiment("not easy to find the billing page"), Sentiment::Negative);
        assert_eq!(sentiment("We use it daily"), Sentiment::Neutral);
    }
}
