#!/usr/bin/env bash
# Installs what is missing (Chromium, chromedriver, zsh, fish, axe-core and the pinned Claude Code CLI included), then
# runs every check and test: formatting, clippy (native and wasm32), native unit and property tests, the stand-in API
# tests, the real Claude Code CLI's messages and `claude auth status` against the page's tables and its "which
# credential wins", the pre-flight scripts with the real CLI, release builds with
# Trunk, the size guard (the page's gzip total against its ratchet), and the browser tests in headless Chromium
# (accessibility included). The integration tests are one crate, `tests` (tests/main.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
step() { printf '\n==> %s\n' "$*" >&2; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
cargo clippy --all-targets --features e2e,claude-cli -- -D warnings
cargo clippy --lib --bins --target wasm32-unknown-unknown -- -D warnings
step "native tests (unit, property, stand-in API)"
cargo test
step "the real Claude Code CLI against the stand-in: its messages diagnosed, which credential wins from claude auth status, the pre-flight scripts with it (scripts/lib/claude-code.sh)"
# shellcheck source=scripts/lib/claude-code.sh
. scripts/lib/claude-code.sh
# claude_cli_messages::, claude_cli_sources:: and preflight_shells::claude_cli_preflight::
claude_code_confined cargo test --features claude-cli --test tests -- claude_cli_
step "release builds with Trunk: the public page (dist/) and a team build (target/dist-team)"
AUTH_DOCTOR_TEAM_CONFIG=tests/fixtures/team.json trunk build --release --offline --dist target/dist-team
trunk build --release --offline
step "size guard (the gzip total of the page against its ratchet ceiling)"
cargo test --features e2e --test tests -- size_guard:: --nocapture
step "browser tests (headless Chromium against dist/ and the team build)"
cargo test --features e2e --test tests -- browser:: --test-threads=1
