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
    match args::parse(std::env::args().skip(1)) {
        // A usage error (exit 2) or the help and version (exit 0), as clap prints them; a closed
        // pipe while printing is no error.
        Err(e) => {
            let _ = e.print();
            ExitCode::from(e.exit_code() as u8)
        }
        Ok(args::Command::Demo { kind }) => emit(&northstar_metrics::catalog::by_id(kind).demo()),
        Ok(args::Command::Completions { shell }) => emit(&args::completions(shell)),
        Ok(args::Command::Report(opts)) => match report::run(&opts) {
            Ok(text) => emit(&text),
            Err(e) => {
                eprintln!("northstar: {e}");
                ExitCode::from(2)
            }
        },
    }
}
