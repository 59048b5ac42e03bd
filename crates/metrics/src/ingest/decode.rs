//! Byte → text decoding, chunk by chunk: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, and a
//! Windows-1252 fallback for every byte sequence that is not valid UTF-8 (so a cp1252 export from
//! Excel reads correctly, and one stray byte in a UTF-8 file costs one character, not the file).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

#[derive(Debug, Default)]
pub struct Decoder {
    encoding: Option<Encoding>,
    carry: Vec<u8>,
    /// Bytes that were not valid UTF-8 and were read as Windows-1252.
    pub fallback_bytes: u64,
}

/// Windows-1252 0x80..=0x9F; the rest of 0xA0..=0xFF is Latin-1.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š',
    '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

pub fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    pub fn encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    /// A human label for the detected encoding.
    pub fn label(&self) -> &'static str {
        match (self.encoding, self.fallback_bytes > 0) {
            (Some(Encoding::Utf16Le), _) => "utf-16le",
            (Some(Encoding::Utf16Be), _) => "utf-16be",
            (_, true) => "windows-1252",
            (Some(Encoding::Utf8Bom), false) => "utf-8 (bom)",
            _ => "utf-8",
        }
    }

    /// Appends the text of `chunk` to `out`. Incomplete sequences at the end wait for the next chunk.
    pub fn decode(&mut self, chunk: &[u8], out: &mut String) {
        if self.carry.is_empty() {
            self.decode_bytes(chunk, out, false)
        } else {
            let mut joined = std::mem::take(&mut self.carry);
            joined.extend_from_slice(chunk);
            self.decode_bytes(&joined, out, false)
        }
    }

    /// The text of `chunk` without a copy, when it needs no decoding: the encoding is known to be
    /// UTF-8, nothing is carried over, and the chunk is valid UTF-8 (an incomplete last character
    /// is carried to the next chunk). Otherwise none, and [`Decoder::decode`] is the way.
    pub fn borrow<'a>(&mut self, chunk: &'a [u8]) -> Option<&'a str> {
        if !matches!(self.encoding, Some(Encoding::Utf8 | Encoding::Utf8Bom)) || !self.carry.is_empty() {
            return None;
        }
        match std::str::from_utf8(chunk) {
            Ok(text) => Some(text),
            Err(e) if e.error_len().is_none() => {
                let (valid, rest) = chunk.split_at(e.valid_up_to());
                self.carry = rest.to_vec();
                std::str::from_utf8(valid).ok()
            }
            Err(_) => None,
        }
    }

    /// Flushes what is left at the end of the input.
    pub fn finish(&mut self, out: &mut String) {
        let rest = std::mem::take(&mut self.carry);
        self.decode_bytes(&rest, out, true)
    }

    fn detect(&mut self, bytes: &mut &[u8]) {
        let enc = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            *bytes = &bytes[3..];
            Encoding::Utf8Bom
        } else if bytes.starts_with(&[0xFF, 0xFE]) {
            *bytes = &bytes[2..];
            Encoding::Utf16Le
        } else if bytes.starts_with(&[0xFE, 0xFF]) {
            *bytes = &bytes[2..];
            Encoding::Utf16Be
        } else {
            utf16_without_bom(bytes).unwrap_or(Encoding::Utf8)
        };
        self.encoding = Some(enc);
    }

    fn decode_bytes(&mut self, bytes: &[u8], out: &mut String, last: bool) {
        if self.encoding.is_none() {
            let mut b = bytes;
            if b.len() < DETECT_BYTES && !last {
                self.carry = b.to_vec();
                return;
            }
            self.detect(&mut b);
            return self.decode_bytes(b, out, last);
        }
        match self.encoding {
            Some(Encoding::Utf16Le) | Some(Encoding::Utf16Be) => self.decode_utf16(bytes, out, last),
            _ => self.decode_utf8(bytes, out, last),
        }
    }

    fn decode_utf8(&mut self, mut bytes: &[u8], out: &mut String, last: bool) {
        loop {
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    out.push_str(s);
                    return;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    // SAFETY-free: from_utf8 validated this prefix.
                    out.push_str(std::str::from_utf8(&bytes[..valid]).unwrap_or_default());
                    match e.error_len() {
                        Some(n) => {
                            for &b in &bytes[valid..valid + n] {
                                out.push(cp1252_char(b));
                            }
                            self.fallback_bytes += n as u64;
                            bytes = &bytes[valid + n..];
                        }
                        None if last => {
                            for &b in &bytes[valid..] {
                                out.push(cp1252_char(b));
                            }
                            self.fallback_bytes += (bytes.len() - valid) as u64;
                            return;
                        }
                        None => {
                            self.carry = bytes[valid..].to_vec();
                            return;
                        }
                    }
                }
            }
        }
    }

    fn decode_utf16(&mut self, bytes: &[u8], out: &mut String, last: bool) {
        let even = bytes.len() / 2 * 2;
        let le = self.encoding == Some(Encoding::Utf16Le);
        let units = bytes[..even].chunks_exact(2).map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) });
        let mut pending_high: Option<u16> = None;
        let mut consumed_units = 0usize;
        for (i, u) in units.enumerate() {
            if let Some(h) = pending_high.take() {
                if (0xDC00..0xE000).contains(&u) {
                    let c = 0x10000 + (((h as u32) - 0xD800) << 10) + (u as u32 - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                    consumed_units = i + 1;
                    continue;
                }
                out.push('\u{fffd}');
            }
            if (0xD800..0xDC00).contains(&u) {
                pending_high = Some(u);
                consumed_units = i;
                continue;
            }
            out.push(char::from_u32(u as u32).unwrap_or('\u{fffd}'));
            consumed_units = i + 1;
        }
        let rest = &bytes[consumed_units * 2..];
        if last {
            if !rest.is_empty() {
                out.push('\u{fffd}');
            }
        } else {
            self.carry = rest.to_vec();
        }
    }
}

