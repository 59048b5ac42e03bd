//! What a column's values are, read from the sniffed preview rows: e-mail addresses, dates, numbers,
//! names, repeated ids or one value per row. Mapping inference uses it where a header alone cannot
//! tell (which of several key columns names the person), and explanations say it.

use super::Sniff;
use crate::identity::normalise_email;
use std::collections::HashSet;

/// Counts over one column's non-blank preview values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Values {
    pub filled: usize,
    pub distinct: usize,
    pub emails: usize,
    /// Values of two or more words of letters without a digit or `@` ("Ann Lee"): names.
    pub names: usize,
    pub numbers: usize,
}

/// What a column holds, as far as a person key is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyKind {
    /// Nothing in the preview.
    Blank,
    /// People's or companies' names: not a key.
    Names,
    /// A different value on every row: a record's id (a response, a message), not a person's.
    PerRow,
    /// Ids that repeat across rows, or that cannot be told apart from them.
    Ids,
    /// E-mail addresses.
    Emails,
}

impl Values {
    /// The counts of column `col` of the preview.
    pub fn of(sniff: &Sniff, col: usize) -> Values {
        let mut v = Values::default();
        let mut seen: HashSet<&str> = HashSet::new();
        for r in &sniff.preview {
            let cell = r.cell(col).trim();
            if cell.is_empty() {
                continue;
            }
            v.filled += 1;
            if seen.insert(cell) {
                v.distinct += 1;
            }
            if normalise_email(cell).is_some() {
                v.emails += 1;
            } else if cell.split_whitespace().count() >= 2 && !cell.chars().any(|c| c.is_ascii_digit() || c == '@') {
                v.names += 1;
            }
            if crate::parse::parse_number(cell, sniff.number_style).is_ok() {
                v.numbers += 1;
            }
        }
        v
    }

    /// A different value on every one of at least five rows.
    pub fn one_per_row(&self) -> bool {
        self.filled >= 5 && self.distinct == self.filled
    }

    /// What the column holds, as a person key.
    pub fn key_kind(&self) -> KeyKind {
        if self.filled == 0 {
            KeyKind::Blank
        } else if self.emails * 2 > self.filled {
            KeyKind::Emails
        } else if self.names * 2 > self.filled {
            KeyKind::Names
        } else if self.one_per_row() {
            KeyKind::PerRow
        } else {
            KeyKind::Ids
        }
    }

    /// The values in words, for an explanation: "e-mail addresses", "a different value on every
    /// row".
    pub fn describe(&self) -> &'static str {
        match self.key_kind() {
            KeyKind::Blank => "blank in the first rows",
            KeyKind::Names => "names, not ids",
            KeyKind::PerRow => "a different value on every row (a record's id)",
            KeyKind::Ids => "ids that repeat across rows",
            KeyKind::Emails => "e-mail addresses",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(csv: &str) -> Vec<KeyKind> {
        let s = crate::ingest::sniff(csv.as_bytes());
        (0..s.columns.len()).map(|i| Values::of(&s, i).key_kind()).collect()
    }

    #[test]
    fn tells_emails_names_record_ids_and_repeated_ids_apart() {
        let csv = "Respondent ID,Email Address,Name,Customer,Empty\n1001,ann@acme.com,Ann Lee,c1,\n1002,BOB@acme.com,Bob Ray,c2,\n1003, ann@acme.com ,Ann Lee,c1,\n1004,cy@beta.io,Cy Young,c3,\n1005,di@beta.io,Di Ma,c1,\n";
        assert_eq!(kinds(csv), [KeyKind::PerRow, KeyKind::Emails, KeyKind::Names, KeyKind::Ids, KeyKind::Blank]);
    }
}
