//! Golden tests: every folder under `tests/golden/surveys/` holds an input file and a `case.txt`
//! with the settings and the expected values, worked out by hand (the arithmetic is written next to
//! each value). The harness runs the same path as the CLI and the app: sniff, infer the mapping,
//! apply overrides, type the rows, compute the KPIs.
//!
//! case.txt lines:
//!   `period month` | `segment COLUMN` | `map ROLE=COLUMN` | `set KEY=VALUE` | `chunk N`
//!   `expect ID PERIOD SEGMENT|- KIND|- VALUE|none N`        (value compared to 1e-9)
//!   `rows ID COUNT`                                          (how many values of that id)
//!   `issue LINE|- COLUMN|- REASON-SUBSTRING`                 (an issue that must be reported)
//!   `issues COUNT` | `skipped_rows COUNT` | `skipped_answers COUNT` | `encoding NAME` | `delimiter NAME`

use northstar_metrics::ingest::sniff;
use northstar_metrics::surveys::{infer_mapping, survey_kpis, SurveyIngest, SurveySettings};
use northstar_metrics::Granularity;
use std::path::Path;

fn split_fields(line: &str) -> Vec<String> {
    // Space-separated, with "double quotes" for fields holding spaces.
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn run_case(dir: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    let spec = std::fs::read_to_string(dir.join("case.txt")).unwrap();
    let input = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with("input")).unwrap();
    let file_name = input.file_name().unwrap().to_string_lossy().to_string();
    let bytes = std::fs::read(&input).unwrap();
    let lines: Vec<Vec<String>> = spec
        .lines()
        .map(|l| l.split(" #").next().unwrap().trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(split_fields)
        .collect();
    let mut granularity = Granularity::Month;
    let mut segment_col: Option<String> = None;
    let mut settings = SurveySettings::default();
    let mut chunk = 1 << 20;
    let sniffed = sniff(&bytes);
    let mut mapping = infer_mapping(&sniffed);
    for l in &lines {
        match l[0].as_str() {
            "period" => granularity = Granularity::parse(&l[1]).unwrap(),
            "segment" => segment_col = Some(l[1].clone()),
            "chunk" => chunk = l[1].parse().unwrap(),
            "map" => {
                let (role, col) = l[1].split_once('=').unwrap();
                if col.is_empty() {
                    mapping.set(role, None);
                } else {
                    mapping.set(role, Some(col.to_string()));
                }
            }
            "set" => {
                let (k, v) = l[1].split_once('=').unwrap();
                settings.apply(k, v).unwrap();
            }
            _ => {}
        }
    }
    let mut ingest = SurveyIngest::new(&file_name, &sniffed, &mapping, &settings).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for c in bytes.chunks(chunk) {
        ingest.feed(c);
    }
    let data = ingest.finish();
    let segment = segment_col.map(|c| data.segments.iter().position(|s| s.name == c).expect("segment column is mapped"));
    let kpis = survey_kpis(&data, &settings, granularity, segment);
    for l in &lines {
        let fail = |msg: String| format!("{}: {}: {msg}", dir.file_name().unwrap().to_string_lossy(), l.join(" "));
        match l[0].as_str() {
            "expect" => {
                let found = kpis.iter().find(|k| {
                    k.id == l[1] && k.period == l[2] && k.segment.as_deref() == (l[3] != "-").then_some(l[3].as_str()) && k.kind == (l[4] != "-").then_some(l[4].as_str())
                });
                let Some(k) = found else {
                    failures.push(fail("no such value".into()));
                    continue;
                };
                let want: Option<f64> = if l[5] == "none" { None } else { Some(l[5].parse().unwrap()) };
                let ok = match (want, k.value) {
                    (None, None) => true,
                    (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                    _ => false,
                };
                if !ok || k.n.to_string() != l[6] {
                    failures.push(fail(format!("got value {:?} n {}", k.value, k.n)));
                }
            }
            "rows" => {
                let count = kpis.iter().filter(|k| k.id == l[1]).count();
                if count.to_string() != l[2] {
                    failures.push(fail(format!("got {count} rows")));
                }
            }
            "issue" => {
                let hit = data.issues.iter().any(|i| {
                    (l[1] == "-" && i.line.is_none() || i.line.map(|x| x.to_string()) == Some(l[1].clone()))
                        && (l[2] == "-" && i.column.is_none() || i.column.as_deref() == Some(l[2].as_str()))
                        && i.reason.contains(l[3].as_str())
                });
                if !hit {
                    failures.push(fail(format!("not reported; issues: {:#?}", data.issues)));
                }
            }
            "issues" if data.issue_count.to_string() != l[1] => failures.push(fail(format!("got {} issues: {:#?}", data.issue_count, data.issues))),
            "skipped_rows" if data.skipped_rows.to_string() != l[1] => failures.push(fail(format!("got {}", data.skipped_rows))),
            "skipped_answers" if data.skipped_answers.to_string() != l[1] => failures.push(fail(format!("got {}", data.skipped_answers))),
            "encoding" if data.encoding != l[1] => failures.push(fail(format!("got {}", data.encoding))),
            "delimiter" if sniffed.delimiter_label() != l[1] => failures.push(fail(format!("got {}", sniffed.delimiter_label()))),
            _ => {}
        }
    }
    failures
}

#[test]
fn golden_survey_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/surveys");
    let mut dirs: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 8, "expected the golden cases, found {}", dirs.len());
    let failures: Vec<String> = dirs.iter().flat_map(|d| run_case(d)).collect();
    assert!(failures.is_empty(), "{} golden mismatches:\n{}", failures.len(), failures.join("\n"));
}

mod memory;
mod somerville;
