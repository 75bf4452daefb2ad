#!/usr/bin/env bash
# Local RabbitMQ and Redis for development and tests: deploy/infra.sh up|down|status
#
# Without a container engine (the usual case here) both servers come from Debian's packages and run
# as local processes bound to 127.0.0.1, with their data under .infra/ in the repository.
# `up` is idempotent: servers that already answer are left alone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=infra.env
set -a; source "$ROOT/deploy/infra.env"; set +a

DATA="${CORRELATION_INFRA_DIR:-$ROOT/.infra}"
RMQ_DIR="$DATA/rabbitmq"
REDIS_DIR="$DATA/redis"
NODE="rabbit@localhost"
WAIT_SECONDS="${INFRA_WAIT_SECONDS:-90}"

log() { printf 'infra: %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

install_packages() {
  local missing=()
  command -v rabbitmq-server >/dev/null || [ -x /usr/sbin/rabbitmq-server ] || missing+=(rabbitmq-server)
  command -v redis-server >/dev/null || missing+=(redis-server)
  # net-snmp's snmptrap: the SNMP trap receiver's tests send real traps with it.
  command -v snmptrap >/dev/null || missing+=(snmp)
  # swaks sends real mail to the SMTP receiver's tests; they run their own dovecot as the IMAP server.
  command -v swaks >/dev/null || missing+=(swaks)
  command -v dovecot >/dev/null || [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
  # The console's browser test drives Debian's Chromium headless over the DevTools protocol.
  command -v chromium >/dev/null || missing+=(chromium)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from Debian's packages"
  as_root apt-get update -qq
  # The packages' own services are not wanted: these servers run as project processes. A
  # policy-rc.d that refuses every start keeps the install from starting them (dovecot would take
  # ports 143 and 993); one that is already there (as in containers) is left as it is.
  local policy=/usr/sbin/policy-rc.d placed=0
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy" && placed=1
  fi
  local rc=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || rc=$?
  [ "$placed" -eq 1 ] && as_root rm -f "$policy"
  if [[ " ${missing[*]} " == *" dovecot-imapd "* ]]; then stop_system_dovecot; fi
  return $rc
}

# Under systemd the dovecot package enables its unit (and socket) even when not started now; it is
# disabled so that no system IMAP server holds port 143 after a reboot either.
stop_system_dovecot() {
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    as_root systemctl disable --now dovecot.service dovecot.socket >/dev/null 2>&1 || true
  fi
}

rmq_env() {
  export RABBITMQ_NODENAME="$NODE"
  export RABBITMQ_NODE_IP_ADDRESS="$RABBITMQ_HOST"
  export RABBITMQ_NODE_PORT="$RABBITMQ_PORT"
  export RABBITMQ_DIST_PORT
  export RABBITMQ_MNESIA_BASE="$RMQ_DIR/mnesia"
  export RABBITMQ_LOG_BASE="$RMQ_DIR/log"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_DIR/enabled_plugins"
  export RABBITMQ_FEATURE_FLAGS_FILE="$RMQ_DIR/feature_flags"
  export RABBITMQ_CONFIG_FILE="$RMQ_DIR/rabbitmq.conf"
  export RABBITMQ_PID_FILE="$RMQ_DIR/rabbitmq.pid"
  export ERL_EPMD_ADDRESS=127.0.0.1
  # Keep Erlang distribution on loopback too; only local rabbitmqctl talks to it.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export PATH="$PATH:/usr/sbin"
}

rabbit_up() {
  if port_open "$RABBITMQ_HOST" "$RABBITMQ_PORT"; then
    log "rabbitmq already answers on $RABBITMQ_HOST:$RABBITMQ_PORT"; return 0
  fi
  rmq_env
  mkdir -p "$RMQ_DIR/mnesia" "$RMQ_DIR/log"
  [ -f "$RABBITMQ_ENABLED_PLUGINS_FILE" ] || echo '[].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
  cat > "$RABBITMQ_CONFIG_FILE" <<CONF
listeners.tcp.1 = $RABBITMQ_HOST:$RABBITMQ_PORT
default_user = $RABBITMQ_USER
default_pass = $RABBITMQ_PASSWORD
default_vhost = $RABBITMQ_VHOST
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
loopback_users = none
log.file.level = warning
CONF
  # Run as root, the start script switches to the rabbitmq user, which must own the data folders.
  if [ "$(id -u)" -eq 0 ] && id rabbitmq >/dev/null 2>&1; then chown -R rabbitmq:rabbitmq "$RMQ_DIR"; fi
  log "starting rabbitmq ($NODE) on $RABBITMQ_HOST:$RABBITMQ_PORT, data in $RMQ_DIR"
  setsid nohup rabbitmq-server >"$RMQ_DIR/console.log" 2>&1 < /dev/null &
}

redis_up() {
  if port_open "$REDIS_HOST" "$REDIS_PORT"; then
    log "redis already answers on $REDIS_HOST:$REDIS_PORT"; return 0
  fi
  mkdir -p "$REDIS_DIR"
  log "starting redis on $REDIS_HOST:$REDIS_PORT, data in $REDIS_DIR"
  local auth=()
  [ -n "${REDIS_PASSWORD:-}" ] && auth=(--requirepass "$REDIS_PASSWORD")
  redis-server --bind "$REDIS_HOST" --port "$REDIS_PORT" --dir "$REDIS_DIR" \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
    --appendonly yes --appendfsync everysec --protected-mode yes "${auth[@]}" >/dev/null
}

wait_for() {
  local name="$1" host="$2" port="$3" started=$SECONDS
  until port_open "$host" "$port"; do
    if (( SECONDS - started > WAIT_SECONDS )); then
      log "$name did not answer on $host:$port within ${WAIT_SECONDS}s"
      [ "$name" = rabbitmq ] && tail -n 30 "$RMQ_DIR/console.log" >&2 || true
      [ "$name" = redis ] && tail -n 30 "$REDIS_DIR/redis.log" >&2 || true
      return 1
    fi
    sleep 0.5
  done
  log "$name ready on $host:$port ($(( SECONDS - started ))s)"
}

rabbit_ready() {
  wait_for rabbitmq "$RABBITMQ_HOST" "$RABBITMQ_PORT"
  # The port opens before the default user exists; wait until the broker reports it is fully booted.
  if [ -f "$RMQ_DIR/rabbitmq.conf" ]; then
    rmq_env
    rabbitmqctl -q -n "$NODE" await_startup --timeout "$WAIT_SECONDS" >/dev/null 2>&1 || true
  fi
}

up() {
  if [ "${INFRA_MODE:-}" != "local" ] && command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    log "container engine found: using deploy/compose.yaml"
    docker compose -f "$ROOT/deploy/compose.yaml" up -d
  else
    install_packages
    rabbit_up
    redis_up
  fi
  wait_for redis "$REDIS_HOST" "$REDIS_PORT"
  rabbit_ready
}

down() {
  if [ "${INFRA_MODE:-}" != "local" ] && command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    docker compose -f "$ROOT/deploy/compose.yaml" down; return 0
  fi
  if [ -f "$REDIS_DIR/redis.pid" ] && kill -0 "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null; then
    log "stopping redis"
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ${REDIS_PASSWORD:+-a "$REDIS_PASSWORD"} shutdown >/dev/null 2>&1 || \
      kill "$(cat "$REDIS_DIR/redis.pid")" || true
  fi
  if [ -f "$RMQ_DIR/rabbitmq.conf" ]; then
    rmq_env
    if rabbitmqctl -q -n "$NODE" status >/dev/null 2>&1; then
      log "stopping rabbitmq"
      rabbitmqctl -q -n "$NODE" stop >/dev/null 2>&1 || true
    fi
  fi
  local started=$SECONDS
  while port_open "$RABBITMQ_HOST" "$RABBITMQ_PORT" || port_open "$REDIS_HOST" "$REDIS_PORT"; do
    (( SECONDS - started > 30 )) && { log "servers still answer after 30s"; return 1; }
    sleep 0.5
  done
  log "stopped"
}

status() {
  local rc=0
  if port_open "$RABBITMQ_HOST" "$RABBITMQ_PORT"; then echo "rabbitmq: up   amqp://$RABBITMQ_HOST:$RABBITMQ_PORT"
  else echo "rabbitmq: down ($RABBITMQ_HOST:$RABBITMQ_PORT)"; rc=1; fi
  if port_open "$REDIS_HOST" "$REDIS_PORT"; then echo "redis:    up   $REDIS_HOST:$REDIS_PORT"
  else echo "redis:    down ($REDIS_HOST:$REDIS_PORT)"; rc=1; fi
  return $rc
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
