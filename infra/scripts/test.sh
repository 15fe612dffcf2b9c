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
[[ "$CODEYARD_TEST_POSTGRES_URL" =~ ^postgresql://[^[:space:]]+$ ]] \
  || die "ensure-postgres.sh printed no usable URL: '$CODEYARD_TEST_POSTGRES_URL'"
[[ "$CODEYARD_TEST_REDIS_URL" =~ ^redis://[^[:space:]]+$ ]] \
  || die "ensure-redis.sh printed no usable URL: '$CODEYARD_TEST_REDIS_URL'"
ensure_secret_key
ensure_vapid_keys

log "typecheck and lint"
npx turbo run typecheck lint --concurrency=2 --output-logs=errors-only

log "unit and integration tests (vitest)"
report=$(mktemp)
set +e
npx vitest run --reporter=default --reporter=json --outputFile.json="$report"
status=$?
set -e
vitest_counts=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} ${r.numFailedTests}`);
' "$report" 2>/dev/null || echo "0 1")
rm -f "$report"

log "end-to-end tests (Playwright, Debian Chromium, real broker and web app)"
set +e
bash infra/scripts/e2e.sh
e2e_status=$?
set -e
e2e_counts=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.stats.expected + r.stats.flaky} ${r.stats.unexpected}`);
' e2e/test-results/summary.json 2>/dev/null || echo "0 1")
[ $status -eq 0 ] && status=$e2e_status
read -r vp vf <<<"$vitest_counts"
read -r ep ef <<<"$e2e_counts"
echo "vitest: $vp passed, $vf failed"
echo "playwright: $ep passed, $ef failed"
echo "tests: $((vp + ep)) passed, $((vf + ef)) failed"
exit $status
