//! Golden tests: every folder under `tests/golden/<source>/` holds an input file and a `case.txt`
//! with the settings and the expected values, worked out by hand (the arithmetic is written next to
//! each value). `<source>` is a source's name; the harness finds it in `catalog::SOURCES` and runs the
//! same path as the CLI and the app: sniff, infer the mapping, apply overrides, stream the rows
//! through the source's reader, compute the KPIs of every loaded source.
//!
//! The input (`input.*`) is opened through `northstar-formats` by what `detect` says of its bytes,
//! as the CLI and the app do: a `.csv.gz` is unpacked in `chunk`-byte pieces, a zip archive gives
//! its first CSV entry (or the `entry` one), a workbook its first sheet (or the `sheet` one).
//!
//! case.txt lines (a directive the harness does not know fails the case):
//!   `period month` | `segment COLUMN` | `map ROLE=COLUMN` | `set KEY=VALUE` | `chunk N`
//!   `entry PATH` | `sheet NAME`                              (which zip entry, which workbook sheet)
//!   `container KIND`                                         (what `detect` must say: text, gzip, zip, xlsx, xls, ods)
//!   `context SOURCE FILE`                                    (also load FILE of this folder as SOURCE)
//!   `expect ID PERIOD SEGMENT|- KIND|- VALUE|none N`        (value compared to 1e-9)
//!   `basis ID PERIOD SEGMENT|- SOURCE|none`                  (where the value's LTV/ARPA/… came from)
//!   `warning ID PERIOD SEGMENT|- SUBSTRING|none`             (the warning the value carries)
//!   `rows ID COUNT`                                          (how many values of that id)
//!   `issue LINE|- COLUMN|- REASON-SUBSTRING`                 (an issue that must be reported)
//!   `issues COUNT` | `encoding NAME` | `delimiter NAME` | `first_period LABEL` | `last_period LABEL`
//!   `COUNTER COUNT` for any counter of the source (`skipped_rows`, `skipped_answers`, `excluded_trials`, …)
//! A source's extras (`Loaded::extras`: the orders cohort matrix) are values `expect` can check: the ids `cohort_retention` and
//! `cohort_revenue_retention`, with the cohort label as PERIOD, k as SEGMENT and the cohort size as
//! N (`expect cohort_retention 2024-01 1 - 0.5 2`); the cohort period is the `cohort` setting.
//! These ids exist only here, not in the KPI registry.
//!
//! Vendor exports (`tests/exports/<profile id or case>/`) use the same harness and say which
//! source they are (`source NAME`); they must read with no `map`. Their own directives:
//!   `profile ID|none`                      (the vendor profile the header matched)
//!   `recognised SOURCE`                    (the source the file fits best, as the app suggests it)
//!   `pick ROLE COLUMN profile|synonym|values|user`  (which column a role took, and why)
//!   `unpicked ROLE`                        (the role has no column)
//!   `fact KEY VALUE`                       (a fact decided while reading: `amount_unit cents`)

use northstar_formats::{detect, unpack, Container, Gunzip};
use northstar_metrics::catalog::{by_name, kpis_of_all, Loaded, Options, SOURCES};
use northstar_metrics::guess::Why;
use northstar_metrics::ingest::sniff;
use northstar_metrics::source::Query;
use northstar_metrics::{Granularity, KpiValue};
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

fn config(lines: &[Vec<String>], key: &str) -> Vec<String> {
    lines.iter().filter(|l| l[0] == key).map(|l| l[1].clone()).collect()
}

/// Reads `bytes` as source `name` in chunks of `chunk` bytes; the reader's refusal as text.
fn load(name: &str, file: &str, bytes: &[u8], options: &Options, chunk: usize) -> Result<Box<dyn Loaded>, String> {
    let source = by_name(name).unwrap_or_else(|| panic!("no source named {name}"));
    let sniffed = sniff(bytes);
    let mut loading = source.open(file, &sniffed, options).map_err(|e| e.to_string())?;
    for c in bytes.chunks(chunk.max(1)) {
        loading.feed(c);
    }
    Ok(loading.finish())
}

