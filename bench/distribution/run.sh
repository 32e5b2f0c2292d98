#!/usr/bin/env bash
# Distribution benchmark: ONE Great Expectations suite file (transactions_expectations.json: row count, min,
# max, mean, median, stdev, sum, five quantiles, distinct count, unique proportion, distinct values in set,
# most common value) run by Assay (`assay check --config ... --table transactions`) and by Great Expectations
# 1.x (gx_run.py) on the same PostgreSQL table, alternating run by run. Per whole process: wall time and
# peak RSS (/usr/bin/time); statements counted in the server's own log by application name; the answers of
# both tools compared. Writes $OUT/report.md. PostgreSQL: the test cluster of scripts/postgres.sh
# (127.0.0.1:55432); SQLite: a demo file per scale under $DATA_DIR (no server log, so no statement counts).
#
#   SCALES="100 1000" BACKENDS="postgresql sqlite" RUNS=3 bench/distribution/run.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
SCALES="${SCALES:-100 1000}"
BACKENDS="${BACKENDS:-postgresql sqlite}"
RUNS="${RUNS:-3}"
DATA_DIR="${DATA_DIR:-${TMPDIR:-/tmp}/assay-distribution-data}"
ASSAY="${ASSAY:-$REPO/.build/release/assay}"
VENV="${VENV:-${TMPDIR:-/tmp}/assay-peers/venv}"   # ../shared/peers/setup.sh makes it
OUT="${OUT:-$REPO/bench/distribution/out/$(date -u +%Y%m%dT%H%M%SZ)}"
SUITE="$HERE/transactions_expectations.json"
PG_LOG="${PG_LOG:-/tmp/assay-pg/server.log}"

mkdir -p "$OUT"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
[ -x "$ASSAY" ] || { log "build Assay first: swift build -c release --product assay"; exit 1; }
[ -x "$VENV/bin/python" ] || { log "no GX venv at $VENV: run ../shared/peers/setup.sh"; exit 1; }
eval "$("$REPO/scripts/postgres.sh")"
export PGHOST=127.0.0.1 PGPORT=55432 PGUSER=postgres PGPASSWORD=postgres
admin() { PGAPPNAME=bench-admin psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }

# Log every statement with its application name; restored on exit.
admin -c "ALTER SYSTEM SET log_statement = 'all'" -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] app=%a db=%d '" \
      -c "SELECT pg_reload_conf()" >/dev/null
trap 'admin -c "ALTER SYSTEM RESET log_statement" -c "ALTER SYSTEM RESET log_line_prefix" -c "SELECT pg_reload_conf()" >/dev/null' EXIT

RUNS_JSONL="$OUT/runs.jsonl"; : > "$RUNS_JSONL"
for BACKEND in $BACKENDS; do
for S in $SCALES; do
    if [ "$BACKEND" = postgresql ]; then
        DB="assay_dist_s$S"
        if [ "$(admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
            log "loading scale $S into $DB"
            admin -c "CREATE DATABASE $DB" >/dev/null
            "$ASSAY" demo --scale "$S" --dir "$OUT/demo-$S" \
                --source "postgres://postgres:postgres@127.0.0.1:55432/$DB?sslmode=disable" >"$OUT/load-$S.log" 2>&1 || true
        fi
        ROWS="$(PGDATABASE=$DB psql -X -tAc 'SELECT COUNT(*) FROM transactions')"
        SOURCE="postgres://postgres:postgres@127.0.0.1:55432/$DB?sslmode=disable&application_name=bench-assay"
    else
        FILE="$DATA_DIR/s$S/financeflow.db"
        if [ ! -f "$FILE" ]; then
            log "generating scale $S into $FILE"
            "$ASSAY" demo --scale "$S" --dir "$DATA_DIR/s$S" >"$OUT/generate-$S.log" 2>&1 || true
        fi
        ROWS="$(sqlite3 "$FILE" 'SELECT COUNT(*) FROM transactions')"
        SOURCE="sqlite:$FILE"
    fi
    for run in $(seq 0 "$RUNS"); do            # run 0 warms the cache and is not reported
        for tool in assay gx; do
            mark=$(wc -l < "$PG_LOG")
            if [ "$tool" = assay ]; then
                /usr/bin/time -f '%e %M' -o "$OUT/time" "$ASSAY" check --config "$SUITE" --table transactions --format gx \
                    --source "$SOURCE" --output "$OUT/assay-$BACKEND-$S.json" || [ $? -le 2 ]
            elif [ "$BACKEND" = postgresql ]; then
                PGDATABASE=$DB PGAPPNAME=bench-gx GX_ANALYTICS_ENABLED=false /usr/bin/time -f '%e %M' -o "$OUT/time" \
                    "$VENV/bin/python" "$HERE/gx_run.py" "$SUITE" transactions "$OUT/gx-$BACKEND-$S.json" 2>"$OUT/gx-$BACKEND-$S.err"
            else
                GX_SQLITE_PATH="$FILE" GX_ANALYTICS_ENABLED=false /usr/bin/time -f '%e %M' -o "$OUT/time" \
                    "$VENV/bin/python" "$HERE/gx_run.py" "$SUITE" transactions "$OUT/gx-$BACKEND-$S.json" 2>"$OUT/gx-$BACKEND-$S.err"
            fi
            statements=null
            if [ "$BACKEND" = postgresql ]; then
                sleep 0.5   # let the server flush its log
                statements=$(tail -n +"$((mark + 1))" "$PG_LOG" | grep -cE "app=bench-$tool .*LOG:  (statement|execute)" || true)
            fi
            read -r seconds rss < <(tail -n 1 "$OUT/time")
            printf '{"backend": "%s", "scale": %s, "rows": %s, "run": %s, "tool": "%s", "seconds": %s, "rss_kb": %s, "statements": %s}\n' \
                "$BACKEND" "$S" "$ROWS" "$run" "$tool" "$seconds" "$rss" "$statements" >> "$RUNS_JSONL"
            log "$BACKEND scale $S run $run $tool: ${seconds}s, ${rss} KB, $statements statements"
        done
    done
done
done
"$VENV/bin/python" "$HERE/report.py" "$OUT" > "$OUT/report.md"
cat "$OUT/report.md"
