//! Zip archives of CSV exports: list the files that read as tables, unpack one. A zip archive's
//! directory sits at its end, so the archive is held whole (up to [`MAX_WHOLE_BYTES`]).

use crate::error::check_whole;
use crate::{FormatError, MAX_WHOLE_BYTES};
use std::io::{Cursor, Read};
use zip::result::ZipError;
use zip::{CompressionMethod, ZipArchive};

/// A file in an archive that reads as a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path inside the archive, as `archive_entry` takes it (`exports/tickets.csv`).
    pub name: String,
    /// Uncompressed size in bytes, as the archive declares it.
    pub size: u64,
}

/// Extensions of the entries that read as tables.
const TABLE_EXTENSIONS: [&str; 4] = ["csv", "tsv", "txt", "tab"];

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

fn open(bytes: &[u8]) -> Result<Archive<'_>, FormatError> {
    check_whole("a zip archive", bytes.len() as u64)?;
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| FormatError::ZipCorrupt { reason: reason(&e) })
}

fn reason(e: &ZipError) -> String {
    match e {
        ZipError::InvalidArchive(why) => why.to_string(),
        other => other.to_string(),
    }
    .to_lowercase()
}

/// macOS' `__MACOSX/` resource forks, `._name` AppleDouble files and `.DS_Store`.
fn is_junk(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    name.split('/').any(|part| part == "__MACOSX") || base.starts_with("._") || base == ".DS_Store" || base == "Thumbs.db"
}

fn is_table(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| TABLE_EXTENSIONS.iter().any(|t| ext.eq_ignore_ascii_case(t)))
}

/// Every file (not directory, not junk) with its size, in archive order.
fn files(archive: &mut Archive<'_>) -> Result<Vec<Entry>, FormatError> {
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(|e| FormatError::ZipCorrupt { reason: reason(&e) })?;
        let name = file.name().map_err(|e| FormatError::ZipCorrupt { reason: reason(&e) })?.to_string();
        if !file.is_dir() && !is_junk(&name) {
            out.push(Entry { name, size: file.size() });
        }
    }
    Ok(out)
}

/// The CSV, TSV and TXT files of a zip archive, in archive order (directories and macOS junk
/// left out). An archive without one is an error that lists what it holds instead.
pub fn archive_entries(bytes: &[u8]) -> Result<Vec<Entry>, FormatError> {
    let all = files(&mut open(bytes)?)?;
    let tables: Vec<Entry> = all.iter().filter(|e| is_table(&e.name)).cloned().collect();
    if tables.is_empty() {
        return Err(FormatError::NoTableInArchive { entries: all.into_iter().map(|e| e.name).collect() });
    }
    Ok(tables)
}

