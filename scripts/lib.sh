# Shared helpers for the scripts in this folder (sourced, not run).
step() { printf '\n==> %s\n' "$*"; }
has_rustup_wasm_std() {
  command -v rustup >/dev/null 2>&1 || return 1
  ls "$(rustc --print sysroot)"/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*.rlib >/dev/null 2>&1
}
export PATH="$HOME/.cargo/bin:$PATH"
