#!/usr/bin/env bash
# Runs Codeyard's benchmarks on demand (never in CI): `npm run bench` runs them all,
# `npm run bench -- P2` one of them (see bench/src/main.ts for the list and the options).
# Needs the Docker engine and the sandbox image, which it makes sure of first.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$CODEYARD_ROOT/infra/scripts/ensure-engine.sh"
bash "$CODEYARD_ROOT/infra/scripts/build-sandbox-image.sh" >/dev/null
cd "$CODEYARD_ROOT"
exec npx tsx bench/src/main.ts "$@"
