#!/usr/bin/env bash
# Sets up what is missing, then runs every check and test: formatting, the architecture checks
# (layering, source footprint), clippy (native and wasm32); native unit, golden, snapshot, view-model
# and CLI tests; the in-browser wasm-bindgen tests in headless Chromium; and the end-to-end tests
# against the built site in headless Chromium (Playwright). Ends with one line of totals over all
# layers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
scripts/setup.sh
log=$(mktemp -d)

step "formatting (cargo fmt --check, rustfmt.toml)"
cargo fmt --all -- --check

step "architecture (scripts/layers.py: the layering holds, no import cycle; scripts/footprint.py: where each source is named)"
python3 scripts/layers.py
python3 scripts/footprint.py

step "clippy -D warnings (native, every crate and target)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "clippy -D warnings (wasm32: the app, its worker and its in-browser tests)"
if [ "$(cat .toolchain-mode)" = rustup ]; then
  scripts/wasm-env.sh cargo clippy --locked --target wasm32-unknown-unknown -p northstar --all-targets -- -D warnings
else
  # Debian's rustc-web has no clippy: the app's code was linted natively above (same code, host target).
  echo "skipped: the debian wasm toolchain has no clippy (the app's code is linted natively above)"
fi

step "native tests (metrics, formats, charts, cli, bench data, share, view models)"
cargo test --locked -p northstar-metrics -p northstar-formats -p northstar-charts -p northstar-cli -p northstar-bench -p northstar-share -p northstar-view 2>&1 | tee "$log/native.txt"

step "in-browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180 \
  scripts/wasm-env.sh cargo test --locked --target wasm32-unknown-unknown -p northstar --test web 2>&1 | tee "$log/wasm.txt"

step "build the site (trunk build --release)"
scripts/wasm-env.sh trunk build --release

step "end-to-end tests (Playwright + headless Chromium against dist/)"
node --test --test-reporter=spec tests/e2e/ 2>&1 | tee "$log/e2e.txt"

count() { # file, cargo word (passed|failed), node word (pass|fail)
  local cargo node
  cargo=$(grep -Eo "[0-9]+ $2" "$1" | awk '{s+=$1} END {print s+0}')
  node=$(grep -Eo "^ℹ $3 [0-9]+" "$1" | awk '{s+=$3} END {print s+0}')
  echo $((cargo + node))
}
native=$(count "$log/native.txt" passed pass); wasm=$(count "$log/wasm.txt" passed pass); e2e=$(count "$log/e2e.txt" passed pass)
failed=$(( $(count "$log/native.txt" failed fail) + $(count "$log/wasm.txt" failed fail) + $(count "$log/e2e.txt" failed fail) ))
step "layers: native $native, in-browser $wasm, end-to-end $e2e"
echo "total: $((native + wasm + e2e)) passed, $failed failed"
