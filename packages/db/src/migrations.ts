/**
 * Migrations: committed SQL per provider under prisma/migrations/<provider>/, applied by Prisma's
 * `migrate deploy` (which records them in the `_prisma_migrations` table), never edited once
 * committed. infra/scripts/prepare-db.sh applies them at setup; services can check on start.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "./client.js";
import { DbError } from "./errors.js";
import { migrationsDir } from "./paths.js";
import { runPrisma } from "./prisma-cli.js";
import { providerOf, type Provider } from "./url.js";

/**
 * Applies every pending migration to the database at `url` (Prisma `migrate deploy`). On SQLite
 * Prisma takes the file exclusively, so nothing else may have it open (stop the broker and the web
 * app first); PostgreSQL serializes concurrent deploys with an advisory lock.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const provider = providerOf(url);
  try {
    await runPrisma(["migrate", "deploy"], { url, what: "applying migrations" });
  } catch (error) {
    if (provider === "sqlite" && error instanceof DbError && /SQLITE_BUSY|SocketTimeout|database is locked/.test(error.message)) {
      throw new DbError(
        "migration_failed",
        `Cannot migrate ${url}: another process has the SQLite database open (the broker or the web app?). Prisma migrates SQLite with an exclusive lock: stop them, run \`bash infra/scripts/prepare-db.sh\`, then start them again.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** Names of the committed migrations of a provider, oldest first. */
export function shippedMigrations(provider: Provider): string[] {
  const dir = migrationsDir(provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^\d{14}_[a-z0-9_]+$/.test(name) && existsSync(join(dir, name, "migration.sql")))
    .sort();
}

/** A hash of a provider's committed migrations (to cache migrated databases, e.g. in tests). */
export function migrationsHash(provider: Provider): string {
  const hash = createHash("sha256");
  for (const name of shippedMigrations(provider)) hash.update(`${name}\n`).update(readFileSync(join(migrationsDir(provider), name, "migration.sql")));
  return hash.digest("hex");
}

/** Names of the migrations applied to the database, oldest first. */
export async function appliedMigrations(database: Database): Promise<string[]> {
  const { db, provider } = database;
  const [table] =
    provider === "sqlite"
      ? await db.$queryRawUnsafe<{ n: number | bigint }[]>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      : await db.$queryRawUnsafe<{ n: number | bigint }[]>(
          "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'",
        );
  if (!table || Number(table.n) === 0) return [];
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "migration_name"`,
  );
  return rows.map((row) => row.migration_name);
}

/** Committed migrations not yet applied to the database. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const applied = new Set(await appliedMigrations(database));
  return shippedMigrations(database.provider).filter((name) => !applied.has(name));
}

/** Throws DbError("not_migrated") unless every committed migration is applied. */
export async function assertMigrated(database: Database): Promise<void> {
  const pending = await pendingMigrations(database);
  if (pending.length > 0) {
    throw new DbError(
      "not_migrated",
      `The database at ${database.url} lacks ${pending.length} migration(s) (${pending.slice(0, 3).join(", ")}${pending.length > 3 ? ", …" : ""}). Run \`bash infra/scripts/prepare-db.sh\` with the same CODEYARD_DATABASE_URL, then start again.`,
    );
  }
}
