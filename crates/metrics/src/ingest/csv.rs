//! A streaming RFC 4180 reader: text goes in chunk by chunk, whole records come out.
//! Quoted fields may hold delimiters, doubled quotes and newlines. Lines are physical lines of the
//! file (1-based), so an issue can point at the line a record starts on. Malformed quoting is read
//! leniently and reported, never fatal.

/// One record; fields live in one buffer to avoid an allocation per cell.
#[derive(Debug, Default, Clone)]
pub struct Record {
    text: String,
    ends: Vec<usize>,
    /// Physical line (1-based) where the record starts.
    pub line: u64,
}

impl Record {
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }
    /// The cell, or "" when the record is short.
    pub fn cell(&self, i: usize) -> &str {
        self.get(i).unwrap_or("")
    }
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(move |i| self.cell(i))
    }
    fn is_blank(&self) -> bool {
        self.ends.len() == 1 && self.text.is_empty()
    }
    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }
    pub fn from_fields<S: AsRef<str>>(fields: &[S], line: u64) -> Record {
        let mut r = Record { line, ..Record::default() };
        for f in fields {
            r.text.push_str(f.as_ref());
            r.ends.push(r.text.len());
        }
        r
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: either an escaped quote or the closing one.
    QuoteInQuoted,
    /// After a closing quote, text that is not a delimiter or newline.
    AfterQuoteJunk,
}

/// A quoting problem found while reading, at a physical line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteProblem {
    pub line: u64,
    pub field: usize,
    pub reason: String,
}

pub struct CsvReader {
    delimiter: u8,
    /// Bytes that end an unquoted run: the delimiter, '\n' and '\r'.
    stops: [bool; 256],
    state: State,
    record: Record,
    line: u64,
    /// Last byte seen was '\r' (a following '\n' belongs to the same line break).
    after_cr: bool,
    /// A '\r' inside a quoted field, not yet known to start a "\r\n".
    quoted_cr: bool,
    quote_start_line: u64,
    pub problems: Vec<QuoteProblem>,
    pub blank_lines: u64,
}

impl CsvReader {
    pub fn new(delimiter: u8) -> CsvReader {
        let mut stops = [false; 256];
        for b in [delimiter, b'\n', b'\r'] {
            stops[b as usize] = true;
        }
        CsvReader {
            delimiter,
            stops,
            state: State::FieldStart,
            record: Record { line: 1, ..Record::default() },
            line: 1,
            after_cr: false,
            quoted_cr: false,
            quote_start_line: 0,
            problems: Vec::new(),
            blank_lines: 0,
        }
    }

    /// Lines started so far (the physical line the reader is on).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Feeds text; calls `emit` for every record completed by it.
    pub fn feed(&mut self, text: &str, emit: &mut dyn FnMut(&Record)) {
        let bytes = text.as_bytes();
        let d = self.delimiter;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if self.after_cr {
                self.after_cr = false;
                if b == b'\n' {
                    i += 1;
                    continue;
                }
            }
            match self.state {
                State::FieldStart | State::Unquoted => {
                    if self.state == State::FieldStart && b == b'"' {
                        self.state = State::Quoted;
                        self.quote_start_line = self.line;
                        i += 1;
                        continue;
                    }
                    // Copy the run of ordinary bytes at once.
                    let start = i;
                    let stops = &self.stops;
                    while i < bytes.len() && !stops[bytes[i] as usize] {
                        i += 1;
                    }
                    self.record.text.push_str(&text[start..i]);
                    self.state = State::Unquoted;
                    if i < bytes.len() {
                        self.terminator(bytes[i], emit);
                        i += 1;
                    }
                }
                State::Quoted => {
                    let start = i;
                    while i < bytes.len() && bytes[i] != b'"' {
                        let c = bytes[i];
                        if self.quoted_cr && c != b'\n' {
                            self.line += 1;
                        }
                        self.quoted_cr = c == b'\r';
                        if c == b'\n' {
                            self.line += 1;
                        }
                        i += 1;
                    }
                    if i < bytes.len() && self.quoted_cr {
                        self.line += 1;
                        self.quoted_cr = false;
                    }
                    self.record.text.push_str(&text[start..i]);
                    if i < bytes.len() {
                        self.state = State::QuoteInQuoted;
                        i += 1;
                    }
                }
                State::QuoteInQuoted => {
                    if b == b'"' {
                        self.record.text.push('"');
                        self.state = State::Quoted;
                        i += 1;
                    } else if b == d || b == b'\n' || b == b'\r' {
                        self.terminator(b, emit);
                        i += 1;
                    } else {
                        self.problems.push(QuoteProblem {
                            line: self.line,
                            field: self.record.ends.len(),
                            reason: "text after a closing quote".into(),
                        });
                        self.state = State::AfterQuoteJunk;
                    }
                }
                State::AfterQuoteJunk => {
                    if b == d || b == b'\n' || b == b'\r' {
                        self.terminator(b, emit);
                    } else {
                        let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
                        self.record.text.push_str(&text[i..i + ch_len]);
                        i += ch_len;
                        continue;
                    }
                    i += 1;
                }
            }
        }
    }

    fn terminator(&mut self, b: u8, emit: &mut dyn FnMut(&Record)) {
        self.record.ends.push(self.record.text.len());
        self.state = State::FieldStart;
        if b == self.delimiter {
            return;
        }
        // End of line.
        if b == b'\r' {
            self.after_cr = true;
        }
        self.line += 1;
        if self.record.is_blank() {
            self.blank_lines += 1;
        } else {
            emit(&self.record);
        }
        self.record.clear();
        self.record.line = self.line;
    }

    /// Ends the input: emits a last record without a trailing newline.
    pub fn finish(&mut self, emit: &mut dyn FnMut(&Record)) {
        match self.state {
            State::Quoted => self.problems.push(QuoteProblem {
                line: self.quote_start_line,
                field: self.record.ends.len(),
                reason: "quoted field is never closed".into(),
            }),
            State::FieldStart if self.record.ends.is_empty() => return,
            _ => {}
        }
        self.record.ends.push(self.record.text.len());
        if !self.record.is_blank() {
            emit(&self.record);
        }
        self.record.clear();
        self.state = State::FieldStart;
    }
}

