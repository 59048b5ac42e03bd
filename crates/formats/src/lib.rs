//! Files as people have them: turns the containers users hand over (gzip, zip archives, Excel and
//! OpenDocument workbooks) into the CSV bytes that `northstar-metrics`' streaming readers take.
//!
//! Invariants: pure and IO-free (bytes in, bytes out: no files, no threads, no clock), builds for
//! `wasm32-unknown-unknown` with pure-Rust dependencies only, and never panics on user data.
//! gzip is a push decoder whose memory does not grow with the file ([`Gunzip`]); zip archives and
//! workbooks have to be held whole and are refused past [`MAX_WHOLE_BYTES`].

mod archive;
mod cells;
mod detect;
mod error;
mod gzip;
mod workbook;

pub use archive::{archive_entries, archive_entry, Entry};
pub use detect::{detect, Container};
pub use error::FormatError;
pub use gzip::Gunzip;
pub use workbook::{sheet_csv, sheets};

/// The largest zip archive or workbook (in bytes) that is opened: these formats are read whole,
/// and a workbook's cells take several times its size in memory. Also the largest entry unpacked
/// from a zip archive.
pub const MAX_WHOLE_BYTES: u64 = 512 * 1024 * 1024;
