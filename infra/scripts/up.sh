#!/usr/bin/env bash
# `npm run up`: sets up everything Codeyard needs on this machine and (re)starts it. Idempotent.
#   Docker engine (installed and started if absent), the btrfs workspace store, the sandbox image
#   (built offline, only when its recipe changed), npm dependencies, the web build, then the broker
#   and the web app in the background. Logs: $CODEYARD_DATA_DIR/logs. The database (SQLite in the
#   data directory unless CODEYARD_DATABASE_URL says otherwise) is migrated on every run.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$CODEYARD_ROOT"
export CODEYARD_DATA_DIR="${CODEYARD_DATA_DIR:-/var/lib/codeyard}"
export NEXT_TELEMETRY_DISABLED=1
WEB_PORT="${CODEYARD_WEB_PORT:-3000}"
BROKER_PORT="${CODEYARD_BROKER_PORT:-4100}"
LOG_DIR="$CODEYARD_DATA_DIR/logs"
RUN_DIR="$CODEYARD_DATA_DIR/pids"

bash infra/scripts/install-deps.sh
bash infra/scripts/ensure-engine.sh
image=$(bash infra/scripts/build-sandbox-image.sh)
log "sandbox image: $image"
ensure_secret_key
ensure_vapid_keys
log "building the web app"
npx turbo run build --filter=@codeyard/web --output-logs=errors-only >/dev/null

mkdir -p "$LOG_DIR" "$RUN_DIR"
stop_app() {
  local pidfile="$RUN_DIR/$1.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    log "stopping the running $1"
    kill -- -"$(cat "$pidfile")" 2>/dev/null || kill "$(cat "$pidfile")" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
}
start_app() {
  local name=$1; shift
  stop_app "$name"
  setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/$name.pid"
}
# SQLite migrates under an exclusive lock: stop the running apps first.
stop_app broker
stop_app web
log "migrating the database"
bash infra/scripts/prepare-db.sh --migrate-only
# This installation owns the engine and the workspace store: it may delete checkpoints no row
# of its database refers to any more (deleted projects), an hour after they were taken.
CODEYARD_ORPHAN_CHECKPOINT_MINUTES="${CODEYARD_ORPHAN_CHECKPOINT_MINUTES:-60}" start_app broker npm run start -w @codeyard/broker
start_app web npm run start -w @codeyard/web

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$BROKER_PORT/healthz" >/dev/null 2>&1 && curl -fsS "http://127.0.0.1:$WEB_PORT/" >/dev/null 2>&1 && break
  sleep 0.5
done
# The answers must come from the processes just started (not from something else on the port).
for app in broker web; do
  kill -0 "$(cat "$RUN_DIR/$app.pid")" 2>/dev/null || die "the $app exited right after starting (port taken?); see $LOG_DIR/$app.log"
done
curl -fsS "http://127.0.0.1:$BROKER_PORT/healthz" >/dev/null || die "the broker did not start; see $LOG_DIR/broker.log"
curl -fsS "http://127.0.0.1:$WEB_PORT/" >/dev/null || die "the web app did not start; see $LOG_DIR/web.log"
log "Codeyard is running: http://localhost:$WEB_PORT  (broker on 127.0.0.1:$BROKER_PORT, logs in $LOG_DIR)"