/// Reads all records of a text (a convenience for tests and small inputs).
pub fn read_all(text: &str, delimiter: u8) -> (Vec<Record>, Vec<QuoteProblem>) {
    let mut reader = CsvReader::new(delimiter);
    let mut out = Vec::new();
    reader.feed(text, &mut |r| out.push(r.clone()));
    reader.finish(&mut |r| out.push(r.clone()));
    (out, reader.problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, d: u8) -> Vec<(u64, Vec<String>)> {
        read_all(text, d).0.into_iter().map(|r| (r.line, r.fields().map(String::from).collect())).collect()
    }

    #[test]
    fn reads_rfc4180_quoting_with_embedded_newlines() {
        let text = "a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n2,\"multi\nline\",\r\n\r\n4,,\"\"\n5";
        let got = rows(text, b',');
        assert_eq!(got[0], (1, vec!["a".into(), "b".into(), "c".into()]));
        assert_eq!(got[1], (2, vec!["1".into(), "x, \"y\"".into(), "3".into()]));
        assert_eq!(got[2], (3, vec!["2".into(), "multi\nline".into(), "".into()]));
        assert_eq!(got[3], (6, vec!["4".into(), "".into(), "".into()]));
        assert_eq!(got[4], (7, vec!["5".into()]));
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn chunking_never_changes_the_records() {
        let text = "h1;h2\n\"a;\"\"b\"\"\r\nc\";é☕\r\n\"q\"x;2\n";
        let whole = read_all(text, b';');
        for size in 1..8 {
            let mut reader = CsvReader::new(b';');
            let mut out = Vec::new();
            let chars: Vec<char> = text.chars().collect();
            for chunk in chars.chunks(size) {
                let s: String = chunk.iter().collect();
                reader.feed(&s, &mut |r| out.push(r.clone()));
            }
            reader.finish(&mut |r| out.push(r.clone()));
            let a: Vec<Vec<&str>> = out.iter().map(|r| r.fields().collect()).collect();
            let b: Vec<Vec<&str>> = whole.0.iter().map(|r| r.fields().collect()).collect();
            assert_eq!(a, b, "chunk size {size}");
            assert_eq!(out.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1, 2, 4]);
        }
        assert_eq!(whole.1, vec![QuoteProblem { line: 4, field: 0, reason: "text after a closing quote".into() }]);
        assert_eq!(whole.0[2].cell(0), "qx");
    }

    #[test]
    fn reports_an_unclosed_quote() {
        let (records, problems) = read_all("a\n\"open\nstill", b',');
        assert_eq!(records.len(), 2);
        assert_eq!(problems[0].line, 2);
        assert_eq!(problems[0].reason, "quoted field is never closed");
    }
}
