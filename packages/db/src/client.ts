/**
 * createDb: one typed client over SQLite or PostgreSQL, chosen by the URL.
 *
 * Both providers' clients are generated from the same schema (scripts/generate-schemas.ts), so they
 * have the same models and fields. The public type, `Db`, is the SQLite client's: its API is the
 * subset both providers support (no `mode: "insensitive"`, no `skipDuplicates`), so code written
 * against it runs on either. The PostgreSQL client is handed out under that type.
 *
 * SQLite: one connection per file per process. better-sqlite3 is synchronous, so a second
 * connection in the same process that waits for the first one's write lock would block the event
 * loop the first one needs to commit (a deadlock until the busy timeout). So createDb hands every
 * caller in a process the same client for the same file (Prisma queues its transactions) and
 * closes it with the last close(). Separate processes (broker, web app) each wait on their own
 * event loop and are fine.
 */
import { resolve } from "node:path";
import { PrismaClient as PostgresClient } from "../generated/postgresql/client/client.js";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client/client.js";
import { adapterFor, type AdapterOptions } from "./adapters.js";
import { DbError } from "./errors.js";
import { providerOf, redactUrl, sqlitePath, type Provider } from "./url.js";

export type Db = SqliteClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  readonly db: Db;
  readonly provider: Provider;
  /** The URL without its password, for logs. */
  readonly url: string;
  /** Closes the connection (SQLite) or the pool (PostgreSQL). Idempotent. */
  close(): Promise<void>;
}

export interface CreateDbOptions extends AdapterOptions {
  /** `file:/path/to.db` or `postgresql://user:password@host:port/database` (see databaseUrl()). */
  url: string;
}

const TRANSACTIONS = { maxWait: 10_000, timeout: 30_000 };

/** SQLite files open in this process: one shared client each, closed with the last user. */
const openSqlite = new Map<string, { opening: Promise<Database>; users: number }>();

/**
 * Opens the database at `url` and checks that it answers; throws DbError("unreachable") if not.
 * For a SQLite file already open in this process, returns that client (see above).
 */
export async function createDb(options: CreateDbOptions): Promise<Database> {
  if (providerOf(options.url) !== "sqlite" || sqlitePath(options.url) === ":memory:") return openDb(options);
  const key = resolve(sqlitePath(options.url));
  let entry = openSqlite.get(key);
  if (!entry) {
    entry = { opening: openDb(options), users: 0 };
    openSqlite.set(key, entry);
    const opened = entry;
    opened.opening.catch(() => openSqlite.get(key) === opened && openSqlite.delete(key));
  }
  entry.users += 1;
  const shared = entry;
  const database = await shared.opening;
  let closed = false;
  return {
    ...database,
    close: async () => {
      if (closed) return;
      closed = true;
      shared.users -= 1;
      if (shared.users > 0) return;
      if (openSqlite.get(key) === shared) openSqlite.delete(key);
      await database.close();
    },
  };
}

async function openDb(options: CreateDbOptions): Promise<Database> {
  const provider = providerOf(options.url);
  const url = redactUrl(options.url);
  let db: Db;
  try {
    const adapter = adapterFor(options.url, options);
    db =
      provider === "sqlite"
        ? new SqliteClient({ adapter, transactionOptions: TRANSACTIONS })
        : (new PostgresClient({ adapter, transactionOptions: TRANSACTIONS }) as unknown as Db);
  } catch (error) {
    throw unreachable(provider, options.url, error);
  }
  try {
    if (provider === "sqlite") {
      // WAL: readers never wait for the writer, and the broker and the web app share the file.
      await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
      await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
      await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    } else {
      await db.$queryRawUnsafe("SELECT 1");
    }
  } catch (error) {
    await db.$disconnect().catch(() => undefined);
    throw unreachable(provider, options.url, error);
  }
  let closing: Promise<void> | undefined;
  return { db, provider, url, close: () => (closing ??= db.$disconnect()) };
}

function unreachable(provider: Provider, url: string, error: unknown): DbError {
  const text = error instanceof Error ? error.message : String(error);
  // Prisma wraps the driver's message in a multi-line report; keep the driver's words.
  const reason = /Message: `([^`]*)`/.exec(text)?.[1] ?? text.trim().split("\n").filter(Boolean).at(-1) ?? text;
  const message =
    provider === "sqlite"
      ? `Cannot open the SQLite database ${sqlitePath(url)}: ${reason}. Check that its directory (CODEYARD_DATA_DIR) exists and is writable, or set CODEYARD_DATABASE_URL.`
      : `Cannot connect to PostgreSQL at ${redactUrl(url)}: ${reason}. Check that the server runs and that CODEYARD_DATABASE_URL is right (tests: bash infra/scripts/ensure-postgres.sh).`;
  return new DbError("unreachable", message, { cause: error });
}
