#!/usr/bin/env bash
# Quarantine benchmark (issue 12): move the 1 % bad rows of a 10M-row `transactions` table on PostgreSQL into
# quarantine with `assay remediate --apply` while another client inserts 1,000 rows/s (1 % bad) and updates rows,
# then put them back with `assay quarantine restore`; 10 repetitions, each checked exactly:
# rows before + inserted = rows after + quarantined. See README.md beside this script.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
ROWS="${ROWS:-10000000}"
REPS="${REPS:-10}"
OUT="${OUT:-$REPO/bench/quarantine/out/$(date -u +%Y%m%dT%H%M%SZ)}"
ASSAY="${ASSAY:-}"
VENV="${VENV:-$REPO/.build/bench-venv}"
mkdir -p "$OUT"
if [ -z "$ASSAY" ]; then
    (cd "$REPO" && swift build -c release --product assay --scratch-path .build-release) >&2
    ASSAY="$REPO/.build-release/release/assay"
fi
if ! "$VENV/bin/python" -c 'import psycopg' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check 'psycopg[binary]==3.3.9'
fi
# The project's test cluster (scripts/postgres.sh): started if it is not running, and stopped again if this started it.
was_running=no
"$REPO/scripts/postgres.sh" env >/dev/null 2>&1 && was_running=yes
eval "$("$REPO/scripts/postgres.sh")"
[ "$was_running" = no ] && trap '"$REPO/scripts/postgres.sh" stop' EXIT
"$VENV/bin/python" "$HERE/quarantine.py" --assay "$ASSAY" --url "$ASSAY_TEST_POSTGRES_URL" --rows "$ROWS" --reps "$REPS" --out "$OUT"
