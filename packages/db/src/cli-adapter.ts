/**
 * The adapter factory for the Prisma CLI (prisma.config.ts): adapterFor(url) with two fixes for
 * Prisma 6.19's schema engine over driver adapters. They matter only to the CLI (migrate deploy,
 * migrate diff); the application's queries never meet them.
 * - PostgreSQL: adapter-pg refuses the catalog's own column types (`name`, `"char"`, …) that the
 *   schema engine reads to describe a database ("Column type 'name' could not be deserialized"),
 *   so `migrate deploy` fails. Here they reach the adapter as text.
 * - Shadow databases (`migrate diff --from-migrations`: new-migration, the drift test): SQLite's
 *   runs each migration through `executeRaw`, which accepts a single statement (here a
 *   parameterless query runs as a script); PostgreSQL's is replaced, see postgresShadow().
 */
import { randomUUID } from "node:crypto";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { adapterFor, pgConfigFor } from "./adapters.js";
import { providerOf } from "./url.js";

export function migrationAdapterFor(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(url) === "postgresql") {
    const main = postgresAdapter(pgConfigFor(url));
    return {
      provider: main.provider,
      adapterName: main.adapterName,
      connect: () => main.connect(),
      connectToShadowDb: () => postgresShadow(pgConfigFor(url)),
    };
  }
  // Prisma holds SQLite exclusively while it migrates; give up soon if another process has it open.
  const main = adapterFor(url, { busyTimeoutMs: 5000 });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    connectToShadowDb: sqliteShadow,
  };
}

function postgresAdapter(config: pg.PoolConfig): PrismaPg {
  // allowExitOnIdle: the CLI does not close its adapter, and idle connections would hold it 10 s.
  const pool = new pg.Pool({ ...config, max: 2, allowExitOnIdle: true, idleTimeoutMillis: 100 });
  pool.on("connect", catalogTypesAsText);
  return new PrismaPg(pool, { disposeExternalPool: true });
}

/**
 * A throwaway database next to the real one (the role needs CREATEDB). adapter-pg's own drops the
 * database while its pool is still connected to it, fails, and leaks the database.
 */
async function postgresShadow(config: pg.PoolConfig): Promise<SqlDriverAdapter> {
  const database = `codeyard_shadow_${randomUUID().replaceAll("-", "")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client(config);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${database}"`);
  const adapter = await postgresAdapter({ ...config, database }).connect();
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  };
  return adapter;
}

/** Catalog type → the builtin type adapter-pg understands, with the same text representation. */
const AS_TEXT = new Map<number, number>([
  [18, 25], // "char"
  [19, 25], // name
  [22, 25], // int2vector
  [24, 25], // regproc
  [28, 25], // xid
  [30, 25], // oidvector
  [194, 25], // pg_node_tree
  [1033, 25], // aclitem
  [2205, 25], // regclass
  [1003, 1009], // name[]
  [1034, 1009], // aclitem[]
]);

type TypeParserLookup = (oid: number, format?: string) => unknown;
interface QueryConfigWithTypes {
  types?: { getTypeParser?: TypeParserLookup };
}

function catalogTypesAsText(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const patched = (...args: unknown[]): unknown => {
    const config = args[0] as QueryConfigWithTypes | undefined;
    const lookup = typeof config === "object" ? config?.types?.getTypeParser : undefined;
    if (config && lookup) {
      args[0] = { ...config, types: { getTypeParser: (oid: number, format?: string) => lookup(AS_TEXT.get(oid) ?? oid, format) } };
    }
    const fix = (res: pg.QueryResult | undefined) => {
      for (const field of res?.fields ?? []) field.dataTypeID = AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
      return res;
    };
    const callback = args.at(-1);
    if (typeof callback === "function") {
      // Pool#query calls the client with a callback.
      args[args.length - 1] = (error: Error | undefined, res: pg.QueryResult | undefined) => callback(error, fix(res));
      return query(...args);
    }
    const result = query(...args);
    return result instanceof Promise ? result.then(fix) : result;
  };
  Object.assign(client, { query: patched });
}

async function sqliteShadow(): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaBetterSQLite3({ url: ":memory:" }).connect();
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}
