//! What the comments panel says: pure functions over a [`CommentSummary`].

use northstar_metrics::comments::{CommentSummary, SentimentCounts, Theme};

/// "412 comments: 180 positive, 150 neutral, 70 negative, 12 not analysed (not English)".
pub fn sentiment_line(s: &CommentSummary, noun: &str) -> String {
    let c = &s.counts;
    let mut line = format!("{} {noun}: {} positive, {} neutral, {} negative", s.total, c.positive, c.neutral, c.negative);
    if c.not_analysed > 0 {
        line.push_str(&format!(", {} not analysed (not English)", c.not_analysed));
    }
    line
}

/// A row of the month table: the month and its counts as text.
pub fn period_cells(c: &SentimentCounts) -> [String; 4] {
    [c.positive.to_string(), c.neutral.to_string(), c.negative.to_string(), c.not_analysed.to_string()]
}

/// "billing page (12)".
pub fn theme_label(t: &Theme) -> String {
    format!("{} ({})", t.text, t.comments)
}

/// "5 positive, 1 neutral, 6 negative".
pub fn theme_title(t: &Theme) -> String {
    format!("{} positive, {} neutral, {} negative", t.counts.positive, t.counts.neutral, t.counts.negative)
}

/// "“billing page”: 12 comments" (with "the first 50 shown" when not all are).
pub fn shown_heading(t: &Theme, noun: &str) -> String {
    let head = format!("“{}”: {} {noun}", t.text, t.comments);
    if (t.shown.len() as u64) < t.comments {
        format!("{head}, the first {} shown", t.shown.len())
    } else {
        head
    }
}
