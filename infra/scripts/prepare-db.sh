#!/usr/bin/env bash
# Prepares the database layer (packages/db). Idempotent; needs the npm dependencies installed.
#   1. generates the Prisma clients (both providers) from prisma/schema.prisma if it changed —
#      needed before typecheck, tests, the web build and starting anything, since generated
#      clients are not committed (≈3 s when the schema changed, <1 s otherwise);
#   2. applies pending migrations to ${CODEYARD_DATABASE_URL:-file:$CODEYARD_DATA_DIR/codeyard.db}.
#      Nothing is locked when none is pending. SQLite is migrated under an exclusive lock, so with
#      pending migrations the broker and the web app must be stopped (it fails saying so).
#
#   bash infra/scripts/prepare-db.sh                  # both steps
#   bash infra/scripts/prepare-db.sh --generate-only  # step 1 (test.sh: tests use their own databases)
#   bash infra/scripts/prepare-db.sh --migrate-only   # step 2
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$CODEYARD_ROOT"
export CODEYARD_DATA_DIR="${CODEYARD_DATA_DIR:-/var/lib/codeyard}"

generate=1 migrate=1
case "${1:-}" in
  "") ;;
  --generate-only) migrate=0 ;;
  --migrate-only) generate=0 ;;
  *) die "usage: prepare-db.sh [--generate-only | --migrate-only]" ;;
esac

[ -x node_modules/.bin/tsx ] && [ -d node_modules/prisma ] \
  || die "npm dependencies are missing; run infra/scripts/install-deps.sh first"
tsx() { node_modules/.bin/tsx "$@"; }

if [ "$generate" = 1 ]; then
  tsx packages/db/scripts/generate-schemas.ts || die "generating the Prisma clients failed (see above)"
fi
if [ "$migrate" = 1 ]; then
  case "${CODEYARD_DATABASE_URL:-file:}" in file:*) mkdir -p "$CODEYARD_DATA_DIR" ;; esac
  tsx packages/db/scripts/migrate.ts || die "migrating the database failed (see above)"
fi
