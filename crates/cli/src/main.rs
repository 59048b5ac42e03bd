//! `northstar`: KPI reports from CSV exports on the command line, over the same metrics crate as
//! the app. See `northstar --help`.

mod args;
mod report;
mod table;

use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&argv) {
        Ok(args::Command::Help) => {
            print!("{}", args::USAGE);
            ExitCode::SUCCESS
        }
        Ok(args::Command::Demo(which)) => {
            let text = match which.as_str() {
                "subscriptions" => northstar_metrics::demo::demo_subscriptions_csv(),
                "accounts" => northstar_metrics::demo::demo_accounts_csv(),
                "tickets" => northstar_metrics::demo::demo_tickets_csv(),
                "usage" => northstar_metrics::demo::demo_usage_csv(),
                _ => northstar_metrics::demo::demo_surveys_csv(),
            };
            print!("{text}");
            ExitCode::SUCCESS
        }
        Ok(args::Command::Report(opts)) => match report::run(&opts) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("northstar: {e}");
                ExitCode::from(2)
            }
        },
        Err(e) => {
            eprintln!("northstar: {e}\n\n{}", args::USAGE);
            ExitCode::from(2)
        }
    }
}