/// The CSV bytes of `path` and the container `detect` saw: gzip unpacked `chunk` bytes at a time,
/// a zip archive's `part` entry (else its first table), a workbook's `part` sheet (else its first).
fn open_input(path: &Path, part: Option<&str>, chunk: usize) -> (Container, Vec<u8>) {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let bytes = std::fs::read(path).unwrap();
    let kind = detect(&name, &bytes);
    let fail = |e: northstar_formats::FormatError| -> ! { panic!("{}: {e}", path.display()) };
    let csv = match kind {
        Container::Text => bytes,
        Container::Gzip => {
            let (mut gunzip, mut out) = (Gunzip::new(), Vec::new());
            for c in bytes.chunks(chunk.max(1)) {
                gunzip.feed(c, &mut out).unwrap_or_else(|e| fail(e));
            }
            gunzip.finish(&mut out).unwrap_or_else(|e| fail(e));
            out
        }
        k => unpack(&bytes, k, part).unwrap_or_else(|e| fail(e)).csv,
    };
    (kind, csv)
}

fn value_matches(want: &str, got: Option<f64>) -> bool {
    match (want, got) {
        ("none", None) => true,
        (w, Some(g)) if w != "none" => (w.parse::<f64>().unwrap() - g).abs() < 1e-9,
        _ => false,
    }
}

