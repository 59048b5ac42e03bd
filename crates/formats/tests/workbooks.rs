//! Workbooks made by other tools (openpyxl, xlwt, odfpy: see fixtures-src/make_fixtures.py) read
//! through `detect`, `sheets` and `sheet_csv`. The expected CSV is written out by hand from what
//! the script puts in each cell.

use northstar_formats::{detect, sheet_csv, sheets, unpack, Container, FormatError, Part};

const XLSX: &[u8] = include_bytes!("fixtures/types.xlsx");
const XLS: &[u8] = include_bytes!("fixtures/types.xls");
const ODS: &[u8] = include_bytes!("fixtures/types.ods");
/// `id,amount` / `1,2.5` and one stray value in the sheet's last cell, XFD1048576.
const SPREAD: &[u8] = include_bytes!("fixtures/spread.xlsx");
/// An .xlsx saved with a password (msoffcrypto-tool): an OLE2 file holding an `EncryptedPackage`.
const ENCRYPTED: &[u8] = include_bytes!("fixtures/encrypted.xlsx");

/// The `Data` sheet: rows 1-2 empty (row 1 holds a lone blank string in the xlsx), the header on
/// row 3, an empty row between the second and third data rows. Dates and date-times are date
/// cells, amount and count numbers, flag booleans, ratio error cells (#DIV/0!, #N/A) then 1.5.
/// 0.1 + 0.2 is stored as 0.30000000000000004 in the xls and ods (openpyxl writes 0.3).
const DATA: &str = "name,when,at,amount,count,flag,ratio,note\r\n\
alpha,2024-01-05,2024-01-05 10:30:00,19.99,3,true,,\"says \"\"hi\"\", twice\"\r\n\
beta,2024-02-29,2024-03-01,0.3,1000000,false,,\"multi\nline\"\r\n\
\r\n\
gamma,1999-12-31,2024-06-30 23:59:59,100000000000000000000,-42,true,1.5,\r\n";

fn csv(bytes: &[u8], kind: Container, sheet: Option<&str>) -> String {
    String::from_utf8(sheet_csv(bytes, kind, sheet).unwrap()).unwrap()
}

#[test]
fn detection_from_the_bytes() {
    assert_eq!(detect("types.xlsx", XLSX), Container::Xlsx);
    assert_eq!(detect("download.zip", XLSX), Container::Xlsx, "the xl/ entries say it, whatever the name");
    assert_eq!(detect("types.xls", XLS), Container::Xls);
    assert_eq!(detect("download", ODS), Container::Ods);
    assert_eq!(detect("types.ods", &ODS[..100]), Container::Ods, "the stored mimetype comes first");
}

#[test]
fn xlsx_cells_read_by_their_types() {
    assert_eq!(sheets(XLSX, Container::Xlsx).unwrap(), ["Data", "Other"], "the hidden sheet and the chart sheet are not listed");
    assert_eq!(csv(XLSX, Container::Xlsx, None), DATA, "the first visible sheet");
    assert_eq!(csv(XLSX, Container::Xlsx, Some("Data")), DATA);
    assert_eq!(csv(XLSX, Container::Xlsx, Some("Hidden")), "secret\r\n", "a hidden sheet by name");
    assert_eq!(csv(XLSX, Container::Xlsx, Some("OTHER")), "x,y\r\n1,2\r\n", "a name in another case");
    assert_eq!(
        sheet_csv(XLSX, Container::Xlsx, Some("Chart")).unwrap_err(),
        FormatError::SheetNotFound { name: "Chart".into(), available: vec!["Data".into(), "Other".into()] }
    );
}

#[test]
fn xls_cells_read_by_their_types() {
    assert_eq!(sheets(XLS, Container::Xls).unwrap(), ["Data", "Other"]);
    assert_eq!(csv(XLS, Container::Xls, None), DATA);
    assert_eq!(csv(XLS, Container::Xls, Some("Other")), "x\r\n1\r\n");
}

