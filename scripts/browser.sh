#!/usr/bin/env bash
# The headless browser the page tests use: Debian's chromium (installed with apt-get when missing) driven by
# Python playwright in a venv under .build/browser-venv (installed from PyPI when missing). Idempotent and quiet.
#   scripts/browser.sh setup                      installs what is missing; prints nothing when all is there
#   scripts/browser.sh load --out DIR URL...      loads each URL or file path, writes screenshots into DIR and
#                                                 prints JSON (see scripts/browser-driver.py)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.build/browser-venv"
chromium="${ASSAY_CHROMIUM:-/usr/bin/chromium}"
playwright_version=1.65.2

setup() {
  if [[ ! -x $chromium ]]; then
    echo "scripts/browser.sh: installing chromium with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null; }
  fi
  if ! "$venv/bin/python" -c "import playwright" >/dev/null 2>&1; then
    echo "scripts/browser.sh: installing playwright $playwright_version into $venv" >&2
    mkdir -p "$root/.build"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "playwright==$playwright_version" >&2
  fi
}

case "${1:-}" in
  setup) setup ;;
  load) shift; setup; exec "$venv/bin/python" "$root/scripts/browser-driver.py" --chromium "$chromium" "$@" ;;
  *) echo "usage: scripts/browser.sh setup | load --out DIR URL..." >&2; exit 2 ;;
esac
