//! Command-line parsing with clap (derive): the help, the usage errors (exit code 2) and the shell
//! completions (`northstar completions bash`) all come from this one description. The list of
//! sources, their roles and settings in the help comes from the registry the app uses.

use clap::{Args, CommandFactory, Parser, Subcommand};
use northstar_metrics::catalog::SOURCES;
use northstar_metrics::source::SourceId;
use northstar_metrics::Granularity;

/// Every source with its roles and settings, and how the sources meet (after the options).
pub fn sources_help() -> String {
    let mut out = String::from("Sources (roles; settings that change how rows are read | that change only the arithmetic):\n");
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
Exit codes: 0 ok, 2 bad arguments, unreadable file or missing column.
",
    );
    out
}

fn source_names() -> String {
    SOURCES.iter().map(|s| s.name()).collect::<Vec<_>>().join(", ")
}

#[derive(Debug, Parser)]
// The help keeps its own line breaks (term_width 0): the sources list is laid out by hand.
#[command(name = "northstar", version, term_width = 0, about = "Customer-success KPIs from the CSV exports you already have, computed on this machine.", after_help = sources_help())]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand, PartialEq)]
pub enum Command {
    /// Read exports and print their KPIs (a table, or JSON with --json).
    #[command(after_help = sources_help(), term_width = 0)]
    Report(ReportOptions),
    /// Print a built-in demo export (CSV).
    Demo {
        /// The source kind of the demo.
        #[arg(value_parser = parse_kind, default_value = "surveys")]
        kind: SourceId,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Default, PartialEq, Args)]
pub struct ReportOptions {
    /// An export and its source kind; repeat it for several sources (one file per kind).
    #[arg(long = "source", value_name = "KIND=FILE", required = true, value_parser = parse_source)]
    pub sources: Vec<(SourceId, String)>,
    /// The periods: all, day, week, month, quarter or year.
    #[arg(long, value_parser = parse_period, default_value = "month")]
    pub period: Granularity,
    /// Rows per value of COLUMN beside the overall rows (segment null); for surveys with several
    /// questions of one kind, `--segment Question` gives each question's values.
    #[arg(long, value_name = "COLUMN")]
    pub segment: Option<String>,
    /// A role's column; repeat it for a role that takes several columns (segment; surveys' nps,
    /// csat, ces questions): the first replaces the guessed columns, the next ones add to them.
    #[arg(long = "map", value_name = "SOURCE.ROLE=COLUMN", value_parser = parse_map)]
    pub maps: Vec<(String, String, String)>,
    /// A setting (see the list of sources below).
    #[arg(long = "set", value_name = "SOURCE.KEY=VALUE", value_parser = parse_set)]
    pub sets: Vec<(String, String)>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The health score even of billing files alone.
    #[arg(long)]
    pub health: bool,
}

fn split_pair(value: &str) -> Result<(&str, &str), String> {
    value.split_once('=').filter(|(k, _)| !k.is_empty()).ok_or_else(|| format!("expected KEY=VALUE, got '{value}'"))
}

fn parse_kind(kind: &str) -> Result<SourceId, String> {
    SourceId::from_name(kind).ok_or_else(|| format!("unknown source kind '{kind}'; supported: {}", source_names()))
}

fn parse_source(value: &str) -> Result<(SourceId, String), String> {
    let (kind, file) = split_pair(value)?;
    Ok((parse_kind(kind)?, file.to_string()))
}

fn parse_period(value: &str) -> Result<Granularity, String> {
    Granularity::parse(value).ok_or_else(|| format!("unknown period '{value}'; expected all, day, week, month, quarter or year"))
}

fn parse_map(value: &str) -> Result<(String, String, String), String> {
    let (key, column) = split_pair(value)?;
    let (source, role) = key.split_once('.').ok_or_else(|| format!("expected SOURCE.ROLE=COLUMN, got '{value}'"))?;
    Ok((source.to_string(), role.to_string(), column.to_string()))
}

fn parse_set(value: &str) -> Result<(String, String), String> {
    let (key, val) = split_pair(value)?;
    Ok((key.to_string(), val.to_string()))
}

/// Parses `argv` (without the program name); a usage error or a help request is clap's error,
/// which prints itself with the right exit code (2, or 0 for help).
pub fn parse<I: IntoIterator<Item = String>>(argv: I) -> Result<Command, clap::Error> {
    let cli = Cli::try_parse_from(std::iter::once("northstar".to_string()).chain(argv))?;
    if let Command::Report(o) = &cli.command {
        if let Some((kind, _)) = o.sources.iter().find(|(k, _)| o.sources.iter().filter(|(o, _)| o == k).count() > 1) {
            return Err(Cli::command().error(clap::error::ErrorKind::ArgumentConflict, format!("--source {} is given twice", kind.name())));
        }
    }
    Ok(cli.command)
}

/// The completion script of `shell`.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "northstar", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn the_description_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_a_full_report_command() {
        let Command::Report(o) = parse(args("report --source surveys=a.csv --period quarter --map surveys.nps=Q1 --set surveys.nps_scale=1-5 --json")).unwrap()
        else {
            panic!()
        };
        assert_eq!(o.sources, [(SourceId::Surveys, "a.csv".to_string())]);
        assert_eq!(o.period, Granularity::Quarter);
        assert_eq!(o.maps, [("surveys".into(), "nps".into(), "Q1".into())]);
        assert_eq!(o.sets, [("surveys.nps_scale".into(), "1-5".into())]);
        assert!(o.json && !o.health);
    }

    #[test]
    fn the_help_lists_every_source_with_its_roles() {
        for line in ["--help", "report --help"] {
            let help = parse(args(line)).unwrap_err();
            assert_eq!(help.kind(), clap::error::ErrorKind::DisplayHelp);
            let help = help.to_string();
            for s in SOURCES {
                assert!(help.contains(&format!("  {}: {}", s.name(), s.description())), "{line}: {help}");
                assert!(help.contains(&s.roles().join(", ")), "{help}");
            }
        }
        assert_eq!(parse(args("report --source surveys=a.csv -h")).unwrap_err().kind(), clap::error::ErrorKind::DisplayHelp);
    }

    #[test]
    fn rejects_bad_flags_clearly() {
        let error = |line: &str| parse(args(line)).unwrap_err();
        let bogus = error("report --source surveys=a --bogus");
        assert_eq!(bogus.exit_code(), 2);
        assert!(bogus.to_string().contains("'--bogus'"), "{bogus}");
        assert!(error("report --source surveys=a --period fortnight").to_string().contains("unknown period 'fortnight'"));
        assert!(error("report --source usage2=a").to_string().contains("unknown source kind 'usage2'"));
        assert!(error("report --source accounts=a --source accounts=b").to_string().contains("--source accounts is given twice"));
        assert!(error("report --source surveys=a --map nps=Q1").to_string().contains("SOURCE.ROLE=COLUMN"));
        assert!(error("report").to_string().contains("--source <KIND=FILE>"));
        assert!(error("demo nosuch").to_string().contains("unknown source kind"));
    }

    #[test]
    fn completions_name_every_command_and_flag() {
        let bash = completions(clap_complete::Shell::Bash);
        for word in ["report", "demo", "completions", "--source", "--period", "--map", "--set", "--json", "--health"] {
            assert!(bash.contains(word), "{word}");
        }
    }
}
