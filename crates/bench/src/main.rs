//! `northstar-bench-data --out DIR [--rows 100k,1M,5M] [--sources tickets,usage,…] [--seed N] [--force]`
//!
//! Writes `DIR/<source>-<rows>.csv` for every source and row count, skipping files already there
//! (the same arguments always give the same bytes, so a file once written stays right).
//!
//! `northstar-bench-data customers --out DIR [--customers N] [--seed S] [--force]`
//!
//! Writes one set of exports about the same N customers (default 400): `subscriptions.csv`,
//! `accounts.csv`, `usage.csv`, `tickets.csv`, `surveys.csv` and `truth.csv`; refuses to write
//! over a file already there unless `--force` (the names do not say the arguments).

use northstar_bench::customers::{customer_set, DEFAULT_CUSTOMERS, DEFAULT_SEED, FILES};
use northstar_bench::{generate, generate_health_usage, parse_rows, rows_label, Kind};
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

struct CustomerArgs {
    out: PathBuf,
    customers: u32,
    seed: u64,
    force: bool,
}

fn parse_customer_args(mut it: impl Iterator<Item = String>) -> Result<CustomerArgs, String> {
    let mut args = CustomerArgs { out: PathBuf::new(), customers: DEFAULT_CUSTOMERS, seed: DEFAULT_SEED, force: false };
    let mut out = None;
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--out" => out = Some(PathBuf::from(value()?)),
            "--customers" => args.customers = value()?.parse().ok().filter(|n| *n > 0).ok_or_else(|| "--customers needs a whole number above 0".to_string())?,
            "--seed" => args.seed = value()?.parse().map_err(|_| "--seed needs a whole number".to_string())?,
            "--force" => args.force = true,
            _ => return Err(format!("unknown argument '{flag}'")),
        }
    }
    args.out = out.ok_or("--out DIR is needed")?;
    Ok(args)
}

fn customers(args: impl Iterator<Item = String>) -> ExitCode {
    let args = match parse_customer_args(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("northstar-bench-data customers: {e}\nusage: northstar-bench-data customers --out DIR [--customers N (400)] [--seed S] [--force]");
            return ExitCode::from(2);
        }
    };
    if let Some(there) = FILES.iter().map(|f| args.out.join(f)).find(|p| p.exists()).filter(|_| !args.force) {
        eprintln!("northstar-bench-data customers: {} already exists; --force writes over it", there.display());
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let written = fs::create_dir_all(&args.out).and_then(|_| customer_set(args.customers, args.seed)).and_then(|files| {
        for (name, bytes) in &files {
            let path = args.out.join(name);
            let tmp = path.with_extension("csv.part");
            fs::write(&tmp, bytes).and_then(|_| fs::rename(&tmp, &path))?;
            println!("{}: {} rows, {:.2} MB", path.display(), bytes.iter().filter(|b| **b == b'\n').count().saturating_sub(1), bytes.len() as f64 / 1e6);
        }
        Ok(())
    });
    if let Err(e) = written {
        eprintln!("northstar-bench-data customers: writing {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    println!("{} customers, seed {}, in {:.1} s", args.customers, args.seed, started.elapsed().as_secs_f64());
    ExitCode::SUCCESS
}

/// `health --out DIR [--rows 5M]`: `health-usage-ROWS.csv`, a product log keyed by the
/// subscriptions export's customers (read beside `subscriptions-1M.csv`).
fn health(mut it: impl Iterator<Item = String>) -> ExitCode {
    let (mut out, mut rows) = (None, 5_000_000);
    while let Some(flag) = it.next() {
        let value = it.next();
        match (flag.as_str(), value) {
            ("--out", Some(v)) => out = Some(PathBuf::from(v)),
            ("--rows", Some(v)) if parse_rows(&v).is_some() => rows = parse_rows(&v).unwrap_or(rows),
            _ => {
                eprintln!("northstar-bench-data health: bad argument '{flag}'\nusage: northstar-bench-data health --out DIR [--rows 5M]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(dir) = out else {
        eprintln!("northstar-bench-data health: --out DIR is needed");
        return ExitCode::from(2);
    };
    let path = dir.join(format!("health-usage-{}.csv", rows_label(rows)));
    if path.exists() {
        return ExitCode::SUCCESS;
    }
    let tmp = path.with_extension("csv.part");
    let written = fs::create_dir_all(&dir)
        .and_then(|_| File::create(&tmp))
        .and_then(|f| generate_health_usage(rows, &mut BufWriter::new(f)))
        .and_then(|_| fs::rename(&tmp, &path));
    match written {
        Ok(()) => {
            println!("{}: {rows} rows", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("northstar-bench-data health: writing {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        Some("customers") => return customers(std::env::args().skip(2)),
        Some("health") => return health(std::env::args().skip(2)),
        _ => {}
    }
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "northstar-bench-data: {e}\nusage: northstar-bench-data --out DIR [--rows 100k,1M,5M] [--sources tickets,usage,surveys,subscriptions,orders] [--seed N] [--force]\n       northstar-bench-data customers --out DIR [--customers N (400)] [--seed S] [--force]"
            );
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
