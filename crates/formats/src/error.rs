//! What can go wrong turning a container into CSV bytes. Each message says what is wrong with the
//! file and what the user can do about it; callers put the file name in front (`"{file}: {err}"`).

use crate::MAX_WHOLE_BYTES;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// Detected as a PDF or a binary file: nothing here reads it as a table.
    #[error("this is {what}, not a table; export the data as CSV (or as an Excel or OpenDocument workbook) and open that")]
    NotATable { what: &'static str },

    /// The gzip stream is damaged (bad header, bad deflate data, checksum mismatch).
    #[error("the gzip data is damaged ({reason}); download or export the file again")]
    GzipCorrupt { reason: String },

    /// The gzip stream stops before its end.
    #[error("the gzip data ends early: the file was cut short (an interrupted download or copy?); download or copy it again")]
    GzipTruncated,

    /// A zip archive or workbook larger than [`MAX_WHOLE_BYTES`], which are read whole.
    #[error("{what} of {} MiB is over the {} MiB that can be opened whole; export the table as CSV (plain or gzip-compressed), which is read as a stream at any size", mib(*size), mib(*limit))]
    TooLarge { what: &'static str, size: u64, limit: u64 },

    /// The zip archive's directory cannot be read.
    #[error("the zip archive cannot be read ({reason}); it may be damaged or cut short: download or create it again")]
    ZipCorrupt { reason: String },

    /// The archive holds no file that reads as a table.
    #[error("the zip archive holds no .csv, .tsv or .txt file (it holds: {}); put the CSV export in the archive, or open the CSV itself", list(entries))]
    NoTableInArchive { entries: Vec<String> },

    /// `FILE.zip#name` names no entry.
    #[error("the zip archive has no file named '{name}'; it holds: {}", list(available))]
    EntryNotFound { name: String, available: Vec<String> },

    /// An entry is password-protected.
    #[error("'{name}' in the zip archive is password-protected; unzip it with its password and open the CSV itself")]
    EntryEncrypted { name: String },

    /// An entry is compressed with a method this build cannot read (bzip2, LZMA, Deflate64, zstd…).
    #[error("'{name}' in the zip archive is compressed in a way that cannot be read here ({reason}); zip it again with ordinary (deflate) compression, or open the CSV itself")]
    EntryUnsupported { name: String, reason: String },

    /// An entry's bytes cannot be decompressed.
    #[error("'{name}' in the zip archive is damaged ({reason}); download or create the archive again")]
    EntryCorrupt { name: String, reason: String },

    /// The workbook cannot be parsed.
    #[error("{what} cannot be read ({reason}); open it in Excel or LibreOffice and save it again, or export the sheet as CSV")]
    Workbook { what: &'static str, reason: String },

    /// The workbook is encrypted.
    #[error("the workbook is password-protected; open it, save a copy without the password (or export the sheet as CSV) and open that")]
    WorkbookEncrypted,

    /// The workbook has no worksheet (only charts, or none at all).
    #[error("the workbook has no worksheet with cells; export the sheet that holds the data as CSV")]
    NoSheets,

    /// `FILE.xlsx#name` names no sheet.
    #[error("the workbook has no sheet named '{name}'; its sheets: {}", list(available))]
    SheetNotFound { name: String, available: Vec<String> },

    /// The sheet's filled cells span more than `MAX_SHEET_CELLS` (rows × columns).
    #[error("sheet '{name}' spans {rows} rows by {columns} columns, more than the {limit} cells that can be held at once; delete stray cells far from the data, or export the sheet as CSV")]
    SheetTooLarge { name: String, rows: u64, columns: u64, limit: u64 },

    /// The chosen sheet has no cells.
    #[error("sheet '{name}' is empty; choose the sheet that holds the data (sheets: {})", list(available))]
    EmptySheet { name: String, available: Vec<String> },

    /// `unpack` called with text or gzip, which are streamed and hold no entries or sheets.
    #[error("{what} has no files or sheets to choose from; it is read as it is")]
    NoParts { what: &'static str },

    /// `sheets`/`sheet_csv` called with a container that is not a workbook.
    #[error("{what} is not a workbook")]
    NotAWorkbook { what: &'static str },
}

fn mib(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

fn list(names: &[String]) -> String {
    const SHOWN: usize = 12;
    if names.is_empty() {
        return "nothing".into();
    }
    let mut out = names.iter().take(SHOWN).map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ");
    if names.len() > SHOWN {
        out.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    out
}

/// Refuses a container that must be held whole when it is over the budget.
pub(crate) fn check_whole(what: &'static str, size: u64) -> Result<(), FormatError> {
    if size > MAX_WHOLE_BYTES {
        return Err(FormatError::TooLarge { what, size, limit: MAX_WHOLE_BYTES });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_problem_and_the_fix() {
        let e = FormatError::TooLarge { what: "a zip archive", size: 600 * 1024 * 1024, limit: MAX_WHOLE_BYTES };
        assert_eq!(
            e.to_string(),
            "a zip archive of 600 MiB is over the 512 MiB that can be opened whole; export the table as CSV (plain or gzip-compressed), which is read as a stream at any size"
        );
        let e = FormatError::SheetNotFound { name: "Q3".into(), available: vec!["Q1".into(), "Q2".into()] };
        assert_eq!(e.to_string(), "the workbook has no sheet named 'Q3'; its sheets: 'Q1', 'Q2'");
        let many: Vec<String> = (0..14).map(|i| format!("f{i}.png")).collect();
        assert!(FormatError::NoTableInArchive { entries: many }.to_string().contains("'f11.png' and 2 more"));
    }
}
