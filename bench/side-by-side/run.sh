#!/usr/bin/env bash
# Side-by-side benchmark (issue 3): Assay, the hand-written floor, Soda Core and Great Expectations run the
# same 20-check FinanceFlow suite on the same PostgreSQL data, alternating run by run; wall time, statements
# counted in the server's own log, client peak RSS and per-check counts go to $OUT/report.md.
# See bench/side-by-side/README.md. Every setting below can be overridden from the environment.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

# --- what to run -----------------------------------------------------------------------------------------
SCALES="${SCALES:-100 1000}"            # FinanceFlow demo scales (S thousand customers)
RUNS="${RUNS:-3}"                       # measured whole-process runs per tool and scale (after 1 warm-up)
WARMUP="${WARMUP:-1}"                   # warm-up runs per tool and scale (not measured)
TOOLS="${TOOLS:-assay floor soda gx}"   # run order within a round; also: assay_nosamples
OUT="${OUT:-$REPO/bench/side-by-side/out/$(date -u +%Y%m%dT%H%M%SZ)}"
SUITE="${SUITE:-$HERE/financeflow-20.yml}"

# --- the peers (../shared/peers) ---------------------------------------------------------------------------
PEERS_DIR="${PEERS_DIR:-$REPO/../shared/peers}"
SKIP_SETUP="${SKIP_SETUP:-0}"           # 1: do not run $PEERS_DIR/setup.sh (the venv exists)

# --- Assay --------------------------------------------------------------------------------------------------
ASSAY="${ASSAY:-}"                      # the assay binary; empty: `swift build -c release --product assay` in $REPO
ASSAY_ARGS="${ASSAY_ARGS:-}"            # extra arguments to `assay check` (e.g. --no-samples)
ASSAY_URL_APPNAME="${ASSAY_URL_APPNAME:-1}"   # 1: pass ?application_name=... in Assay's source URL

# --- data loading -------------------------------------------------------------------------------------------
# Default: `assay demo --scale S --source postgres://...`. LOAD_CMD, if set, is run by bash instead, with
# SCALE, PGDATABASE, DB_URL and the PG* connection variables exported; it must create and fill the six tables.
LOAD_CMD="${LOAD_CMD:-}"
REUSE_DATA="${REUSE_DATA:-0}"           # 1: keep a scale's database if an earlier run loaded it (needs KEEP_CLUSTER=1)

# --- the PostgreSQL cluster ---------------------------------------------------------------------------------
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="${PG_DATA:-/tmp/assay-bench-pg}"
PG_PORT="${PG_PORT:-55433}"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_USER="${PG_USER:-postgres}"
PG_PASSWORD="${PG_PASSWORD:-postgres}"
PG_OS_USER="${PG_OS_USER:-postgres}"    # the OS user that owns and runs the cluster when this script runs as root
PG_HOST_AUTH="${PG_HOST_AUTH:-scram-sha-256}"   # pg_hba method for 127.0.0.1 (md5 or scram-sha-256)
PG_DB_PREFIX="${PG_DB_PREFIX:-financeflow}"     # one database per scale: financeflow_s100, financeflow_s1000
PG_LOG="${PG_LOG:-$PG_DATA/server.log}" # the server log the statement counts come from
KEEP_CLUSTER="${KEEP_CLUSTER:-0}"       # 1: leave the cluster running and its data in place on exit
# Only logging differs from the PostgreSQL 15 defaults (the peers were measured with defaults).
PG_LOG_LINE_PREFIX="${PG_LOG_LINE_PREFIX:-%m [%p] app=%a db=%d }"
PG_LOG_DURATIONS="${PG_LOG_DURATIONS:-1}"     # 1: log_min_duration_statement = 0 (server time per statement)

export PATH="$PG_BIN:$PATH"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
RUNS_JSONL="$OUT/runs.jsonl"
: > "$RUNS_JSONL"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_pg() {   # run a command as the cluster's OS user
    if [ "$(id -u)" = 0 ]; then runuser -u "$PG_OS_USER" -- "$@"; else "$@"; fi
}

pg_url() {  # $1 database, $2 application name (optional)
    local url="postgres://$PG_USER:$PG_PASSWORD@$PG_HOST:$PG_PORT/$1"
    [ -n "${2:-}" ] && url="$url?application_name=$2"
    printf '%s' "$url"
}

