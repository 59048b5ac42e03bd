//! Streaming CSV ingest: bytes in, chunk by chunk; decoded, tokenized records out, each with its
//! physical line. Sniffing ([`sniff`]) reads the file start once to fix the encoding, delimiter and
//! header rows; [`RecordStream`] then reads the whole file with them.

pub mod csv;
pub mod dates;
pub mod decode;
pub mod headers;
pub mod sniff;
pub mod values;

pub use csv::{CsvReader, Record};
pub use decode::Decoder;
pub use sniff::{sniff, ColumnHeader, HeaderShape, Sniff};

use crate::issue::Issue;

/// A cell without surrounding whitespace, as `str::trim`, quick when there is none to remove (a
/// visible ASCII character at each end, the usual case).
pub fn trim_cell(cell: &str) -> &str {
    let visible = |b: u8| b > b' ' && b < 0x7f;
    match cell.as_bytes() {
        [] => cell,
        [first, .., last] if visible(*first) && visible(*last) => cell,
        [only] if visible(*only) => cell,
        _ => cell.trim(),
    }
}

/// Decode + tokenize, skipping the header rows. Feed bytes; get data records.
pub struct RecordStream {
    file: String,
    decoder: Decoder,
    reader: CsvReader,
    header_rows: usize,
    seen_rows: usize,
    text: String,
    pub bytes_read: u64,
    /// Data records handed on so far (header rows excluded).
    pub rows: u64,
}

impl RecordStream {
    pub fn new(file: &str, sniffed: &Sniff) -> RecordStream {
        RecordStream {
            file: file.to_string(),
            decoder: Decoder::new(),
            reader: CsvReader::new(sniffed.delimiter),
            header_rows: sniffed.header_rows,
            seen_rows: 0,
            text: String::new(),
            bytes_read: 0,
            rows: 0,
        }
    }

    pub fn feed(&mut self, chunk: &[u8], emit: &mut dyn FnMut(&Record)) {
        self.bytes_read += chunk.len() as u64;
        self.text.clear();
        let text = match self.decoder.borrow(chunk) {
            Some(text) => text,
            None => {
                self.decoder.decode(chunk, &mut self.text);
                &self.text
            }
        };
        let (header_rows, seen, rows) = (self.header_rows, &mut self.seen_rows, &mut self.rows);
        self.reader.feed(text, &mut |r| {
            if *seen < header_rows {
                *seen += 1;
            } else {
                *rows += 1;
                emit(r)
            }
        });
    }

    /// Ends the input; returns the reading problems found (quoting, encoding).
    pub fn finish(&mut self, emit: &mut dyn FnMut(&Record)) -> Vec<Issue> {
        self.text.clear();
        self.decoder.finish(&mut self.text);
        let (header_rows, seen, rows) = (self.header_rows, &mut self.seen_rows, &mut self.rows);
        let mut forward = |r: &Record| {
            if *seen < header_rows {
                *seen += 1;
            } else {
                *rows += 1;
                emit(r)
            }
        };
        self.reader.feed(&self.text, &mut forward);
        self.reader.finish(&mut forward);
        self.reader
            .problems
            .iter()
            .map(|p| Issue {
                file: self.file.clone(),
                line: Some(p.line),
                column: Some(format!("field {}", p.field + 1)),
                reason: p.reason.clone(),
                ..Default::default()
            })
            .collect()
    }

    pub fn encoding(&self) -> &'static str {
        self.decoder.label()
    }
}

impl RecordStream {
    /// An empty stream, used while a stream is temporarily moved out of its owner.
    pub fn placeholder() -> RecordStream {
        RecordStream {
            file: String::new(),
            decoder: Decoder::new(),
            reader: CsvReader::new(b','),
            header_rows: 0,
            seen_rows: 0,
            text: String::new(),
            bytes_read: 0,
            rows: 0,
        }
    }
}
