#!/usr/bin/env bash
# `npm test`: installs what the suite needs (system packages, npm dependencies, a private
# MariaDB), type-checks, lints the PHP shim with the real PHP CLI, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/node-deps.sh
bash scripts/mariadb.sh

echo "== type-check" >&2
npx tsc --noEmit -p tsconfig.json

echo "== php -l (whmcs-shim)" >&2
find whmcs-shim -name '*.php' -print0 | while IFS= read -r -d '' f; do
  php -l "$f" >/dev/null || { php -l "$f"; exit 1; }
done

echo "== tests" >&2
mkdir -p .local
status=0
npx vitest run --reporter=default --reporter=json --outputFile=.local/vitest-report.json "$@" || status=$?
# One plain closing line, whatever the reporter printed above it.
node -e '
  const r = JSON.parse(require("fs").readFileSync(".local/vitest-report.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit $status
