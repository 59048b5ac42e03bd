#!/usr/bin/env bash
# Idempotent setup for a fresh Debian 12 machine: installs what Northstar's build and tests need and
# skips what is already there. See ../shared/TOOLCHAIN.md for why each step is done this way.
#   WASM_TOOLCHAIN=rustup|debian|auto  (default auto: rustup's wasm32 target if it can be had)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

# 1. Browser for the tests (Debian's chromium + chromedriver); poppler-utils reads the printed
#    report's PDF back (pdftotext) and draws its pages for docs/ (pdftoppm); python3 runs the
#    build's strict-CSP hook, the layering checks and the corpus generator.
apt_install chromium chromium-driver poppler-utils python3

# 2. A wasm32 standard library: rustup's target first, Debian's rustc-web + build-std otherwise.
mode=${WASM_TOOLCHAIN:-auto}
if [ "$mode" != debian ] && ! has_rustup_wasm_std; then
  step "rustup target add wasm32-unknown-unknown"
  timeout 120 rustup target add wasm32-unknown-unknown || echo "rustup target add failed; falling back to Debian's toolchain"
fi
if [ "$mode" = debian ] || ! has_rustup_wasm_std; then
  [ "$mode" = rustup ] && { echo "WASM_TOOLCHAIN=rustup but rustup has no wasm32 std" >&2; exit 1; }
  apt_install rustc-web cargo-web rust-web-src lld-19
  echo debian > .toolchain-mode
else
  echo rustup > .toolchain-mode
fi

# 3. Host tools, built once into ~/.cargo/bin; rustfmt and clippy for the checks.
if ! cargo fmt --version >/dev/null 2>&1; then
  step "rustup component add rustfmt"
  rustup component add rustfmt
fi
if ! cargo clippy --version >/dev/null 2>&1; then
  step "rustup component add clippy"
  rustup component add clippy
fi
if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  step "cargo install trunk $TRUNK_VERSION (takes ~6 min)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes ~2 min)"
  if ! cargo install --locked wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"; then
    # The crates.io mirror may lack a crate version the upstream lock pins: relock that one crate.
    src=$(ls -d "$HOME"/.cargo/registry/src/*/wasm-bindgen-cli-"$WASM_BINDGEN_VERSION" | head -1)
    tmp=$(mktemp -d); cp -r "$src"/. "$tmp"
    (cd "$tmp" && cargo update -p webpki-roots --precise 1.0.10 && cargo install --locked --path .)
    rm -rf "$tmp"
  fi
fi

# 4. Node packages: wasm-opt (binaryen) and playwright-core, pinned in package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ]; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 5. Crates for the wasm build, fetched once so later builds can run --offline.
step "cargo fetch"
scripts/wasm-env.sh cargo fetch --target wasm32-unknown-unknown -q
cargo fetch -q
step "setup done ($(cat .toolchain-mode) wasm toolchain)"
