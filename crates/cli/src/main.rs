//! `northstar`: KPI reports from CSV exports (plain, gzip, zip or workbooks) on the command line, over the same metrics crate as
//! the app. See `northstar --help`.

mod args;
mod error;
mod health;
mod input;
mod report;
mod table;

use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&argv) {
        Ok(args::Command::Help) => {
            print!("{}", args::usage());
            ExitCode::SUCCESS
        }
        Ok(args::Command::Demo(which)) => {
            print!("{}", northstar_metrics::catalog::by_id(which).demo());
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
        Err(e @ error::CliError::Arguments(_)) => {
            eprintln!("northstar: {e}\n\n{}", args::usage());
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("northstar: {e}");
            ExitCode::from(2)
        }
    }
}
