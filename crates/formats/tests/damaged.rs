//! Damaged workbooks and archives give errors, never panics (gzip: see its unit tests): the fixtures with bytes overwritten at random
//! (a fixed seed, so every run tries the same files) and cut short.
//!
//! xls and ods are left out: calamine reads their sheets into a dense grid when it opens them, so
//! damage that moves a cell far away can ask for more memory than there is (an abort, not a
//! panic). xlsx sheets are read cell by cell and checked against `MAX_SHEET_CELLS` first.

use northstar_formats::{archive_entries, detect, unpack, Container};

fn damaged(bytes: &[u8], seed: &mut u64, round: usize) -> Vec<u8> {
    let mut next = || {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    };
    let mut b = bytes.to_vec();
    for _ in 0..1 + next() % 8 {
        let i = next() as usize % b.len();
        b[i] = next() as u8;
    }
    if round.is_multiple_of(5) {
        b.truncate(next() as usize % b.len());
    }
    b
}

#[test]
fn damaged_workbooks_and_archives_are_errors() {
    // Caught panics inside calamine still print through the hook: keep the output quiet.
    std::panic::set_hook(Box::new(|_| {}));
    let files: [(&str, &[u8]); 4] = [
        ("types.xlsx", include_bytes!("fixtures/types.xlsx")),
        ("spread.xlsx", include_bytes!("fixtures/spread.xlsx")),
        ("encrypted.xlsx", include_bytes!("fixtures/encrypted.xlsx")),
        ("input.zip", include_bytes!("../../metrics/tests/golden/surveys/15_zip_pick_an_entry/input.zip")),
    ];
    let mut seed = 0x9E37_79B9_7F4A_7C15;
    let mut results = 0;
    for (name, bytes) in files {
        for round in 0..300 {
            let b = damaged(bytes, &mut seed, round);
            let kind = detect(name, &b);
            if !matches!(kind, Container::Xls | Container::Ods) {
                results += unpack(&b, kind, None).is_ok() as usize;
            }
            // Taken for an Excel 2007+ workbook and for a zip archive whatever the bytes say.
            results += unpack(&b, Container::Xlsx, None).is_ok() as usize;
            results += archive_entries(&b).is_ok() as usize;
        }
    }
    let _ = std::panic::take_hook();
    assert!(results > 0, "some damage leaves a readable file");
}