admin_psql() {  # psql as the benchmark itself (application_name bench-admin: never counted for a tool)
    PGAPPNAME=bench-admin PGPASSWORD="$PG_PASSWORD" PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 \
        -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"
}

# --- cluster lifecycle ----------------------------------------------------------------------------------------
MARKER=".assay-bench-cluster"
CLUSTER_STARTED=0

stop_cluster() {
    if [ "$CLUSTER_STARTED" = 1 ] && [ "$KEEP_CLUSTER" != 1 ]; then
        log "stopping PostgreSQL ($PG_DATA)"
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
        CLUSTER_STARTED=0
    fi
}

on_exit() {
    local rc=$?
    if [ -f "$PG_LOG" ] && [ -n "${OUT:-}" ]; then cp "$PG_LOG" "$OUT/postgres.log" 2>/dev/null || true; fi
    stop_cluster
    if [ "$KEEP_CLUSTER" != 1 ] && [ -f "$PG_DATA/$MARKER" ]; then rm -rf "$PG_DATA"; fi
    [ "$rc" = 0 ] || log "failed (exit $rc); partial results in $OUT"
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

start_cluster() {
    if [ -e "$PG_DATA" ] && [ ! -f "$PG_DATA/$MARKER" ]; then
        die "$PG_DATA exists and was not made by this benchmark; set PG_DATA to another path"
    fi
    if [ -f "$PG_DATA/postmaster.pid" ]; then    # left running by an earlier KEEP_CLUSTER=1 or aborted run
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [ -f "$PG_DATA/$MARKER" ] && [ "$KEEP_CLUSTER" = 1 ] && [ "$REUSE_DATA" = 1 ]; then
        log "reusing the cluster in $PG_DATA"
    else
        rm -rf "$PG_DATA"
        mkdir -p "$PG_DATA"
        [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$PG_DATA"
        local pwfile; pwfile="$(mktemp)"; printf '%s\n' "$PG_PASSWORD" > "$pwfile"
        [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$pwfile"
        log "initdb $PG_DATA (local trust, host $PG_HOST_AUTH)"
        as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" --auth-local=trust \
            --auth-host="$PG_HOST_AUTH" -E UTF8 >"$OUT/initdb.log" 2>&1 || { rm -f "$pwfile"; die "initdb failed, see $OUT/initdb.log"; }
        rm -f "$pwfile"
        as_pg touch "$PG_DATA/$MARKER"
        # logging only; everything else stays at the PostgreSQL 15 defaults
        as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null <<EOF

# --- assay side-by-side benchmark (bench/side-by-side/run.sh) ---
port = $PG_PORT
listen_addresses = '$PG_HOST'
unix_socket_directories = '$PG_DATA'
log_statement = 'all'
log_line_prefix = '$PG_LOG_LINE_PREFIX'
log_connections = on
log_disconnections = on
log_min_duration_statement = $([ "$PG_LOG_DURATIONS" = 1 ] && echo 0 || echo -1)
EOF
    fi
    if (exec 3<>"/dev/tcp/$PG_HOST/$PG_PORT") 2>/dev/null; then die "port $PG_PORT on $PG_HOST is in use"; fi
    log "starting PostgreSQL on $PG_HOST:$PG_PORT (log: $PG_LOG)"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null || die "pg_ctl start failed, see $PG_LOG"
    CLUSTER_STARTED=1
}

# --- the assay binary -------------------------------------------------------------------------------------------
resolve_assay() {
    if [ -z "$ASSAY" ]; then
        log "building assay (swift build -c release --product assay in $REPO)"
        (cd "$REPO" && swift build -c release --product assay >&2)
        ASSAY="$(cd "$REPO" && swift build -c release --show-bin-path)/assay"
    fi
    [ -x "$ASSAY" ] || die "no assay binary at $ASSAY"
    ASSAY="$(cd "$(dirname "$ASSAY")" && pwd)/$(basename "$ASSAY")"
}

# --- data loading: the ONE place that knows how the demo gets into PostgreSQL ------------------------------------
load_data() {   # $1 scale, $2 database
    local scale="$1" db="$2" url
    url="$(pg_url "$db" "bench-load-s$scale")"
    if [ -n "$LOAD_CMD" ]; then
        log "loading scale $scale into $db with LOAD_CMD"
        SCALE="$scale" DB_URL="$url" PGDATABASE="$db" PGHOST="$PG_HOST" PGPORT="$PG_PORT" PGUSER="$PG_USER" \
            PGPASSWORD="$PG_PASSWORD" PGAPPNAME="bench-load-s$scale" bash -c "$LOAD_CMD"
    else
        log "loading scale $scale into $db: assay demo --scale $scale --source postgres://..."
        local rc=0
        # it writes the SQLite demo to --dir first, loads it with COPY, then runs its own suite on PostgreSQL;
        # exit 1 = failures (by design), 2 = its verification disagreed (reported in load.log, not fatal here)
        "$ASSAY" demo --scale "$scale" --dir "$OUT/s$scale/demo" --source "$url" || rc=$?
        rm -rf "$OUT/s$scale/demo"
        [ "$rc" -le 2 ] || return "$rc"
    fi
}

# The column types the benchmark specifies (the peers were measured on them). A loader that makes others
# (bigint keys, unconstrained numeric) is corrected here, and the report says what was changed.
WANT_TYPES="
customers customer_id integer
customers first_name text
customers last_name text
customers email text
customers phone text
customers address text
customers date_of_birth date
customers ssn text
customers created_date timestamp without time zone
accounts account_id integer
accounts customer_id integer
accounts account_type text
accounts account_balance numeric(15,2)
accounts opened_date date
accounts closed_date date
accounts created_date timestamp without time zone
transactions transaction_id integer
transactions account_id integer
transactions amount numeric(15,2)
transactions transaction_type text
transactions transaction_date timestamp without time zone
transactions created_date timestamp without time zone"
NORMALIZE_TYPES="${NORMALIZE_TYPES:-1}"

normalize_types() {   # $1 database, $2 file listing what was changed
    local values
    values="$(printf '%s\n' "$WANT_TYPES" | awk 'NF { t=$3; for (i = 4; i <= NF; i++) t = t " " $i;
        printf "%s(\x27%s\x27, \x27%s\x27, \x27%s\x27)", (n++ ? ", " : ""), $1, $2, t }')"
    admin_psql -d "$1" -At -c "
        SELECT w.tbl || '.' || w.col || ': ' || format_type(a.atttypid, a.atttypmod) || ' -> ' || w.want
        FROM (VALUES $values) w(tbl, col, want)
        JOIN pg_attribute a ON a.attrelid = w.tbl::regclass AND a.attname = w.col
        WHERE format_type(a.atttypid, a.atttypmod) <> w.want ORDER BY 1" > "$2"
    [ -s "$2" ] || return 0
    if [ "$NORMALIZE_TYPES" != 1 ]; then
        log "column types differ from the benchmark's (NORMALIZE_TYPES=0, left as loaded): $(tr '\n' ';' < "$2")"
        return 0
    fi
    log "converting column types: $(tr '\n' ';' < "$2")"
    admin_psql -d "$1" -At >/dev/null <<EOF
SELECT format('ALTER TABLE %I %s', w.tbl,
              string_agg(format('ALTER COLUMN %I TYPE %s USING %I::%s', w.col, w.want, w.col, w.want), ', '))
FROM (VALUES $values) w(tbl, col, want)
JOIN pg_attribute a ON a.attrelid = w.tbl::regclass AND a.attname = w.col
WHERE format_type(a.atttypid, a.atttypmod) <> w.want GROUP BY w.tbl
\\gexec
EOF
}

prepare_scale() {   # $1 scale; creates/loads the database, VACUUM ANALYZE, records sizes
    local scale="$1" db="${PG_DB_PREFIX}_s$1" comment
    mkdir -p "$OUT/s$scale"
    comment="$(admin_psql -d postgres -At -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$db'")"
    if [ "$REUSE_DATA" = 1 ] && [ "$comment" = "assay-bench scale=$scale loaded" ]; then
        log "reusing $db"
    else
        admin_psql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
        local t0=$SECONDS
        load_data "$scale" "$db" > "$OUT/s$scale/load.log" 2>&1 || { tail -30 "$OUT/s$scale/load.log" >&2; die "loading scale $scale failed"; }
        echo "$((SECONDS - t0))" > "$OUT/s$scale/load_seconds"
        normalize_types "$db" "$OUT/s$scale/types_converted.txt"
        admin_psql -d "$db" -c "VACUUM (ANALYZE)" -c "CHECKPOINT"
        admin_psql -d postgres -c "COMMENT ON DATABASE $db IS 'assay-bench scale=$scale loaded'"
    fi
    local expect="customers=$((scale * 1000)) accounts=$((scale * 2000)) transactions=$((scale * 10000))" got
    got="$(admin_psql -d "$db" -At -F= -c "SELECT 'customers', count(*) FROM customers" \
        -c "SELECT 'accounts', count(*) FROM accounts" -c "SELECT 'transactions', count(*) FROM transactions" | tr '\n' ' ')"
    [ "${got% }" = "$expect" ] || die "scale $scale: expected $expect, found ${got% }"
    # sizes and column types for the report
    admin_psql -d "$db" -At -F $'\t' -c "
        SELECT c.relname,
               (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname), false, true, '')))[1]::text::bigint,
               pg_table_size(c.oid), pg_indexes_size(c.oid)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname" > "$OUT/s$scale/sizes.tsv"
    admin_psql -d "$db" -At -F $'\t' -c "
        SELECT a.attrelid::regclass, a.attname, format_type(a.atttypid, a.atttypmod)
        FROM pg_attribute a WHERE a.attrelid IN ('customers'::regclass, 'accounts'::regclass, 'transactions'::regclass)
          AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, a.attnum" > "$OUT/s$scale/columns.tsv"
    # duplicate statistics, to explain Soda's and GX's uniqueness counts (run outside every measured window)
    admin_psql -d "$db" -At -F $'\t' -c "
        SELECT col, count(*) FILTER (WHERE n > 1), coalesce(sum(n) FILTER (WHERE n > 1), 0), coalesce(sum(n - 1), 0)
        FROM (SELECT 'customer_id' col, count(*) n FROM customers WHERE customer_id IS NOT NULL GROUP BY customer_id
              UNION ALL SELECT 'email', count(*) FROM customers WHERE email IS NOT NULL GROUP BY email
              UNION ALL SELECT 'ssn', count(*) FROM customers WHERE ssn IS NOT NULL GROUP BY ssn) g
        GROUP BY col" > "$OUT/s$scale/duplicates.tsv"
}

