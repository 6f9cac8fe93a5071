#!/usr/bin/env bash
# Starts a throwaway PostgreSQL (Debian postgresql-15) cluster on 127.0.0.1:$PGPORT for the tests and the bench,
# and prints the URL to use:   eval "$(scripts/pg-up.sh)"   → exports TEST_DATABASE_URL and DATABASE_URL.
# Runs as root (CI) by starting the server as the 'postgres' OS user; trust auth: test use only.
set -euo pipefail
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=${PGDATA:-/tmp/pgtest/data}
PGPORT=${PGPORT:-54329}
RUN_AS=()
if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
mkdir -p "$(dirname "$PGDATA")"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$(dirname "$PGDATA")"; fi
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  "${RUN_AS[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
fi
if ! "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/../server.log" -w -t 30 \
    -o "-p $PGPORT -k $(dirname "$PGDATA") -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
fi
"${RUN_AS[@]}" "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qtAc "SELECT 1 FROM pg_database WHERE datname='app'" | grep -q 1 \
  || "${RUN_AS[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres app
URL="postgres://postgres@127.0.0.1:$PGPORT/app"
echo "export TEST_DATABASE_URL=$URL"
echo "export DATABASE_URL=$URL"
