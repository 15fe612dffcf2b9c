#!/usr/bin/env bash
# Makes sure a Redis server from Debian runs on 127.0.0.1 (for several brokers and their tests).
# Idempotent. Prints the URL.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
exec 3>&1 1>&2 # only the URL goes to stdout
PORT="${CODEYARD_REDIS_PORT:-6379}"
apt_install redis-server 3>&- # its postinst may start the server
if ! redis-cli -p "$PORT" ping >/dev/null 2>&1; then
  log "starting Redis on 127.0.0.1:$PORT"
  redis-server --port "$PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --logfile /var/log/codeyard-redis.log >/dev/null </dev/null 3>&- # keep the URL pipe out of the daemon
  for _ in $(seq 1 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$PORT" ping >/dev/null 2>&1 || die "Redis did not start; see /var/log/codeyard-redis.log"
fi
echo "redis://127.0.0.1:$PORT" >&3
