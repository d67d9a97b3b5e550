#!/usr/bin/env bash
# Writes a gzip (-9) and a brotli (quality 11) copy beside every file of the given folders, as `<file>.gz` and
# `<file>.br`, for static hosts that serve precompressed files (nginx gzip_static/brotli_static; docs/deploy.md).
# Uses Node.js's zlib (Node is already needed for wasm-opt); existing .gz/.br files are replaced.
#   scripts/precompress.sh DIR [DIR...]
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 DIR [DIR...]" >&2; exit 2; }
exec node - "$@" <<'JS'
const fs = require('fs'), path = require('path'), zlib = require('zlib');
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
for (const dir of process.argv.slice(2)) {
  for (const file of walk(dir).filter((f) => !/\.(gz|br)$/.test(f))) {
    const data = fs.readFileSync(file);
    fs.writeFileSync(file + '.gz', zlib.gzipSync(data, { level: 9 }));
    fs.writeFileSync(file + '.br', zlib.brotliCompressSync(data, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }));
  }
}
JS
