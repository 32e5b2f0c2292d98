#!/usr/bin/env bash
# Detection-latency benchmark of `assay monitor` (issue 11): rows inserted at 1,000 rows/s, 1 % bad, into a
# `transactions` table of 1M and 10M rows polled every second; bad row committed -> webhook received, and the
# monitor's CPU and memory. See README.md beside this script. Settings can be overridden from the environment.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

SIZES="${SIZES:-1000000 10000000}"
CYCLES="${CYCLES:-60}"                   # incidents measured per size (one per dirty/clean cycle)
OUT="${OUT:-$REPO/bench/monitor-latency/out/$(date -u +%Y%m%dT%H%M%SZ)}"
ASSAY="${ASSAY:-}"                       # empty: swift build -c release --product assay --scratch-path .build-release
SWIFT_BUILD_FLAGS="${SWIFT_BUILD_FLAGS:-}"  # extra swift build arguments, if any (see README)
VENV="${VENV:-$REPO/.build/bench-venv}"  # psycopg 3 (from PyPI) is installed here if missing
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="${PG_DATA:-/tmp/assay-mlat-pg}"
PG_PORT="${PG_PORT:-55441}"
PG_OS_USER="${PG_OS_USER:-postgres}"
KEEP_CLUSTER="${KEEP_CLUSTER:-0}"        # 1: leave the cluster and its data (REUSE=1 then skips reloading)
REUSE="${REUSE:-0}"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$PG_OS_USER" -- "$@"; else "$@"; fi; }

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

if [ -z "$ASSAY" ]; then
    log "building assay (release, .build-release)"
    # shellcheck disable=SC2086
    (cd "$REPO" && swift build -c release --product assay --scratch-path .build-release $SWIFT_BUILD_FLAGS) >&2
    ASSAY="$REPO/.build-release/release/assay"
fi
[ -x "$ASSAY" ] || die "no assay binary at $ASSAY"

if ! "$VENV/bin/python" -c 'import psycopg' 2>/dev/null; then
    log "venv $VENV with psycopg"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check 'psycopg[binary]==3.3.9'
fi

# --- a private cluster: PostgreSQL defaults, plus pg_stat_statements (per-statement server time) -----------------
MADE_CLUSTER=0
cleanup() {
    if [ "$KEEP_CLUSTER" != 1 ] && [ "$MADE_CLUSTER" = 1 ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m fast -w >/dev/null 2>&1 || true
        rm -rf "$PG_DATA"
    fi
}
trap cleanup EXIT
if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$PG_DATA"
    echo postgres > /tmp/assay-mlat-pw && chmod 644 /tmp/assay-mlat-pw
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile=/tmp/assay-mlat-pw --auth-local=trust \
        --auth-host=scram-sha-256 > "$OUT/initdb.log" 2>&1 || { cat "$OUT/initdb.log" >&2; die "initdb failed"; }
    rm -f /tmp/assay-mlat-pw
    cat >> "$PG_DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DATA'
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.max = 10000
EOF
fi
if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w start >/dev/null
fi
MADE_CLUSTER=1
DSN="postgres://postgres:postgres@127.0.0.1:$PG_PORT/latency"
pg_admin() { as_pg "$PG_BIN/psql" -h "$PG_DATA" -p "$PG_PORT" -U postgres -qAtX "$@"; }
pg_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'latency'" | grep -q 1 || pg_admin -d postgres -c "CREATE DATABASE latency"
pg_admin -d latency -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null

{
    echo "date_utc=$(date -u '+%Y-%m-%d %H:%M:%S')"
    echo "nproc=$(nproc)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)"
    echo "os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
    echo "kernel=$(uname -r)"
    echo "pg=$(as_pg "$PG_BIN/psql" -h "$PG_DATA" -p "$PG_PORT" -U postgres -d latency -AtX -c 'SELECT version()')"
    echo "assay=$ASSAY"
    echo "commit=$(git -C "$REPO" log -1 --format='%h %s' | cut -c1-120)"
    echo "uncommitted_sources=$(git -C "$REPO" status --short -- Sources Package.swift | awk '{print $2}' | tr '\n' ' ')"
    echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.env"
cat "$OUT/machine.env" >&2

for rows in $SIZES; do
    log "size $rows"
    "$VENV/bin/python" "$HERE/latency.py" --assay "$ASSAY" --dsn "$DSN" --rows "$rows" --cycles "$CYCLES" \
        --out "$OUT/rows-$rows" $([ "$REUSE" = 1 ] && echo --reuse) | tee -a "$OUT/summary.txt"
    # EXPLAIN of the poll statements at this size (the bound = 2 s before the newest row, as in a steady poll)
    as_pg "$PG_BIN/psql" -h "$PG_DATA" -p "$PG_PORT" -U postgres -d latency -X 2>&1 <<'SQL' | cut -c1-240 > "$OUT/rows-$rows/explain.txt" || true
\set ON_ERROR_STOP 0
SELECT max(created_at) - interval '1 second' AS bound, max(id) - 1000 AS k FROM transactions \gset
SELECT string_agg(g::text, ', ') AS ids FROM generate_series(:k, :k + 999) g \gset
EXPLAIN (ANALYZE, BUFFERS, TIMING) SELECT id, created_at FROM transactions
  WHERE created_at IS NOT NULL AND created_at >= :'bound' AND id NOT IN (:k, :k + 1, :k + 2)
  ORDER BY created_at, id LIMIT 10000;
EXPLAIN (ANALYZE, BUFFERS, TIMING) SELECT count(*), count(*) FILTER (WHERE amount <= 0) FROM transactions
  WHERE id IN (:ids);
SQL
done
echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.env"
"$VENV/bin/python" "$HERE/report.py" "$OUT" | tee "$OUT/report.md"
log "results: $OUT"
