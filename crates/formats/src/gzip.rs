//! gzip (RFC 1952) as a push decoder: compressed chunks in, decompressed bytes out. The framing
//! (header, CRC-32 and length trailer, members one after another) is read here, the deflate data
//! by flate2's raw inflater on a pure-Rust backend (zlib-rs, which calamine's zip features
//! select, else miniz_oxide); memory is its 32 KiB window and at most one gzip header, whatever
//! the file's size.

use crate::FormatError;
use flate2::{Decompress, FlushDecompress, Status};

/// A gzip header's name or comment longer than this is taken as damage, not as a header.
const MAX_HEADER: usize = 64 * 1024;
/// Spare output room each inflate step is given.
const STEP: usize = 32 * 1024;

enum State {
    /// Collecting a member header (`header` holds its bytes so far).
    Header,
    /// Inflating a member's deflate data.
    Body,
    /// Collecting the 8-byte trailer (CRC-32, length mod 2^32).
    Trailer,
    /// Past the last member: only zero padding may follow (as gzip itself allows).
    Padding,
}

/// Decompresses a gzip file fed in chunks of any size. Every member of a multi-member file
/// (`cat a.gz b.gz > c.gz`) is decoded in turn, and each member's CRC-32 and length are checked.
///
/// Each `feed` appends to `out` exactly the bytes that `chunk` decompresses to, so the caller's
/// memory is bounded by its chunk size times the compression ratio, never by the file size.
pub struct Gunzip {
    state: State,
    inflater: Decompress,
    header: Vec<u8>,
    trailer: Vec<u8>,
    crc: crc32fast::Hasher,
    size: u32,
    members: u64,
    failed: Option<FormatError>,
}

impl Default for Gunzip {
    fn default() -> Self {
        Self::new()
    }
}

fn corrupt(reason: impl Into<String>) -> FormatError {
    FormatError::GzipCorrupt { reason: reason.into() }
}

/// The length of the complete header at the start of `h`, `Ok(None)` while more bytes are needed.
fn header_len(h: &[u8]) -> Result<Option<usize>, FormatError> {
    const FHCRC: u8 = 2;
    const FEXTRA: u8 = 4;
    const FNAME: u8 = 8;
    const FCOMMENT: u8 = 16;
    if h.first().is_some_and(|&b| b != 0x1F) || h.get(1).is_some_and(|&b| b != 0x8B) {
        return Err(corrupt("no gzip header where a member should start"));
    }
    if h.get(2).is_some_and(|&b| b != 8) {
        return Err(corrupt("unknown compression method"));
    }
    let Some(&flags) = h.get(3) else { return Ok(None) };
    if flags & 0xE0 != 0 {
        return Err(corrupt("reserved header flags set"));
    }
    let mut at = 10;
    if flags & FEXTRA != 0 {
        let Some(len) = h.get(at..at + 2) else { return Ok(None) };
        at += 2 + u16::from_le_bytes([len[0], len[1]]) as usize;
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let Some(end) = h.get(at..).and_then(|rest| rest.iter().position(|&b| b == 0)) else { return Ok(None) };
            at += end + 1;
        }
    }
    if flags & FHCRC != 0 {
        // The header's own check: the low 16 bits of the CRC-32 of the bytes before it (as GNU
        // gzip and flate2 verify it; found by fuzzing against flate2).
        let Some(stored) = h.get(at..at + 2) else { return Ok(None) };
        if u16::from_le_bytes([stored[0], stored[1]]) != crc32fast::hash(&h[..at]) as u16 {
            return Err(corrupt("the header's checksum does not match"));
        }
        at += 2;
    }
    Ok((h.len() >= at).then_some(at))
}

impl Gunzip {
    pub fn new() -> Gunzip {
        Gunzip {
            state: State::Header,
            inflater: Decompress::new(false),
            header: Vec::new(),
            trailer: Vec::new(),
            crc: crc32fast::Hasher::new(),
            size: 0,
            members: 0,
            failed: None,
        }
    }

