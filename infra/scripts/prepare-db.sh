#!/usr/bin/env bash
# Generates the Prisma clients (they are not committed) and applies the committed migrations to
# the database in CODEYARD_DATABASE_URL (default: SQLite in $CODEYARD_DATA_DIR/codeyard.db).
# Idempotent and offline. Run after npm install and before typecheck, tests or start.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$CODEYARD_ROOT"
npm run --silent generate -w @codeyard/db >&2
[ "${1:-}" = "--generate-only" ] && exit 0
mkdir -p "${CODEYARD_DATA_DIR:-/var/lib/codeyard}"
npm run --silent migrate -w @codeyard/db >&2
