#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than package-lock.json.
# Fast when nothing changed, so every README command can call it.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.certbridge-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "Installing npm dependencies…" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  touch "$stamp"
fi
