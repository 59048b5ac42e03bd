#!/usr/bin/env bash
# The health case (issue 22, requirement 5): the bench's 1M-row subscriptions export (374k
# customers, 60 month ends), alone and beside a 5M-event product log keyed by the same customers.
#
#   scripts/bench-health.sh
#
# Generates the two files once into target/bench-data/, runs the divan bench `health` (the join,
# and the scores with their back-test, each timed apart: target ≤ 2 s), then times the CLI's whole
# report with health three times per case with /usr/bin/time (wall seconds and peak resident
# memory). Idempotent on a fresh Debian 12 machine (scripts/setup.sh installs the toolchain).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
target=${CARGO_TARGET_DIR:-target}

scripts/setup.sh
apt_install time
step "cargo build --release -p northstar-cli -p northstar-bench"
cargo build --release --locked -p northstar-cli -p northstar-bench
step "exports in target/bench-data"
"$target/release/northstar-bench-data" --out target/bench-data --rows 1M --sources subscriptions
"$target/release/northstar-bench-data" health --out target/bench-data --rows 5M

step "cargo bench --bench health (the join; scores and back-test)"
cargo bench --locked -q -p northstar-metrics --bench health

subs=target/bench-data/subscriptions-1M.csv
usage=target/bench-data/health-usage-5M.csv
step "the CLI's report with health, whole process, 3 runs each"
for case in "subscriptions" "subscriptions+usage"; do
  sources=(--source "subscriptions=$subs")
  [ "$case" = "subscriptions+usage" ] && sources+=(--source "usage=$usage")
  for run in 1 2 3; do
    /usr/bin/time -f "$case run $run: %e s wall, %M KB peak resident" \
      "$target/release/northstar" report --health "${sources[@]}" > /dev/null
  done
done
