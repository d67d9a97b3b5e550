#!/usr/bin/env bash
# Installs what is missing (Chromium, chromedriver and axe-core included), then runs every check and test:
# formatting, clippy (native and wasm32), native unit and property tests, the stand-in API tests,
# release builds with Trunk, the size guard (the page's gzip total against its ratchet), and the browser tests in
# headless Chromium (accessibility included). The integration tests are one crate, `tests` (tests/main.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
step() { printf '\n==> %s\n' "$*" >&2; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
cargo clippy --all-targets --features e2e -- -D warnings
cargo clippy --lib --bins --target wasm32-unknown-unknown -- -D warnings
step "native tests (unit, property, stand-in API)"
cargo test
step "release builds with Trunk: the public page (dist/) and a team build (target/dist-team)"
AUTH_DOCTOR_TEAM_CONFIG=tests/fixtures/team.json trunk build --release --offline --dist target/dist-team
trunk build --release --offline
step "size guard (the gzip total of the page against its ratchet ceiling)"
cargo test --features e2e --test tests -- size_guard:: --nocapture
step "browser tests (headless Chromium against dist/ and the team build)"
cargo test --features e2e --test tests -- browser:: --test-threads=1
