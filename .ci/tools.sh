# shellcheck shell=bash
# Installs what Tunerscope needs, only when missing or at the wrong version. Sourced by
# .ci/serve and .ci/test. Versions are pinned (see ../shared/TOOLCHAIN.md for why).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.22.1"
BINARYEN_VERSION="132.0.0"
AXE_VERSION="4.14.1"
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' "$REPO/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"
# Cargo-installed tools go to CARGO_INSTALL_ROOT (default ~/.cargo); npm tools stay in the repo.
CARGO_BIN="${CARGO_INSTALL_ROOT:-$HOME/.cargo}/bin"
NPM_PREFIX="$REPO/.tools/npm"
export PATH="$NPM_PREFIX/node_modules/.bin:$CARGO_BIN:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

has_version() { # command, expected substring of `command --version`
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q -- "$2"
}

install_wasm_target() {
  if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

install_trunk() {
  if ! has_version trunk "$TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores)"
    # Its manifest asks for a newer rustc than this machine's; it builds and runs fine.
    cargo install --locked --ignore-rust-version "trunk@$TRUNK_VERSION"
  fi
}

install_wasm_bindgen() {
  if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION" || ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
    # Not --locked: its lockfile pins a crate version the registry mirror lacks.
    cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
  fi
}

install_wasm_opt() {
  if ! has_version wasm-opt "version ${BINARYEN_VERSION%%.*}"; then
    say "installing wasm-opt (binaryen $BINARYEN_VERSION from npm) into .tools/"
    mkdir -p "$NPM_PREFIX"
    npm install --silent --no-audit --no-fund --prefix "$NPM_PREFIX" "binaryen@$BINARYEN_VERSION"
  fi
  # Never Debian's binaryen: trunk would use it and ship a wasm that fails at runtime.
  if ! wasm-opt --version | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    echo "wasm-opt on PATH is $(wasm-opt --version); expected binaryen ${BINARYEN_VERSION%%.*}" >&2
    exit 1
  fi
}

install_browser() {
  if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
    say "installing Chromium and ChromeDriver (Debian packages)"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  export CHROMEDRIVER=/usr/bin/chromedriver CHROME=/usr/bin/chromium
}

install_axe() {
  # axe-core (accessibility rules) for the e2e suite; injected into the page by WebDriver.
  if [[ ! -f "$NPM_PREFIX/node_modules/axe-core/axe.min.js" ]] || ! grep -q "\"version\": \"$AXE_VERSION\"" "$NPM_PREFIX/node_modules/axe-core/package.json"; then
    say "installing axe-core $AXE_VERSION from npm into .tools/"
    mkdir -p "$NPM_PREFIX"
    npm install --silent --no-audit --no-fund --prefix "$NPM_PREFIX" "axe-core@$AXE_VERSION"
  fi
  export AXE_CORE_JS="$NPM_PREFIX/node_modules/axe-core/axe.min.js"
}

install_build_tools() {
  install_wasm_target
  install_wasm_opt
  install_wasm_bindgen
  install_trunk
}

build_release() {
  say "building the release bundle into dist/"
  (cd "$REPO" && cargo fetch --quiet && trunk build --release --offline)
}
