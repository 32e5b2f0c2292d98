#!/usr/bin/env bash
# Starts (installing PostgreSQL with apt-get if needed) a private PostgreSQL cluster for the tests and prints
# `export ASSAY_TEST_POSTGRES_*=...` lines to eval: eval "$(scripts/postgres.sh)".
#   scripts/postgres.sh [start]   install if missing, initdb if missing, start if stopped, create roles/db, print exports
#   scripts/postgres.sh env       print the exports only (the server must be running)
#   scripts/postgres.sh stop      stop the cluster (no-op if it is not running)
# Cluster: data in ${ASSAY_PG_DIR:-/tmp/assay-pg}/data, 127.0.0.1:${ASSAY_PG_PORT:-55432}, socket in ASSAY_PG_DIR,
# run as OS user postgres. Idempotent; only the export lines go to stdout, everything else to stderr.
# Roles: postgres/postgres (superuser), assay/assay (owns db assay_test), assay_noaccess/noaccess (may connect, no grants).
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

cmd=${1:-start}
[[ $cmd =~ ^(start|stop|env)$ ]] || die "usage: $0 [start|stop|env]"
[[ $(id -u) == 0 ]] || die "must run as root (it runs PostgreSQL as OS user postgres via runuser)"

dir=${ASSAY_PG_DIR:-/tmp/assay-pg}
port=${ASSAY_PG_PORT:-55432}
[[ $dir == /* ]] || dir="$PWD/$dir"
[[ $dir =~ ^/[A-Za-z0-9/._-]+$ ]] || die "ASSAY_PG_DIR must be a plain path (letters, digits, / . _ -): $dir"
[[ $port =~ ^[0-9]+$ ]] || die "ASSAY_PG_PORT must be a number: $port"
data=$dir/data log=$dir/server.log
cd /  # the postgres OS user may not be able to enter the caller's directory

# Server binaries: the cluster's own major version if it exists, else the newest installed.
find_bin() {
  if [[ -f $data/PG_VERSION && -x /usr/lib/postgresql/$(<"$data/PG_VERSION")/bin/postgres ]]; then
    bin=/usr/lib/postgresql/$(<"$data/PG_VERSION")/bin
  else
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  fi
  [[ -n $bin && -x $bin/postgres ]]
}
if ! find_bin; then
  [[ $cmd == start ]] || die "PostgreSQL is not installed (run: $0 start)"
  echo "postgres.sh: installing PostgreSQL with apt-get (one-time)..." >&2
  apt_log=$(mktemp)
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } \
      </dev/null >"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2; die "apt-get install postgresql failed"
  fi
  rm -f "$apt_log"
  find_bin || die "postgresql installed but no /usr/lib/postgresql/*/bin/postgres found"
fi

as_pg() { runuser -u postgres -- "$@"; }
pg_ctl() { as_pg "$bin/pg_ctl" -D "$data" -l "$log" "$@"; }
running() { [[ -f $data/PG_VERSION ]] && pg_ctl status >/dev/null 2>&1; }
# A postmaster killed by SIGKILL stays a zombie until init reaps it (PID 1 here can take ~30 s); pg_ctl and
# postgres then take it for alive ("lock file already exists"). It is dead: drop its lock files.
clear_zombie() {
  local pid; pid=$(head -n1 "$data/postmaster.pid" 2>/dev/null) || return 0
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/stat ]] || return 0
  [[ $(sed 's/.*) //' "/proc/$pid/stat" | cut -d' ' -f1) == Z ]] || return 0
  rm -f "$data/postmaster.pid" "$dir/.s.PGSQL.$port.lock"
}
clear_zombie
restart_cmd="runuser -u postgres -- $bin/pg_ctl -D $data -l $log restart -m fast -w"

print_env() {
  echo "export ASSAY_TEST_POSTGRES_URL=postgres://assay:assay@127.0.0.1:$port/assay_test"
  echo "export ASSAY_TEST_POSTGRES_ADMIN_URL=postgres://postgres:postgres@127.0.0.1:$port/postgres"
  echo "export ASSAY_TEST_POSTGRES_NOACCESS_URL=postgres://assay_noaccess:noaccess@127.0.0.1:$port/assay_test"
  echo "export ASSAY_TEST_POSTGRES_RESTART=\"$restart_cmd\""
}

case $cmd in
  stop) if running; then pg_ctl stop -m fast -w >/dev/null || die "pg_ctl stop failed (see $log)"; fi; exit 0 ;;
  env)  running && "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || die "server not running on port $port (run: $0)"
        print_env; exit 0 ;;
esac

# start: one run at a time (fd 9 is closed for pg_ctl so the server does not inherit the lock).
mkdir -p "$dir"
chown postgres:postgres "$dir"
as_pg test -w "$dir" || die "OS user postgres cannot write to $dir (choose another ASSAY_PG_DIR)"
exec 9>"$dir/.lock"
flock -w 120 9 || die "timed out waiting for another postgres.sh run ($dir/.lock)"

if [[ ! -f $data/PG_VERSION ]]; then
  rm -rf "$data"  # a half-made cluster from an interrupted initdb
  pwfile=$dir/.pwfile
  echo postgres >"$pwfile"; chown postgres "$pwfile"; chmod 600 "$pwfile"
  locale=C; locale -a 2>/dev/null | grep -iE '^c\.utf-?8$' >/dev/null && locale=C.UTF-8  # no -q: SIGPIPE vs pipefail
  if ! as_pg "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" --encoding=UTF8 --locale="$locale" \
      --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1; then
    rm -f "$pwfile"; tail -n 20 "$dir/initdb.log" >&2; die "initdb failed"
  fi
  rm -f "$pwfile"
  cat >>"$data/postgresql.conf" <<EOF

# --- assay test cluster (scripts/postgres.sh) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
logging_collector = off
EOF
fi

if ! running; then
  if ! pg_ctl -w -t 30 start >"$dir/pg_ctl.log" 2>&1 9>&-; then
    cat "$dir/pg_ctl.log" >&2; tail -n 20 "$log" >&2; die "server did not start (log: $log)"
  fi
fi
for _ in $(seq 60); do
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  tail -n 20 "$log" >&2
  die "server is running but not ready on 127.0.0.1:$port after 30 s (another port configured? try: $0 stop)"
fi

# Roles and database (re-applied every run; cheap and fixes drifted passwords).
as_pg "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -qAtX -v ON_ERROR_STOP=1 >/dev/null <<'SQL' \
  || die "creating roles/database failed"
ALTER ROLE postgres PASSWORD 'postgres';
SELECT 'CREATE ROLE assay' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'assay') \gexec
SELECT 'CREATE ROLE assay_noaccess' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'assay_noaccess') \gexec
ALTER ROLE assay LOGIN PASSWORD 'assay';
ALTER ROLE assay_noaccess LOGIN PASSWORD 'noaccess';
SELECT 'CREATE DATABASE assay_test OWNER assay' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'assay_test') \gexec
GRANT CONNECT ON DATABASE assay_test TO assay_noaccess;
SQL

print_env
