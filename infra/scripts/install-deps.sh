#!/usr/bin/env bash
# Installs the npm dependencies when package-lock.json changed since the last install (or never ran).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$CODEYARD_ROOT"
marker=node_modules/.codeyard-lock-hash
want=$(sha256sum package-lock.json | cut -c1-64)
if [ ! -f "$marker" ] || [ "$(cat "$marker")" != "$want" ]; then
  log "installing npm dependencies"
  # `npm install`, not `npm ci`: npm 11 leaves other platforms' optional packages (turbo's
  # binaries) out of the lockfile and `npm ci` then refuses it. The lockfile still pins versions.
  npm install --no-audit --no-fund --loglevel=error
  # npm may rewrite the lockfile while installing; remember what it left.
  sha256sum package-lock.json | cut -c1-64 > "$marker"
fi
# The Prisma clients are generated, not committed (fast when already up to date).
bash infra/scripts/prepare-db.sh --generate-only
