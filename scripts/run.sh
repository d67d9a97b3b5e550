#!/usr/bin/env bash
# Installs what is missing, builds the page and serves it on http://127.0.0.1:${PORT:-8080}/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
port="${PORT:-8080}"
printf '\n==> serving the page at http://127.0.0.1:%s/  (Ctrl-C stops)\n\n' "$port"
# No auto-reload: Trunk would inject its reload script after the post-build step wrote the page's CSP, which then
# (rightly) blocks it with a console error. Rebuilds still happen on change; reload the tab by hand.
exec trunk serve --offline --release --no-autoreload --address 127.0.0.1 --port "$port"
