//! Excel (xlsx, xlsb, xls) and OpenDocument (ods) workbooks through calamine: the sheet names,
//! and one sheet as UTF-8 CSV with each cell written from its own type (see `cells`).

use crate::cells::{push_field, text};
use crate::error::check_whole;
use crate::{Container, FormatError};
use calamine::{Cell, Data, DataRef, Ods, OdsError, Range, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsb, Xlsx, XlsxError};
use std::io::Cursor;

type Bytes<'a> = Cursor<&'a [u8]>;

enum Book<'a> {
    Xlsx(Xlsx<Bytes<'a>>),
    Xlsb(Xlsb<Bytes<'a>>),
    Xls(Xls<Bytes<'a>>),
    Ods(Ods<Bytes<'a>>),
}

fn unreadable(kind: Container, reason: impl ToString) -> FormatError {
    FormatError::Workbook { what: kind.describe(), reason: reason.to_string().to_lowercase() }
}

fn open(bytes: &[u8], kind: Container) -> Result<Book<'_>, FormatError> {
    check_whole(kind.describe(), bytes.len() as u64)?;
    // Every calamine reader opens a compound file (xls, and xlsx for its password check): its
    // sector chains and the sizes its records ask for are checked first (`ole2`).
    if crate::ole2::is_compound_file(bytes) {
        crate::ole2::check_sector_chains(bytes)
            .and_then(|()| crate::ole2::check_records(bytes))
            .map_err(|why| unreadable(kind, format!("the file is damaged: {why}")))?;
    }
    let cursor = || Cursor::new(bytes);
    match kind {
        // An .xlsb is a zip with `xl/` entries too; calamine reads it with its own reader.
        Container::Xlsx => match Xlsx::new(cursor()) {
            Ok(book) => Ok(Book::Xlsx(book)),
            Err(XlsxError::Password) => Err(FormatError::WorkbookEncrypted),
            Err(e) => Xlsb::new(cursor()).map(Book::Xlsb).map_err(|_| unreadable(kind, e)),
        },
        // A password-protected .xlsx is an OLE2 file too, detected as xls: calamine's xlsx reader
        // recognises its `EncryptedPackage`.
        Container::Xls => match Xls::new(cursor()) {
            Ok(book) => Ok(Book::Xls(book)),
            Err(XlsError::Password) => Err(FormatError::WorkbookEncrypted),
            Err(e) => match Xlsx::new(cursor()) {
                Err(XlsxError::Password) => Err(FormatError::WorkbookEncrypted),
                _ => Err(unreadable(kind, e)),
            },
        },
        Container::Ods => match Ods::new(cursor()) {
            Ok(book) => Ok(Book::Ods(book)),
            Err(OdsError::Password) => Err(FormatError::WorkbookEncrypted),
            Err(e) => Err(unreadable(kind, e)),
        },
        other => Err(FormatError::NotAWorkbook { what: other.describe() }),
    }
}

impl Book<'_> {
    /// Worksheets (not chart, dialog or macro sheets): (name, visible).
    fn worksheets(&self) -> Vec<(String, bool)> {
        let metadata = match self {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Xlsb(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
            Book::Ods(b) => b.sheets_metadata(),
        };
        metadata.iter().filter(|s| s.typ == SheetType::WorkSheet).map(|s| (s.name.clone(), s.visible == SheetVisible::Visible)).collect()
    }

    /// The sheet's cells. Excel 2007+ sheets are read cell by cell first, so that a sheet whose
    /// cells span more than [`MAX_SHEET_CELLS`] (a stray value far from the data, or damage) is
    /// refused before the grid between them is allocated; calamine reads xls and ods sheets whole
    /// when it opens them.
    fn range(&mut self, name: &str, kind: Container) -> Result<Range<Data>, FormatError> {
        let bad = |e: &dyn std::fmt::Display| unreadable(kind, e);
        let mut cells = Spread::new(name);
        match self {
            Book::Xlsx(b) => {
                let mut reader = b.worksheet_cells_reader(name).map_err(|e| bad(&e))?;
                while let Some(cell) = reader.next_cell().map_err(|e| bad(&e))? {
                    cells.push(cell.get_position(), cell.get_value())?;
                }
            }
            Book::Xlsb(b) => {
                let mut reader = b.worksheet_cells_reader(name).map_err(|e| bad(&e))?;
                while let Some(cell) = reader.next_cell().map_err(|e| bad(&e))? {
                    cells.push(cell.get_position(), cell.get_value())?;
                }
            }
            Book::Xls(b) => return b.worksheet_range(name).map_err(|e| bad(&e)),
            Book::Ods(b) => return b.worksheet_range(name).map_err(|e| bad(&e)),
        }
        Ok(Range::from_sparse(cells.cells))
    }
}

/// The most cells (filled or not) between a sheet's first and last filled ones that are held at
/// once: their grid takes 32 bytes a cell, so this keeps it within [`crate::MAX_WHOLE_BYTES`].
pub const MAX_SHEET_CELLS: u64 = crate::MAX_WHOLE_BYTES / 32;

/// A sheet's filled cells and the rectangle they span, checked against [`MAX_SHEET_CELLS`] as
/// they arrive.
struct Spread {
    sheet: String,
    cells: Vec<Cell<Data>>,
    rows: (u32, u32),
    columns: (u32, u32),
}

impl Spread {
    fn new(sheet: &str) -> Spread {
        Spread { sheet: sheet.to_string(), cells: Vec::new(), rows: (u32::MAX, 0), columns: (u32::MAX, 0) }
    }

    fn push(&mut self, (row, column): (u32, u32), value: &DataRef<'_>) -> Result<(), FormatError> {
        if matches!(value, DataRef::Empty) {
            return Ok(());
        }
        self.rows = (self.rows.0.min(row), self.rows.1.max(row));
        self.columns = (self.columns.0.min(column), self.columns.1.max(column));
        let (rows, columns) = ((self.rows.1 - self.rows.0) as u64 + 1, (self.columns.1 - self.columns.0) as u64 + 1);
        if rows * columns > MAX_SHEET_CELLS || self.cells.len() as u64 >= MAX_SHEET_CELLS {
            return Err(FormatError::SheetTooLarge { name: self.sheet.clone(), rows, columns, limit: MAX_SHEET_CELLS });
        }
        self.cells.push(Cell::new((row, column), Data::from(value.clone())));
        Ok(())
    }
}

/// The visible worksheets, or every worksheet when all are hidden.
fn listed(book: &Book<'_>) -> Vec<String> {
    let all = book.worksheets();
    let visible: Vec<String> = all.iter().filter(|(_, v)| *v).map(|(n, _)| n.clone()).collect();
    if visible.is_empty() {
        all.into_iter().map(|(n, _)| n).collect()
    } else {
        visible
    }
}

/// The worksheets of a workbook in tab order: the visible ones (hidden sheets only when every
/// sheet is hidden); chart sheets left out. `kind` is what [`crate::detect`] said.
pub fn sheets(bytes: &[u8], kind: Container) -> Result<Vec<String>, FormatError> {
    guarded(kind, || {
        let names = listed(&open(bytes, kind)?);
        if names.is_empty() {
            return Err(FormatError::NoSheets);
        }
        Ok(names)
    })
}

/// Runs calamine, turning a panic on a damaged file (its OLE2 reader has some) into an error
/// where panics unwind (natively; a wasm build with `panic = "abort"` traps instead).
fn guarded<T>(kind: Container, read: impl FnOnce() -> Result<T, FormatError>) -> Result<T, FormatError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| Err(unreadable(kind, "the file is damaged")))
}

