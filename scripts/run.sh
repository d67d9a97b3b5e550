#!/usr/bin/env bash
# Installs what is missing, builds the page and serves it on http://127.0.0.1:${PORT:-8080}/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
port="${PORT:-8080}"
printf '\n==> serving the page at http://127.0.0.1:%s/  (Ctrl-C stops)\n\n' "$port"
exec trunk serve --offline --release --address 127.0.0.1 --port "$port"
