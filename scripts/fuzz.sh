#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers (cargo-fuzz, libFuzzer, nightly toolchain):
#   scripts/fuzz.sh [--seconds N] [--jobs J] [TARGET...]
# runs each target (default: all of fuzz/fuzz_targets) for N seconds (default 600), J at a time
# (default 1), at the lowest CPU priority, from the seeds scripts/fuzz_seeds.py assembles; prints
# the executions each made. A crash leaves its input in fuzz/artifacts/TARGET/: make it a
# regression test (fuzz/README.md). The tokenizer and decoder (which hold the SIMD `unsafe`) run
# under AddressSanitizer; the others without a sanitizer, about 5x faster, as safe Rust.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=600
jobs=1
while [[ "${1:-}" == --* ]]; do
  case $1 in
    --seconds) seconds=$2 ;;
    --jobs) jobs=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  mapfile -t targets < <(ls fuzz/fuzz_targets | sed 's/\.rs$//')
fi
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cargo +nightly fuzz build -s none
cargo +nightly fuzz build --target-dir fuzz/target-asan csv
cargo +nightly fuzz build --target-dir fuzz/target-asan decode
python3 scripts/fuzz_seeds.py "${targets[@]}"
mkdir -p target/fuzz-logs

run_one() {
  local t=$1 seconds=$2 max_len=65536 flags=(-s none)
  case $t in dates|numbers) max_len=256 ;; zip|xlsx|gzip) max_len=1048576 ;; esac
  case $t in csv|decode) flags=(--target-dir fuzz/target-asan) ;; esac
  if nice -n 19 cargo +nightly fuzz run "${flags[@]}" "$t" "target/fuzz-corpus/$t" -- -max_total_time="$seconds" \
    -rss_limit_mb=2048 -max_len="$max_len" -timeout=30 -print_final_stats=1 > "target/fuzz-logs/$t.log" 2>&1; then
    runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "target/fuzz-logs/$t.log" | grep -oE '[0-9]+$' || echo '?')
    echo "$t: $runs executions in $seconds s, no crash"
  else
    echo "$t: CRASH (see target/fuzz-logs/$t.log and fuzz/artifacts/$t/)"
  fi
}
export -f run_one
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c "run_one {} $seconds"
