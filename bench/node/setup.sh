#!/usr/bin/env bash
# Installs the Node `ws` package for the Node echo targets (ws and wss) into a bench-local
# directory (default bench/target/node, removed by `mvn clean`) with `npm ci` from the committed
# package.json and package-lock.json, so every run gets the same ws version.
# Exit code 3 means node or npm is absent: the benchmark then skips the Node targets and says so.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=${1:-"$here/../target/node"}

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "node-setup: $tool not found on PATH; the Node targets will be skipped" >&2
    exit 3
  fi
done

if [ -f "$dir/node_modules/ws/package.json" ] && cmp -s "$here/package-lock.json" "$dir/package-lock.json"; then
  exit 0
fi
mkdir -p "$dir"
cp "$here/package.json" "$here/package-lock.json" "$dir/"
echo "node-setup: npm ci (ws) into $dir" >&2
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
