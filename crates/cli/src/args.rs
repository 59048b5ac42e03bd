//! Command-line parsing (by hand: the grammar is small and errors must name the bad flag).

use crate::error::CliError;
use northstar_metrics::catalog::SOURCES;
use northstar_metrics::source::SourceId;
use northstar_metrics::Granularity;

/// The help text: the commands, then every source with its roles and settings (from the registry).
pub fn usage() -> String {
    let names: Vec<&str> = SOURCES.iter().map(|s| s.name()).collect();
    let mut out = format!(
        "usage:
  northstar report --source KIND=FILE [--source KIND=FILE]...   (KIND: {kinds})
      [--period all|day|week|month|quarter|year] [--segment COLUMN]
      [--map SOURCE.ROLE=COLUMN]... [--set SOURCE.KEY=VALUE]... [--json] [--health]
  northstar demo [{kinds_bar}]   print a built-in demo export (CSV)
  northstar --help

sources (roles; settings that change how rows are read | that change only the arithmetic):
",
        kinds = names.join(", "),
        kinds_bar = names.join("|")
    );
    for s in SOURCES {
        let (ingest, kpi) = s.setting_keys();
        out.push_str(&format!("  {}: {}\n    roles: {}\n", s.name(), s.description(), s.roles().join(", ")));
        if !ingest.is_empty() || !kpi.is_empty() {
            out.push_str(&format!("    settings: {} | {}\n", ingest.join(", "), kpi.join(", ")));
        }
    }
    out.push_str(
        "Sources that need another's data find it when both are given: engagement_rate divides by the paying
  customers of subscriptions (else the active accounts); ltv_to_cac takes LTV from subscriptions (else
  clv_simple from orders); a subscriptions --segment may be an accounts column, joined by customer.
Join: given subscriptions or accounts (the billing customers) and other sources, the report says how
  each other source's rows reach a customer (JSON \"join\"): by customer id, by e-mail (trimmed,
  case-folded) or by the e-mail's domain matched to the customer's e-mail or website domain (never a
  free-mail domain, never a domain several customers share); --set join.SOURCE.rule=id|email|domain|auto
  (auto: id, else e-mail, else domain); the key column is the source's customer (respondent, user) role.
Health: with billing customers and a file of their touches (tickets, answers, usage, orders), or with
  --health or a health.* setting, the report adds the health KPIs per month (accounts_red, _yellow,
  _green, mrr_at_risk, health_auc, health_top_decile_lift) and each active customer's health_score
  with its components as of --set health.as_of=YYYY-MM-DD (default: the data's last day), JSON
  \"health\". Settings: health.weight.COMPONENT (usage_trend, usage_level, engagement, satisfaction,
  tickets, mrr_change), health.red_below, health.yellow_below, health.window_months, health.slow_hours.
FILE: CSV or TSV text, also gzip-compressed (streamed); a zip archive (its first CSV, or
  FILE.zip#entry.csv); an Excel or OpenDocument workbook, .xlsx, .xls or .ods (its first sheet, or
  FILE.xlsx#Sheet name). The kind is told by the file's first bytes, not by its name.
--segment COLUMN: rows per value of COLUMN beside the overall rows (segment null); for surveys with
  several questions of one kind, --segment Question gives each question's values
--map: repeat it for a role that takes several columns (segment; surveys' nps, csat, ces questions):
  the first replaces the guessed columns, the next ones add to them
exit codes: 0 ok, 2 bad arguments, unreadable file or missing column
",
    );
    out
}

fn source_names() -> String {
    SOURCES.iter().map(|s| s.name()).collect::<Vec<_>>().join(", ")
}

#[derive(Debug, Default, PartialEq)]
pub struct ReportOptions {
    /// (source, FILE) of each `--source`.
    pub sources: Vec<(SourceId, String)>,
    pub period: Granularity,
    pub segment: Option<String>,
    /// (source, role, column) of each `--map`; the source as written, checked by the report.
    pub maps: Vec<(String, String, String)>,
    pub sets: Vec<(String, String)>,
    pub json: bool,
    /// `--health`: the health score even of billing files alone.
    pub health: bool,
}

#[derive(Debug, PartialEq)]
pub enum Command {
    Help,
    Demo(SourceId),
    Report(ReportOptions),
}

fn split_pair<'a>(flag: &str, value: &'a str) -> Result<(&'a str, &'a str), CliError> {
    value.split_once('=').filter(|(k, _)| !k.is_empty()).ok_or_else(|| usage_error(format!("{flag} expects KEY=VALUE, got '{value}'")))
}

