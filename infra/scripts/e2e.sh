#!/usr/bin/env bash
# The end-to-end tests alone (test.sh runs them after vitest): builds the web app, gives the e2e
# stack a fresh migrated database, and runs Playwright; extra arguments go to `playwright test`
# (e.g. a spec file or `-g <title>`). Set CODEYARD_E2E_PORT_OFFSET to run beside another checkout.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$CODEYARD_ROOT"
export NEXT_TELEMETRY_DISABLED=1
ensure_secret_key
ensure_vapid_keys
apt_install chromium
npx turbo run build --filter=@codeyard/web --output-logs=errors-only
# A fresh database for the end-to-end stack (its first sign-up becomes the admin).
# (the same path as e2e/support/ports.ts: the directory is the e2e broker's id)
e2e_id=e2e; [ "${CODEYARD_E2E_PORT_OFFSET:-0}" != 0 ] && e2e_id="e2e-$CODEYARD_E2E_PORT_OFFSET"
e2e_db="${CODEYARD_DATA_DIR:-/var/lib/codeyard}/$e2e_id/codeyard-e2e.db"
rm -f "$e2e_db" "$e2e_db-wal" "$e2e_db-shm" && mkdir -p "$(dirname "$e2e_db")"
CODEYARD_DATABASE_URL="file:$e2e_db" bash infra/scripts/prepare-db.sh --migrate-only
cd e2e
set +e
npx playwright test "$@"
status=$?
set -e
# A broker keeps its sandboxes for the next start; the e2e stack has none.
npx tsx support/cleanup.ts || log "warning: removing the e2e sandboxes failed (they are reaped at the next e2e start)"
exit $status
