#!/usr/bin/env bash
# `npm test`: every check and test, against the real Docker engine. Makes sure the engine runs and
# the sandbox image exists first, so it works on a fresh machine (CI starts with neither).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$CODEYARD_ROOT"
export NEXT_TELEMETRY_DISABLED=1

bash infra/scripts/install-deps.sh
bash infra/scripts/ensure-engine.sh
bash infra/scripts/build-sandbox-image.sh >/dev/null
# Real servers for the database and multi-broker tests.
CODEYARD_TEST_POSTGRES_URL="$(bash infra/scripts/ensure-postgres.sh)"
CODEYARD_TEST_REDIS_URL="$(bash infra/scripts/ensure-redis.sh)"
export CODEYARD_TEST_POSTGRES_URL CODEYARD_TEST_REDIS_URL
ensure_secret_key

log "typecheck and lint"
npx turbo run typecheck lint --concurrency=2 --output-logs=errors-only

log "unit and integration tests (vitest)"
report=$(mktemp)
set +e
npx vitest run --reporter=default --reporter=json --outputFile.json="$report"
status=$?
set -e
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$report" || true
rm -f "$report"

log "end-to-end tests (Playwright, Debian Chromium, real broker and web app)"
apt_install chromium
npx turbo run build --filter=@codeyard/web --output-logs=errors-only
set +e
(cd e2e && npx playwright test)
e2e_status=$?
set -e
[ $status -eq 0 ] && status=$e2e_status
exit $status
