//! A check of an OLE2 compound file (an `.xls`, or an encrypted `.xlsx`) before calamine reads it.
//! calamine 0.38 follows the file's sector chains without noticing a loop, and reads the directory
//! chain with no length limit: a 6.7 KB damaged `.xls` whose chain loops grew to 24 GB in the CLI
//! and was killed (found by fuzzing, `fuzz/fuzz_targets/xlsx.rs`). In a valid file every chain
//! ends, so the sector allocation table (FAT) holds no loop at all; this reads the table the way
//! calamine does (the header's 109 DIFAT entries, then the DIFAT sector chain) and refuses a loop.
//! Every chain then ends within the file's sector count, which bounds what calamine reads.

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Ids from here up are markers (DIFAT, FAT, end of chain, free), not sectors.
const MARKERS: u32 = 0xFFFF_FFFA;

/// The compound file's signature (an `.xls`, an encrypted `.xlsx`).
pub fn is_compound_file(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// A sector's sector ids.
fn ids(sector: &[u8]) -> impl Iterator<Item = u32> + '_ {
    sector.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// `Err` with the reason when a sector chain of the compound file loops. A file too damaged to
/// read a table from passes: calamine refuses it itself.
pub fn check_sector_chains(bytes: &[u8]) -> Result<(), &'static str> {
    let sector_size = match bytes.get(30..32) {
        Some([9, 0]) => 512,
        Some([12, 0]) => 4096,
        _ => return Ok(()),
    };
    let sectors = bytes.len().saturating_sub(sector_size).div_ceil(sector_size);
    let sector = |id: u32| bytes.get((id as usize + 1) * sector_size..).map(|s| &s[..s.len().min(sector_size)]);
    // The FAT's own sectors: 109 in the header, the rest along the DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|k| u32_at(bytes, 76 + 4 * k)).collect();
    let mut next = u32_at(bytes, 68).unwrap_or(END_OF_CHAIN);
    let mut hops = 0;
    while next < MARKERS {
        hops += 1;
        let Some(s) = sector(next).filter(|_| hops <= sectors) else { break };
        let ids: Vec<u32> = ids(s).collect();
        let Some((&last, entries)) = ids.split_last() else { break };
        fat_sectors.extend_from_slice(entries);
        next = last;
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in fat_sectors.into_iter().filter(|&id| id < MARKERS) {
        if let Some(s) = sector(id) {
            fat.extend(ids(s));
        }
    }
    // Each sector points to one next sector: a walk that comes back to its own path is a loop.
    let (unseen, on_path, done) = (0u8, 1u8, 2u8);
    let mut state = vec![unseen; fat.len()];
    let mut path = Vec::new();
    for start in 0..fat.len() {
        let mut at = start;
        while at < fat.len() && state[at] == unseen {
            state[at] = on_path;
            path.push(at);
            at = fat[at] as usize;
        }
        if at < fat.len() && state[at] == on_path {
            return Err("its sector chains loop");
        }
        for &p in &path {
            state[p] = done;
        }
        path.clear();
    }
    Ok(())
}

/// BIFF cell records (type, smallest length) whose data starts with the cell's row and column
/// (u16 each): NUMBER, LABEL, BOOLERR, RSTRING, LABELSST, RK, MULRK (its last column is in its
/// last two bytes), FORMULA.
const CELL_RECORDS: [(u16, usize); 8] = [(0x0203, 14), (0x0204, 8), (0x0205, 8), (0x00D6, 8), (0x00FD, 10), (0x027E, 10), (0x00BD, 10), (0x0006, 20)];
/// The DIMENSIONS record: a sheet's first and last row and column.
const DIMENSIONS: u16 = 0x0200;

/// `Err` with the reason when the sheets' records ask calamine 0.38 for more than
/// [`crate::MAX_SHEET_CELLS`] cells, which it allocates before reading any (an allocation failure
/// aborts; it is not a panic that could be caught). Found by fuzzing, each made the process abort:
/// - a DIMENSIONS record that claims more cells than that, or ends before it starts (calamine
///   reserved 41 TB for one);
/// - cells whose rows and columns span more than that (calamine lays every sheet's cells out in
///   one grid when it opens an `.xls`: two cells at columns 0 and 65,535 asked for 137 GB).
///
/// A real BIFF8 sheet has at most 65,536 rows of 256 columns, exactly the limit, so a valid file
/// is never refused. The records are looked for in the file's bytes, in one pass, as calamine
/// reads them (type, length, then rows and columns); a stream's records sit in its sectors in
/// order, and a record split across two sectors that are not next to each other is not seen.
pub fn check_records(bytes: &[u8]) -> Result<(), &'static str> {
    let u16_at = |at: usize| bytes.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let (mut rows, mut cols) = ((u16::MAX, 0u16), (u16::MAX, 0u16));
    for at in 0..bytes.len().saturating_sub(3) {
        let (Some(kind), Some(len)) = (u16_at(at), u16_at(at + 2).map(usize::from)) else { break };
        let data = at + 4;
        if kind == DIMENSIONS {
            check_dimensions(bytes, data, len)?;
            continue;
        }
        if !CELL_RECORDS.iter().any(|&(k, least)| k == kind && len >= least) {
            continue;
        }
        let (Some(row), Some(col), Some(end)) = (u16_at(data), u16_at(data + 2), u16_at(data + len - 2)) else { continue };
        let last_col = if kind == 0x00BD { end } else { col };
        rows = (rows.0.min(row), rows.1.max(row));
        cols = (cols.0.min(col.min(last_col)), cols.1.max(col.max(last_col)));
    }
    let cells = |(first, last): (u16, u16)| (last as u64 + 1).saturating_sub(first as u64);
    if cells(rows) * cells(cols) > crate::MAX_SHEET_CELLS {
        return Err("its cells span more rows and columns than a sheet can hold");
    }
    Ok(())
}

