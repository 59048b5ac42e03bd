//! The ticket subjects' sentiment and themes, by [`crate::comments`]: each subject with its file
//! line and the month its ticket was created.

use super::data::TicketData;
use crate::comments::{summarize, Comment, CommentSummary};

/// The subjects' sentiment, per month of creation and overall, and the `top` themes; `None`
/// when the file has no subject column or no subject.
pub fn summarize_subjects(data: &TicketData, top: usize) -> Option<CommentSummary> {
    if data.subjects.is_empty() {
        return None;
    }
    let day = |t: u32| ((t as usize) < data.tickets.len()).then(|| data.tickets.created(t as usize).day());
    Some(summarize(data.subjects.iter().map(|(t, line, text)| Comment { line, day: day(t), text }), top))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comments::SentimentCounts;
    use crate::ingest::sniff;
    use crate::source::Source;
    use crate::tickets::{TicketIngest, Tickets};

    fn read(csv: &str) -> TicketData {
        let s = sniff(csv.as_bytes());
        Tickets::read("t.csv", csv.as_bytes(), &s, &Tickets::infer(&s), &TicketIngest::default()).unwrap()
    }

    #[test]
    fn subjects_are_read_with_their_line_and_the_month_of_their_ticket() {
        // Day/month-ambiguous dates settled at the end: 13/02 makes the order day first, so the
        // row of 31/02 is impossible and dropped (its subject with it); the others keep theirs.
        let data = read(
            "ID,Betreff,Erstellt am\n\
             1,Export fails,01/02/2024\n\
             2,Great support,13/02/2024\n\
             3,Export fails again,31/02/2024\n\
             4,,05/03/2024\n\
             5,Export fails on login,05/03/2024\n",
        );
        assert_eq!(data.tickets.len(), 4);
        let s = summarize_subjects(&data, 5).unwrap();
        assert_eq!(s.total, 3);
        let periods: Vec<(&str, u64)> = s.periods.iter().map(|p| (p.period.as_str(), p.counts.total())).collect();
        assert_eq!(periods, [("2024-02", 2), ("2024-03", 1)]);
        // "fails" is −1.8 in the lexicon ("fail" −2.5 is another entry), "great" 3.1, "support" 1.7.
        assert_eq!(s.counts, SentimentCounts { positive: 1, negative: 2, ..Default::default() });
        let lines: Vec<u64> = s.themes.iter().find(|t| t.text == "export fails").unwrap().shown.iter().map(|c| c.line).collect();
        assert_eq!(lines, [2, 6]);
        assert!(summarize_subjects(&read("ID,Created at\n1,2024-01-01\n"), 5).is_none());
    }
}