fn usage_error(text: String) -> CliError {
    CliError::Arguments(text)
}

pub fn parse(argv: &[String]) -> Result<Command, CliError> {
    // `northstar report --help` asks for the help, wherever the flag stands.
    if argv.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(Command::Help);
    }
    match argv.first().map(String::as_str) {
        None | Some("--help") | Some("-h") | Some("help") => return Ok(Command::Help),
        Some("demo") => {
            let which = argv.get(1).map_or("surveys", String::as_str);
            let Some(id) = SourceId::from_name(which) else {
                return Err(usage_error(format!("unknown demo '{which}'; demos: {}", source_names())));
            };
            return Ok(Command::Demo(id));
        }
        Some("report") => {}
        Some(other) => return Err(usage_error(format!("unknown command '{other}'"))),
    }
    let mut o = ReportOptions::default();
    let mut it = argv[1..].iter();
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| usage_error(format!("{name} needs a value")));
        match flag.as_str() {
            "--json" => o.json = true,
            "--health" => o.health = true,
            "--source" => {
                let v = value("--source")?;
                let (kind, file) = split_pair("--source", &v)?;
                let Some(id) = SourceId::from_name(kind) else {
                    return Err(usage_error(format!("unknown source kind '{kind}'; supported: {}", source_names())));
                };
                o.sources.push((id, file.to_string()));
            }
            "--period" => {
                let v = value("--period")?;
                o.period =
                    Granularity::parse(&v).ok_or_else(|| usage_error(format!("unknown period '{v}'; expected all, day, week, month, quarter or year")))?;
            }
            "--segment" => o.segment = Some(value("--segment")?),
            "--map" => {
                let v = value("--map")?;
                let (key, column) = split_pair("--map", &v)?;
                let (source, role) = key.split_once('.').ok_or_else(|| usage_error(format!("--map expects SOURCE.ROLE=COLUMN, got '{v}'")))?;
                o.maps.push((source.to_string(), role.to_string(), column.to_string()));
            }
            "--set" => {
                let v = value("--set")?;
                let (key, val) = split_pair("--set", &v)?;
                o.sets.push((key.to_string(), val.to_string()));
            }
            other => return Err(usage_error(format!("unknown flag '{other}'"))),
        }
    }
    if o.sources.is_empty() {
        return Err(usage_error("report needs at least one --source KIND=FILE".into()));
    }
    for (kind, _) in &o.sources {
        if o.sources.iter().filter(|(k, _)| k == kind).count() > 1 {
            return Err(usage_error(format!("--source {kind} is given twice")));
        }
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
        let Command::Report(o) =
            parse(&args("report --source surveys=a.csv --period quarter --map surveys.nps=Q1 --set surveys.nps_scale=1-5 --json")).unwrap()
        else {
            panic!()
        };
        assert_eq!(o.sources, [(SourceId::Surveys, "a.csv".to_string())]);
        assert_eq!(o.period, Granularity::Quarter);
        assert_eq!(o.maps, [("surveys".into(), "nps".into(), "Q1".into())]);
        assert!(o.json);
    }

    #[test]
    fn the_help_lists_every_source_with_its_roles() {
        let help = usage();
        for s in SOURCES {
            assert!(help.contains(&format!("  {}: {}", s.name(), s.description())), "{help}");
            assert!(help.contains(&s.roles().join(", ")), "{help}");
        }
    }

    #[test]
    fn help_is_asked_for_after_a_command_too() {
        for line in ["--help", "-h", "help", "report --help", "report --source surveys=a.csv -h", "demo --help"] {
            assert_eq!(parse(&args(line)).unwrap(), Command::Help, "{line}");
        }
    }

    #[test]
    fn rejects_bad_flags_clearly() {
        assert_eq!(parse(&args("report --source surveys=a --bogus")).unwrap_err().to_string(), "unknown flag '--bogus'");
        assert!(parse(&args("report --source surveys=a --period fortnight")).unwrap_err().to_string().contains("unknown period"));
        assert!(parse(&args("report --source usage2=a")).unwrap_err().to_string().contains("unknown source kind"));
        assert!(parse(&args("report --source accounts=a --source accounts=b")).unwrap_err().to_string().contains("twice"));
        assert!(parse(&args("report --source surveys=a --map nps=Q1")).unwrap_err().to_string().contains("SOURCE.ROLE"));
        assert!(parse(&args("report")).unwrap_err().to_string().contains("--source KIND=FILE"));
    }
}