/// One DIMENSIONS record of length `len` whose data starts at `data`, read as calamine reads it.
fn check_dimensions(bytes: &[u8], data: usize, len: usize) -> Result<(), &'static str> {
    let u16_at = |at: usize| bytes.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as u64);
    let (first_row, last_row, first_col, last_col) = match len {
        10 => (u16_at(data), u16_at(data + 2), u16_at(data + 4), u16_at(data + 6)),
        14 | 16 => (u32_at(bytes, data).map(u64::from), u32_at(bytes, data + 4).map(u64::from), u16_at(data + 8), u16_at(data + 10)),
        _ => return Ok(()),
    };
    let (Some(rf), Some(rl), Some(cf), Some(cl)) = (first_row, last_row, first_col, last_col) else { return Ok(()) };
    // As calamine reads it: a first column past 255, or after the last, counts from 0.
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    if rl >= 1 && cl >= 1 {
        if rl - 1 < rf {
            return Err("a sheet's dimensions end before they start");
        }
        if (rl - rf).saturating_mul(cl - cf) > crate::MAX_SHEET_CELLS {
            return Err("a sheet's dimensions claim more cells than can be read");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 512-byte-sector compound file: the header with one FAT sector (sector 0), then `fat`.
    fn file(fat: &[u32]) -> Vec<u8> {
        let mut b = vec![0u8; 512];
        b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        b[30] = 9;
        b[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        for k in 0..109 {
            let id: u32 = if k == 0 { 0 } else { 0xFFFF_FFFF };
            b[76 + 4 * k..80 + 4 * k].copy_from_slice(&id.to_le_bytes());
        }
        let mut sector = vec![0xFFu8; 512];
        for (i, v) in fat.iter().enumerate() {
            sector[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
        }
        b.extend(sector);
        b.extend(vec![0u8; 512 * 4]);
        b
    }

    #[test]
    fn chains_that_end_pass_and_a_loop_is_refused() {
        let fat_sector = 0xFFFF_FFFD;
        assert_eq!(check_sector_chains(&file(&[fat_sector, 2, 3, END_OF_CHAIN, END_OF_CHAIN])), Ok(()));
        assert_eq!(check_sector_chains(&file(&[fat_sector, 2, 3, 1])), Err("its sector chains loop"));
        assert_eq!(check_sector_chains(&file(&[fat_sector, 1])), Err("its sector chains loop"), "a sector pointing to itself");
        assert_eq!(check_sector_chains(b"not a compound file"), Ok(()));
    }

    /// The files fuzzing found: 6.7 KB that calamine read into 24 GB as an xls, and 5.3 KB that
    /// its xlsx reader (looking for an encrypted package) read past 2 GB.
    #[test]
    fn the_fuzzed_files_are_refused_by_every_reader() {
        for name in ["looping-chain.xls", "looping-chain-2.xls"] {
            let bytes = std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
            assert!(is_compound_file(&bytes));
            assert_eq!(check_sector_chains(&bytes), Err("its sector chains loop"), "{name}");
            for kind in [crate::Container::Xls, crate::Container::Xlsx, crate::Container::Ods] {
                let err = crate::unpack(&bytes, kind, None).unwrap_err();
                assert!(err.to_string().contains("sector chains loop"), "{name} as {kind:?}: {err}");
            }
        }
    }

    /// The file fuzzing found: a DIMENSIONS record for which calamine reserved 41 TB, aborting.
    /// A real workbook's records pass.
    #[test]
    fn dimensions_past_the_sheet_limit_are_refused() {
        let fixture = |name: &str| std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let bytes = fixture("huge-dimensions.xls");
        assert_eq!(check_sector_chains(&bytes), Ok(()));
        assert!(check_records(&bytes).is_err());
        let err = crate::unpack(&bytes, crate::Container::Xls, None).unwrap_err();
        assert!(err.to_string().contains("dimensions"), "{err}");
        assert_eq!(check_records(&fixture("types.xls")), Ok(()));
        let record = |rows: (u32, u32), cols: (u16, u16)| {
            let mut r = vec![0x00, 0x02, 14, 0];
            r.extend(rows.0.to_le_bytes());
            r.extend(rows.1.to_le_bytes());
            r.extend(cols.0.to_le_bytes());
            r.extend(cols.1.to_le_bytes());
            r.extend([0, 0]);
            r
        };
        assert_eq!(check_records(&record((0, 65536), (0, 256))), Ok(()), "a full BIFF8 sheet");
        assert!(check_records(&record((0, 4_000_000_000), (0, 256))).is_err());
        assert!(check_records(&record((10, 5), (0, 3))).is_err(), "ends before it starts");
    }

    /// The file fuzzing found: cells far apart, for whose grid calamine asked 137 GB and aborted.
    #[test]
    fn cells_spanning_more_than_a_sheet_are_refused() {
        let fixture = |name: &str| std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let bytes = fixture("far-apart-cells.xls");
        assert_eq!(check_records(&bytes), Err("its cells span more rows and columns than a sheet can hold"));
        let err = crate::unpack(&bytes, crate::Container::Xls, None).unwrap_err();
        assert!(err.to_string().contains("span more rows and columns"), "{err}");
        assert_eq!(check_records(&fixture("types.xls")), Ok(()));
        let number = |row: u16, col: u16| [&[0x03, 0x02, 14, 0][..], &row.to_le_bytes(), &col.to_le_bytes(), &[0u8; 10]].concat();
        assert_eq!(check_records(&[number(0, 0), number(65535, 255)].concat()), Ok(()), "a full BIFF8 sheet");
        assert!(check_records(&[number(0, 0), number(65535, 256)].concat()).is_err());
    }
}
