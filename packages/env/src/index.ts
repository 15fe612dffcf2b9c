/**
 * The one typed view of Codeyard's environment variables. Everything else receives configuration
 * from here (lint forbids `process.env` elsewhere), so a bad value fails at start with a message
 * naming the variable, not deep inside a request.
 */
import { z } from "zod";

const bytes = z
  .string()
  .regex(/^\d+(\.\d+)?[kmg]?$/i, "use a size like 512m or 2g")
  .transform((value) => {
    const unit = value.slice(-1).toLowerCase();
    const scale = unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1;
    return Math.round(Number.parseFloat(value) * scale);
  });

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  /** Host directory for sandbox sockets, metadata, workspaces and the embedded database. */
  CODEYARD_DATA_DIR: z.string().default("/var/lib/codeyard"),
  /** Identifies this broker among several; sandboxes are labelled with it. */
  CODEYARD_BROKER_ID: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/).default("broker-1"),
  CODEYARD_SANDBOX_IMAGE: z.string().default("codeyard/sandbox:latest"),
  CODEYARD_SANDBOX_NETWORK: z.enum(["none", "allowlist", "full"]).default("full"),
  CODEYARD_SANDBOX_MEMORY: bytes.default(2 * 1024 ** 3),
  CODEYARD_SANDBOX_CPUS: z.coerce.number().positive().max(64).default(1),
  CODEYARD_SANDBOX_PIDS: z.coerce.number().int().min(32).max(65_536).default(512),
  CODEYARD_POOL_SIZE: z.coerce.number().int().min(0).max(64).default(2),
  CODEYARD_IDLE_PAUSE_MINUTES: z.coerce.number().positive().default(10),
  CODEYARD_IDLE_STOP_MINUTES: z.coerce.number().positive().default(60),
  /**
   * Minutes after which checkpoint snapshots and environment images no database row refers to
   * (their project was deleted) are removed; 0: never. Only for a broker whose installation alone
   * uses this Docker engine and workspace store (`npm run up` sets 60).
   */
  CODEYARD_ORPHAN_CHECKPOINT_MINUTES: z.coerce.number().min(0).max(525_600).default(0),
  /** Checkpoints kept per session; older ones nothing branches from are deleted (with their snapshots). */
  CODEYARD_CHECKPOINTS_PER_SESSION: z.coerce.number().int().min(10).max(100_000).default(1000),
  /** How often the broker removes the sandboxes of deleted projects. */
  CODEYARD_REAP_DELETED_PROJECTS_SECONDS: z.coerce.number().positive().max(86_400).default(60),
  CODEYARD_BROKER_HOST: z.string().default("127.0.0.1"),
  /** 0 picks a free port (tests); the broker logs the one it got. */
  CODEYARD_BROKER_PORT: z.coerce.number().int().min(0).max(65_535).default(4100),
  CODEYARD_WEB_PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  CODEYARD_PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  /** The broker as browsers reach it (socket.io); the web app hands it to the IDE page. */
  CODEYARD_BROKER_PUBLIC_URL: z.string().url().default("http://localhost:4100"),
  /** Port of the app-preview proxy: a separate origin per sandbox port, never the IDE's. */
  CODEYARD_PREVIEW_PORT: z.coerce.number().int().min(0).max(65_535).default(4101),
  /**
   * Domain under which previews live as `<port>-<sandboxId>.<domain>`; `preview.localhost`
   * resolves to this machine in browsers. Use a wildcard DNS name in production.
   */
  CODEYARD_PREVIEW_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/).default("preview.localhost"),
  /**
   * Port of the egress proxy of `allowlist` sandboxes, on the host address of their internal
   * network (never reachable from outside this machine); brokers sharing one engine share it.
   */
  CODEYARD_EGRESS_PROXY_PORT: z.coerce.number().int().min(1).max(65_535).default(4102),
  /** OpenID Connect sign-in for companies (all three set, or none). */
  CODEYARD_OIDC_ISSUER: z.string().url().optional(),
  CODEYARD_OIDC_CLIENT_ID: z.string().min(1).optional(),
  CODEYARD_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /**
   * Where the data lives: `file:/path/to.db` (SQLite, embedded) or `postgresql://…` (several
   * brokers). Unset: `file:$CODEYARD_DATA_DIR/codeyard.db` (see databaseUrl() in @codeyard/db).
   */
  CODEYARD_DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, "use file:/path/to/codeyard.db or postgresql://user:password@host:5432/database")
    .optional(),
  /**
   * Key that encrypts secrets at rest (API keys, project secrets): base64 of 32 random bytes, e.g.
   * `openssl rand -base64 32`. Required in production; elsewhere a key is generated once into
   * `$CODEYARD_DATA_DIR/secret.key` (see loadSecretKey() in @codeyard/db).
   */
  CODEYARD_SECRET_KEY: z
    .string()
    .refine((value) => /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, "base64").length === 32, {
      message: "must be base64 of exactly 32 bytes; generate one with `openssl rand -base64 32`",
    })
    .optional(),
  /**
   * Web Push (VAPID) key pair, base64url, as `npx web-push generate-vapid-keys` prints it. Required
   * in production (both or neither); elsewhere a pair is generated once into
   * `$CODEYARD_DATA_DIR/vapid.json` (infra/scripts/lib.sh's ensure_vapid_keys, or the broker).
   */
  CODEYARD_VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, "must be the base64url public key (87 characters)").optional(),
  CODEYARD_VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be the base64url private key (43 characters)").optional(),
  /** Who push services contact about this server's pushes: a mailto: or https: URL. */
  CODEYARD_VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:.+|https:\/\/.+)$/, "use mailto:you@example.com or an https: URL")
    .default("mailto:codeyard@localhost"),
  /** PostgreSQL server for the database tests (infra/scripts/ensure-postgres.sh prints it). */
  CODEYARD_TEST_POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, "use postgresql://user:password@host:port/database")
    .default("postgresql://codeyard_test:codeyard_test@127.0.0.1:5432/codeyard_test"),
  /** Redis for the socket.io adapter, to run several brokers behind one address; empty: one broker. */
  CODEYARD_REDIS_URL: z.union([z.literal(""), z.string().regex(/^rediss?:\/\/.+/, "use redis://host:6379")]).default(""),
  /** Redis server for the multi-broker tests (infra/scripts/ensure-redis.sh prints it). */
  CODEYARD_TEST_REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, "use redis://host:6379").default("redis://127.0.0.1:6379"),
  /**
   * Shifts the end-to-end stack's ports (web 3300, broker 4300, preview 4301) and its database
   * directory, so two checkouts on one machine can run their Playwright tests at the same time.
   */
  CODEYARD_E2E_PORT_OFFSET: z.coerce.number().int().min(0).max(900).default(0),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

/** Parses `source` (default: the process environment); throws an EnvError naming each bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new EnvError(`Invalid configuration in the environment: ${problems}`);
  }
  return result.data;
}

let cached: Env | undefined;
/** The process's configuration, parsed once. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** The environment for a child process: this process's variables with `overrides` on top. */
export function childEnv(overrides: Record<string, string>): Record<string, string> {
  const inherited = Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return { ...Object.fromEntries(inherited), ...overrides };
}
