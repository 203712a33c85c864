#!/usr/bin/env bash
# Starts (or reuses) a private MariaDB server for tests and the demo.
# Listens on 127.0.0.1:${CERTBRIDGE_MARIADB_PORT:-3307} with its data under .local/mariadb,
# so it never touches a system MariaDB. Prints nothing but errors; safe to run repeatedly.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
port=${CERTBRIDGE_MARIADB_PORT:-3307}
base=${CERTBRIDGE_MARIADB_DIR:-$here/.local/mariadb}
sock="$base/mysqld.sock"

if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
  bash "$here/scripts/system-packages.sh"
fi
PATH="$PATH:/usr/sbin"

if mariadb-admin --socket="$sock" -uroot ping >/dev/null 2>&1; then exit 0; fi
# Another checkout's private server may already listen on the port: reuse it.
if mariadb-admin --protocol=TCP -h127.0.0.1 -P"$port" -ucertbridge -pcertbridge ping >/dev/null 2>&1; then exit 0; fi

mkdir -p "$base"
if [ ! -d "$base/data/mysql" ]; then
  mariadb-install-db --no-defaults --datadir="$base/data" --user="$(id -un)" \
    --auth-root-authentication-method=normal >"$base/install.log" 2>&1 \
    || { cat "$base/install.log" >&2; exit 1; }
fi

# WHMCS runs under a non-strict sql_mode; the server default matches it so the fixture
# behaves like a real WHMCS database. Tests switch sessions to strict mode to prove our
# writes do not depend on it.
nohup mariadbd --no-defaults --datadir="$base/data" --socket="$sock" --port="$port" \
  --bind-address=127.0.0.1 --user="$(id -un)" --skip-name-resolve \
  --sql-mode="NO_ENGINE_SUBSTITUTION" --character-set-server=utf8mb4 \
  --collation-server=utf8mb4_unicode_ci --innodb-buffer-pool-size=256M \
  --innodb-flush-log-at-trx-commit=2 --max-connections=500 \
  --pid-file="$base/mysqld.pid" --log-error="$base/error.log" >/dev/null 2>&1 &

for _ in $(seq 1 60); do
  if mariadb-admin --socket="$sock" -uroot ping >/dev/null 2>&1; then break; fi
  sleep 0.5
done
mariadb-admin --socket="$sock" -uroot ping >/dev/null 2>&1 || { echo "MariaDB did not start; see $base/error.log" >&2; tail -20 "$base/error.log" >&2; exit 1; }

mariadb --socket="$sock" -uroot <<SQL
CREATE USER IF NOT EXISTS 'certbridge'@'127.0.0.1' IDENTIFIED BY 'certbridge';
GRANT ALL PRIVILEGES ON *.* TO 'certbridge'@'127.0.0.1' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
