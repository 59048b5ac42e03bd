#!/usr/bin/env bash
# Sets up what is missing, then runs every test: native unit, golden and snapshot tests; the
# in-browser wasm-bindgen tests in headless Chromium; and the end-to-end tests against the built
# site in headless Chromium (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
scripts/setup.sh

step "native tests (metrics, charts, cli)"
cargo test --locked -p northstar-metrics -p northstar-charts -p northstar-cli

step "in-browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180 \
  scripts/wasm-env.sh cargo test --locked --target wasm32-unknown-unknown -p northstar --test web

step "build the site (trunk build --release)"
scripts/wasm-env.sh trunk build --release

step "end-to-end tests (Playwright + headless Chromium against dist/)"
node --test --test-reporter=spec tests/e2e/
