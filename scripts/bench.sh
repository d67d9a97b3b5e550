#!/usr/bin/env bash
# The benchmark: builds the page and a Yew hello-world (bench/hello, same release profile), then prints a table of
# sizes (raw, gzip, brotli per asset) and the medians of cold loads in headless Chromium (first contentful paint and
# app-ready) for the page, the hello-world and a plain static HTML page. BENCH_RUNS=N sets the number of loads (9).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
trunk build --release --offline >/dev/null
(cd bench/hello && cargo fetch --quiet && trunk build --release --offline >/dev/null)
cargo test --features e2e --test bench_load -- --ignored --nocapture --test-threads=1