# --- one measured tool run --------------------------------------------------------------------------------------
run_tool() {    # $1 tool, $2 scale, $3 run number (1, 2, ...; -1, -2, ... are warm-ups)
    local tool="$1" scale="$2" run="$3" db="${PG_DB_PREFIX}_s$2" label
    if [ "$run" -gt 0 ]; then label="r$run"; else label="w$((-run))"; fi
    local app="bench-$tool-s$scale-$label" dir="$OUT/s$scale/$tool/$label"
    mkdir -p "$dir"
    local -a cmd
    case "$tool" in
        assay|assay_nosamples)
            local url; url="$(pg_url "$db" "$([ "$ASSAY_URL_APPNAME" = 1 ] && echo "$app")")"
            cmd=("$ASSAY" check --config "$SUITE" --source "$url" --format json --output "$dir/assay.json")
            if [ "$tool" = assay_nosamples ]; then cmd+=(--no-samples); fi
            # shellcheck disable=SC2206
            if [ -n "$ASSAY_ARGS" ]; then cmd+=($ASSAY_ARGS); fi
            ;;
        floor) cmd=("$PEERS_DIR/run_floor.sh") ;;
        soda)  cmd=("$PEERS_DIR/run_soda.sh") ;;
        gx)    cmd=("$PEERS_DIR/run_gx.sh") ;;
        *) die "unknown tool $tool (assay, assay_nosamples, floor, soda, gx)" ;;
    esac
    local start end load
    load="$(cut -d' ' -f1 /proc/loadavg)"
    start="$(stat -c %s "$PG_LOG")"
    PGHOST="$PG_HOST" PGPORT="$PG_PORT" PGUSER="$PG_USER" PGPASSWORD="$PG_PASSWORD" PGDATABASE="$db" \
        PGAPPNAME="$app" OUT_DIR="$dir" VENV="$VENV" \
        python3 "$HERE/measure.py" "$dir/measure.json" "$dir/time-v.txt" -- "${cmd[@]}" \
        > "$dir/stdout.txt" 2> "$dir/stderr.txt" || true
    sleep 0.2   # the server writes disconnection lines after the client has gone
    end="$(stat -c %s "$PG_LOG")"
    python3 - "$RUNS_JSONL" "$dir/measure.json" "$tool" "$scale" "$run" "$app" "$start" "$end" "$dir" "$load" <<'PY'
