#!/usr/bin/env bash
# For a new Claude Code release: installs it (default: the pinned one) into a temporary folder, runs the message
# matrix against it (tests/claude_cli_messages.rs: every stand-in scenario × credential configuration, `claude -p hi`
# pasted into the page's diagnosis, and `claude auth status` per configuration), and prints every message with the
# cause the page gives it, marked NEW / CHANGED / UNKNOWN against the pinned release's recorded baseline
# (tests/fixtures/claude-cli/<pinned>.tsv), then what the tables or the fixtures do not match.
#
#   scripts/claude-messages.sh               the pinned release (scripts/lib/claude-code.sh)
#   scripts/claude-messages.sh 2.1.340       another release, compared with the pinned one's baseline
#   scripts/claude-messages.sh --record [V]  also rewrite tests/fixtures/claude-cli/<V>.tsv and auth-status/ from V
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/claude-code.sh
. scripts/lib/claude-code.sh
export PATH="$HOME/.cargo/bin:$PATH"

version=$CLAUDE_CODE_VERSION
record=0
for arg in "$@"; do
  case $arg in
    --record) record=1 ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) printf 'error: unknown option %s\n' "$arg" >&2; exit 2 ;;
    *) version=$arg ;;
  esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
binary=$(claude_code_install "$version" "$work/claude-code")
printf '==> Claude Code %s installed in %s s (%s on disk)\n' "$version" "$(($(date +%s) - started))" \
  "$(du -sh "$work/claude-code" | cut -f1)" >&2

export CLAUDE_CODE_BIN=$binary CLAUDE_CLI_REPORT=$work/report.txt RUST_BACKTRACE=0
[ "$record" = 1 ] && export CLAUDE_CLI_RECORD=1
printf '==> running the matrix (cargo test --features claude-cli --test tests -- claude_cli_messages::)\n' >&2
started=$(date +%s)
status=0
claude_code_confined cargo test --features claude-cli --test tests -- claude_cli_messages:: --test-threads=1 \
  >"$work/test.log" 2>&1 || status=$?
printf '==> finished in %s s\n\n' "$(($(date +%s) - started))" >&2

if [ -s "$work/report.txt" ]; then
  cat "$work/report.txt"
else
  cat "$work/test.log"
  exit 1
fi
if [ "$status" != 0 ]; then
  printf '\nWhat does not match (the test output):\n'
  awk '/panicked at/ { show = 1 } /^(stack backtrace:|note: |---- |failures:|test result)/ { show = 0 } show' \
    "$work/test.log"
fi
exit "$status"
