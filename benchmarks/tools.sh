#!/usr/bin/env bash
# Installs what only the benchmarks need, from Debian's packages: Prometheus Alertmanager, the comparison
# the load harness (benchmarks/pipeline-load.sh) runs beside the pipeline. Safe to repeat: nothing is done
# when `alertmanager` is already there. The package's own service is not wanted (the harness starts its
# own alertmanager on loopback ports with a config of its own), so, as deploy/infra.sh does for its
# packages, a policy-rc.d that refuses every start keeps the install from starting it, and under systemd
# its unit is disabled afterwards.
set -euo pipefail

log() { printf 'bench-tools: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

if command -v prometheus-alertmanager >/dev/null || command -v alertmanager >/dev/null; then
  exit 0
fi

log "installing prometheus-alertmanager from Debian's packages"
as_root apt-get update -qq
policy=/usr/sbin/policy-rc.d
placed=0
if [ ! -e "$policy" ]; then
  as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy" && placed=1
fi
rc=0
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus-alertmanager >/dev/null || rc=$?
[ "$placed" -eq 1 ] && as_root rm -f "$policy"
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  as_root systemctl disable --now prometheus-alertmanager.service >/dev/null 2>&1 || true
fi
exit $rc