import json, sys
path, mpath, tool, scale, run, app, start, end, d, load = sys.argv[1:]
try:
    m = json.load(open(mpath))
except (OSError, ValueError):
    m = {"exit": None, "wall_s": None}
m.update(tool=tool, scale=int(scale), run=int(run), app=app, log_start=int(start), log_end=int(end), dir=d,
         loadavg_before=float(load))
open(path, "a").write(json.dumps(m) + "\n")
print(f"{tool:>16} s{scale} r{run}: {m.get('wall_s')} s, exit {m.get('exit')}, "
      f"maxrss {(m.get('maxrss_kb') or 0) / 1024:.0f} MB", file=sys.stderr)
PY
}

# --- main -----------------------------------------------------------------------------------------------------------
[ -d "$PEERS_DIR" ] || die "no peers at $PEERS_DIR (set PEERS_DIR)"
PEERS_DIR="$(cd "$PEERS_DIR" && pwd)"
export VENV="${VENV:-${TMPDIR:-/tmp}/assay-peers/venv}"   # as $PEERS_DIR/env.sh
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
command -v python3 >/dev/null || die "python3 is missing"
[ -x "$PG_BIN/postgres" ] || die "no PostgreSQL at $PG_BIN"

log "output: $OUT"
if [ "$SKIP_SETUP" != 1 ]; then
    log "peers: $PEERS_DIR/setup.sh (venv $VENV)"
    "$PEERS_DIR/setup.sh" > "$OUT/peers-setup.log" 2>&1 || { tail -20 "$OUT/peers-setup.log" >&2; die "peers setup failed"; }
