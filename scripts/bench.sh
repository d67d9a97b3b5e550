#!/usr/bin/env bash
# The benchmark: builds the page and a Yew hello-world (bench/hello, same release profile), copies both and a plain
# static page to target/bench/ with precompressed .gz/.br siblings (as scripts/package.sh ships them), then prints
# the bytes per asset (raw, gzip, brotli) and cold loads in headless Chromium, unthrottled and on an emulated slow
# link: first contentful paint, when the key field and every other section are usable, and the bytes transferred.
# BENCH_RUNS=N (9) and BENCH_SLOW_RUNS=N (5) set the number of rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
trunk build --release --offline >/dev/null
(cd bench/hello && cargo fetch --quiet && trunk build --release --offline >/dev/null)
rm -rf target/bench && mkdir -p target/bench
cp -r dist target/bench/page
cp -r bench/hello/dist target/bench/hello
cp -r bench/static target/bench/static
scripts/precompress.sh target/bench/page target/bench/hello target/bench/static
cargo test --features e2e --test tests -- --ignored --exact bench_load::benchmark --nocapture
