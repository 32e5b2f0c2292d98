#!/usr/bin/env bash
# The local SMTP server the email tests deliver to: Python aiosmtpd in a venv under .build/smtp-venv (installed
# from PyPI when missing), run by scripts/smtp-server.py. Idempotent and quiet.
#   scripts/smtp.sh setup           installs what is missing; prints nothing when all is there
#   scripts/smtp.sh serve ARGS...   runs scripts/smtp-server.py ARGS (see its --help)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.build/smtp-venv"
aiosmtpd_version=1.4.6

setup() {
  if ! "$venv/bin/python" -c "import aiosmtpd" >/dev/null 2>&1; then
    echo "scripts/smtp.sh: installing aiosmtpd $aiosmtpd_version into $venv" >&2
    mkdir -p "$root/.build"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "aiosmtpd==$aiosmtpd_version" >&2
  fi
}

case "${1:-}" in
  setup) setup ;;
  serve) shift; setup; exec "$venv/bin/python" "$root/scripts/smtp-server.py" "$@" ;;
  *) echo "usage: scripts/smtp.sh setup | serve ARGS..." >&2; exit 2 ;;
esac
