//! `northstar`: KPI reports from CSV exports (plain, gzip, zip or workbooks) on the command line, over the same metrics crate as
//! the app. See `northstar --help`.

mod args;
mod error;
mod health;
mod input;
mod report;
mod table;

use std::io::Write;
use std::process::ExitCode;

/// Writes the report to standard output. A reader that stops early (`northstar report … | head`)
/// closes the pipe: that ends the output, and is no error of the report.
fn emit(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("northstar: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&argv) {
        Ok(args::Command::Help) => emit(&args::usage()),
        Ok(args::Command::Demo(which)) => emit(&northstar_metrics::catalog::by_id(which).demo()),
        Ok(args::Command::Report(opts)) => match report::run(&opts) {
            Ok(text) => emit(&text),
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
