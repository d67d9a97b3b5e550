#!/usr/bin/env bash
# Installs what building (and, with --test, testing) the page needs. Every step is skipped when the right
# version is already there, so running it again costs a few seconds.
#
#   scripts/setup.sh         wasm32 target, rustfmt/clippy, Trunk, wasm-bindgen CLI, wasm-opt, terser
#   scripts/setup.sh --test  the same, plus what the tests run: Chromium and chromedriver (browser tests), zsh and
#                            fish (generated commands and the pre-flight script are run by the real shells; shellcheck
#                            checks the POSIX script), axe-core
#                            (the accessibility test's rule engine, from npm into .tools/), and the real Claude Code CLI
#                            (the release scripts/lib/claude-code.sh pins, into .tools/claude-code/<version>/)
#
# Source this file's exports by running it through scripts/run.sh or scripts/test.sh; they put the tools on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14     # 0.22.x needs rustc >= 1.96.1
BINARYEN_VERSION=132      # Debian's binaryen (108) cannot read current wasm-bindgen output
TERSER_VERSION=5.51.4     # src/bin/postbuild.rs minifies the page's start-up script with .tools/node_modules/terser
AXE_CORE_VERSION=4.14.1   # tests/browser/accessibility.rs runs .tools/node_modules/axe-core/axe.min.js
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"

step() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
as_root() { [ "$(id -u)" = 0 ]; }
apt_install() {
  as_root || die "missing: $*. Install them (Debian/Ubuntu: sudo apt-get install $*) and run this again."
  step "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 || {
    DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null
  }
}

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs) first."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "rustup component add $component"
    rustup component add "$component"
  fi
done

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION (about 20 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The CLI must equal the wasm-bindgen crate that Cargo.lock names.
[ -f Cargo.lock ] || cargo generate-lockfile
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WASM_BINDGEN_VERSION" ] || die "Cargo.lock names no wasm-bindgen version"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: with it one dependency of 0.2.130 fails to resolve.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version_$BINARYEN_VERSION"; then
  command -v npm >/dev/null || apt_install nodejs npm
  step "npm install binaryen@$BINARYEN_VERSION (into .tools/)"
  npm install --prefix .tools --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION" >/dev/null
  wasm-opt --version | grep -q "version_$BINARYEN_VERSION" || die "wasm-opt $BINARYEN_VERSION did not install"
fi

terser_installed() {
  node -p "require('./.tools/node_modules/terser/package.json').version" 2>/dev/null
}
if [ "$(terser_installed)" != "$TERSER_VERSION" ]; then
  command -v npm >/dev/null || apt_install nodejs npm
  step "npm install terser@$TERSER_VERSION (into .tools/)"
  npm install --prefix .tools --no-audit --no-fund --silent --save-exact "terser@$TERSER_VERSION" >/dev/null
  [ "$(terser_installed)" = "$TERSER_VERSION" ] || die "terser $TERSER_VERSION did not install"
fi

# Trunk runs cargo with --offline: fetch every crate first.
step "cargo fetch"
cargo fetch --quiet

if [ "${1:-}" = "--test" ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v zsh >/dev/null || missing+=(zsh)
  command -v fish >/dev/null || missing+=(fish)
  command -v shellcheck >/dev/null || missing+=(shellcheck)
  command -v curl >/dev/null || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
  for tool in chromedriver zsh fish shellcheck curl; do command -v "$tool" >/dev/null || die "$tool still missing"; done
  axe_core_installed() {
    node -p "require('./.tools/node_modules/axe-core/package.json').version" 2>/dev/null
  }
  if [ "$(axe_core_installed)" != "$AXE_CORE_VERSION" ]; then
    step "npm install axe-core@$AXE_CORE_VERSION (into .tools/)"
    npm install --prefix .tools --no-audit --no-fund --silent --save-exact "axe-core@$AXE_CORE_VERSION" >/dev/null
    [ "$(axe_core_installed)" = "$AXE_CORE_VERSION" ] || die "axe-core $AXE_CORE_VERSION did not install"
  fi
  # shellcheck source=scripts/lib/claude-code.sh
  . scripts/lib/claude-code.sh
  command -v npm >/dev/null || apt_install nodejs npm
  claude_code_install "$CLAUDE_CODE_VERSION" "$(claude_code_dir "$CLAUDE_CODE_VERSION")" >/dev/null ||
    die "Claude Code $CLAUDE_CODE_VERSION did not install"
  step "Claude Code $CLAUDE_CODE_VERSION ready in .tools/claude-code/$CLAUDE_CODE_VERSION/"
fi
step "tools ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | head -n1)"
