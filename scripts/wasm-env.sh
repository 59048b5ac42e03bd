#!/usr/bin/env bash
# Runs its arguments with the environment a wasm32 build needs (trunk, cargo --target wasm32...).
# rustup mode: plain toolchain.  debian mode: Debian's rustc-web with -Zbuild-std (TOOLCHAIN.md §1).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
mode=$(cat "$root/.toolchain-mode" 2>/dev/null || echo rustup)
if [ "$mode" = debian ]; then
  shim="$root/target/debian-shim"
  mkdir -p "$shim"
  for t in cargo rustc rustdoc; do ln -sf "/usr/bin/$t" "$shim/$t"; done
  export PATH="$shim:$PATH"
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-19/bin/wasm-ld
fi
exec "$@"
