#!/usr/bin/env bash
# `npm run demo`: installs what is missing, creates a fresh demo WHMCS database, starts the
# certbridge server against it (sandbox CA, issuing 5 s after submission) and walks one
# certificate through the real PHP shim from order to issue. Safe to run again: it stops
# the previous demo server and starts over with a fresh demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/node-deps.sh
bash scripts/mariadb.sh

state=.local/demo
mkdir -p "$state"
env_file="$state/env"
if [ ! -f "$env_file" ]; then
  # Generated once and kept, like a real installation's secrets.
  {
    echo "CERTBRIDGE_HOOK_SECRET=$(openssl rand -hex 24)"
    echo "CERTBRIDGE_MASTER_KEY=$(openssl rand -base64 32)"
  } >"$env_file"
  chmod 600 "$env_file"
fi
set -a
# shellcheck disable=SC1090
. "$env_file"
CERTBRIDGE_PORT=${CERTBRIDGE_PORT:-8420}
CERTBRIDGE_HOST=127.0.0.1
CERTBRIDGE_DATABASE_URL="mysql://certbridge:certbridge@127.0.0.1:${CERTBRIDGE_MARIADB_PORT:-3307}/certbridge_demo"
CERTBRIDGE_SANDBOX_ISSUE_DELAY_SECONDS=${CERTBRIDGE_SANDBOX_ISSUE_DELAY_SECONDS:-5}
set +a

if [ -f "$state/server.pid" ] && kill -0 "$(cat "$state/server.pid")" 2>/dev/null; then
  echo "Stopping the previous demo server (pid $(cat "$state/server.pid"))…"
  kill "$(cat "$state/server.pid")" && sleep 1
fi

npx tsx scripts/demo-database.ts "mysql://certbridge:certbridge@127.0.0.1:${CERTBRIDGE_MARIADB_PORT:-3307}" certbridge_demo "$CERTBRIDGE_HOOK_SECRET" "127.0.0.1:$CERTBRIDGE_PORT"

nohup node scripts/certbridge.mjs serve >"$state/server.log" 2>&1 &
echo $! >"$state/server.pid"
for _ in $(seq 1 60); do
  node -e "fetch('http://127.0.0.1:$CERTBRIDGE_PORT/readyz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" && break
  kill -0 "$(cat "$state/server.pid")" 2>/dev/null || { echo "The server stopped; its log:"; tail -20 "$state/server.log"; exit 1; }
  sleep 0.5
done

npx tsx scripts/demo-walkthrough.ts

# The admin app is served by the server; build it when missing or older than its sources.
if [ ! -f admin-ui/dist/index.html ] || [ -n "$(find admin-ui/src admin-ui/index.html -newer admin-ui/dist/index.html -print -quit)" ]; then
  npm run build --silent >/dev/null
fi
admin_link=$(node scripts/certbridge.mjs admin-link --admin 1 | head -1)

cat <<MSG

The certbridge server is still running on http://127.0.0.1:$CERTBRIDGE_PORT (pid $(cat "$state/server.pid")).
  log:       $state/server.log
  database:  $CERTBRIDGE_DATABASE_URL
  secrets:   $env_file (hook secret = the WHMCS server entry's access hash)
  admin app: $admin_link
             (single use, valid 60 s; a new one: env \$(cat $env_file) CERTBRIDGE_DATABASE_URL=$CERTBRIDGE_DATABASE_URL npx certbridge admin-link)
  try:       open http://127.0.0.1:$CERTBRIDGE_PORT/readyz
             env \$(cat $env_file) CERTBRIDGE_DATABASE_URL=$CERTBRIDGE_DATABASE_URL npx certbridge doctor
  stop:      kill $(cat "$state/server.pid")
MSG
