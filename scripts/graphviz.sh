#!/usr/bin/env bash
# Graphviz for the lineage tests: Debian's graphviz (installed with apt-get when `dot` is missing). Idempotent and quiet.
#   scripts/graphviz.sh setup              installs what is missing; prints nothing when all is there
#   scripts/graphviz.sh svg FILE.dot       renders FILE.dot with `dot -Tsvg` to standard output (fails on a syntax error)
set -euo pipefail
dot="${ASSAY_DOT:-/usr/bin/dot}"

setup() {
  if [[ ! -x $dot ]]; then
    echo "scripts/graphviz.sh: installing graphviz with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q graphviz >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q graphviz >/dev/null; }
  fi
}

case "${1:-}" in
  setup) setup ;;
  svg) shift; setup; exec "$dot" -Tsvg "$@" ;;
  *) echo "usage: scripts/graphviz.sh setup | svg FILE.dot" >&2; exit 2 ;;
esac
