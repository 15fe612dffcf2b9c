/**
 * Applies pending migrations to the configured database (CODEYARD_DATABASE_URL, default SQLite in
 * CODEYARD_DATA_DIR); does nothing, and takes no lock, when none is pending. Used by
 * infra/scripts/prepare-db.sh.
 *   npm run migrate -w @codeyard/db
 */
import { loadEnv } from "@codeyard/env";
import { createDb, databaseUrl, migrateDatabase, pendingMigrations, redactUrl } from "../src/index.js";

async function main(): Promise<void> {
  const url = databaseUrl(loadEnv());
  const database = await createDb({ url });
  let pending: string[];
  try {
    pending = await pendingMigrations(database);
  } finally {
    await database.close();
  }
  if (pending.length === 0) {
    console.error(`db: ${redactUrl(url)} is up to date`);
    return;
  }
  console.error(`db: applying ${pending.length} migration(s) to ${redactUrl(url)}: ${pending.join(", ")}`);
  await migrateDatabase(url);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