/// One sheet as UTF-8, comma-separated CSV with RFC 4180 quoting and CRLF line ends: the first
/// listed sheet when `sheet` is `None`, else the sheet of that name (hidden ones too; exact name,
/// else the only one equal ignoring case). Leading empty rows are skipped so the header comes
/// first, trailing empty rows dropped, an empty row inside the data written as an empty line.
pub fn sheet_csv(bytes: &[u8], kind: Container, sheet: Option<&str>) -> Result<Vec<u8>, FormatError> {
    guarded(kind, || read_sheet(bytes, kind, sheet))
}

fn read_sheet(bytes: &[u8], kind: Container, sheet: Option<&str>) -> Result<Vec<u8>, FormatError> {
    let mut book = open(bytes, kind)?;
    let available = listed(&book);
    let all: Vec<String> = book.worksheets().into_iter().map(|(n, _)| n).collect();
    let name = match sheet {
        None => available.first().cloned().ok_or(FormatError::NoSheets)?,
        Some(want) => match all.iter().find(|n| *n == want) {
            Some(n) => n.clone(),
            None => {
                let folded: Vec<&String> = all.iter().filter(|n| n.eq_ignore_ascii_case(want) || n.to_lowercase() == want.to_lowercase()).collect();
                match folded[..] {
                    [only] => only.clone(),
                    _ => return Err(FormatError::SheetNotFound { name: want.into(), available }),
                }
            }
        },
    };
    let range = book.range(&name, kind)?;
    let rows: Vec<&[Data]> = range.rows().collect();
    let filled = |row: &&[Data]| row.iter().any(|c| !text(c).trim().is_empty());
    let (Some(first), Some(last)) = (rows.iter().position(filled), rows.iter().rposition(filled)) else {
        return Err(FormatError::EmptySheet { name, available });
    };
    let mut out = Vec::with_capacity(bytes.len());
    for row in &rows[first..=last] {
        if filled(row) {
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                push_field(&mut out, &text(cell));
            }
        }
        out.extend_from_slice(b"\r\n");
    }
    Ok(out)
}
