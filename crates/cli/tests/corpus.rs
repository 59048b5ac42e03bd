//! The bad-input corpus (tests/corpus, issue 23) through the `northstar` binary: every file is
//! read or refused exactly as tests/corpus/cases.json expects, with its located issues and KPI
//! values, and never a panic. The large files are written by tests/corpus/make.py at test time.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus");

/// The large files, made once per target directory.
fn big_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-big");
    let status = Command::new("python3").arg(Path::new(CORPUS).join("make.py")).arg("big").arg(&dir).status().expect("python3 runs");
    assert!(status.success(), "make.py big failed");
    dir
}

fn path_of(file: &str, big: &Path) -> PathBuf {
    match file.strip_prefix("big/") {
        Some(name) => big.join(name),
        None => Path::new(CORPUS).join(file),
    }
}

/// What one case got wrong, if anything.
fn check(case: &Value, big: &Path) -> Vec<String> {
    let file = case["file"].as_str().unwrap();
    let source = case["source"].as_str().unwrap();
    let arg = format!("{source}={}", path_of(file, big).display());
    let out = Command::new(env!("CARGO_BIN_EXE_northstar")).args(["report", "--source", &arg, "--json"]).output().unwrap();
    let (code, stdout, stderr) = (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let mut wrong = Vec::new();
    if stderr.contains("panicked") {
        wrong.push(format!("panicked: {stderr}"));
    }
    if code != case["exit"].as_i64().unwrap() as i32 {
        return vec![format!("exit {code}, expected {}: {stderr}", case["exit"])];
    }
    if code != 0 {
        let error = case["error"].as_str().unwrap();
        if !stderr.contains(error) {
            wrong.push(format!("stderr {stderr:?} lacks {error:?}"));
        }
        return wrong;
    }
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let summary = &report["sources"][0];
    for (key, want) in case["summary"].as_object().into_iter().flatten() {
        if &summary[key] != want {
            wrong.push(format!("summary {key} = {}, expected {want}", summary[key]));
        }
    }
    let issues = report["issues"].as_array().unwrap();
    if let Some(n) = case["issue_count"].as_u64() {
        if issues.len() as u64 != n {
            wrong.push(format!("{} issues, expected {n}: {issues:?}", issues.len()));
        }
    }
    for want in case["issues"].as_array().into_iter().flatten() {
        let (line, column, words) = (&want[0], &want[1], want[2].as_str().unwrap());
        let found =
            issues.iter().any(|i| &i["line"] == line && &i["column"] == column && i["reason"].as_str().unwrap().contains(words) && i["file"].is_string());
        if !found {
            wrong.push(format!("no issue at line {line}, column {column}: {words:?} in {issues:?}"));
        }
    }
    let kpis = report["kpis"].as_array().unwrap();
    let wanted = case["kpis"].as_object().unwrap();
    if wanted.is_empty() && kpis.iter().any(|k| k["value"].is_number() && k["value"] != 0.0) {
        wrong.push("KPI values from a file with no usable row".into());
    }
    let segments: std::collections::BTreeSet<&str> = kpis.iter().filter_map(|k| k["segment"].as_str()).collect();
    for name in case["segments"].as_array().into_iter().flatten() {
        if !segments.contains(name.as_str().unwrap()) {
            wrong.push(format!("no KPI for segment {name}"));
        }
    }
    if let Some(max) = case["max_segments"].as_u64() {
        if segments.len() as u64 > max {
            wrong.push(format!("{} segment values, at most {max} expected", segments.len()));
        }
    }
    for (key, want) in wanted {
        let (id, period) = key.split_once(' ').unwrap();
        match kpis.iter().find(|k| k["id"] == id && k["period"] == period && k["segment"].is_null()) {
            None => wrong.push(format!("no {key}")),
            Some(k) if !same(&k["value"], want) => wrong.push(format!("{key} = {}, expected {want}", k["value"])),
            Some(_) => {}
        }
    }
    wrong
}

fn same(got: &Value, want: &Value) -> bool {
    match (got.as_f64(), want.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        _ => got == want,
    }
}

#[test]
fn every_corpus_file_is_read_or_refused_as_expected() {
    let cases: Value = serde_json::from_str(&std::fs::read_to_string(Path::new(CORPUS).join("cases.json")).unwrap()).unwrap();
    let cases = cases["cases"].as_array().unwrap();
    assert!(cases.len() >= 40, "the corpus has {} files", cases.len());
    let big = big_dir();
    let failures: Vec<String> = cases.iter().flat_map(|c| check(c, &big).into_iter().map(move |w| format!("{}: {w}", c["file"]))).collect();
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn every_committed_corpus_file_has_a_case() {
    let cases = std::fs::read_to_string(Path::new(CORPUS).join("cases.json")).unwrap();
    for entry in std::fs::read_dir(Path::new(CORPUS).join("files")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        assert!(cases.contains(&format!("\"files/{name}\"")), "{name} has no case in cases.json");
    }
}
