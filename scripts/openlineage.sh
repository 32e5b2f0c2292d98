#!/usr/bin/env bash
# Validates OpenLineage events against the specification's JSON Schemas (Tests/Fixtures/openlineage, a copy of the
# subset in ../shared/openlineage): Python jsonschema in a venv under .build/openlineage-venv (installed from PyPI
# when missing), run by scripts/openlineage-validate.py. Idempotent and quiet; no network at validation time.
#   scripts/openlineage.sh setup            installs what is missing; prints nothing when all is there
#   scripts/openlineage.sh validate FILE... validates every event (one JSON object per line) of each file
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.build/openlineage-venv"
packages=(jsonschema==4.26.0 rfc3986-validator==0.1.1 rfc3339-validator==0.1.4)

setup() {
  if ! "$venv/bin/python" -c "import jsonschema, rfc3986_validator, rfc3339_validator" >/dev/null 2>&1; then
    echo "scripts/openlineage.sh: installing ${packages[*]} into $venv" >&2
    mkdir -p "$root/.build"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "${packages[@]}" >&2
  fi
}

case "${1:-}" in
  setup) setup ;;
  validate) shift; setup; exec "$venv/bin/python" "$root/scripts/openlineage-validate.py" --schemas "${ASSAY_OPENLINEAGE_SCHEMAS:-$root/Tests/Fixtures/openlineage}" "$@" ;;
  *) echo "usage: scripts/openlineage.sh setup | validate FILE..." >&2; exit 2 ;;
esac
