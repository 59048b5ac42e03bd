//! Opens a `--source` file as the formats crate sees its first bytes: CSV text and gzip are
//! streamed in 1 MiB chunks (the first 256 KiB of text sniffed, then everything fed), a zip
//! archive's entry and a workbook's sheet are read whole (within `MAX_WHOLE_BYTES`).
//! `FILE#PART` names a zip entry or a sheet; a file whose own name holds a `#` is taken as it is.

use crate::error::CliError;
use northstar_formats::{detect, unpack, Container, FormatError, Gunzip, MAX_WHOLE_BYTES};
use northstar_metrics::ingest::sniff::SNIFF_BYTES;
use northstar_metrics::ingest::{sniff, Sniff};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// Bytes read from the file (and fed to the reader) at a time.
const CHUNK: u64 = 1 << 20;

/// A source's CSV bytes, piece by piece.
trait Pieces {
    /// Appends the next piece to `buf`; `Ok(false)` once the end is reached (this call may still
    /// have appended the last bytes).
    fn next(&mut self, buf: &mut Vec<u8>) -> Result<bool, CliError>;
}

struct Plain {
    file: File,
    path: String,
}

impl Pieces for Plain {
    fn next(&mut self, buf: &mut Vec<u8>) -> Result<bool, CliError> {
        let n = (&mut self.file).take(CHUNK).read_to_end(buf).map_err(CliError::io(&self.path))?;
        Ok(n as u64 == CHUNK)
    }
}

struct Gzipped {
    file: File,
    path: String,
    gunzip: Option<Gunzip>,
    compressed: Vec<u8>,
}

impl Pieces for Gzipped {
    fn next(&mut self, buf: &mut Vec<u8>) -> Result<bool, CliError> {
        let Some(gunzip) = self.gunzip.as_mut() else { return Ok(false) };
        self.compressed.clear();
        let n = (&mut self.file).take(CHUNK).read_to_end(&mut self.compressed).map_err(CliError::io(&self.path))?;
        gunzip.feed(&self.compressed, buf).map_err(CliError::format(&self.path))?;
        if n as u64 == CHUNK {
            return Ok(true);
        }
        self.gunzip.take().expect("present above").finish(buf).map_err(CliError::format(&self.path))?;
        Ok(false)
    }
}

/// CSV bytes made whole (a zip entry, a sheet), handed on in 1 MiB pieces.
struct Whole {
    bytes: Vec<u8>,
    at: usize,
}

impl Pieces for Whole {
    fn next(&mut self, buf: &mut Vec<u8>) -> Result<bool, CliError> {
        let end = (self.at + CHUNK as usize).min(self.bytes.len());
        buf.extend_from_slice(&self.bytes[self.at..end]);
        self.at = end;
        Ok(end < self.bytes.len())
    }
}

/// An opened `--source` file: its name as issues show it, and its CSV bytes to stream.
pub struct Input {
    /// `tickets.csv`, `tickets.csv.gz`, `exports.zip#tickets.csv`, `book.xlsx#Sheet1`.
    pub label: String,
    pieces: Box<dyn Pieces>,
}

/// Splits `FILE#PART` when `FILE` exists and the whole argument does not.
fn split_part(arg: &str) -> (&str, Option<&str>) {
    if Path::new(arg).exists() {
        return (arg, None);
    }
    match arg.rsplit_once('#') {
        Some((file, part)) if !part.is_empty() && Path::new(file).exists() => (file, Some(part)),
        _ => (arg, None),
    }
}

fn read_whole(path: &str, file: &mut File, kind: Container) -> Result<Vec<u8>, CliError> {
    let size = file.metadata().map_err(CliError::io(path))?.len();
    if size > MAX_WHOLE_BYTES {
        return Err(CliError::format(path)(FormatError::TooLarge { what: kind.describe(), size, limit: MAX_WHOLE_BYTES }));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.read_to_end(&mut bytes).map_err(CliError::io(path))?;
    Ok(bytes)
}

/// Opens `arg` (`FILE` or `FILE#PART`) by what its first bytes are.
pub fn open(arg: &str) -> Result<Input, CliError> {
    let (path, part) = split_part(arg);
    let mut file = File::open(path).map_err(CliError::io(path))?;
    let name = Path::new(path).file_name().map_or(path.to_string(), |n| n.to_string_lossy().to_string());
    let mut head = Vec::new();
    (&mut file).take(4096).read_to_end(&mut head).map_err(CliError::io(path))?;
    file.seek(SeekFrom::Start(0)).map_err(CliError::io(path))?;
    let kind = detect(&name, &head);
    kind.readable().map_err(CliError::format(path))?;
    let path_owned = path.to_string();
    let (label, pieces): (String, Box<dyn Pieces>) = match (kind, part) {
        (Container::Text | Container::Gzip, Some(part)) => {
            return Err(CliError::NoParts { path: path.to_string(), what: kind.describe(), part: part.to_string() })
        }
        (Container::Text, None) => (name, Box::new(Plain { file, path: path_owned })),
        (Container::Gzip, None) => (name, Box::new(Gzipped { file, path: path_owned, gunzip: Some(Gunzip::new()), compressed: Vec::new() })),
        (kind, part) => {
            let bytes = read_whole(path, &mut file, kind)?;
            let part = unpack(&bytes, kind, part).map_err(CliError::format(path))?;
            (format!("{name}#{}", part.name), Box::new(Whole { bytes: part.csv, at: 0 }))
        }
    };
    Ok(Input { label, pieces })
}

impl Input {
    /// Reads pieces until more than `SNIFF_BYTES` (or the whole file) are in hand and sniffs them,
    /// exactly as sniffing the whole file would. Returns the sniff and the bytes read so far.
    pub fn sniff(&mut self) -> Result<(Sniff, Vec<u8>, bool), CliError> {
        let mut head = Vec::new();
        let mut more = true;
        while more && head.len() <= SNIFF_BYTES {
            more = self.pieces.next(&mut head)?;
        }
        Ok((sniff(&head), head, more))
    }

    /// Calls `feed` with every remaining piece.
    pub fn rest(&mut self, mut more: bool, feed: &mut dyn FnMut(&[u8])) -> Result<(), CliError> {
        let mut buf = Vec::new();
        while more {
            buf.clear();
            more = self.pieces.next(&mut buf)?;
            if !buf.is_empty() {
                feed(&buf);
            }
        }
        Ok(())
    }
}
