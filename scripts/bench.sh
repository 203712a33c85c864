#!/usr/bin/env bash
# `npm run bench [csr|hooks]`: sets up like the tests, then prints each benchmark next to
# its baseline measured in the same run. Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/node-deps.sh
bash scripts/mariadb.sh
npx tsx test/bench/run.ts "$@"
