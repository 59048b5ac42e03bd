//! Command-line parsing (by hand: the grammar is small and errors must name the bad flag).

use northstar_metrics::Granularity;

pub const USAGE: &str = "\
usage:
  northstar report --source KIND=FILE [--source KIND=FILE]...   (KIND: surveys, subscriptions, accounts, tickets, usage)
      [--period all|day|week|month|quarter|year] [--segment COLUMN]
      [--map SOURCE.ROLE=COLUMN]... [--set KEY=VALUE]... [--json]
  northstar demo [surveys|subscriptions|accounts]   print a built-in demo export (CSV)
  northstar --help

roles:
  surveys: date, respondent, segment (repeatable), comment, score, kind, nps, csat, ces
  subscriptions: customer, amount, currency, interval, interval_count, quantity, start, end, status,
    plan, trial_end, segment (repeatable); snapshot shape: customer, month, mrr
  accounts: customer, status, monthly_charge, tenure, segment (repeatable)
  tickets: id, created, first_response, resolved, customer, agent, channel, replies, reopens, rating,
    first_reply_minutes, segment (repeatable); event log: id, activity, timestamp, resource
  usage: user, customer, timestamp, duration, feature, units, entitlement
settings:
  surveys.kind=nps|csat|ces, surveys.nps_scale=0-10|1-5, surveys.csat_scale=1-5|1-7|1-10|0-10,
  surveys.csat_threshold=N, surveys.ces_scale=1-7|1-5|1-10, surveys.date_order=auto|mdy|dmy
  subscriptions.churn_basis=start|start_plus_new, subscriptions.gross_margin=0.8,
  subscriptions.cancel_effect=cancel_date|period_end, subscriptions.amount_unit=auto|cents|units,
  subscriptions.currency=USD, subscriptions.date_order=auto|mdy|dmy
  tickets.sla_hours=24, tickets.fcr_max_replies=1, tickets.fcr_max_reopens=0,
  tickets.repeat_window_days=7, tickets.first_response_activity=NAME, tickets.resolution_activity=NAME,
  tickets.resolution_event=first|last, tickets.date_order=auto|mdy|dmy
  usage.activation_event=NAME, usage.activation_days=30, usage.entitlement=N,
  usage.duration_unit=minutes|seconds, usage.date_order=auto|mdy|dmy
  (engagement_rate divides by the paying customers of --source subscriptions, else the active
  accounts of --source accounts)
--segment COLUMN: rows per value of COLUMN beside the overall rows (segment null); a subscriptions
  column (plan, metadata) or an accounts column, joined to subscriptions by customer
exit codes: 0 ok, 2 bad arguments, unreadable file or missing column
";

pub const SOURCE_KINDS: [&str; 5] = ["surveys", "subscriptions", "accounts", "tickets", "usage"];

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
    Demo(String),
    Report(ReportOptions),
}

fn split_pair<'a>(flag: &str, value: &'a str) -> Result<(&'a str, &'a str), String> {
    value.split_once('=').filter(|(k, _)| !k.is_empty()).ok_or_else(|| format!("{flag} expects KEY=VALUE, got '{value}'"))
}

pub fn parse(argv: &[String]) -> Result<Command, String> {
    match argv.first().map(String::as_str) {
        None | Some("--help") | Some("-h") | Some("help") => return Ok(Command::Help),
        Some("demo") => {
            let which = argv.get(1).cloned().unwrap_or_else(|| "surveys".into());
            if !SOURCE_KINDS.contains(&which.as_str()) {
                return Err(format!("unknown demo '{which}'; demos: {}", SOURCE_KINDS.join(", ")));
            }
            return Ok(Command::Demo(which));
        }
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
    if o.sources.is_empty() {
        return Err("report needs at least one --source KIND=FILE".into());
    }
    for kind in SOURCE_KINDS {
        if o.sources.iter().filter(|(k, _)| k == kind).count() > 1 {
            return Err(format!("--source {kind} is given twice"));
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
        assert!(parse(&args("report --source usage2=a")).unwrap_err().contains("unknown source kind"));
        assert!(parse(&args("report --source accounts=a --source accounts=b")).unwrap_err().contains("twice"));
        assert!(parse(&args("report --source surveys=a --map nps=Q1")).unwrap_err().contains("SOURCE.ROLE"));
        assert!(parse(&args("report")).unwrap_err().contains("--source KIND=FILE"));
    }
}
