#!/usr/bin/env bash
# Installs the Node `ws` package for the Node echo target into a bench-local directory
# (default bench/target/node, removed by `mvn clean`). Exit code 3 means node or npm is absent:
# the benchmark then skips the Node target and says so.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=${1:-"$here/../target/node"}

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "node-setup: $tool not found on PATH; the Node ws target will be skipped" >&2
    exit 3
  fi
done

if [ -f "$dir/node_modules/ws/package.json" ]; then
  exit 0
fi
mkdir -p "$dir"
cp "$here/package.json" "$dir/package.json"
echo "node-setup: npm install ws into $dir" >&2
(cd "$dir" && npm install --no-audit --no-fund --loglevel=error >&2)
