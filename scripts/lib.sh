# Shared helpers for the scripts in this folder (sourced, not run).
step() { printf '\n==> %s\n' "$*"; }
has_rustup_wasm_std() {
  command -v rustup >/dev/null 2>&1 || return 1
  ls "$(rustc --print sysroot)"/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*.rlib >/dev/null 2>&1
}
# Installs the Debian packages that are missing (apt-get update once, the first time one is).
apt_updated=0
apt_install() {
  local missing=() sudo=""
  [ "$(id -u)" != 0 ] && sudo=sudo
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated = 0 ]; then step "apt-get update"; $sudo apt-get update -qq; apt_updated=1; fi
  step "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}
export PATH="$HOME/.cargo/bin:$PATH"
