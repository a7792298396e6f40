#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the scale-out store tests, installing
# Debian's postgresql package first when it is missing. Source it: it exports
# TSORCH_TEST_POSTGRES (an Npgsql connection string) and defines stop_test_postgres.
# No `set -e` here: this file is sourced, and the caller's own error handling must stay as it was.

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
if ! run_as_postgres "'$bin/initdb' -D '$cluster/data' -U postgres --auth=trust --no-sync -E UTF8 >/dev/null"; then
  echo "postgres.sh: initdb failed" >&2; rm -rf "$cluster"; return 1
fi

# A fixed port would make a second test run on the same machine (or any other PostgreSQL there) fail at once: unless
# TSORCH_TEST_POSTGRES_PORT names one, try random high ports until the server binds one.
port=""
for attempt in 1 2 3 4 5 6 7 8; do
  candidate="${TSORCH_TEST_POSTGRES_PORT:-$((20000 + RANDOM % 30000))}"
  if run_as_postgres "'$bin/pg_ctl' -D '$cluster/data' -l '$cluster/log' -w -o \"-p $candidate -c listen_addresses=127.0.0.1 -c unix_socket_directories='$cluster'\" start >/dev/null"; then
    port="$candidate"; break
  fi
  [ -n "${TSORCH_TEST_POSTGRES_PORT:-}" ] && break
done
if [ -z "$port" ]; then
  echo "postgres.sh: could not start PostgreSQL; its log:" >&2; cat "$cluster/log" >&2 2>/dev/null; rm -rf "$cluster"; return 1
fi

export TSORCH_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Include Error Detail=true"
echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

stop_test_postgres() {
  run_as_postgres "'$bin/pg_ctl' -D '$cluster/data' -m immediate stop >/dev/null" || true
  rm -rf "$cluster"
}
