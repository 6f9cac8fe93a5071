#!/usr/bin/env bash
# Stops the throwaway cluster started by scripts/pg-up.sh (add --purge to delete its data folder).
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=${PGDATA:-/tmp/pgtest/data}
RUN_AS=()
if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
if [ -f "$PGDATA/PG_VERSION" ]; then
  "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
fi
if [ "${1:-}" = "--purge" ]; then rm -rf "$(dirname "$PGDATA")"; fi