/// The bytes the encoding is decided on (fewer only when the file is shorter).
const DETECT_BYTES: usize = 64;

/// UTF-16 without a byte-order mark (some tools' "Unicode text"): in the first 64 bytes, nine
/// pairs in ten are an ASCII byte and a NUL, in one order (headers are ASCII in practice).
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let pairs: Vec<[u8; 2]> = bytes[..bytes.len().min(DETECT_BYTES)].chunks_exact(2).map(|p| [p[0], p[1]]).collect();
    let most = |f: fn(&[u8; 2]) -> bool| pairs.iter().filter(|p| f(p)).count() * 10 >= pairs.len() * 9;
    if pairs.len() < 4 {
        None
    } else if most(|p| p[0] != 0 && p[0] < 0x80 && p[1] == 0) {
        Some(Encoding::Utf16Le)
    } else if most(|p| p[0] == 0 && p[1] != 0 && p[1] < 0x80) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Decodes a whole byte buffer at once.
pub fn decode_all(bytes: &[u8]) -> (String, Decoder) {
    let mut d = Decoder::new();
    let mut out = String::with_capacity(bytes.len());
    d.decode(bytes, &mut out);
    d.finish(&mut out);
    (out, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes chunk by chunk, borrowing a chunk's text where it can (as the record stream does).
    fn chunked(bytes: &[u8], size: usize) -> String {
        let mut d = Decoder::new();
        let mut out = String::new();
        for c in bytes.chunks(size) {
            match d.borrow(c) {
                Some(text) => out.push_str(text),
                None => d.decode(c, &mut out),
            }
        }
        d.finish(&mut out);
        out
    }

    #[test]
    fn decodes_every_supported_encoding_in_any_chunking() {
        let text = "name;Café ☕ 𝄞\r\n";
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        for size in [1, 2, 3, 5, 7, 64] {
            assert_eq!(chunked(text.as_bytes(), size), text);
            assert_eq!(chunked(&bom, size), text);
            assert_eq!(chunked(&le, size), text);
            assert_eq!(chunked(&be, size), text);
        }
        assert_eq!(decode_all(&le).1.label(), "utf-16le");
        // Without the byte-order mark, told by the NUL beside each ASCII character.
        let text = "date,customer,score\r\n2024-01-03,Zoë,9\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for size in [1, 2, 3, 5, 7, 64, 4096] {
            assert_eq!(chunked(&le, size), text);
            assert_eq!(chunked(&be, size), text);
        }
        assert_eq!(decode_all(&be).1.label(), "utf-16be");
        // Latin text with a stray NUL stays UTF-8.
        assert_eq!(decode_all(b"id,agent\n1,Ann\n2,Bo\0b\n3,Chen\n4,Dara\n").1.label(), "utf-8");
    }

    #[test]
    fn falls_back_to_windows_1252() {
        let cp1252 = b"Caf\xe9 \x80 12\x96 13";
        for size in [1, 4, 100] {
            assert_eq!(chunked(cp1252, size), "Café € 12– 13");
        }
        assert_eq!(decode_all(cp1252).1.label(), "windows-1252");
        assert_eq!(decode_all(b"ab").0, "ab");
        assert_eq!(decode_all(b"").0, "");
    }
}
