#!/usr/bin/env bash
# Install from Debian's packages what the whole test suite needs, and only what is missing:
#   - a PostgreSQL server (initdb, pg_ctl, postgres), for tests/pg.py's throwaway clusters;
#   - Chromium, for the browser tests.
# Meant for a fresh Debian bookworm machine, run as root (or by a user with passwordless sudo).
# A machine that already has both does no apt work at all: this returns in milliseconds.
# HARMATTAN_SKIP_TEST_DEPS=1 skips everything (a developer who manages packages by hand).
set -euo pipefail

log() { printf 'install-test-deps: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [ "${HARMATTAN_SKIP_TEST_DEPS:-}" = 1 ]; then
  log "HARMATTAN_SKIP_TEST_DEPS=1: not checking or installing anything"
  exit 0
fi

# The same search tests/pg.py makes: initdb on PATH (symlinks resolved) with pg_ctl and
# postgres beside it, else Debian's /usr/lib/postgresql/<version>/bin.
have_pg_server() {
  local initdb dir
  if initdb=$(command -v initdb 2>/dev/null); then
    dir=$(dirname "$(readlink -f "$initdb")")
    [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] && return 0
  fi
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] && return 0
  done
  return 1
}

have_chromium() { command -v chromium >/dev/null 2>&1; }

missing=()
have_pg_server || missing+=(postgresql)
have_chromium || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  die "missing ${missing[*]}; run as root: apt-get install --no-install-recommends ${missing[*]}"
fi
command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get: not a Debian machine?"

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-q -y -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)
apt() { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" "$@"; }

log "installing ${missing[*]} from Debian's packages"
apt update >/dev/null || die "apt-get update failed"

if [[ " ${missing[*]} " == *" postgresql "* ]]; then
  # The tests start their own clusters; stop Debian's package from creating and starting
  # a system cluster on port 5432 (the docker-library/postgres recipe).
  apt install --no-install-recommends postgresql-common >/dev/null \
    || die "apt-get install postgresql-common failed"
  "${as_root[@]}" sed -ri 's/^#?\s*(create_main_cluster)\s*=.*$/\1 = false/' \
    /etc/postgresql-common/createcluster.conf \
    || die "could not turn off the default cluster in /etc/postgresql-common/createcluster.conf"
fi

apt install --no-install-recommends "${missing[@]}" >/dev/null \
  || die "apt-get install ${missing[*]} failed"

have_pg_server || die "postgresql installed but initdb/pg_ctl/postgres still not found"
have_chromium || die "chromium installed but not on PATH"
log "installed ${missing[*]}"
