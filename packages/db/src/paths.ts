/** Where the schema, the generated clients and the migrations live (this package is used as source). */
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Provider } from "./url.js";

export const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
export const REPO_DIR = join(PACKAGE_DIR, "..", "..");
/** The one schema source, written for SQLite. */
export const SOURCE_SCHEMA = join(REPO_DIR, "prisma", "schema.prisma");
/** The Prisma config every CLI call uses (driver adapters, no native engine). */
export const PRISMA_CONFIG = join(PACKAGE_DIR, "prisma.config.ts");

/** The per-provider copy of the schema written by scripts/generate-schemas.ts. */
export function generatedSchemaPath(provider: Provider): string {
  return join(PACKAGE_DIR, "generated", provider, "schema.prisma");
}

/** Committed migrations of one provider (prisma/migrations/<provider>/<timestamp>_<name>/migration.sql). */
export function migrationsDir(provider: Provider): string {
  return join(REPO_DIR, "prisma", "migrations", provider);
}

/** The Prisma CLI's entry point, run with the current Node binary. */
export function prismaCli(): string {
  return createRequire(import.meta.url).resolve("prisma/build/index.js");
}
