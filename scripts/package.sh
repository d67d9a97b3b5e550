#!/usr/bin/env bash
# Builds the release page and packs dist/ into a versioned archive, ready to unpack on any static server under any
# path:  target/claude-auth-doctor-<version>-<commit>.tar.gz  (and .zip when `zip` is installed).
# Every file has a precompressed `.gz` and `.br` beside it, for hosts that serve those (docs/deploy.md).
# A team build: AUTH_DOCTOR_TEAM_CONFIG=path/to/team.json scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
trunk build --release --offline
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo local)
name="claude-auth-doctor-$version-$commit"
mkdir -p target
rm -rf "target/$name" && cp -r dist "target/$name"
scripts/precompress.sh "target/$name"
tar -C target -czf "target/$name.tar.gz" "$name"
command -v zip >/dev/null && (cd target && rm -f "$name.zip" && zip -qr "$name.zip" "$name")
rm -rf "target/$name"
echo "target/$name.tar.gz"
