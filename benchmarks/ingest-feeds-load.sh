#!/usr/bin/env bash
# Alarms/s accepted over HTTP into the real broker (issue 4's aim: 20,000/s in batches of 100). Builds,
# makes sure RabbitMQ and Redis are up (deploy/infra.sh up), starts Ingest.Feeds alone on a free port with
# exchanges of its own prefix, then runs `Correlation.Benchmarks ingest-load`: SENDERS concurrent senders post
# batches of BATCH generic alarms for DURATION seconds (after WARMUP), and every 202 is checked against a
# queue bound to the AlarmsReceived exchange, consumed and counted alarm by alarm. Writes benchmarks/results/ingest-feeds.md.
# Usage: benchmarks/ingest-feeds-load.sh      (environment: BATCH, SENDERS, DURATION in seconds, WARMUP, PORT)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BATCH="${BATCH:-100}"
SENDERS="${SENDERS:-32}"
SECONDS_RUN="${DURATION:-20}"
WARMUP="${WARMUP:-3}"
PORT="${PORT:-5391}"
OUT="$ROOT/benchmarks/results/ingest-feeds.md"
WORK="$(mktemp -d)"
PREFIX="bench-feeds-$(date +%s)"
FEEDS_PID=""
cleanup() { [ -n "$FEEDS_PID" ] && kill "$FEEDS_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

cd "$ROOT"
dotnet build services/Ingest.Feeds -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build benchmarks/Correlation.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
if [ -z "${RabbitMq__Url:-}" ]; then
  deploy/infra.sh up >&2
  set -a; source deploy/infra.env; set +a
  export RabbitMq__Url="amqp://$RABBITMQ_USER:$RABBITMQ_PASSWORD@$RABBITMQ_HOST:$RABBITMQ_PORT/"
  export Redis__Configuration="$REDIS_HOST:$REDIS_PORT"
fi

echo "starting Ingest.Feeds on 127.0.0.1:$PORT (entity prefix $PREFIX)" >&2
RabbitMq__EntityPrefix="$PREFIX" Logging__LogLevel__Default=Warning \
  dotnet services/Ingest.Feeds/bin/Release/net10.0/Ingest.Feeds.dll --urls "http://127.0.0.1:$PORT" >"$WORK/feeds.log" 2>&1 &
FEEDS_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health/live" >/dev/null 2>&1 && break
  sleep 0.5
done

LOAD=(dotnet benchmarks/Correlation.Benchmarks/bin/Release/net10.0/Correlation.Benchmarks.dll ingest-load
  --url "http://127.0.0.1:$PORT" --exchange "$PREFIX.Correlation.Contracts:AlarmsReceived"
  --batch "$BATCH" --senders "$SENDERS" --seconds "$SECONDS_RUN" --warmup "$WARMUP" --markdown "$WORK/run.md")
echo "== ${LOAD[*]}" >&2
"${LOAD[@]}" >&2

mkdir -p "$(dirname "$OUT")"
{
  echo "# Ingest.Feeds: alarms/s accepted over HTTP into the real broker"
  echo
  echo "Written by \`benchmarks/ingest-feeds-load.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores"
  echo "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM),"
  echo "RabbitMQ, Ingest.Feeds and the sender on the same machine (shared with other work: read the figures as lower bounds)."
  echo
  echo "Command: \`BATCH=$BATCH SENDERS=$SENDERS DURATION=$SECONDS_RUN benchmarks/ingest-feeds-load.sh\`, which runs"
  echo "\`Correlation.Benchmarks ingest-load --batch $BATCH --senders $SENDERS --seconds $SECONDS_RUN --warmup $WARMUP\` against Ingest.Feeds"
  echo "started alone (\`POST /api/v1/alarms/batch\`, each 202 given only after the broker confirmed every alarm of the request)."
  echo "A durable queue bound to the AlarmsReceived exchange, consumed as the run goes, counts the alarms the broker took: it must hold every alarm answered 202."
  echo
  cat "$WORK/run.md"
  echo
  echo "## Reading"
  echo
  echo "- Each request's alarms travel as one \`AlarmsReceived\` message (up to 500 alarms a message), published"
  echo "  with a publisher confirm that is awaited before the 202. Before the batch contract, each alarm was a"
  echo "  message of its own and the same run gave 9,055 alarms/s (2026-11-23): MassTransit's per-message cost,"
  echo "  not parsing or the broker's bytes, was the limit."
  echo "- The counting consumer reads every message and checks the alarm ids: \"distinct alarms in the broker\""
  echo "  must be at least the alarms accepted (warm-up included), and \"alarms in the broker\" equal to it (no"
  echo "  alarm published twice)."
  echo "- Sender, Ingest.Feeds and RabbitMQ share the two cores: the sender's own CPU is part of the figure."
} > "$OUT"
echo "wrote $OUT" >&2
