/** Database URLs: which provider a URL means, the default URL, and a loggable form. */
import { join } from "node:path";
import type { Env } from "@codeyard/env";
import { DbError } from "./errors.js";

export const PROVIDERS = ["sqlite", "postgresql"] as const;
export type Provider = (typeof PROVIDERS)[number];

/** The URL to use: CODEYARD_DATABASE_URL, else SQLite at `$CODEYARD_DATA_DIR/codeyard.db`. */
export function databaseUrl(env: Pick<Env, "CODEYARD_DATABASE_URL" | "CODEYARD_DATA_DIR">): string {
  return env.CODEYARD_DATABASE_URL ?? `file:${join(env.CODEYARD_DATA_DIR, "codeyard.db")}`;
}

/** `file:` → sqlite, `postgres://` / `postgresql://` → postgresql; anything else is refused. */
export function providerOf(url: string): Provider {
  if (/^file:.+/.test(url)) return "sqlite";
  if (/^postgres(ql)?:\/\/.+/.test(url)) return "postgresql";
  throw new DbError(
    "invalid_url",
    `Unsupported database URL "${redactUrl(url)}": use file:/path/to/codeyard.db (SQLite) or postgresql://user:password@host:5432/database (set CODEYARD_DATABASE_URL).`,
  );
}

/** The file path of a `file:` URL (query string, such as `?mode=…`, dropped). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:(\/\/)?/, "").replace(/\?.*$/, "");
}

/** The URL without its password, for logs and error messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}
