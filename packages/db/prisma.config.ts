/**
 * Configuration of every Prisma CLI call (generate, migrate deploy, migrate diff): the JS schema
 * engine over a driver adapter, so nothing is downloaded. The database, and so the provider's
 * schema and migrations, come from CODEYARD_DATABASE_URL (default: SQLite in CODEYARD_DATA_DIR).
 */
import { loadEnv } from "@codeyard/env";
import { defineConfig } from "prisma/config";
import { migrationAdapterFor } from "./src/cli-adapter.js";
import { generatedSchemaPath, migrationsDir } from "./src/paths.js";
import { databaseUrl, providerOf } from "./src/url.js";

const url = databaseUrl(loadEnv());
const provider = providerOf(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: generatedSchemaPath(provider),
  migrations: { path: migrationsDir(provider) },
  adapter: async () => migrationAdapterFor(url),
});