#[test]
fn ods_cells_read_by_their_types() {
    assert_eq!(sheets(ODS, Container::Ods).unwrap(), ["Data", "Other", "Empty"]);
    // OpenDocument has no error cells: LibreOffice keeps an error's text, and so does the CSV.
    let want = DATA.replace("true,,\"says", "true,#DIV/0!,\"says").replace("false,,", "false,#N/A,");
    assert_eq!(csv(ODS, Container::Ods, None), want);
    let e = sheet_csv(ODS, Container::Ods, Some("Empty")).unwrap_err();
    assert_eq!(e.to_string(), "sheet 'Empty' is empty; choose the sheet that holds the data (sheets: 'Data', 'Other', 'Empty')");
}

#[test]
fn unpack_takes_the_first_listed_sheet_or_the_named_one() {
    assert_eq!(unpack(XLSX, Container::Xlsx, None).unwrap(), Part { name: "Data".into(), csv: DATA.as_bytes().to_vec() });
    assert_eq!(unpack(XLS, Container::Xls, Some("Other")).unwrap(), Part { name: "Other".into(), csv: b"x\r\n1\r\n".to_vec() });
    assert_eq!(
        unpack(b"a,b\n", Container::Text, None).unwrap_err().to_string(),
        "a text (CSV) file has no files or sheets to choose from; it is read as it is"
    );
    assert_eq!(unpack(b"%PDF-1.4", Container::Pdf, None).unwrap_err(), FormatError::NotATable { what: "a PDF document" });
}

#[test]
fn a_stray_cell_far_away_is_refused_before_the_grid_is_allocated() {
    assert!(std::mem::size_of::<calamine::Data>() <= 32, "MAX_SHEET_CELLS assumes 32 bytes a cell");
    assert_eq!(sheets(SPREAD, Container::Xlsx).unwrap(), ["Data"]);
    let e = sheet_csv(SPREAD, Container::Xlsx, None).unwrap_err();
    // Rows 1 to 1,048,576 and columns A to XFD (16,384).
    assert_eq!(e, FormatError::SheetTooLarge { name: "Data".into(), rows: 1_048_576, columns: 16_384, limit: 16_777_216 });
    assert_eq!(
        e.to_string(),
        "sheet 'Data' spans 1048576 rows by 16384 columns, more than the 16777216 cells that can be held at once; delete stray cells far from the data, or export the sheet as CSV"
    );
}

#[test]
fn a_password_protected_workbook_says_so() {
    let kind = detect("encrypted.xlsx", ENCRYPTED);
    assert_eq!(kind, Container::Xls, "an encrypted .xlsx is an OLE2 file");
    let e = sheets(ENCRYPTED, kind).unwrap_err();
    assert_eq!(e, FormatError::WorkbookEncrypted);
    assert_eq!(e.to_string(), "the workbook is password-protected; open it, save a copy without the password (or export the sheet as CSV) and open that");
    assert_eq!(sheet_csv(ENCRYPTED, Container::Xlsx, None).unwrap_err(), FormatError::WorkbookEncrypted, "whatever kind it is taken for");
}

#[test]
fn the_wrong_bytes_give_a_clear_error() {
    let e = sheets(b"PK\x03\x04 this is not a workbook", Container::Xlsx).unwrap_err();
    assert!(matches!(e, FormatError::Workbook { what: "an Excel workbook", .. }), "{e:?}");
    assert!(e.to_string().starts_with("an Excel workbook cannot be read ("), "{e}");
    assert!(e.to_string().ends_with("); open it in Excel or LibreOffice and save it again, or export the sheet as CSV"), "{e}");
    assert!(matches!(sheets(XLSX, Container::Ods), Err(FormatError::Workbook { what: "an OpenDocument spreadsheet", .. })));
    assert!(matches!(sheets(XLS, Container::Xls).map(|_| ()).and(sheets(&XLS[..1000], Container::Xls)), Err(FormatError::Workbook { .. })), "cut short");
    assert_eq!(sheets(XLSX, Container::Zip).unwrap_err(), FormatError::NotAWorkbook { what: "a zip archive" });
}