fn run_case(dir: &Path, source: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let spec = std::fs::read_to_string(dir.join("case.txt")).unwrap();
    let input = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with("input")).unwrap();
    let file_name = input.file_name().unwrap().to_string_lossy().to_string();
    let lines: Vec<Vec<String>> =
        spec.lines().map(|l| l.split(" #").next().unwrap().trim()).filter(|l| !l.is_empty() && !l.starts_with('#')).map(split_fields).collect();
    let chunk = config(&lines, "chunk").first().map_or(1 << 20, |c| c.parse().unwrap());
    let part = config(&lines, "entry").into_iter().chain(config(&lines, "sheet")).next();
    let (container, bytes) = open_input(&input, part.as_deref(), chunk);
    let pair = |v: &String| {
        let (k, v) = v.split_once('=').unwrap_or_else(|| panic!("{}: expected KEY=VALUE, got {v}", dir.display()));
        (k.to_string(), v.to_string())
    };
    let options = Options {
        maps: config(&lines, "map").iter().map(pair).map(|(r, c)| (r, (!c.is_empty()).then_some(c))).collect(),
        sets: config(&lines, "set").iter().map(pair).collect(),
        segment: config(&lines, "segment").first().cloned(),
    };
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    let mut loaded = match load(source, &file_name, &bytes, &options, chunk) {
        Ok(l) => vec![l],
        Err(e) => return vec![format!("{name}: refused: {e}")],
    };
    for l in lines.iter().filter(|l| l[0] == "context") {
        let (_, other) = open_input(&dir.join(&l[2]), None, 1 << 20);
        loaded.push(load(&l[1], &l[2], &other, &Options::default(), 1 << 20).unwrap_or_else(|e| panic!("{name}: context {}: {e}", l[2])));
    }
    let granularity = config(&lines, "period").first().map_or(Granularity::Month, |p| Granularity::parse(p).unwrap());
    let query = Query::new(granularity).segment(options.segment.clone());
    let all = kpis_of_all(&loaded, &query);
    let mut kpis: Vec<KpiValue> = all.into_iter().flat_map(|(_, k)| k).collect();
    let main = &loaded[0];
    kpis.extend(main.extras().into_iter().flat_map(|e| e.values));
    let meta = main.meta();
    let sniffed = sniff(&bytes);
    let overall = |id: &str| kpis.iter().filter(|k| k.segment.is_none() && k.id == id).map(|k| k.period.clone()).collect::<Vec<_>>();
    for l in &lines {
        let fail = |msg: String| format!("{}: {}: {msg}", dir.file_name().unwrap().to_string_lossy(), l.join(" "));
        let counter = main.counters().into_iter().find(|c| c.0 == l[0]).map(|c| c.1);
        let find = |id: &str, period: &str, segment: &str, kind: &str| {
            kpis.iter().find(|k| {
                k.id == id && k.period == period && k.segment.as_deref() == (segment != "-").then_some(segment) && k.kind == (kind != "-").then_some(kind)
            })
        };
        match l[0].as_str() {
            "period" | "segment" | "map" | "set" | "chunk" | "context" | "entry" | "sheet" | "source" => {}
            "profile" => {
                let got = main.profile().map_or("none", |p| p.id);
                if got != l[1] {
                    failures.push(fail(format!("got profile {got}")));
                }
            }
            "recognised" => {
                let best = northstar_metrics::catalog::recognise::fits(&sniffed).first().map(|f| f.source.name());
                if best != Some(l[1].as_str()) {
                    failures.push(fail(format!("fits best as {best:?}")));
                }
            }
            "pick" => {
                let pick = main.picks().iter().find(|p| p.role == l[1] && p.column == l[2]);
                let why = pick.map(|p| match &p.why {
                    Why::Profile(_) => "profile",
                    Why::Synonym(_) => "synonym",
                    Why::Values(_) => "values",
                    Why::User => "user",
                });
                if why != Some(l[3].as_str()) {
                    let role: Vec<_> = main.picks().iter().filter(|p| p.role == l[1]).collect();
                    failures.push(fail(format!("got {role:?}")));
                }
            }
            "fact" => {
                let got = main.facts().into_iter().find(|f| f.0 == l[1]).map(|f| f.1);
                if got.as_deref() != Some(l[2].as_str()) {
                    failures.push(fail(format!("got {got:?}")));
                }
            }
            "unpicked" => {
                let role: Vec<_> = main.picks().iter().filter(|p| p.role == l[1]).collect();
                if !role.is_empty() {
                    failures.push(fail(format!("got {role:?}")));
                }
            }
            "container" if format!("{container:?}").to_lowercase() != l[1] => failures.push(fail(format!("detected {container:?}"))),
            "container" => {}
            "expect" => match find(&l[1], &l[2], &l[3], &l[4]) {
                None => failures.push(fail("no such value".into())),
                Some(k) if !value_matches(&l[5], k.value) || k.n.to_string() != l[6] => failures.push(fail(format!("got value {:?} n {}", k.value, k.n))),
                Some(_) => {}
            },
            "basis" => match find(&l[1], &l[2], &l[3], "-") {
                Some(k) if k.basis == (l[4] != "none").then_some(l[4].as_str()) => {}
                k => failures.push(fail(format!("got {:?}", k.map(|k| k.basis)))),
            },
            "warning" => match find(&l[1], &l[2], &l[3], "-") {
                Some(k) if l[4] == "none" && k.warning.is_none() => {}
                Some(k) if l[4] != "none" && k.warning.as_deref().is_some_and(|w| w.contains(l[4].as_str())) => {}
                k => failures.push(fail(format!("got {:?}", k.map(|k| &k.warning)))),
            },
            "rows" => {
                let count = kpis.iter().filter(|k| k.id == l[1]).count();
                if count.to_string() != l[2] {
                    failures.push(fail(format!("got {count} rows")));
                }
            }
            "issue" => {
                let hit = meta.issues.iter().any(|i| {
                    (l[1] == "-" && i.line.is_none() || i.line.map(|x| x.to_string()) == Some(l[1].clone()))
                        && (l[2] == "-" && i.column.is_none() || i.column.as_deref() == Some(l[2].as_str()))
                        && i.reason.contains(l[3].as_str())
                });
                if !hit {
                    failures.push(fail(format!("not reported; issues: {:#?}", meta.issues)));
                }
            }
            "issues" if meta.issue_count.to_string() != l[1] => failures.push(fail(format!("got {} issues: {:#?}", meta.issue_count, meta.issues))),
            "issues" => {}
            "encoding" if meta.encoding != l[1] => failures.push(fail(format!("got {}", meta.encoding))),
            "delimiter" if sniffed.delimiter_label() != l[1] => failures.push(fail(format!("got {}", sniffed.delimiter_label()))),
            "encoding" | "delimiter" => {}
            "first_period" | "last_period" => {
                let periods = overall(&main_defs_first(source));
                let got = if l[0] == "first_period" { periods.first() } else { periods.last() };
                if got != Some(&l[1]) {
                    failures.push(fail(format!("got {got:?} ({} periods)", periods.len())));
                }
            }
            name if counter.is_some() => {
                if counter.unwrap().to_string() != l[1] {
                    failures.push(fail(format!("got {counter:?} ({name})")));
                }
            }
            other => failures.push(fail(format!("unknown directive '{other}'"))),
        }
    }
    failures
}

/// The first KPI id of a source, whose overall rows span every period of the series.
fn main_defs_first(source: &str) -> String {
    by_name(source).unwrap().defs()[0].id.to_string()
}

