//! What kind of container a file is, from its first bytes (and its name only where the bytes
//! leave it open: a zip archive whose first entries do not tell a workbook from a plain archive).

/// The kinds of file a user may hand over. `Text` is what the CSV readers take as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Container {
    /// CSV, TSV or other delimited text (UTF-8, UTF-16 with a byte-order mark, Windows-1252…).
    Text,
    /// gzip (`.gz`), one or more members: read as a stream with [`crate::Gunzip`].
    Gzip,
    /// A zip archive that is not a workbook: its CSV entries are listed by [`crate::archive_entries`].
    Zip,
    /// Excel 2007+ (`.xlsx`, `.xlsm`; `.xlsb` too).
    Xlsx,
    /// Excel 97–2003 (`.xls`, an OLE2 compound file).
    Xls,
    /// OpenDocument spreadsheet (`.ods`, LibreOffice Calc).
    Ods,
    /// A PDF document: not a table.
    Pdf,
    /// Anything else with NUL or control bytes (images, other archives, databases…): not a table.
    Binary,
}

impl Container {
    /// The kind in the user's words, to put in a sentence ("this is a PDF document").
    pub fn describe(self) -> &'static str {
        match self {
            Container::Text => "a text (CSV) file",
            Container::Gzip => "a gzip-compressed file",
            Container::Zip => "a zip archive",
            Container::Xlsx => "an Excel workbook",
            Container::Xls => "an Excel 97-2003 workbook",
            Container::Ods => "an OpenDocument spreadsheet",
            Container::Pdf => "a PDF document",
            Container::Binary => "a binary file",
        }
    }

    /// A workbook, read with [`crate::sheets`] and [`crate::sheet_csv`].
    pub fn is_workbook(self) -> bool {
        matches!(self, Container::Xlsx | Container::Xls | Container::Ods)
    }

    /// `Err(NotATable)` for a PDF or binary file, whose bytes no reader here takes.
    pub fn readable(self) -> Result<(), crate::FormatError> {
        match self {
            Container::Pdf | Container::Binary => Err(crate::FormatError::NotATable { what: self.describe() }),
            _ => Ok(()),
        }
    }
}

/// How many bytes of the head `detect` looks at for text versus binary.
const TEXT_SAMPLE: usize = 8 * 1024;

/// The container of a file from its first bytes (`head`: a few KiB are enough; the whole file is
/// fine) and, for zip archives whose first entries do not say, its name's extension.
pub fn detect(file_name: &str, head: &[u8]) -> Container {
    const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if head.starts_with(&[0x1F, 0x8B]) {
        return Container::Gzip;
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return zip_kind(file_name, head);
    }
    if head.starts_with(OLE2) {
        return Container::Xls;
    }
    if head.starts_with(b"%PDF") {
        return Container::Pdf;
    }
    if is_text(head) {
        Container::Text
    } else {
        Container::Binary
    }
}

fn extension(file_name: &str) -> String {
    file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

/// A workbook or a plain archive: the entries whose local headers lie in `head` decide when they
/// can (`xl/…` for Excel, the `mimetype` entry for OpenDocument), the extension otherwise.
fn zip_kind(file_name: &str, head: &[u8]) -> Container {
    let (names, mimetype) = local_entries(head);
    if names.iter().any(|n| n.starts_with(b"xl/")) {
        return Container::Xlsx;
    }
    if let Some(m) = mimetype {
        return if m.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") { Container::Ods } else { Container::Zip };
    }
    if names.iter().any(|n| n.starts_with(b"word/") || n.starts_with(b"ppt/")) {
        return Container::Zip;
    }
    match extension(file_name).as_str() {
        "xlsx" | "xlsm" | "xlsb" => Container::Xlsx,
        "ods" => Container::Ods,
        _ => Container::Zip,
    }
}

fn le16(b: &[u8], at: usize) -> usize {
    u16::from_le_bytes([b[at], b[at + 1]]) as usize
}

fn le32(b: &[u8], at: usize) -> usize {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize
}

/// Walks the zip local file headers that lie wholly in `head`: their names, and the content of a
/// stored `mimetype` entry (OpenDocument puts it first, uncompressed).
fn local_entries(head: &[u8]) -> (Vec<&[u8]>, Option<&[u8]>) {
    let mut names = Vec::new();
    let mut mimetype = None;
    let mut at = 0;
    while head.get(at..).is_some_and(|h| h.len() >= 30 && h.starts_with(b"PK\x03\x04")) {
        let (flags, method, size, name_len, extra_len) =
            (le16(head, at + 6), le16(head, at + 8), le32(head, at + 18), le16(head, at + 26), le16(head, at + 28));
        let name_end = at + 30 + name_len;
        let Some(name) = head.get(at + 30..name_end) else { break };
        names.push(name);
        let data = name_end + extra_len;
        if name == b"mimetype" && method == 0 {
            mimetype = head.get(data..data.saturating_add(size).min(head.len()));
        }
        // A size kept in a data descriptor after the data (flag bit 3), or a zip64 size: the next
        // header cannot be found from here.
        if flags & 0x08 != 0 && size == 0 || size == 0xFFFF_FFFF {
            break;
        }
        at = data.saturating_add(size);
    }
    (names, mimetype)
}

/// Text unless the sample has many control bytes (NUL among them), outside UTF-16 (with a
/// byte-order mark, or without one: ASCII text with a NUL beside every character).
fn is_text(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || head.starts_with(&[0xEF, 0xBB, 0xBF]) || looks_utf16(head) {
        return true;
    }
    let sample = &head[..head.len().min(TEXT_SAMPLE)];
    // Tab, LF, VT, FF, CR and the DOS end-of-file mark SUB occur in text; the other C0 bytes do not
    // (a stray NUL in a cell does not make a file binary, many do).
    let control = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x1A | 0x1B)).count();
    control * 32 <= sample.len()
}

