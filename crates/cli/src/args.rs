//! Command-line parsing (by hand: the grammar is small and errors must name the bad flag).

use northstar_metrics::Granularity;

pub const USAGE: &str = "\
usage:
  northstar report --source surveys=FILE [--source KIND=FILE]...
      [--period all|day|week|month|quarter|year] [--segment COLUMN]
      [--map surveys.ROLE=COLUMN]... [--set KEY=VALUE]... [--json]
  northstar demo        print the built-in demo survey export (CSV)
  northstar --help

roles (surveys): date, respondent, segment (repeatable), comment, score, kind, nps, csat, ces
settings: surveys.kind=nps|csat|ces, surveys.nps_scale=0-10|1-5, surveys.csat_scale=1-5|1-7|1-10|0-10,
  surveys.csat_threshold=N, surveys.ces_scale=1-7|1-5|1-10, surveys.date_order=auto|mdy|dmy
exit codes: 0 ok, 2 bad arguments, unreadable file or missing column
";

pub const SOURCE_KINDS: [&str; 1] = ["surveys"];

#[derive(Debug, Default, PartialEq)]
pub struct ReportOptions {
    pub sources: Vec<(String, String)>,
    pub period: Granularity,
    pub segment: Option<String>,
    pub maps: Vec<(String, String, String)>,
    pub sets: Vec<(String, String)>,
    pub json: bool,
}

#[derive(Debug, PartialEq)]
pub enum Command {
    Help,
    Demo,
    Report(ReportOptions),
}

fn split_pair<'a>(flag: &str, value: &'a str) -> Result<(&'a str, &'a str), String> {
    value.split_once('=').filter(|(k, _)| !k.is_empty()).ok_or_else(|| format!("{flag} expects KEY=VALUE, got '{value}'"))
}

pub fn parse(argv: &[String]) -> Result<Command, String> {
    match argv.first().map(String::as_str) {
        None | Some("--help") | Some("-h") | Some("help") => return Ok(Command::Help),
        Some("demo") => return Ok(Command::Demo),
        Some("report") => {}
        Some(other) => return Err(format!("unknown command '{other}'")),
    }
    let mut o = ReportOptions::default();
    let mut it = argv[1..].iter();
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--json" => o.json = true,
            "--source" => {
                let v = value("--source")?;
                let (kind, file) = split_pair("--source", &v)?;
                if !SOURCE_KINDS.contains(&kind) {
                    return Err(format!("unknown source kind '{kind}'; supported: {}", SOURCE_KINDS.join(", ")));
                }
                o.sources.push((kind.to_string(), file.to_string()));
            }
            "--period" => {
                let v = value("--period")?;
                o.period = Granularity::parse(&v).ok_or_else(|| format!("unknown period '{v}'; expected all, day, week, month, quarter or year"))?;
            }
            "--segment" => o.segment = Some(value("--segment")?),
            "--map" => {
                let v = value("--map")?;
                let (key, column) = split_pair("--map", &v)?;
                let (source, role) = key.split_once('.').ok_or_else(|| format!("--map expects SOURCE.ROLE=COLUMN, got '{v}'"))?;
                o.maps.push((source.to_string(), role.to_string(), column.to_string()));
            }
            "--set" => {
                let v = value("--set")?;
                let (key, val) = split_pair("--set", &v)?;
                o.sets.push((key.to_string(), val.to_string()));
            }
            other => return Err(format!("unknown flag '{other}'")),
        }
    }
    if !o.sources.iter().any(|(k, _)| k == "surveys") {
        return Err("report needs --source surveys=FILE".into());
    }
    Ok(Command::Report(o))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_a_full_report_command() {
        let Command::Report(o) = parse(&args("report --source surveys=a.csv --period quarter --map surveys.nps=Q1 --set surveys.nps_scale=1-5 --json")).unwrap() else {
            panic!()
        };
        assert_eq!(o.sources, [("surveys".to_string(), "a.csv".to_string())]);
        assert_eq!(o.period, Granularity::Quarter);
        assert_eq!(o.maps, [("surveys".into(), "nps".into(), "Q1".into())]);
        assert!(o.json);
    }

    #[test]
    fn rejects_bad_flags_clearly() {
        assert_eq!(parse(&args("report --source surveys=a --bogus")).unwrap_err(), "unknown flag '--bogus'");
        assert!(parse(&args("report --source surveys=a --period fortnight")).unwrap_err().contains("unknown period"));
        assert!(parse(&args("report --source tickets=a")).unwrap_err().contains("unknown source kind"));
        assert!(parse(&args("report --source surveys=a --map nps=Q1")).unwrap_err().contains("SOURCE.ROLE"));
        assert!(parse(&args("report")).unwrap_err().contains("--source surveys"));
    }
}
