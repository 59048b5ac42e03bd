//! zlib (RFC 1950: deflate with a 2-byte header and an Adler-32 of the content) through
//! miniz_oxide. Inflating stops at a size limit and refuses bytes after the stream's end, so a
//! link that was cut, altered or padded is told apart from a good one.

use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// Best compression: a link is made once, by hand, and small.
const LEVEL: u8 = 10;

pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, LEVEL)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InflateError {
    /// The stream ends before its end marker and checksum.
    Truncated,
    /// It inflates past the limit.
    TooBig,
    /// Bad header, bad deflate data, checksum mismatch or bytes after the end.
    Damaged(&'static str),
}

/// The bytes `zlib` inflates to, at most `limit` of them.
pub fn inflate(zlib: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0u8; zlib.len().saturating_mul(8).max(1024).min(limit.max(1))];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut read, mut written) = (0usize, 0usize);
    loop {
        let rest = zlib.get(read..).unwrap_or_default();
        let (status, r, w) = decompress(&mut state, rest, &mut out, written, flags);
        read = read.saturating_add(r);
        written = written.saturating_add(w);
        match status {
            TINFLStatus::Done if read < zlib.len() => return Err(InflateError::Damaged("there are bytes after its end")),
            TINFLStatus::Done => {
                out.truncate(written);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput if out.len() >= limit => return Err(InflateError::TooBig),
            TINFLStatus::HasMoreOutput => out.resize(out.len().saturating_mul(2).min(limit), 0),
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => return Err(InflateError::Truncated),
            TINFLStatus::Adler32Mismatch => return Err(InflateError::Damaged("its checksum does not match")),
            _ => return Err(InflateError::Damaged("it is not valid compressed data")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_limit() {
        let text = b"{\"settings\":{}}".repeat(100);
        let z = deflate(&text);
        assert_eq!(inflate(&z, 1 << 20).unwrap(), text);
        assert_eq!(inflate(&z, text.len()).unwrap(), text);
        assert_eq!(inflate(&z, text.len() - 1), Err(InflateError::TooBig));
    }

    #[test]
    fn cut_altered_and_padded() {
        let z = deflate(b"hello hello hello");
        assert_eq!(inflate(&z[..z.len() - 1], 1024), Err(InflateError::Truncated));
        assert_eq!(inflate(&z[..2], 1024), Err(InflateError::Truncated));
        assert_eq!(inflate(&[], 1024), Err(InflateError::Truncated));
        let mut bad_sum = z.clone();
        *bad_sum.last_mut().unwrap() ^= 1;
        assert_eq!(inflate(&bad_sum, 1024), Err(InflateError::Damaged("its checksum does not match")));
        let mut padded = z.clone();
        padded.push(0);
        assert_eq!(inflate(&padded, 1024), Err(InflateError::Damaged("there are bytes after its end")));
        // 0x78 0x9c is the usual header; 0x78 0x00 fails its check bits.
        assert!(matches!(inflate(&[0x78, 0x00, 1, 2, 3], 1024), Err(InflateError::Damaged(_))));
    }
}