/// UTF-16 without a byte-order mark, as the decoder reads it (`northstar_metrics::ingest::decode`):
/// in the first 64 bytes, nine pairs in ten are an ASCII byte and a NUL, in one order.
fn looks_utf16(head: &[u8]) -> bool {
    let pairs: Vec<[u8; 2]> = head[..head.len().min(64)].chunks_exact(2).map(|p| [p[0], p[1]]).collect();
    let share = |f: fn(&[u8; 2]) -> bool| pairs.iter().filter(|p| f(p)).count() * 10 >= pairs.len() * 9;
    pairs.len() >= 4 && (share(|p| p[0] != 0 && p[0] < 0x80 && p[1] == 0) || share(|p| p[0] == 0 && p[1] != 0 && p[1] < 0x80))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip local header for `name` holding `data` stored (method 0).
    fn local(name: &str, data: &[u8]) -> Vec<u8> {
        let mut h = b"PK\x03\x04".to_vec();
        h.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, method, time, date, crc
        h.extend((data.len() as u32).to_le_bytes());
        h.extend((data.len() as u32).to_le_bytes());
        h.extend((name.len() as u16).to_le_bytes());
        h.extend([0, 0]);
        h.extend(name.as_bytes());
        h.extend(data);
        h
    }

    #[test]
    fn magic_bytes_decide_before_the_name() {
        assert_eq!(detect("tickets.csv", &[0x1F, 0x8B, 8, 0]), Container::Gzip);
        assert_eq!(detect("report.csv", b"%PDF-1.7\n%\xE2\xE3"), Container::Pdf);
        assert_eq!(detect("x.xlsx", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), Container::Xls);
        assert_eq!(detect("x.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Container::Binary);
        assert_eq!(detect("x.xlsx", b"date,amount\n2024-01-01,3\n"), Container::Text);
    }

    #[test]
    fn text_in_any_encoding_is_text() {
        assert_eq!(detect("a.csv", b""), Container::Text);
        assert_eq!(detect("a.csv", "Datum;Betrag\r\n01.02.2024;3,50 \u{20ac}\r\n".as_bytes()), Container::Text);
        assert_eq!(detect("a.csv", b"Datum;Betrag\r\n01.02.2024;3,50 \x80\r\n"), Container::Text); // Windows-1252
        assert_eq!(detect("a.txt", b"\xFF\xFEd\0a\0t\0e\0\t\0"), Container::Text); // UTF-16 LE with BOM
        assert_eq!(detect("a.csv", b"\xEF\xBB\xBFa,b\n"), Container::Text);
        assert_eq!(detect("a.csv", b"a,b\n1,\0\0\0\x02"), Container::Binary);
        let no_bom: Vec<u8> = "date,customer,score\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(detect("a.csv", &no_bom), Container::Text, "UTF-16 LE without a byte-order mark");
        let no_bom: Vec<u8> = "date,customer,score\r\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(detect("a.csv", &no_bom), Container::Text, "UTF-16 BE without a byte-order mark");
        let stray_nul = "id,agent\n1,Ann\n2,Bo\0b\n3,Chen\n4,Dara\n5,Eli\n".as_bytes();
        assert_eq!(detect("a.csv", stray_nul), Container::Text, "one NUL in a cell");
        assert_eq!(detect("a.dat", &[1, 2, 3, 4, 5, 6, 7, 8, b'a', b'b']), Container::Binary);
    }

    #[test]
    fn zip_entries_tell_workbooks_from_archives() {
        let ooxml = [local("[Content_Types].xml", b"<Types/>"), local("xl/workbook.xml", b"<workbook/>")].concat();
        assert_eq!(detect("export.zip", &ooxml), Container::Xlsx, "xl/ decides even against the name");
        let ods = local("mimetype", b"application/vnd.oasis.opendocument.spreadsheet");
        assert_eq!(detect("calc.bin", &ods), Container::Ods);
        let odt = local("mimetype", b"application/vnd.oasis.opendocument.text");
        assert_eq!(detect("letter.ods", &odt), Container::Zip);
        let plain = [local("a.csv", b"x,y\n"), local("b.csv", b"x,y\n")].concat();
        assert_eq!(detect("data.zip", &plain), Container::Zip);
        assert_eq!(detect("a.ZIP", b"PK\x05\x06"), Container::Zip, "an empty archive");
    }

    #[test]
    fn a_cut_head_falls_back_to_the_extension() {
        let first = local("[Content_Types].xml", &[b'x'; 100]);
        assert_eq!(detect("Book1.xlsx", &first[..60]), Container::Xlsx);
        assert_eq!(detect("Book1.XLSM", &first[..60]), Container::Xlsx);
        assert_eq!(detect("sheet.ods", &first[..10]), Container::Ods);
        assert_eq!(detect("bundle.zip", &first[..60]), Container::Zip);
        assert_eq!(detect("noext", &first[..60]), Container::Zip);
    }

    #[test]
    fn descriptions_read_in_a_sentence() {
        assert_eq!(Container::Gzip.describe(), "a gzip-compressed file");
        assert_eq!(Container::Xlsx.describe(), "an Excel workbook");
        assert_eq!(
            Container::Pdf.readable().unwrap_err().to_string(),
            "this is a PDF document, not a table; export the data as CSV (or as an Excel or OpenDocument workbook) and open that"
        );
        assert!(Container::Text.readable().is_ok() && Container::Ods.is_workbook() && !Container::Zip.is_workbook());
    }
}