fi
resolve_assay
log "assay: $ASSAY"

start_cluster
{
    echo "date_utc=$(date -u '+%Y-%m-%d %H:%M:%S')"
    echo "host=$(hostname)"
    echo "nproc=$(nproc)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)"
    echo "os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
    echo "kernel=$(uname -r)"
    echo "pg_version=$(admin_psql -d postgres -At -c 'SELECT version()')"
    echo "psql=$(psql --version)"
    echo "assay_bin=$ASSAY"
    echo "assay_commit=$(git -C "$(dirname "$ASSAY")/../.." log -1 --format='%h %s' 2>/dev/null || git -C "$REPO" log -1 --format='%h %s')"
    echo "soda=$(cd "$PEERS_DIR/soda" && "$VENV/bin/soda" --version 2>/dev/null | tail -1)"
    echo "gx=$("$VENV/bin/python" -c 'import great_expectations as gx; print(gx.__version__)' 2>/dev/null)"
    echo "python=$("$VENV/bin/python" --version 2>&1)"
    echo "scales=$SCALES"
    echo "runs=$RUNS"
    echo "warmup=$WARMUP"
    echo "tools=$TOOLS"
    echo "loader=$([ -n "$LOAD_CMD" ] && echo "LOAD_CMD: $LOAD_CMD" || echo "assay demo --scale S --source postgres://...")"
    echo "assay_args=$ASSAY_ARGS"
    echo "assay_url_appname=$ASSAY_URL_APPNAME"
    echo "pg_log=$PG_LOG"
} > "$OUT/machine.env"
admin_psql -d postgres -At -F $'\t' -c "
    SELECT name, current_setting(name), '', source FROM pg_settings
    WHERE (source NOT IN ('default', 'override', 'client', 'session')
           OR name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_parallel_workers_per_gather',
                       'max_parallel_workers', 'jit', 'random_page_cost', 'TimeZone', 'lc_collate', 'server_encoding'))
      AND name NOT LIKE 'lc\\_%' OR name = 'lc_collate'
    ORDER BY name" > "$OUT/pg_settings.tsv"

for scale in $SCALES; do
    prepare_scale "$scale"
    for ((w = 1; w <= WARMUP; w++)); do
        log "scale $scale: warm-up $w"
        for tool in $TOOLS; do run_tool "$tool" "$scale" "-$w"; done
    done
    for ((r = 1; r <= RUNS; r++)); do
        log "scale $scale: round $r of $RUNS"
        for tool in $TOOLS; do run_tool "$tool" "$scale" "$r"; done
    done
done

cp "$PG_LOG" "$OUT/postgres.log"
python3 "$HERE/report.py" "$OUT" "$OUT/postgres.log"
log "report: $OUT/report.md"
