/** The driver adapter for a URL: better-sqlite3 for `file:`, node-postgres for `postgresql://`. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { providerOf, sqlitePath } from "./url.js";

export interface AdapterOptions {
  /** SQLite: how long to wait for another connection's write lock (ms). Default 10 s. */
  busyTimeoutMs?: number;
  /** PostgreSQL: connections in the pool. Default 10. */
  poolSize?: number;
}

export function adapterFor(url: string, options: AdapterOptions = {}): PrismaBetterSQLite3 | PrismaPg {
  if (providerOf(url) === "sqlite") {
    const path = sqlitePath(url);
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    return new PrismaBetterSQLite3({ url: path, timeout: options.busyTimeoutMs ?? 10_000 });
  }
  return new PrismaPg({ ...pgConfigFor(url), max: options.poolSize ?? 10 });
}

/**
 * node-postgres settings from a URL, as discrete fields rather than `connectionString` (which
 * would win over any `database` set next to it).
 */
export function pgConfigFor(url: string): pg.PoolConfig {
  return parseIntoClientConfig(url) as pg.PoolConfig;
}