/// The bytes of the entry `name`: its full path in the archive, or its file name alone when only
/// one entry has that file name.
pub fn archive_entry(bytes: &[u8], name: &str) -> Result<Vec<u8>, FormatError> {
    let mut archive = open(bytes)?;
    let all = files(&mut archive)?;
    let base = |n: &str| n.rsplit('/').next().unwrap_or(n).to_string();
    let by_base: Vec<&Entry> = all.iter().filter(|e| base(&e.name) == name).collect();
    let found = match all.iter().find(|e| e.name == name) {
        Some(e) => e,
        None if by_base.len() == 1 => by_base[0],
        None => return Err(FormatError::EntryNotFound { name: name.into(), available: all.into_iter().map(|e| e.name).collect() }),
    };
    let name = found.name.clone();
    let index = archive.index_for_name(&name).ok_or_else(|| FormatError::EntryNotFound { name: name.clone(), available: vec![] })?;
    {
        let raw = archive.by_index_raw(index).map_err(|e| FormatError::ZipCorrupt { reason: reason(&e) })?;
        if raw.encrypted() {
            return Err(FormatError::EntryEncrypted { name });
        }
        let method = raw.compression();
        if method != CompressionMethod::STORE && method != CompressionMethod::DEFLATE {
            return Err(FormatError::EntryUnsupported { name, reason: format!("compression method {}", method.to_string().to_lowercase()) });
        }
        check_whole("the file in the zip archive", raw.size())?;
    }
    let file = archive.by_index(index).map_err(|e| match e {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => FormatError::EntryEncrypted { name: name.clone() },
        ZipError::CompressionMethodNotSupported(m) => FormatError::EntryUnsupported { name: name.clone(), reason: format!("compression method {m}") },
        other => FormatError::EntryCorrupt { name: name.clone(), reason: reason(&other) },
    })?;
    let declared = file.size();
    let mut out = Vec::with_capacity(declared.min(MAX_WHOLE_BYTES) as usize);
    // The declared size may lie (a zip bomb): never unpack past the budget.
    file.take(MAX_WHOLE_BYTES + 1).read_to_end(&mut out).map_err(|e| FormatError::EntryCorrupt { name: name.clone(), reason: e.to_string().to_lowercase() })?;
    check_whole("the file in the zip archive", out.len() as u64)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::{SimpleFileOptions, ZipWriter};

    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, data) in entries {
            if name.ends_with('/') {
                w.add_directory(*name, deflated).unwrap();
            } else {
                w.start_file(*name, deflated).unwrap();
                w.write_all(data).unwrap();
            }
        }
        w.finish().unwrap().into_inner()
    }

    /// Sets `offset` bytes after every local (`PK\3\4`) and central (`PK\1\2`) header to `value`.
    fn patch(bytes: &mut [u8], local: usize, central: usize, value: u8) {
        for i in 0..bytes.len() - 4 {
            if bytes[i..].starts_with(b"PK\x03\x04") {
                bytes[i + local] = value;
            } else if bytes[i..].starts_with(b"PK\x01\x02") {
                bytes[i + central] = value;
            }
        }
    }

    #[test]
    fn lists_only_the_tables() {
        let bytes = zip(&[
            ("exports/", b""),
            ("exports/tickets.csv", b"id,created\n1,2024-01-01\n"),
            ("__MACOSX/exports/._tickets.csv", b"\0\x05\x16\x07"),
            ("exports/.DS_Store", b"\0\0\0\x01Bud1"),
            ("readme.md", b"# exports"),
            ("usage.TSV", b"user\tdate\n"),
            ("notes.txt", b"a,b\n"),
        ]);
        let entries = archive_entries(&bytes).unwrap();
        assert_eq!(
            entries,
            [Entry { name: "exports/tickets.csv".into(), size: 24 }, Entry { name: "usage.TSV".into(), size: 10 }, Entry { name: "notes.txt".into(), size: 4 }]
        );
    }

    #[test]
    fn unpacks_an_entry_by_path_or_by_unique_file_name() {
        let bytes = zip(&[("2024/orders.csv", b"order,amount\n1,9.99\n"), ("2024/refunds.csv", b"order,amount\n1,-9.99\n"), ("2023/refunds.csv", b"x\n")]);
        assert_eq!(archive_entry(&bytes, "2024/refunds.csv").unwrap(), b"order,amount\n1,-9.99\n");
        assert_eq!(archive_entry(&bytes, "orders.csv").unwrap(), b"order,amount\n1,9.99\n");
        let first = crate::unpack(&bytes, crate::Container::Zip, None).unwrap();
        assert_eq!((first.name.as_str(), &first.csv[..]), ("2024/orders.csv", &b"order,amount\n1,9.99\n"[..]), "the first table when none is named");
        let e = archive_entry(&bytes, "refunds.csv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "the zip archive has no file named 'refunds.csv'; it holds: '2024/orders.csv', '2024/refunds.csv', '2023/refunds.csv'",
            "two entries share the file name: the path decides"
        );
    }

    #[test]
    fn an_archive_without_tables_says_what_it_holds() {
        let bytes = zip(&[("report.pdf", b"%PDF-1.4"), ("chart.png", b"\x89PNG")]);
        assert_eq!(archive_entries(&bytes).unwrap_err(), FormatError::NoTableInArchive { entries: vec!["report.pdf".into(), "chart.png".into()] });
    }

    #[test]
    fn damage_encryption_and_unknown_methods_are_named() {
        let good = zip(&[("a.csv", &b"id,amount\n".repeat(50))]);
        assert!(matches!(archive_entries(&good[..good.len() - 10]), Err(FormatError::ZipCorrupt { .. })), "directory cut off");
        assert!(matches!(archive_entries(b"PK\x03\x04 not really"), Err(FormatError::ZipCorrupt { .. })));

        let mut encrypted = good.clone();
        patch(&mut encrypted, 6, 8, 1); // general purpose flag bit 0: encrypted
        assert_eq!(archive_entry(&encrypted, "a.csv").unwrap_err(), FormatError::EntryEncrypted { name: "a.csv".into() });

        let mut bzip2 = good.clone();
        patch(&mut bzip2, 8, 10, 12); // compression method 12: bzip2
        let e = archive_entry(&bzip2, "a.csv").unwrap_err();
        assert_eq!(e, FormatError::EntryUnsupported { name: "a.csv".into(), reason: "compression method bzip2".into() });

        let mut damaged = good.clone();
        let data = 30 + "a.csv".len(); // the deflate data follows the local header
        for b in &mut damaged[data..data + 8] {
            *b ^= 0x5A;
        }
        assert!(matches!(archive_entry(&damaged, "a.csv"), Err(FormatError::EntryCorrupt { .. })), "{:?}", archive_entry(&damaged, "a.csv"));
    }
}