/// Runs every golden folder of every source; at least `at_least` cases each where given.
#[test]
fn golden_cases_of_every_source() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let minimum = [("subscriptions", 11), ("surveys", 13), ("tickets", 8), ("usage", 3), ("orders", 7), ("funnel", 4), ("accounts", 2)];
    let mut failures = Vec::new();
    let mut ran = 0;
    for source in SOURCES {
        let dir = root.join(source.name());
        let mut cases: Vec<_> = std::fs::read_dir(&dir).map(|d| d.map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect()).unwrap_or_default();
        cases.sort();
        let want = minimum.iter().find(|m| m.0 == source.name()).map_or(1, |m| m.1);
        assert!(cases.len() >= want, "{}: expected at least {want} golden cases, found {}", source.name(), cases.len());
        for case in &cases {
            failures.extend(run_case(case, source.name()));
            ran += 1;
        }
    }
    let folders: Vec<String> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    for f in folders {
        assert!(by_name(&f).is_some(), "tests/golden/{f} names no source");
    }
    assert!(failures.is_empty(), "{} golden mismatches over {ran} cases:\n{}", failures.len(), failures.join("\n"));
}

/// Every vendor export's fixture reads with no `map` and gives its hand-worked values; every
/// profile has a fixture named by its id, and names only roles its source has.
#[test]
fn vendor_exports_read_as_worked_by_hand() {
    use northstar_metrics::profile::PROFILES;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/exports");
    let mut cases: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    let names: Vec<String> = cases.iter().map(|c| c.file_name().unwrap().to_string_lossy().to_string()).collect();
    let mut failures = Vec::new();
    for p in PROFILES {
        if !names.iter().any(|n| n == p.id) {
            failures.push(format!("profile {} has no fixture tests/exports/{}/", p.id, p.id));
        }
        let source = by_name(p.source.name()).unwrap();
        for (role, _) in p.roles {
            if !source.roles().contains(role) {
                failures.push(format!("profile {}: {} has no role '{role}'", p.id, p.source.name()));
            }
        }
        // Its reading settings are the source's, with values the source accepts.
        if !p.settings.is_empty() {
            let sets = p.settings.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            let bytes = std::fs::read(root.join(p.id).join("input.csv")).unwrap_or_default();
            if let Err(e) = source.open("input.csv", &sniff(&bytes), &Options { sets, ..Options::default() }) {
                failures.push(format!("profile {}: its settings are refused: {e}", p.id));
            }
        }
    }
    if cases.len() < 40 {
        failures.push(format!("{} vendor exports, fewer than 40", cases.len()));
    }
    for case in &cases {
        let spec = std::fs::read_to_string(case.join("case.txt")).unwrap();
        let directive = |d: &str| spec.lines().find_map(|l| l.strip_prefix(d).map(|v| v.split(" #").next().unwrap().trim().to_string()));
        let source = directive("source ").unwrap_or_else(|| panic!("{}: no `source` line", case.display()));
        assert!(directive("map ").is_none(), "{}: a vendor export reads with no map", case.display());
        assert!(directive("expect ").is_some(), "{}: no hand-worked value", case.display());
        failures.extend(run_case(case, &source));
    }
    assert!(failures.is_empty(), "{} mismatches over {} vendor exports:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// The harness itself: a wrong value and an unknown directive both fail.
#[test]
fn the_harness_fails_on_a_wrong_value_and_an_unknown_directive() {
    let dir = std::env::temp_dir().join(format!("northstar-golden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("input.csv"), "date,nps\n2024-01-05,10\n2024-01-06,0\n").unwrap();
    std::fs::write(dir.join("case.txt"), "expect nps 2024-01 - - 0 2\nexpect nps 2024-01 - - 5 2\nexpct nps 2024-01 - - 0 2\n").unwrap();
    let failures = run_case(&dir, "surveys");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(failures.len(), 2, "{failures:#?}");
    assert!(failures[0].contains("got value Some(0.0)") && failures[1].contains("unknown directive 'expct'"), "{failures:#?}");
}

mod bridge_identity;
mod capabilities;
mod customer_join;
mod differential;
mod health;
mod helpdesk;
mod identity_rule;
mod join;
mod languages;
mod memory;
mod messy_input;
mod properties;
mod recognise;
mod somerville;
mod telco;
mod uci;
