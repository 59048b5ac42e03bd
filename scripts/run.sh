#!/usr/bin/env bash
# Sets up what is missing, builds the site, and serves it at http://127.0.0.1:${PORT:-8080}/ with
# the built-in demo dataset loaded. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
scripts/setup.sh
step "trunk build --release"
scripts/wasm-env.sh trunk build --release
port=${PORT:-8080}
step "Northstar is at http://127.0.0.1:$port/ (Ctrl-C to stop)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
