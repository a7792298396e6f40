#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the scale-out store tests, installing
# Debian's postgresql package first when it is missing. Source it: it exports
# TSORCH_TEST_POSTGRES (an Npgsql connection string) and defines stop_test_postgres.
# No `set -e` here: this file is sourced, and the caller's own error handling must stay as it was.

port="${TSORCH_TEST_POSTGRES_PORT:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "postgres.sh: installing postgresql (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null; } || { echo "postgres.sh: apt-get install postgresql failed" >&2; return 1; }
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi

# PostgreSQL refuses to run as root: the cluster belongs to the postgres user the package creates.
run_as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

cluster="$(mktemp -d /tmp/tsorch-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$cluster"
run_as_postgres "'$bin/initdb' -D '$cluster/data' -U postgres --auth=trust --no-sync -E UTF8 >/dev/null" \
  && run_as_postgres "'$bin/pg_ctl' -D '$cluster/data' -l '$cluster/log' -w -o \"-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$cluster'\" start >/dev/null" \
  || { echo "postgres.sh: could not start PostgreSQL (log: $cluster/log)" >&2; return 1; }

export TSORCH_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Include Error Detail=true"
echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

stop_test_postgres() {
  run_as_postgres "'$bin/pg_ctl' -D '$cluster/data' -m immediate stop >/dev/null" || true
  rm -rf "$cluster"
}
