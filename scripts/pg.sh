#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for development and tests.
#
#   scripts/pg.sh up     start (or reuse) the cluster; print its DATABASE_URL on stdout
#   scripts/pg.sh down   stop it
#   scripts/pg.sh url    print the DATABASE_URL of the running cluster
#
# When DATABASE_URL is set, "up" and "url" print it and touch nothing.
# The cluster lives in .data/pg under the checkout, or under /tmp when the postgres user cannot
# reach the checkout (a private home folder). It listens on a socket in its data folder and on a
# free loopback port, with trust authentication. As root, initdb/pg_ctl run as the postgres user.
set -euo pipefail

cmd=${1:-up}
top=$(cd "$(dirname "$0")/.." && pwd)

log() { echo "pg.sh: $*" >&2; }

if [ -n "${DATABASE_URL:-}" ] && [ "$cmd" != down ]; then
  echo "$DATABASE_URL"
  exit 0
fi

find_bin() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then
    echo "$d"
    return
  fi
  log "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or under /usr/lib/postgresql/*/bin."
  log "install them, e.g. on Debian/Ubuntu: apt-get install -y postgresql   (or set DATABASE_URL)"
  exit 1
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Where the cluster lives: .data/pg unless the postgres user cannot get there.
data_dir() {
  local d="$top/.data/pg"
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$top/.data"
    if ! runuser -u postgres -- test -x "$top/.data" 2>/dev/null; then
      local key
      key=$(printf '%s' "$top" | sha256sum | cut -c1-12)
      d="/tmp/evalbench-pg-$key"
    fi
  fi
  echo "$d"
}

free_port() {
  local p
  for p in $(seq 54320 54420); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  log "no free port in 54320–54420"
  exit 1
}

bin=$(find_bin)
dir=$(data_dir)
url() { echo "postgres://postgres@127.0.0.1:$(cat "$dir/evalbench.port")/evalbench?sslmode=disable"; }

ensure_db() {
  local port
  port=$(cat "$dir/evalbench.port")
  local psql="$bin/psql"
  [ -x "$psql" ] || psql=$(command -v psql)
  if ! as_pg "$psql" -h "$dir" -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='evalbench'" | grep -q 1; then
    as_pg "$psql" -h "$dir" -p "$port" -U postgres -d postgres -qc "CREATE DATABASE evalbench" >/dev/null
  fi
}

case "$cmd" in
up)
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir" && chmod 700 "$dir"
    log "initialising a throwaway cluster in $dir"
    as_pg "$bin/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    ensure_db
    url
    exit 0
  fi
  port=$(free_port)
  as_pg sh -c "echo $port > '$dir/evalbench.port'"
  as_pg "$bin/pg_ctl" -D "$dir" -w -l "$dir/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=300 -c shared_buffers=256MB" \
    start >/dev/null || { log "PostgreSQL failed to start; see $dir/server.log"; tail -n 20 "$dir/server.log" >&2; exit 1; }
  log "PostgreSQL is up on 127.0.0.1:$port (data in $dir)"
  ensure_db
  url
  ;;
url)
  as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1 || { log "no cluster running; run: make db-up"; exit 1; }
  url
  ;;
down)
  if [ -f "$dir/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$dir" -w -m fast stop >/dev/null
    log "stopped the cluster in $dir"
  fi
  ;;
*)
  log "usage: scripts/pg.sh up|down|url"
  exit 2
  ;;
esac
