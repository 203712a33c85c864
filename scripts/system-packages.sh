#!/usr/bin/env bash
# Installs the system packages certbridge's demo and tests need: MariaDB, the PHP CLI
# (curl, mbstring, mysql) for the WHMCS shim, openssl, and Chromium for the admin app's
# browser tests. As root it runs apt-get;
# otherwise it prints the exact command to run. Does nothing when all are present.
set -euo pipefail
PATH="$PATH:/usr/sbin"
missing=()
command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server mariadb-client)
command -v php >/dev/null 2>&1 || missing+=(php-cli)
if command -v php >/dev/null 2>&1; then
  php -m | grep -qi '^curl$' || missing+=(php-curl)
  php -m | grep -qi '^mbstring$' || missing+=(php-mbstring)
  php -m | grep -qi '^pdo_mysql$' || missing+=(php-mysql)
else
  missing+=(php-curl php-mbstring php-mysql)
fi
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# The tests open the download bundles with the real unzip.
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
# Debian's Chromium drives the admin app's browser tests (playwright-core, no downloaded browser).
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
  echo "certbridge needs these system packages: ${missing[*]}" >&2
  echo "Run as root:  apt-get update && $cmd" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# Debian's maintainer scripts try to start services; a container has no init to do it.
$cmd >/tmp/certbridge-apt.log 2>&1 || { tail -30 /tmp/certbridge-apt.log >&2; exit 1; }
