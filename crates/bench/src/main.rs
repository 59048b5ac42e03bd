//! `northstar-bench-data --out DIR [--rows 100k,1M,5M] [--sources tickets,usage,…] [--seed N] [--force]`
//!
//! Writes `DIR/<source>-<rows>.csv` for every source and row count, skipping files already there
//! (the same arguments always give the same bytes, so a file once written stays right).

use northstar_bench::{generate, parse_rows, rows_label, Kind};
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

struct Args {
    out: PathBuf,
    rows: Vec<u64>,
    kinds: Vec<Kind>,
    seed: Option<u64>,
    force: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args =
        Args { out: PathBuf::from("target/bench-data"), rows: vec![100_000, 1_000_000, 5_000_000], kinds: Kind::ALL.to_vec(), seed: None, force: false };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--out" => args.out = PathBuf::from(value()?),
            "--rows" => {
                args.rows = value()?
                    .split(',')
                    .map(|r| parse_rows(r).ok_or_else(|| format!("'{r}' is not a row count (100k, 1M, 250000)")))
                    .collect::<Result<_, _>>()?
            }
            "--sources" => {
                args.kinds = value()?
                    .split(',')
                    .map(|s| Kind::parse(s.trim()).ok_or_else(|| format!("'{s}' is not a benchmarked source (tickets, usage, surveys, subscriptions, orders)")))
                    .collect::<Result<_, _>>()?
            }
            "--seed" => args.seed = Some(value()?.parse().map_err(|_| "--seed needs a whole number".to_string())?),
            "--force" => args.force = true,
            _ => return Err(format!("unknown argument '{flag}'")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("northstar-bench-data: {e}\nusage: northstar-bench-data --out DIR [--rows 100k,1M,5M] [--sources tickets,usage,surveys,subscriptions,orders] [--seed N] [--force]");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = fs::create_dir_all(&args.out) {
        eprintln!("northstar-bench-data: cannot create {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    for &rows in &args.rows {
        for &kind in &args.kinds {
            let path = args.out.join(format!("{}-{}.csv", kind.name(), rows_label(rows)));
            if path.exists() && !args.force {
                continue;
            }
            let started = Instant::now();
            let tmp = path.with_extension("csv.part");
            let written = File::create(&tmp)
                .and_then(|f| generate(kind, rows, args.seed.unwrap_or(kind.seed()), &mut BufWriter::new(f)))
                .and_then(|_| fs::rename(&tmp, &path));
            if let Err(e) = written {
                eprintln!("northstar-bench-data: writing {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            let mb = fs::metadata(&path).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
            println!("{}: {rows} rows, {mb:.1} MB, in {:.1} s", path.display(), started.elapsed().as_secs_f64());
        }
    }
    ExitCode::SUCCESS
}
