#!/usr/bin/env bash
# Installs the npm dependencies when package-lock.json changed since the last install (or never ran).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$CODEYARD_ROOT"
marker=node_modules/.codeyard-lock-hash
want=$(sha256sum package-lock.json | cut -c1-64)
if [ ! -f "$marker" ] || [ "$(cat "$marker")" != "$want" ]; then
  log "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$marker"
fi
