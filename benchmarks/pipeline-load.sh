#!/usr/bin/env bash
# The whole pipeline under load, side by side with Alertmanager and the raw broker (issue 9): `make bench`
# (PROFILE=full) and `make bench-quick` (PROFILE=quick). Makes sure RabbitMQ and Redis run (deploy/infra.sh
# up), installs Alertmanager (benchmarks/tools.sh), builds the all-in-one host, the CLI and the harness in
# Release, generates a labelled storm with its network, and runs benchmarks/Correlation.Load, which starts
# every process it measures on 127.0.0.1 and stops them at the end. Writes benchmarks/results/NAME.md (pipeline-load for full, pipeline-load-quick for quick),
# NAME.csv and NAME-backlog.csv.
# Environment: PROFILE (quick|full), NAME (default pipeline-load), SEED, STORM_ALARMS, SITES, ONLY (parts, see
# Correlation.Load --help), KEEP=1 keeps the work folder (logs of the host and Alertmanager).
# PROFILE=soak (`make soak`) runs only the soak: SOAK_RATE alarms/s (50) for SOAK_MINUTES (30), a row every SOAK_INTERVAL
# seconds (60), the host's retentions set to SOAK_RETENTION (00:05:00, or "default"); writes NAME.md and NAME.csv (soak).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROFILE="${PROFILE:-quick}"
SEED="${SEED:-9}"
case "$PROFILE" in
  full) NAME="${NAME:-pipeline-load}"; STORM_ALARMS="${STORM_ALARMS:-20000}"; SITES="${SITES:-200}" ;;
  # A pass of the soak's loop lasts STORM_ALARMS / SOAK_RATE seconds (two minutes at the defaults).
  soak) NAME="${NAME:-soak}"; STORM_ALARMS="${STORM_ALARMS:-6000}"; SITES="${SITES:-100}" ;;
  *) NAME="${NAME:-pipeline-load-quick}"; STORM_ALARMS="${STORM_ALARMS:-3000}"; SITES="${SITES:-100}" ;;
esac
WORK="$(mktemp -d)"
HARNESS_PID=""

# Whatever happens (Ctrl+C, a failure), the processes the harness started are stopped by their ids.
cleanup() {
  local rc=$?
  if [ -n "$HARNESS_PID" ] && kill -0 "$HARNESS_PID" 2>/dev/null; then
    kill -TERM "$HARNESS_PID" 2>/dev/null || true
    wait "$HARNESS_PID" 2>/dev/null || true
  fi
  if [ -f "$WORK/pids" ]; then
    while read -r pid; do kill -0 "$pid" 2>/dev/null && kill "$pid" 2>/dev/null || true; done < "$WORK/pids"
  fi
  if [ "${KEEP:-0}" = 1 ] || [ "$rc" -ne 0 ]; then echo "work folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$ROOT"
if [ -z "${RabbitMq__Url:-}" ] || [ -z "${Redis__Configuration:-}" ]; then
  deploy/infra.sh up >&2
  set -a; source deploy/infra.env; set +a
  export RabbitMq__Url="amqp://$RABBITMQ_USER:$RABBITMQ_PASSWORD@$RABBITMQ_HOST:$RABBITMQ_PORT/"
  export Redis__Configuration="$REDIS_HOST:$REDIS_PORT"
fi
ALERTMANAGER=""
if [ "$PROFILE" != soak ]; then
  benchmarks/tools.sh >&2 || echo "could not install prometheus-alertmanager; the run goes on without it" >&2
  ALERTMANAGER="$(command -v prometheus-alertmanager || command -v alertmanager || true)"
fi

echo "building (Release)" >&2
for project in services/Correlation.AllInOne services/Correlation.Cli benchmarks/Correlation.Load; do
  dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly >&2
done

CLI=(dotnet services/Correlation.Cli/bin/Release/net10.0/correlation.dll)
GENERATE=(generate --seed "$SEED" --alarms "$STORM_ALARMS" --sites "$SITES")
echo "generating: correlation ${GENERATE[*]}" >&2
"${CLI[@]}" "${GENERATE[@]}" --out "$WORK/storm.jsonl" --cmdb-out "$WORK/cmdb.yaml" >&2

COMMAND="make bench-quick"; [ "$PROFILE" = full ] && COMMAND="make bench"
SOAK=()
if [ "$PROFILE" = soak ]; then
  SOAK=(--soak-rate "${SOAK_RATE:-50}" --soak-minutes "${SOAK_MINUTES:-30}" --soak-interval "${SOAK_INTERVAL:-60}" --soak-retention "${SOAK_RETENTION:-00:05:00}")
  COMMAND="SOAK_RATE=${SOAK_RATE:-50} SOAK_MINUTES=${SOAK_MINUTES:-30} make soak"
fi
ARGS=(--profile "$PROFILE" --host services/Correlation.AllInOne/bin/Release/net10.0/Correlation.AllInOne.dll
  --storm "$WORK/storm.jsonl" --cmdb "$WORK/cmdb.yaml" --work "$WORK" --results benchmarks/results --name "$NAME"
  --command "$COMMAND (storm: correlation ${GENERATE[*]})" "${SOAK[@]}")
DATASET="$ROOT/../shared/datasets/huawei-microwave-25v"
[ -d "$DATASET" ] && [ "$PROFILE" != soak ] && ARGS+=(--huawei "$DATASET")
[ -n "$ALERTMANAGER" ] && ARGS+=(--alertmanager "$ALERTMANAGER")
[ -n "${ONLY:-}" ] && ARGS+=(--only "$ONLY")

dotnet benchmarks/Correlation.Load/bin/Release/net10.0/Correlation.Load.dll "${ARGS[@]}" &
HARNESS_PID=$!
wait "$HARNESS_PID"
