//! Files as people have them: turns the containers users hand over (gzip, zip archives, Excel and
//! OpenDocument workbooks) into the CSV bytes that `northstar-metrics`' streaming readers take.
//!
//! Invariants: pure and IO-free (bytes in, bytes out: no files, no threads, no clock), builds for
//! `wasm32-unknown-unknown` with pure-Rust dependencies only, and bad input is a [`FormatError`]
//! saying what to do. gzip is a push decoder whose memory does not grow with the file
//! ([`Gunzip`]); zip archives and workbooks have to be held whole and are refused past
//! [`MAX_WHOLE_BYTES`], an xlsx sheet spanning more than [`MAX_SHEET_CELLS`] likewise.
//!
//! Known limits of calamine underneath: its OLE2 reader (xls) can panic on a damaged file, which
//! `sheets`/`sheet_csv` turn into an error where panics unwind (not in a `panic = "abort"` wasm
//! build); and it lays xls and ods sheets out as a dense grid when it opens them, so a damaged or
//! far-spread xls/ods sheet can exhaust memory.
//!
//! ```
//! use northstar_formats::{detect, unpack, Container, Gunzip};
//! # use std::io::Write;
//! # let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
//! # e.write_all(b"id,amount\n1,9.99\n").unwrap();
//! # let file = e.finish().unwrap();
//! // The first bytes say what the file is (the name only breaks a tie between zip kinds).
//! let kind = detect("orders.csv.gz", &file[..file.len().min(4096)]);
//! let mut csv = Vec::new();
//! match kind {
//!     Container::Text => csv.extend_from_slice(&file),
//!     Container::Gzip => {
//!         // Streamed: each chunk's output can be handed to the CSV reader and dropped.
//!         let mut gunzip = Gunzip::new();
//!         for chunk in file.chunks(3) {
//!             gunzip.feed(chunk, &mut csv).unwrap();
//!         }
//!         gunzip.finish(&mut csv).unwrap();
//!     }
//!     // A zip archive or a workbook: held whole; its first table, or a named entry or sheet.
//!     _ => csv = unpack(&file, kind, None).map(|part| part.csv).unwrap(),
//! }
//! assert_eq!(csv, b"id,amount\n1,9.99\n");
//! ```

mod archive;
mod cells;
mod detect;
mod error;
mod gzip;
mod ole2;
mod workbook;

pub use archive::{archive_entries, archive_entry, Entry};
pub use detect::{detect, Container};
pub use error::FormatError;
pub use gzip::Gunzip;
pub use workbook::{sheet_csv, sheets, MAX_SHEET_CELLS};

/// A zip entry or a workbook sheet as CSV bytes, with the name that was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The entry's path in the archive or the sheet's name.
    pub name: String,
    pub csv: Vec<u8>,
}

/// The CSV of a container that is read whole: a zip archive's entry `name` (else its first
/// table, see [`archive_entries`]), or a workbook's sheet `name` (else its first listed sheet,
/// see [`sheets`]). Text and gzip are streamed instead and have no parts.
pub fn unpack(bytes: &[u8], kind: Container, name: Option<&str>) -> Result<Part, FormatError> {
    kind.readable()?;
    match kind {
        Container::Zip => {
            let name = match name {
                Some(n) => n.to_string(),
                None => archive_entries(bytes)?.swap_remove(0).name,
            };
            let csv = archive_entry(bytes, &name)?;
            Ok(Part { name, csv })
        }
        k if k.is_workbook() => {
            let name = match name {
                Some(n) => n.to_string(),
                None => sheets(bytes, k)?.swap_remove(0),
            };
            let csv = sheet_csv(bytes, k, Some(&name))?;
            Ok(Part { name, csv })
        }
        k => Err(FormatError::NoParts { what: k.describe() }),
    }
}

/// The largest zip archive or workbook (in bytes) that is opened: these formats are read whole,
/// and a workbook's cells take several times its size in memory. Also the largest entry unpacked
/// from a zip archive.
pub const MAX_WHOLE_BYTES: u64 = 512 * 1024 * 1024;
