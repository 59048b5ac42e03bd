//! The survey comments' sentiment and themes (spec §3), by [`crate::comments`]: each comment
//! with its file line and the date of its answer.

use super::data::SurveyData;
use crate::comments::{summarize, Comment};
pub use crate::comments::{CommentSummary, Sentiment};

/// The comments' sentiment, per month and overall, and the `top` themes.
pub fn summarize_comments(data: &SurveyData, top: usize) -> CommentSummary {
    let day = |row: u32| data.days.get(row as usize).copied().filter(|&d| d != i32::MIN);
    summarize(data.comments.iter().map(|(row, line, text)| Comment { line, day: day(row), text }), top)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comments::SentimentCounts;
    use crate::ingest::sniff;
    use crate::source::Source;
    use crate::surveys::Surveys;
    use std::collections::HashMap;

    fn read(csv: &str) -> SurveyData {
        let s = sniff(csv.as_bytes());
        Surveys::read("t.csv", csv.as_bytes(), &s, &Surveys::infer(&s), &Default::default()).unwrap()
    }

    #[test]
    fn comments_carry_their_line_and_the_month_of_their_answer() {
        // Line 3 has no comment; line 5 is German; line 6's date cannot be read (row skipped).
        let data = read(
            "Date,Score,Comment\n\
             2024-01-05,9,Great support\n\
             2024-01-09,7,\n\
             2024-02-01,3,\"not easy to find the billing page, slow\"\n\
             2024-02-03,2,Die Seite ist langsam\n\
             nope,4,Great support again\n",
        );
        let s = summarize_comments(&data, 5);
        assert_eq!((s.total, s.undated), (3, 0));
        let periods: Vec<(&str, SentimentCounts)> = s.periods.iter().map(|p| (p.period.as_str(), p.counts)).collect();
        assert_eq!(
            periods,
            [
                ("2024-01", SentimentCounts { positive: 1, ..Default::default() }),
                ("2024-02", SentimentCounts { negative: 1, not_analysed: 1, ..Default::default() })
            ]
        );
        assert!(s.themes.is_empty(), "no word in two analysed comments: {:?}", s.themes);
        let data = read("Score,Comment\n9,Great support\n8,support is fast\n");
        let s = summarize_comments(&data, 5);
        assert_eq!((s.undated, s.themes[0].text.as_str()), (2, "support"));
        let lines: Vec<u64> = s.themes[0].shown.iter().map(|c| c.line).collect();
        assert_eq!(lines, [2, 3]);
    }

    #[test]
    fn the_demo_comments_read_as_the_reference_vader_reads_them() {
        // Each demo comment's sentiment from vader-parity (Python's vaderSentiment 3.3.2), counted
        // over the demo file read with a plain split of its lines.
        let csv = crate::surveys::demo::demo_surveys_csv();
        let vader = vader_parity::SentimentIntensityAnalyzer::new();
        let mut expected = SentimentCounts::default();
        let mut per_month: HashMap<String, u64> = HashMap::new();
        for line in csv.lines().skip(1) {
            let (head, comment) = match line.split_once('"') {
                Some((head, quoted)) => (head, quoted.trim_end_matches('"')),
                None => line.rsplit_once(',').unwrap(),
            };
            if comment.is_empty() {
                continue;
            }
            *per_month.entry(head[..7].to_string()).or_default() += 1;
            let c = vader.polarity_scores(comment).compound;
            if c >= 0.05 {
                expected.positive += 1;
            } else if c <= -0.05 {
                expected.negative += 1;
            } else {
                expected.neutral += 1;
            }
        }
        let s = summarize_comments(&read(&csv), 20);
        assert_eq!(s.counts, expected);
        assert_eq!(s.total, expected.total());
        assert_eq!(s.periods.len(), 18);
        for p in &s.periods {
            assert_eq!(p.counts.total(), per_month[&p.period], "{}", p.period);
        }
        // Every demo comment is English.
        assert_eq!(s.counts.not_analysed, 0);
    }
}
