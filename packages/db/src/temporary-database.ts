/**
 * Throwaway databases for tests (this package's and any other's): a fresh SQLite file, or a fresh
 * PostgreSQL database on a test server, already migrated. Migrating costs seconds, so each
 * provider's migrated state is built once per set of migrations and copied: a template file for
 * SQLite, a template database (CREATE DATABASE … TEMPLATE) for PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { pgConfigFor } from "./adapters.js";
import { DbError } from "./errors.js";
import { migrateDatabase, migrationsHash } from "./migrations.js";
import { redactUrl, type Provider } from "./url.js";

export interface TemporaryDatabase {
  provider: Provider;
  /** Pass to createDb(). */
  url: string;
  /** Deletes the database. */
  drop(): Promise<void>;
}

export interface TemporaryDatabaseOptions {
  /** PostgreSQL server to create the database on, as a role with CREATEDB (CODEYARD_TEST_POSTGRES_URL). */
  postgresUrl?: string;
  /** Apply the migrations (default true); false gives an empty database. */
  migrated?: boolean;
}

export async function createTemporaryDatabase(provider: Provider, options: TemporaryDatabaseOptions = {}): Promise<TemporaryDatabase> {
  const migrated = options.migrated ?? true;
  if (provider === "sqlite") return temporarySqlite(migrated);
  if (!options.postgresUrl) throw new DbError("invalid_input", "createTemporaryDatabase(\"postgresql\") needs postgresUrl (CODEYARD_TEST_POSTGRES_URL).");
  return temporaryPostgres(options.postgresUrl, migrated);
}

async function temporarySqlite(migrated: boolean): Promise<TemporaryDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "codeyard-db-"));
  const path = join(dir, "codeyard.db");
  if (migrated) copyFileSync(await sqliteTemplate(), path);
  return {
    provider: "sqlite",
    url: `file:${path}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function sqliteTemplate(): Promise<string> {
  const template = join(tmpdir(), `codeyard-db-template-${migrationsHash("sqlite").slice(0, 16)}.db`);
  if (existsSync(template)) return template;
  // Built aside and renamed into place, so a concurrent test process never sees half of it.
  const building = `${template}.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    await migrateDatabase(`file:${building}`);
    renameSync(building, template);
  } finally {
    rmSync(building, { force: true });
  }
  return template;
}

async function temporaryPostgres(serverUrl: string, migrated: boolean): Promise<TemporaryDatabase> {
  const name = `codeyard_tmp_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
  await withAdmin(serverUrl, async (admin) => {
    await dropStale(admin);
    const template = migrated ? await postgresTemplate(admin, serverUrl) : undefined;
    await admin.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
  });
  return {
    provider: "postgresql",
    url: withDatabase(serverUrl, name),
    drop: () => withAdmin(serverUrl, async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

async function postgresTemplate(admin: pg.Client, serverUrl: string): Promise<string> {
  const template = `codeyard_tpl_${migrationsHash("postgresql").slice(0, 16)}`;
  const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
  if (found.rowCount) return template;
  const building = `${template}_b${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE DATABASE "${building}"`);
  try {
    await migrateDatabase(withDatabase(serverUrl, building));
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
  } catch (error) {
    await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    // Another test process built the same template first.
    if ((error as { code?: string }).code !== "42P04") throw error;
  }
  return template;
}

/** Drops temporary databases left by crashed runs (older than 6 hours) and outdated templates. */
async function dropStale(admin: pg.Client): Promise<void> {
  const current = `codeyard_tpl_${migrationsHash("postgresql").slice(0, 16)}`;
  const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'codeyard\\_t%'");
  const cutoff = Date.now() / 1000 - 6 * 3600;
  for (const { datname } of rows) {
    const tmp = /^codeyard_tmp_(\d+)_[0-9a-f]+$/.exec(datname);
    const staleTmp = tmp && Number(tmp[1]) < cutoff;
    const staleTemplate = /^codeyard_tpl_[0-9a-f]{16}$/.test(datname) && datname !== current;
    if (staleTmp || staleTemplate) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  }
}

async function withAdmin<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ ...pgConfigFor(serverUrl), connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new DbError(
      "unreachable",
      `PostgreSQL is not reachable at ${redactUrl(serverUrl)} (${(error as Error).message}). Start it with \`bash infra/scripts/ensure-postgres.sh\`, which prints the URL to put in CODEYARD_TEST_POSTGRES_URL.`,
      { cause: error },
    );
  }
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
