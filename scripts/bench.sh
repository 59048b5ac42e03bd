#!/usr/bin/env bash
# The benchmark suite (BENCHMARKS.md): Northstar against PapaParse + JS and DuckDB-WASM in one
# headless Chromium run, and the northstar CLI against pandas and native DuckDB, on generated exports.
#
#   scripts/bench.sh [--rows 100k,1M,5M] [--sources tickets,usage,surveys,subscriptions,orders]
#                    [--engines northstar,papaparse,duckdb,cli,pandas,native-duckdb] [--runs 3] [--no-write]
#
# Idempotent on a fresh Debian 12 machine: installs what is missing (scripts/setup.sh, Chromium,
# /usr/bin/time, the bench's own npm packages in bench/node_modules, pandas and DuckDB in target/bench-venv),
# builds the app (dist/) and the CLI, generates the exports once into target/bench-data/, then
# runs bench/run.mjs, which prints the table and writes it into BENCHMARKS.md.
#   BENCH_DIST=DIR   measure an app already built in DIR instead of building dist/
#   BENCH_TIMEOUT_S=N  a browser run not done in N seconds (default 1800) is recorded as failed
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

rows=100k,1M,5M
sources=tickets,usage,surveys,subscriptions,orders
engines=northstar,papaparse,duckdb,cli,pandas,native-duckdb
args=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=${2:?--rows needs a value}; shift 2 ;;
    --sources) sources=${2:?--sources needs a value}; shift 2 ;;
    --engines) engines=${2:?--engines needs a value}; shift 2 ;;
    --runs) shift 2 ;;
    --no-write) shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
uses() { [[ ",$engines," == *",$1,"* ]]; }
target=${CARGO_TARGET_DIR:-target}

# 1. The app: built here unless BENCH_DIST names a build; Chromium for the browser engines.
if uses northstar && [ -z "${BENCH_DIST:-}" ]; then
  scripts/setup.sh
  step "trunk build --release (dist/)"
  scripts/wasm-env.sh trunk build --release
fi
if uses northstar || uses papaparse || uses duckdb; then apt_install chromium; fi
apt_install time

# 2. The bench's own npm packages (PapaParse, DuckDB-WASM, playwright-core), apart from the app's.
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  step "npm ci (bench/)"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

# 3. pandas and DuckDB from PyPI in a virtual environment under target/ (pinned in bench/requirements.txt).
venv=target/bench-venv
if { uses pandas || uses native-duckdb; } && ! cmp -s bench/requirements.txt "$venv/requirements.txt"; then
  step "pandas and DuckDB into $venv"
  python3 -m venv "$venv" 2>/dev/null || { apt_install python3-venv; rm -rf "$venv"; python3 -m venv "$venv"; }
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r bench/requirements.txt
  cp bench/requirements.txt "$venv/requirements.txt"
fi

# 4. The CLI (the reference every engine is checked against) and the export generator.
step "cargo build --release -p northstar-cli -p northstar-bench"
cargo build --release --locked -p northstar-cli -p northstar-bench

# 5. The exports, generated once (deterministic: the same files on every machine).
step "exports in target/bench-data ($rows rows: $sources)"
"$target/release/northstar-bench-data" --out target/bench-data --rows "$rows" --sources "$sources"

# 6. The peers' KPI code against hand-worked files, then the measurements.
step "node --test bench/test/"
node --test --test-reporter=dot bench/test/

step "benchmark"
NORTHSTAR_CLI="$target/release/northstar" BENCH_PYTHON="$venv/bin/python" BENCH_DATA=target/bench-data \
  node bench/run.mjs "${args[@]}"
