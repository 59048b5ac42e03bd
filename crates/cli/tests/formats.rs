//! `--source KIND=FILE` with the files people have: gzip (streamed), zip archives, workbooks, and
//! large plain CSV read in chunks. Expected values are the hand-worked ones of the golden cases, or
//! worked out below.

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../metrics/tests/golden");

fn northstar(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_northstar")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn json(source: &str) -> Value {
    let (code, stdout, stderr) = northstar(&["report", "--source", source, "--json"]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn value(v: &Value, id: &str, period: &str) -> (f64, u64) {
    let k = v["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id && k["period"] == period && k["segment"].is_null())
        .unwrap_or_else(|| panic!("no {id} {period}"));
    (k["value"].as_f64().unwrap(), k["n"].as_u64().unwrap())
}

/// A fresh folder for this test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("northstar-cli-formats-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// gzip in two members, split at `at` (mid-line), as `cat a.gz b.gz` makes.
fn gzip_two_members(data: &[u8], at: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for part in [&data[..at], &data[at..]] {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(part).unwrap();
        out.extend(e.finish().unwrap());
    }
    out
}

#[test]
fn a_gzipped_csv_reports_exactly_as_the_csv() {
    let dir = scratch("same");
    let csv = std::fs::read(format!("{GOLDEN}/surveys/06_bad_rows_are_reported/input.csv")).unwrap();
    std::fs::write(dir.join("answers.csv"), &csv).unwrap();
    std::fs::write(dir.join("answers.csv.gz"), gzip_two_members(&csv, csv.len() / 2 + 3)).unwrap();
    for extra in [&["--json"][..], &[][..]] {
        let run = |name: &str| {
            let source = format!("surveys={}", dir.join(name).display());
            let (code, out, err) = northstar(&[&["report", "--source", &source][..], extra].concat());
            assert_eq!(code, 0, "{err}");
            out
        };
        assert_eq!(run("answers.csv.gz").replace("answers.csv.gz", "answers.csv"), run("answers.csv"), "the same report, issues and lines");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// 60,000 answers (1.9 MB: past the 256 KiB sniff window and the 1 MiB chunk): January 30,000
/// rows scoring 10, 9, 0 in turn; February the same but line 45,001 (a 0) has a bad date.
fn big_survey() -> Vec<u8> {
    let mut s = String::from("date,customer,type,score,plan\n");
    for i in 0..60_000 {
        let date = if i == 44_999 {
            "2024-02-31"
        } else if i < 30_000 {
            "2024-01-15"
        } else {
            "2024-02-15"
        };
        s.push_str(&format!("{date},c{i},nps,{},Pro\n", [10, 9, 0][i % 3]));
    }
    s.into_bytes()
}

#[test]
fn large_files_stream_in_chunks_with_their_lines_located() {
    let dir = scratch("large");
    let csv = big_survey();
    assert!(csv.len() > 1 << 20);
    std::fs::write(dir.join("big.csv"), &csv).unwrap();
    std::fs::write(dir.join("big.csv.gz"), gzip_two_members(&csv, 300_001)).unwrap();
    for name in ["big.csv", "big.csv.gz"] {
        let v = json(&format!("surveys={}", dir.join(name).display()));
        // January: 10,000 each of 10, 9 and 0: 100 * (20,000 - 10,000) / 30,000.
        let (jan, n) = value(&v, "nps", "2024-01");
        assert_eq!(n, 30_000, "{name}");
        assert!((jan - 100.0 / 3.0).abs() < 1e-9, "{name}: {jan}");
        // February: one detractor fewer: 100 * (20,000 - 9,999) / 29,999.
        let (feb, n) = value(&v, "nps", "2024-02");
        assert_eq!(n, 29_999, "{name}");
        assert!((feb - 100.0 * 10_001.0 / 29_999.0).abs() < 1e-9, "{name}: {feb}");
        let issues = v["issues"].as_array().unwrap();
        assert_eq!(issues.len(), 1, "{name}: {issues:?}");
        assert_eq!((&issues[0]["file"], &issues[0]["line"], &issues[0]["column"]), (&Value::from(name), &Value::from(45_001), &Value::from("date")));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_zip_gives_its_first_csv_or_the_named_one() {
    let zip = format!("{GOLDEN}/surveys/15_zip_pick_an_entry/input.zip");
    // The first entry, exports/nps_2023.csv: January 2023 scores 0 and 1, both detractors.
    let v = json(&format!("surveys={zip}"));
    assert_eq!(value(&v, "nps", "2023-01"), (-100.0, 2));
    assert_eq!(v["sources"][0]["file"], "input.zip#exports/nps_2023.csv");
    // The second, by path or by its file name alone (see the golden case).
    for part in ["exports/nps_2024.csv", "nps_2024.csv"] {
        let v = json(&format!("surveys={zip}#{part}"));
        assert_eq!(value(&v, "nps", "2024-05"), (25.0, 4), "{part}");
    }
    let (code, _, err) = northstar(&["report", "--source", &format!("surveys={zip}#nope.csv")]);
    assert_eq!(code, 2);
    assert!(err.contains("input.zip: the zip archive has no file named 'nope.csv'; it holds: 'exports/nps_2023.csv', 'exports/nps_2024.csv'"), "{err}");
}

#[test]
fn workbooks_give_their_first_sheet_or_the_named_one() {
    let v = json(&format!("orders={GOLDEN}/orders/10_xlsx_typed_cells/input.xlsx"));
    assert_eq!(value(&v, "revenue", "2024-02"), (100.24, 2), "80.25 + 19.99");
    assert_eq!(v["sources"][0]["file"], "input.xlsx#Orders");
    assert_eq!(v["sources"][0]["delimiter"], "comma");
    let v = json(&format!("surveys={GOLDEN}/surveys/16_xls_typed_cells/input.xls"));
    assert_eq!(value(&v, "nps", "2024-02"), (0.0, 3), "10, 8 and 2");
    let ods = format!("{GOLDEN}/tickets/10_ods_named_sheet/input.ods");
    let v = json(&format!("tickets={ods}#Tickets"));
    assert_eq!(value(&v, "ticket_volume", "2024-05"), (3.0, 3));
    let (code, _, err) = northstar(&["report", "--source", &format!("tickets={ods}")]);
    assert_eq!(code, 2, "the first sheet is a summary without the ticket columns: {err}");
    let (code, _, err) = northstar(&["report", "--source", &format!("tickets={ods}#Nope")]);
    assert_eq!(code, 2);
    assert!(err.contains("input.ods: the workbook has no sheet named 'Nope'; its sheets: 'Summary', 'Tickets'"), "{err}");
}

#[test]
fn files_that_are_not_tables_are_refused_clearly() {
    let dir = scratch("refused");
    let pdf = dir.join("report.csv");
    std::fs::write(&pdf, b"%PDF-1.7\n1 0 obj\n").unwrap();
    let (code, _, err) = northstar(&["report", "--source", &format!("surveys={}", pdf.display())]);
    assert_eq!(code, 2);
    assert!(err.contains("report.csv: this is a PDF document, not a table; export the data as CSV"), "{err}");

    let csv = big_survey();
    let gz = gzip_two_members(&csv[..100_000], 50_000);
    let cut = dir.join("cut.csv.gz");
    std::fs::write(&cut, &gz[..gz.len() - 100]).unwrap();
    let (code, _, err) = northstar(&["report", "--source", &format!("surveys={}", cut.display())]);
    assert_eq!(code, 2);
    assert!(err.contains("cut.csv.gz: the gzip data ends early: the file was cut short"), "{err}");

    let plain = format!("{GOLDEN}/surveys/01_long_monthly/input.csv");
    let (code, _, err) = northstar(&["report", "--source", &format!("surveys={plain}#Sheet1")]);
    assert_eq!(code, 2);
    assert!(err.contains("is a text (CSV) file: '#Sheet1' names a file in a zip archive or a sheet of a workbook"), "{err}");

    // A '#' in the file's own name is part of the name.
    let hash = dir.join("q1#final.csv");
    std::fs::copy(&plain, &hash).unwrap();
    let v = json(&format!("surveys={}", hash.display()));
    assert_eq!(value(&v, "nps", "2024-03"), (50.0, 2), "as in golden surveys/01");
    std::fs::remove_dir_all(&dir).unwrap();
}