    /// Decompresses `chunk` (the next bytes of the file) and appends the result to `out`. After
    /// an error every later call returns the same error.
    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<u8>) -> Result<(), FormatError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        self.step(chunk, out).inspect_err(|e| self.failed = Some(e.clone()))
    }

    /// Ends the file: checks that the last member was complete (`feed` has already appended
    /// every byte; `out` is there so a caller need not know that).
    pub fn finish(self, _out: &mut Vec<u8>) -> Result<(), FormatError> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        match self.state {
            State::Padding => Ok(()),
            State::Header if self.members > 0 && self.header.is_empty() => Ok(()),
            _ => Err(FormatError::GzipTruncated),
        }
    }

    fn step(&mut self, mut input: &[u8], out: &mut Vec<u8>) -> Result<(), FormatError> {
        while !input.is_empty() {
            match self.state {
                // Another member may follow the first; zero bytes there are padding to the end.
                State::Header if self.members > 0 && self.header.is_empty() && input[0] == 0 => self.state = State::Padding,
                State::Header => {
                    // Take bytes one header at a time: at most what the header still lacks.
                    let before = self.header.len();
                    self.header.extend_from_slice(&input[..input.len().min(MAX_HEADER + 16 - before)]);
                    match header_len(&self.header)? {
                        Some(len) => {
                            input = &input[len - before..];
                            self.header.clear();
                            self.inflater.reset(false);
                            self.crc = crc32fast::Hasher::new();
                            self.size = 0;
                            self.state = State::Body;
                        }
                        None if self.header.len() > MAX_HEADER => return Err(corrupt("a gzip header that does not end")),
                        None => input = &input[self.header.len() - before..],
                    }
                }
                State::Body => input = self.inflate(input, out)?,
                State::Trailer => {
                    let take = input.len().min(8 - self.trailer.len());
                    self.trailer.extend_from_slice(&input[..take]);
                    input = &input[take..];
                    if self.trailer.len() == 8 {
                        let t = &self.trailer;
                        let (crc, size) = (u32::from_le_bytes([t[0], t[1], t[2], t[3]]), u32::from_le_bytes([t[4], t[5], t[6], t[7]]));
                        let hasher = std::mem::replace(&mut self.crc, crc32fast::Hasher::new());
                        if crc != hasher.finalize() {
                            return Err(corrupt("checksum mismatch"));
                        }
                        if size != self.size {
                            return Err(corrupt("length mismatch"));
                        }
                        self.trailer.clear();
                        self.members += 1;
                        self.state = State::Header;
                    }
                }
                State::Padding => {
                    if input.iter().any(|&b| b != 0) {
                        return Err(corrupt("bytes after the end of the gzip data"));
                    }
                    input = &[];
                }
            }
        }
        Ok(())
    }

    /// Inflates as much of `input` as the member's deflate data takes; returns the rest.
    fn inflate<'a>(&mut self, mut input: &'a [u8], out: &mut Vec<u8>) -> Result<&'a [u8], FormatError> {
        loop {
            out.reserve(STEP);
            let (in_before, len_before) = (self.inflater.total_in(), out.len());
            let status = self
                .inflater
                .decompress_vec(input, out, FlushDecompress::None)
                .map_err(|e| corrupt(e.message().map_or("invalid deflate data".to_string(), |m| format!("invalid deflate data: {m}"))))?;
            let consumed = (self.inflater.total_in() - in_before) as usize;
            let produced = &out[len_before..];
            self.crc.update(produced);
            self.size = self.size.wrapping_add(produced.len() as u32);
            let progressed = consumed > 0 || !produced.is_empty();
            input = &input[consumed..];
            if status == Status::StreamEnd {
                self.state = State::Trailer;
                return Ok(input);
            }
            if !progressed {
                return Ok(input);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn gunzip_in_chunks(bytes: &[u8], chunk: usize) -> Result<Vec<u8>, FormatError> {
        let mut g = Gunzip::new();
        let mut out = Vec::new();
        for c in bytes.chunks(chunk) {
            g.feed(c, &mut out)?;
        }
        g.finish(&mut out)?;
        Ok(out)
    }

    fn csv(rows: usize) -> Vec<u8> {
        let mut s = String::from("ticket,created,agent\n");
        for i in 0..rows {
            s.push_str(&format!("{i},2024-01-{:02} 09:00,agent{}\n", i % 28 + 1, i % 7));
        }
        s.into_bytes()
    }

    #[test]
    fn one_byte_at_a_time_gives_the_original() {
        let data = csv(2_000);
        let packed = gzip(&data);
        assert!(packed.len() < data.len() / 3);
        assert_eq!(gunzip_in_chunks(&packed, 1).unwrap(), data);
        assert_eq!(gunzip_in_chunks(&packed, 7).unwrap(), data);
        assert_eq!(gunzip_in_chunks(&packed, 1 << 20).unwrap(), data);
    }

    #[test]
    fn members_are_decoded_in_turn_across_chunk_boundaries() {
        let (a, b, c) = (b"id,amount\n1,10\n".to_vec(), b"2,20\n".to_vec(), b"3,30\n".to_vec());
        let file = [gzip(&a), gzip(&b), gzip(&c)].concat();
        let want = [a.clone(), b, c].concat();
        // Chunk sizes that split members at every possible place, including exactly at a boundary.
        for chunk in [1, 2, 3, gzip(&a).len(), gzip(&a).len() + 1, file.len()] {
            assert_eq!(gunzip_in_chunks(&file, chunk).unwrap(), want, "chunk {chunk}");
        }
    }

    /// Found by fuzzing against flate2 (fuzz/fuzz_targets/gzip.rs): a member whose header says it
    /// carries a checksum (FHCRC) that does not match was read anyway.
    #[test]
    fn a_header_checksum_is_verified() {
        let first = gzip(b"a,b\n");
        let mut second = vec![0x1F, 0x8B, 8, 2, 0, 0, 0, 0, 0, 0xFF];
        let crc = crc32fast::hash(&second) as u16;
        second.extend(crc.to_le_bytes());
        second.extend(&gzip(b"1,2\n")[10..]);
        assert_eq!(gunzip_in_chunks(&[first.clone(), second.clone()].concat(), 3).unwrap(), b"a,b\n1,2\n");
        second[10] ^= 0x55;
        let err = gunzip_in_chunks(&[first, second].concat(), 3).unwrap_err();
        assert!(err.to_string().contains("checksum"), "{err}");
    }

    #[test]
    fn memory_does_not_grow_with_the_file() {
        let data = csv(100_000); // ~3 MB of text
        let packed = gzip(&data);
        let mut g = Gunzip::new();
        let (mut out, mut total, mut largest) = (Vec::new(), 0, 0);
        for c in packed.chunks(4096) {
            g.feed(c, &mut out).unwrap();
            total += out.len();
            largest = largest.max(out.capacity());
            out.clear();
        }
        g.finish(&mut out).unwrap();
        total += out.len();
        assert_eq!(total, data.len());
        assert!(largest < 1 << 20, "one 4 KiB chunk never needs {largest} bytes of output");
    }

    #[test]
    fn a_cut_file_is_truncated() {
        let packed = gzip(&csv(500));
        for cut in [1, 5, 10, packed.len() / 2, packed.len() - 4, packed.len() - 1] {
            assert_eq!(gunzip_in_chunks(&packed[..cut], 3), Err(FormatError::GzipTruncated), "cut at {cut}");
        }
        let two = [gzip(b"a\n"), gzip(b"b\n")].concat();
        assert_eq!(gunzip_in_chunks(&two[..two.len() - 2], 5), Err(FormatError::GzipTruncated), "second member cut");
    }

    #[test]
    fn damaged_bytes_are_corrupt_and_stay_so() {
        let mut packed = gzip(&csv(500));
        let n = packed.len();
        packed[n - 6] ^= 0xFF; // the CRC-32 of the data
        assert!(matches!(gunzip_in_chunks(&packed, 64), Err(FormatError::GzipCorrupt { .. })));
        let mut header = gzip(b"x\n");
        header[2] = 7; // compression method 7 does not exist
        assert!(matches!(gunzip_in_chunks(&header, 64), Err(FormatError::GzipCorrupt { .. })));
        let mut body = gzip(&csv(500));
        for b in &mut body[20..60] {
            *b = 0xFF;
        }
        let mut g = Gunzip::new();
        let mut out = Vec::new();
        let first = g.feed(&body, &mut out).unwrap_err();
        assert!(matches!(first, FormatError::GzipCorrupt { .. }), "{first:?}");
        assert_eq!(g.feed(b"more", &mut out).unwrap_err(), first);
        let message = first.to_string();
        assert!(message.starts_with("the gzip data is damaged (") && message.ends_with("); download or export the file again"), "{message}");
        let trailing = [gzip(b"a\n"), b"garbage".to_vec()].concat();
        assert!(matches!(gunzip_in_chunks(&trailing, 4), Err(FormatError::GzipCorrupt { .. })));
    }

    #[test]
    fn random_damage_is_an_error_not_a_panic() {
        let gz = gzip(&b"id,amount\n1,9.99\n2,3.50\n".repeat(200));
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut errors = 0;
        for round in 0..500usize {
            let mut b = gz.clone();
            for _ in 0..1 + next() % 8 {
                let i = next() as usize % b.len();
                b[i] = next() as u8;
            }
            if round.is_multiple_of(5) {
                b.truncate(next() as usize % b.len());
            }
            errors += gunzip_in_chunks(&b, 1 + round % 64).is_err() as usize;
        }
        // Only changes to the header's time stamp and OS bytes go unnoticed: the CRC-32 catches the rest.
        assert!(errors > 450, "{errors} of 500");
    }
}
