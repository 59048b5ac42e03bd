//! A streaming RFC 4180 reader: text goes in chunk by chunk, whole records come out.
//! Quoted fields may hold delimiters, doubled quotes and newlines. Lines are physical lines of the
//! file (1-based), so an issue can point at the line a record starts on. Malformed quoting is read
//! leniently and reported, never fatal.

/// One record; fields live in one buffer to avoid an allocation per cell, each followed by one
/// separator byte (so a line without quotes is copied whole).
#[derive(Debug, Default, Clone)]
pub struct Record {
    text: String,
    /// Where each field ends; the next starts one byte later.
    ends: Vec<usize>,
    /// Physical line (1-based) where the record starts.
    pub line: u64,
    /// A field of it was quoted: a line of only `""` is a record of one empty field, not a blank
    /// line (as RFC 4180 and the `csv` crate read it).
    quoted: bool,
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
        let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
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
        self.ends.len() == 1 && self.text.is_empty() && !self.quoted
    }
    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.quoted = false;
    }
    pub fn from_fields<S: AsRef<str>>(fields: &[S], line: u64) -> Record {
        let mut r = Record { line, ..Record::default() };
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                r.text.push(',');
            }
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
            if self.state == State::FieldStart && self.record.ends.is_empty() {
                if let Some(next) = self.plain_line(text, i, emit) {
                    i = next;
                    continue;
                }
            }
            match self.state {
                State::FieldStart | State::Unquoted => {
                    if self.state == State::FieldStart && b == b'"' {
                        self.state = State::Quoted;
                        self.record.quoted = true;
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
                        self.problems.push(QuoteProblem { line: self.line, field: self.record.ends.len(), reason: "text after a closing quote".into() });
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

    /// The fast path for the common line: a whole line without quotes, in this chunk, read in
    /// one copy (eight bytes per step in search of the delimiter, a quote or a line break).
    /// Returns where the next line starts, or none to let the state machine read this line.
    fn plain_line(&mut self, text: &str, start: usize, emit: &mut dyn FnMut(&Record)) -> Option<usize> {
        let bytes = text.as_bytes();
        let d = self.delimiter;
        let mut i = start;
        while i < bytes.len() {
            // Every special byte of the next sixteen (or of the tail), in order: one bit each.
            let (mut mask, step) = match bytes.get(i..i + 16).and_then(|w| <&[u8; 16]>::try_from(w).ok()) {
                Some(w) => (special_bits(w, d), 16),
                None => {
                    let tail = &bytes[i..];
                    let mask = tail.iter().enumerate().filter(|(_, &b)| b == d || b == b'"' || b == b'\n' || b == b'\r').fold(0u32, |m, (k, _)| m | 1 << k);
                    (mask, tail.len())
                }
            };
            while mask != 0 {
                let found = i + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                match bytes[found] {
                    b if b == d => self.record.ends.push(found - start),
                    b'"' => {
                        self.record.ends.clear();
                        return None;
                    }
                    b => {
                        self.record.text.push_str(&text[start..found]);
                        self.terminator(b, emit);
                        return Some(found + 1);
                    }
                }
            }
            i += step;
        }
        // A quote, or a line the chunk does not finish: the state machine reads it.
        self.record.ends.clear();
        None
    }

    fn terminator(&mut self, b: u8, emit: &mut dyn FnMut(&Record)) {
        self.record.ends.push(self.record.text.len());
        self.state = State::FieldStart;
        if b == self.delimiter {
            self.record.text.push(',');
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
            State::Quoted => {
                self.problems.push(QuoteProblem { line: self.quote_start_line, field: self.record.ends.len(), reason: "quoted field is never closed".into() })
            }
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

/// One bit per byte of `w` (bit k for byte k) that is the delimiter, a quote or a line break.
/// With 128-bit vectors (wasm SIMD128 when the build enables it, SSE2 on x86-64): four compares
/// of all sixteen bytes at once. Measured in Chromium on 1M tickets (BENCHMARKS.md): the worker's
/// read with SIMD128 against the eight-byte SWAR below.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn special_bits(w: &[u8; 16], delimiter: u8) -> u32 {
    use core::arch::wasm32::{i8x16_bitmask, i8x16_eq, u64x2, u8x16_splat, v128_or};
    let (lo, hi) = words(w);
    let v = u64x2(lo, hi);
    let eq = |b: u8| i8x16_eq(v, u8x16_splat(b));
    i8x16_bitmask(v128_or(v128_or(eq(delimiter), eq(b'"')), v128_or(eq(b'\n'), eq(b'\r')))) as u32
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn special_bits(w: &[u8; 16], delimiter: u8) -> u32 {
    use core::arch::x86_64::{_mm_cmpeq_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x};
    let (lo, hi) = words(w);
    // SAFETY: these intrinsics only need SSE2, which every x86-64 processor has (it is in the
    // target's baseline features); none of them touches memory.
    unsafe {
        let v = _mm_set_epi64x(hi as i64, lo as i64);
        let eq = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(eq(delimiter), eq(b'"')), _mm_or_si128(eq(b'\n'), eq(b'\r')))) as u32
    }
}

/// Without vectors: two eight-byte words, each compared as a whole (SWAR).
#[cfg(not(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128"))))]
#[inline(always)]
fn special_bits(w: &[u8; 16], delimiter: u8) -> u32 {
    let (lo, hi) = words(w);
    bits_of(special_bytes(lo, delimiter)) | bits_of(special_bytes(hi, delimiter)) << 8
}

/// The sixteen bytes as two little-endian words.
#[inline(always)]
fn words(w: &[u8; 16]) -> (u64, u64) {
    let (lo, hi) = w.split_at(8);
    let word = |b: &[u8]| b.try_into().map_or(0, u64::from_le_bytes);
    (word(lo), word(hi))
}

/// A mask with the high bit set in exactly the bytes of `word` (little-endian order) that are the
/// delimiter, a quote or a line break.
#[cfg_attr(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128")), allow(dead_code))]
fn special_bytes(word: u64, delimiter: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // High bit of each byte that is zero, with no false positives from borrows.
    let zero_byte = |x: u64| !(((x & LOW7) + LOW7) | x | LOW7);
    let equal = |b: u8| zero_byte(word ^ (ONES * b as u64));
    equal(delimiter) | equal(b'"') | equal(b'\n') | equal(b'\r')
}

/// The high bits of a word's eight bytes, packed into bit k for byte k.
#[cfg_attr(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128")), allow(dead_code))]
fn bits_of(high_bits: u64) -> u32 {
    ((high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
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

    #[test]
    fn special_bits_find_every_delimiter_quote_and_line_break_with_vectors_and_without() {
        let mut x: u64 = 11;
        for _ in 0..20_000 {
            let mut w = [0u8; 16];
            for b in w.iter_mut() {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                *b = [b',', b';', b'"', b'\n', b'\r', b'a', 0, 0xff, 0x80, b'\t'][(x >> 40) as usize % 10];
            }
            for d in [b',', b';', b'\t'] {
                let expected = w.iter().enumerate().filter(|(_, &b)| b == d || b == b'"' || b == b'\n' || b == b'\r').fold(0u32, |m, (k, _)| m | 1 << k);
                assert_eq!(special_bits(&w, d), expected, "{w:?}");
                let (lo, hi) = words(&w);
                assert_eq!(bits_of(special_bytes(lo, d)) | bits_of(special_bytes(hi, d)) << 8, expected, "{w:?}");
            }
        }
    }

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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Any table written the RFC 4180 way (quoted only where needed, LF or CRLF) reads back
        /// field for field at any chunking: the whole-line fast path and the state machine agree.
        #[test]
        fn written_tables_read_back_at_any_chunking(
            rows in proptest::collection::vec(proptest::collection::vec("[a-z;é ]{0,10}|[a-z ]{0,10}|[0-9]{0,8}|[a-z,\"\r\n]{0,6}", 1..6), 1..12),
            crlf: bool,
            chunk in 1usize..40,
        ) {
            let rows: Vec<Vec<String>> = rows.into_iter().filter(|r| !(r.len() == 1 && r[0].is_empty())).collect();
            let quote = |f: &String| if f.contains([',', '"', '\r', '\n']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.clone() };
            let eol = if crlf { "\r\n" } else { "\n" };
            let text: String = rows.iter().map(|r| r.iter().map(quote).collect::<Vec<_>>().join(",") + eol).collect();
            let mut reader = CsvReader::new(b',');
            let mut got: Vec<Vec<String>> = Vec::new();
            let chars: Vec<char> = text.chars().collect();
            for piece in chars.chunks(chunk) {
                reader.feed(&piece.iter().collect::<String>(), &mut |r| got.push(r.fields().map(String::from).collect()));
            }
            reader.finish(&mut |r| got.push(r.fields().map(String::from).collect()));
            proptest::prop_assert_eq!(got, rows);
            proptest::prop_assert!(reader.problems.is_empty());
        }
    }

    #[test]
    fn trims_cells_like_str_trim() {
        for cell in ["", " ", "a", " a", "a ", "\tab\r", "é", " é", "x\u{a0}", "\u{3000}y", "a b"] {
            assert_eq!(crate::ingest::trim_cell(cell), cell.trim(), "{cell:?}");
        }
    }

    #[test]
    fn reports_an_unclosed_quote() {
        let (records, problems) = read_all("a\n\"open\nstill", b',');
        assert_eq!(records.len(), 2);
        assert_eq!(problems[0].line, 2);
        assert_eq!(problems[0].reason, "quoted field is never closed");
    }
}
