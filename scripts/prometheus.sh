#!/usr/bin/env bash
# The Prometheus the metrics tests scrape `assay serve` with: Debian's prometheus package (prometheus and promtool),
# installed with apt-get when missing. Idempotent and quiet. The tests start and stop their own Prometheus; the
# package's own service is not started here (and is stopped if the install started it).
#   scripts/prometheus.sh setup
set -euo pipefail
case "${1:-}" in
  setup)
    if [[ ! -x /usr/bin/prometheus || ! -x /usr/bin/promtool ]]; then
      echo "scripts/prometheus.sh: installing prometheus with apt-get" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -q prometheus >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q prometheus >/dev/null; }
      # Debian starts the packaged service where systemd runs; the tests need none of it.
      if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then systemctl stop prometheus || true; fi
    fi ;;
  *) echo "usage: scripts/prometheus.sh setup" >&2; exit 2 ;;
esac
